import type { FunctionId } from './functions.ts';

/**
 * The domain events on the stack's EventBridge bus, declared once. infra/ makes one rule per entry
 * of EVENT_RULES, targeting its function; infra/local/event-bus.ts routes the same rules locally.
 * Functions publish through shared/adapters/events/publisher.ts, always with this source.
 */
export const EVENT_SOURCE = 'provider-engagement';

export const EVENT_TYPES = ['ProviderCommented'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A provider submitted comments on a shared pre-meeting template (R-TPL-3); its holder is to be told (R-TPL-4). */
export interface ProviderCommented {
  meetingId: string;
  providerId: string;
  commentIds: string[];
  /** ISO 8601 instant. */
  submittedAt: string;
}

/** The detail each event type carries. */
export interface EventDetails {
  ProviderCommented: ProviderCommented;
}

/** What SES puts on the account's default bus for a configuration set with an EventBridge destination. */
export const SES_EVENT_SOURCE = 'aws.ses';

/**
 * The detail-types SES publishes to EventBridge, as AWS's EventBridge event reference names them
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html): the one place they are
 * spelt. Rules, handlers and tests take them from here; the local event bus refuses an `aws.ses`
 * event with any other detail-type, so a misspelt name (`Email Complained`) fails locally too.
 */
export const SES_DETAIL_TYPES = {
  bounce: 'Email Bounced',
  complaint: 'Email Complaint Received',
  reject: 'Email Rejected',
  renderingFailure: 'Email Rendering Failed',
  send: 'Email Sent',
  delivery: 'Email Delivered',
  deliveryDelay: 'Email Delivery Delayed',
  open: 'Email Opened',
  click: 'Email Clicked',
  subscription: 'Email Subscribed',
  advisorOpen: 'Advisor Recommendation Status Open',
  advisorResolved: 'Advisor Recommendation Status Resolved',
  sendingEnabled: 'Sending Status Enabled',
  sendingDisabled: 'Sending Status Disabled',
} as const;
export type SesDetailType = (typeof SES_DETAIL_TYPES)[keyof typeof SES_DETAIL_TYPES];
export const SES_PUBLISHED_DETAIL_TYPES: readonly SesDetailType[] = Object.values(SES_DETAIL_TYPES);

/** Bounces and complaints: the address is undeliverable. */
export const SES_DELIVERABILITY_EVENTS = [SES_DETAIL_TYPES.bounce, SES_DETAIL_TYPES.complaint] as const;
export type SesDeliverabilityEvent = (typeof SES_DELIVERABILITY_EVENTS)[number];
/** SES accepted the send but did not send it: a template that would not render, or a rejected message. */
export const SES_SEND_FAILURE_EVENTS = [SES_DETAIL_TYPES.renderingFailure, SES_DETAIL_TYPES.reject] as const;
export type SesSendFailureEvent = (typeof SES_SEND_FAILURE_EVENTS)[number];

/** The part of an SES bounce or complaint event the system reads. */
export interface SesDeliverabilityDetail {
  eventType: 'Bounce' | 'Complaint';
  mail: { messageId: string; tags?: Record<string, string[]> };
  bounce?: { bounceType: string; bounceSubType?: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complainedRecipients: { emailAddress: string }[]; complaintFeedbackType?: string };
}

/**
 * The part of an SES rendering failure or reject event the system reads
 * (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html: `failure`
 * holds `errorMessage` and `templateName`, `reject` holds `reason`).
 */
export interface SesSendFailureDetail {
  eventType: 'Rendering Failure' | 'Reject';
  mail: { messageId: string; tags?: Record<string, string[]> };
  failure?: { errorMessage?: string; templateName?: string };
  reject?: { reason?: string };
}

export interface EventRule {
  id: string;
  description: string;
  /**
   * `app`: the stack's own bus, where functions publish with EVENT_SOURCE. `default`: the account's
   * default bus, the only one SES delivers its sending events to.
   */
  bus: 'app' | 'default';
  /** Matched together with the detail types, as the rule's event pattern. */
  source: string;
  detailTypes: readonly (EventType | SesDetailType)[];
  targetFunctionId: FunctionId;
  /** Retries after a failed delivery before the event goes to the dead-letter queue. */
  retry: { retryAttempts: number; maximumEventAgeSeconds: number };
}

export const EVENT_RULES: readonly EventRule[] = [
  {
    id: 'notify-holder-of-comments',
    description: 'R-TPL-4: tell the relationship holder when a provider comments on a pre-meeting template',
    bus: 'app',
    source: EVENT_SOURCE,
    detailTypes: ['ProviderCommented'],
    targetFunctionId: 'notifications',
    retry: { retryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 },
  },
  {
    id: 'mark-undeliverable',
    description:
      'Bounces and complaints (SES configuration set): stop sending to the address and ask the holder for a new one',
    bus: 'default',
    source: SES_EVENT_SOURCE,
    detailTypes: SES_DELIVERABILITY_EVENTS,
    targetFunctionId: 'notifications',
    retry: { retryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 },
  },
  {
    id: 'record-send-failure',
    description:
      'SES rendering failures and rejects (SES configuration set): record the email as failed for good, never as sent',
    bus: 'default',
    source: SES_EVENT_SOURCE,
    detailTypes: SES_SEND_FAILURE_EVENTS,
    targetFunctionId: 'notifications',
    retry: { retryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 },
  },
];
