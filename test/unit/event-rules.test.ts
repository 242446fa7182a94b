import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../infra/local/event-bus.ts';
import {
  EVENT_RULES,
  EVENT_SOURCE,
  EVENT_TYPES,
  type EventRule,
  SES_DELIVERABILITY_EVENTS,
  SES_DETAIL_TYPES,
  SES_EVENT_SOURCE,
  SES_PUBLISHED_DETAIL_TYPES,
  SES_SEND_FAILURE_EVENTS,
} from '../../shared/definitions/events.ts';
import { FUNCTION_IDS } from '../../shared/definitions/functions.ts';

const targetsOf = (source: string, detailType: string) =>
  rulesFor(source, detailType).map((rule) => rule.targetFunctionId);

describe('which rules the local event bus applies to an event', () => {
  it('delivers ProviderCommented to the notifications function and nothing else (R-TPL-4)', () => {
    expect(targetsOf(EVENT_SOURCE, 'ProviderCommented')).toEqual(['notifications']);
  });

  it('names the rule that notifies the holder of comments', () => {
    expect(rulesFor(EVENT_SOURCE, 'ProviderCommented').map((rule) => rule.id)).toEqual(['notify-holder-of-comments']);
  });

  it.each([['ProviderRegistered'], ['providercommented'], ['ProviderCommented '], ['']])(
    'matches no rule for the unknown detail type %j',
    (detailType) => {
      expect(rulesFor(EVENT_SOURCE, detailType)).toEqual([]);
    },
  );

  it.each(SES_DELIVERABILITY_EVENTS.map((detailType) => [detailType]))(
    'delivers SES %s from the default bus to the notifications function',
    (detailType) => {
      expect(rulesFor(SES_EVENT_SOURCE, detailType, 'default').map((rule) => rule.id)).toEqual(['mark-undeliverable']);
    },
  );

  it.each(SES_SEND_FAILURE_EVENTS.map((detailType) => [detailType]))(
    'delivers SES %s from the default bus to the notifications function, to record the email as failed',
    (detailType) => {
      expect(rulesFor(SES_EVENT_SOURCE, detailType, 'default').map((rule) => rule.id)).toEqual(['record-send-failure']);
    },
  );

  it('matches no rule for "Email Complained", a name SES does not publish (it is "Email Complaint Received")', () => {
    expect(rulesFor(SES_EVENT_SOURCE, 'Email Complained', 'default')).toEqual([]);
    expect(rulesFor(SES_EVENT_SOURCE, SES_DETAIL_TYPES.complaint, 'default')).toHaveLength(1);
  });

  it('ignores an SES bounce put on the stack’s own bus: SES delivers only to the default bus', () => {
    expect(rulesFor(SES_EVENT_SOURCE, 'Email Bounced', 'app')).toEqual([]);
  });

  it('ignores ProviderCommented on the default bus: functions publish to the stack’s bus', () => {
    expect(rulesFor(EVENT_SOURCE, 'ProviderCommented', 'default')).toEqual([]);
  });

  it.each([['aws.events'], ['provider-engagement-test'], ['']])(
    'matches no rule for ProviderCommented from the source %j',
    (source) => {
      expect(rulesFor(source, 'ProviderCommented')).toEqual([]);
    },
  );

  it('applies every rule that lists a detail type, as EventBridge delivers to each matching rule', () => {
    const rule = (id: string, detailTypes: EventRule['detailTypes']): EventRule => ({
      id,
      description: id,
      bus: 'app',
      source: EVENT_SOURCE,
      detailTypes,
      targetFunctionId: 'notifications',
      retry: { retryAttempts: 0, maximumEventAgeSeconds: 60 },
    });
    const rules = [rule('first', ['ProviderCommented']), rule('other', []), rule('second', ['ProviderCommented'])];

    expect(rulesFor(EVENT_SOURCE, 'ProviderCommented', 'app', rules).map(({ id }) => id)).toEqual(['first', 'second']);
  });
});

describe('the event rules as declared', () => {
  it.each(EVENT_RULES.map((rule) => [rule.id, rule] as const))('%s targets a declared function', (_, rule) => {
    expect(FUNCTION_IDS).toContain(rule.targetFunctionId);
    expect(rule.detailTypes.length).toBeGreaterThan(0);
    const known: readonly string[] = rule.source === SES_EVENT_SOURCE ? SES_PUBLISHED_DETAIL_TYPES : EVENT_TYPES;
    for (const detailType of rule.detailTypes) expect(known).toContain(detailType);
  });

  it.each(EVENT_RULES.map((rule) => [rule.id, rule] as const))(
    '%s retries within what Lambda asynchronous invocation allows (0 to 2 retries, 1 minute to 6 hours)',
    (_, rule) => {
      expect(rule.retry.retryAttempts).toBeGreaterThanOrEqual(0);
      expect(rule.retry.retryAttempts).toBeLessThanOrEqual(2);
      expect(rule.retry.maximumEventAgeSeconds).toBeGreaterThanOrEqual(60);
      expect(rule.retry.maximumEventAgeSeconds).toBeLessThanOrEqual(6 * 60 * 60);
    },
  );

  it('gives every rule its own id', () => {
    const ids = EVENT_RULES.map((rule) => rule.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
