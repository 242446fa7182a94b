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
export const SES_DELIVERABILITY_EVENTS = ['Email Bounced', 'Email Complained'] as const;
export type SesDeliverabilityEvent = (typeof SES_DELIVERABILITY_EVENTS)[number];

/** The part of an SES bounce or complaint event the system reads. */
export interface SesDeliverabilityDetail {
  eventType: 'Bounce' | 'Complaint';
  mail: { messageId: string; tags?: Record<string, string[]> };
  bounce?: { bounceType: string; bounceSubType?: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complainedRecipients: { emailAddress: string }[]; complaintFeedbackType?: string };
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
  detailTypes: readonly (EventType | SesDeliverabilityEvent)[];
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
];
