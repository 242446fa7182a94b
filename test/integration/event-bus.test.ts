import { randomUUID } from 'node:crypto';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type Deliver, type LocalEventBus, startLocalEventBus } from '../../infra/local/event-bus.ts';
import { freePort } from '../../infra/local/free-port.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import {
  EVENT_SOURCE,
  type EventType,
  type ProviderCommented,
  SES_DETAIL_TYPES,
  SES_EVENT_SOURCE,
  SES_PUBLISHED_DETAIL_TYPES,
} from '../../shared/definitions/events.ts';

/**
 * The local event bus over the wire: the real publisher (shared/adapters/events/publisher.ts) puts events
 * through the EventBridge SDK, the bus answers PutEvents as AWS does and delivers to the stack's rules.
 * Targets here are a recording stand-in (the notifications handler is tested on its own), so this file
 * starts its own bus and points the SDK at it; the run's shared bus is checked at the end.
 */
type Publisher = typeof import('../../shared/adapters/events/publisher.ts');

const received: { functionId: string; envelope: Parameters<Deliver>[1] }[] = [];
/** What the rule targets do when invoked; each test that needs a fault sets its own. */
let target: Deliver = async () => undefined;

let bus: LocalEventBus;
let publisher: Publisher;
let busName: string;
const sharedEndpoint = process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;

beforeAll(async () => {
  const { STAGE, EVENT_BUS_NAME } = readEnv([ENV.stage, ENV.eventBusName]);
  busName = EVENT_BUS_NAME;
  bus = await startLocalEventBus(await freePort(), STAGE, {
    retryDelayMs: 5,
    deliver: async (functionId, envelope) => {
      received.push({ functionId, envelope });
      return target(functionId, envelope);
    },
  });
  // The SDK reads AWS_ENDPOINT_URL_EVENTBRIDGE itself, as a Lambda's would; import the client once it is set.
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = bus.endpoint;
  publisher = await import('../../shared/adapters/events/publisher.ts');
});

afterEach(async () => {
  await bus.idle();
  received.length = 0;
  target = async () => undefined;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await bus.stop();
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = sharedEndpoint;
});

const comments = (): ProviderCommented => ({
  meetingId: randomUUID(),
  providerId: randomUUID(),
  commentIds: [randomUUID(), randomUUID()],
  submittedAt: '2027-03-01T09:30:00.000Z',
});

const rawClient = (endpoint: string) =>
  new EventBridgeClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

