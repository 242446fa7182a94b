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

export interface EventRule {
  id: string;
  description: string;
  /** Matched together with EVENT_SOURCE, as the rule's event pattern. */
  detailTypes: readonly EventType[];
  targetFunctionId: FunctionId;
  /** Retries after a failed delivery before the event goes to the dead-letter queue. */
  retry: { retryAttempts: number; maximumEventAgeSeconds: number };
}

export const EVENT_RULES: readonly EventRule[] = [
  {
    id: 'notify-holder-of-comments',
    description: 'R-TPL-4: tell the relationship holder when a provider comments on a pre-meeting template',
    detailTypes: ['ProviderCommented'],
    targetFunctionId: 'notifications',
    retry: { retryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 },
  },
];