describe('publishing a domain event to the local event bus', () => {
  it('answers PutEvents with an event id and delivers ProviderCommented to the notifications function (R-TPL-4)', async () => {
    const detail = comments();

    const eventId = await publisher.publishEvent(busName, 'ProviderCommented', detail);
    await bus.idle();

    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(received).toHaveLength(1);
    expect(received[0]?.functionId).toBe('notifications');
    expect(received[0]?.envelope).toEqual({
      version: '0',
      id: eventId,
      'detail-type': 'ProviderCommented',
      source: EVENT_SOURCE,
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'eu-west-2',
      resources: [],
      detail,
    });
    expect(bus.deliveries().filter((delivery) => delivery.envelope.id === eventId)).toEqual([
      expect.objectContaining({ ruleId: 'notify-holder-of-comments', attempts: 1, outcome: 'delivered' }),
    ]);
  });

  it('answers before the target runs, as EventBridge invokes targets asynchronously', async () => {
    let release: () => void = () => undefined;
    target = () => new Promise<void>((resolve) => (release = resolve));

    const eventId = await publisher.publishEvent(busName, 'ProviderCommented', comments());

    expect(bus.deliveries().some((delivery) => delivery.envelope.id === eventId)).toBe(false);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    release();
    await bus.idle();
    expect(bus.deliveries().find((delivery) => delivery.envelope.id === eventId)?.outcome).toBe('delivered');
  });

  it('delivers an event on the retry after its target failed once', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    target = async () => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
    };

    const eventId = await publisher.publishEvent(busName, 'ProviderCommented', comments());
    await bus.idle();

    expect(received).toHaveLength(2);
    expect(bus.deliveries().find((delivery) => delivery.envelope.id === eventId)).toMatchObject({
      attempts: 2,
      outcome: 'delivered',
    });
  });

  it('retries a failing target twice, logging each failure, then gives the event up', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    target = async () => {
      throw new Error('the notifications function failed');
    };

    const eventId = await publisher.publishEvent(busName, 'ProviderCommented', comments());
    await bus.idle();

    expect(received.map(({ envelope }) => envelope.id)).toEqual([eventId, eventId, eventId]);
    expect(errors).toHaveBeenCalledTimes(3);
    expect(String(errors.mock.calls[2]?.[0])).toContain('dead-letter');
    expect(bus.deliveries().find((delivery) => delivery.envelope.id === eventId)).toMatchObject({
      attempts: 3,
      outcome: 'failed',
    });
  });

  it('accepts an event no rule matches and delivers it nowhere', async () => {
    const answer = await rawClient(bus.endpoint).send(
      new PutEventsCommand({
        Entries: [{ EventBusName: busName, Source: EVENT_SOURCE, DetailType: 'ProviderRegistered', Detail: '{}' }],
      }),
    );
    await bus.idle();

    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries?.[0]?.EventId).toBeDefined();
    expect(received).toEqual([]);
  });

  it("accepts an event for another bus, as AWS does, and applies none of this bus's rules to it", async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const eventId = await publisher.publishEvent('some-other-bus', 'ProviderCommented', comments());
    await bus.idle();

    expect(eventId).toBeDefined();
    expect(received).toEqual([]);
    expect(warnings).toHaveBeenCalledTimes(1);
  });

  it('refuses, entry by entry, an event whose detail is not a JSON object or that has no detail type', async () => {
    const answer = await rawClient(bus.endpoint).send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: busName, Source: EVENT_SOURCE, DetailType: 'ProviderCommented', Detail: 'not json' },
          { EventBusName: busName, Source: EVENT_SOURCE, DetailType: 'ProviderCommented', Detail: '[1]' },
          { EventBusName: busName, Source: EVENT_SOURCE, DetailType: '', Detail: '{}' },
          { EventBusName: busName, Source: EVENT_SOURCE, DetailType: 'ProviderRegistered', Detail: '{}' },
        ],
      }),
    );
    await bus.idle();

    expect(answer.FailedEntryCount).toBe(3);
    expect(answer.Entries?.map((entry) => entry.ErrorCode ?? 'accepted')).toEqual([
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      'accepted',
    ]);
    expect(received).toEqual([]);
  });

  it('makes the publisher throw when the bus refuses its entry', async () => {
    const unknownType = '' as EventType;

    await expect(publisher.publishEvent(busName, unknownType, comments())).rejects.toThrow(
      publisher.EventNotPublishedError,
    );
  });

  it("answers any other operation with a 400 in AWS's error shape", async () => {
    const refused = rawClient(bus.endpoint).send(new ListRulesCommand({}));

    await expect(refused).rejects.toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
    const response = await fetch(`${bus.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException', message: expect.any(String) });
  });
});

/**
 * SES's own detail-types, as AWS's EventBridge reference lists them
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html): "Email Bounced",
 * "Email Complaint Received", "Email Rejected", "Email Rendering Failed", … . The local bus stands in for
 * SES too, so it refuses a name SES never publishes instead of agreeing with a misspelling.
 */
describe('SES events on the default bus', () => {
  const putSes = (detailType: string) =>
    rawClient(bus.endpoint).send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'default',
            Source: SES_EVENT_SOURCE,
            DetailType: detailType,
            Detail: JSON.stringify({ eventType: 'Complaint', mail: { messageId: randomUUID() } }),
          },
        ],
      }),
    );

  it('spells the detail-types as AWS documents them, complaints included', () => {
    expect(SES_DETAIL_TYPES).toMatchObject({
      bounce: 'Email Bounced',
      complaint: 'Email Complaint Received',
      reject: 'Email Rejected',
      renderingFailure: 'Email Rendering Failed',
    });
    expect(SES_PUBLISHED_DETAIL_TYPES).toHaveLength(14);
  });

  it.each([['Email Complained'], ['Email Rendering Failure'], ['Email Bounce'], ['email bounced']])(
    'refuses an SES event with the detail-type %j, which SES does not publish, and delivers nothing',
    async (detailType) => {
      const answer = await putSes(detailType);
      await bus.idle();

      expect(answer.FailedEntryCount).toBe(1);
      expect(answer.Entries?.[0]?.ErrorCode).toBe('InvalidArgument');
      expect(received).toEqual([]);
    },
  );

  it.each([
    [SES_DETAIL_TYPES.bounce, 'mark-undeliverable'],
    [SES_DETAIL_TYPES.complaint, 'mark-undeliverable'],
    [SES_DETAIL_TYPES.renderingFailure, 'record-send-failure'],
    [SES_DETAIL_TYPES.reject, 'record-send-failure'],
  ])('delivers SES %j to the notifications function by the rule %s', async (detailType, ruleId) => {
    const answer = await putSes(detailType);
    await bus.idle();

    expect(answer.FailedEntryCount).toBe(0);
    const eventId = answer.Entries?.[0]?.EventId;
    expect(bus.deliveries().filter((delivery) => delivery.envelope.id === eventId)).toEqual([
      expect.objectContaining({ ruleId, functionId: 'notifications', outcome: 'delivered' }),
    ]);
  });

  it('accepts an SES event it has no rule for (Email Delivered) and delivers it nowhere', async () => {
    const answer = await putSes(SES_DETAIL_TYPES.delivery);
    await bus.idle();

    expect(answer.FailedEntryCount).toBe(0);
    expect(received).toEqual([]);
  });
});

describe("the run's shared event bus", () => {
  it('is where the environment points the SDK, and answers PutEvents', async () => {
    const endpoint = inject('localEnvironment').AWS_ENDPOINT_URL_EVENTBRIDGE;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // A detail type no rule matches, so no handler runs in the main process.
    const answer = await rawClient(endpoint ?? '').send(
      new PutEventsCommand({
        Entries: [{ EventBusName: busName, Source: EVENT_SOURCE, DetailType: 'ProviderRegistered', Detail: '{}' }],
      }),
    );

    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries?.[0]?.EventId).toBeDefined();
  });
});
