import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  EVENT_RULES,
  type EventRule,
  SES_EVENT_SOURCE,
  SES_PUBLISHED_DETAIL_TYPES,
} from '../../shared/definitions/events.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { eventBusNameFor, LOCAL_ACCOUNT_ID, LOCAL_REGION } from './environment.ts';
import { lambdaContext, loadHandler } from './http-adapter.ts';

/**
 * The local twin of the stack's EventBridge bus (no npm package emulates PutEvents and rules): it
 * speaks PutEvents over AWS JSON 1.1, so the real publisher (shared/adapters/events/publisher.ts)
 * reaches it through AWS_ENDPOINT_URL_EVENTBRIDGE, and delivers each event, after answering, to the
 * target of every rule of shared/definitions/events.ts that matches it, as the envelope a Lambda
 * target receives. Like AWS it accepts events for buses it does not know and delivers them nowhere,
 * and retries a failed delivery as the rule says; after the last retry it logs what AWS would
 * dead-letter.
 */
export type EventEnvelope = EventBridgeEvent<string, unknown>;

/** Invokes a rule's target; the default loads the function's real handler. Tests pass their own. */
export type Deliver = (functionId: FunctionId, envelope: EventEnvelope) => Promise<unknown>;

export interface Delivery {
  ruleId: string;
  functionId: FunctionId;
  envelope: EventEnvelope;
  attempts: number;
  outcome: 'delivered' | 'failed';
}

export interface LocalEventBus {
  endpoint: string;
  /** The bus name functions publish to (EVENT_BUS_NAME); events for other buses match no rule. */
  busName: string;
  /** The deliveries finished so far (the latest thousand), oldest first. */
  deliveries(): readonly Delivery[];
  /** Resolves once no delivery is in flight or waiting for a retry. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalEventBusOptions {
  deliver?: Deliver;
  /** The wait before the first retry, doubled for each one after (EventBridge backs off too). */
  retryDelayMs?: number;
}

/** The rules an event on a bus matches: the stack's rules match on bus, source and detail type only. */
export function rulesFor(
  source: string,
  detailType: string,
  bus: EventRule['bus'] = 'app',
  rules: readonly EventRule[] = EVENT_RULES,
): EventRule[] {
  return rules.filter(
    (rule) =>
      rule.bus === bus && rule.source === source && rule.detailTypes.some((candidate) => candidate === detailType),
  );
}

/** PutEvents refuses requests over 256 KiB in total before looking at entries. */
const REQUEST_LIMIT = 256 * 1024;
const MAX_ENTRIES = 10;
const JSON_1_1 = 'application/x-amz-json-1.1';
/** `npm start` runs for days: keep enough history to inspect, not all of it. */
const DELIVERIES_KEPT = 1000;

interface RequestEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

interface AcceptedEvent {
  busName: string;
  envelope: EventEnvelope;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= REQUEST_LIMIT) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > REQUEST_LIMIT) reject(new RequestError(413, 'RequestEntityTooLargeException', 'Request too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'content-type': JSON_1_1,
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
}

/** The bus name of an EventBusName, which may be a name or an ARN; absent means the default bus. */
const busNameOf = (value: unknown): string =>
  typeof value === 'string' && value.length > 0 ? (value.split(':event-bus/').at(-1) ?? value) : 'default';

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** EventBridge's envelope keeps whole seconds. */
const envelopeTime = (value: unknown): string => {
  const at = value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : new Date();
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

function acceptEntry(entry: RequestEntry): { result: ResultEntry; accepted?: AcceptedEvent } {
  const refuse = (ErrorCode: string, ErrorMessage: string) => ({ result: { ErrorCode, ErrorMessage } });
  if (!nonEmptyString(entry.Source)) return refuse('InvalidArgument', 'Parameter Source is not valid.');
  if (!nonEmptyString(entry.DetailType)) return refuse('InvalidArgument', 'Parameter DetailType is not valid.');
  // Stands in for SES too: an SES event with a detail-type SES never publishes would match nothing in AWS,
  // so it is refused here rather than delivered (a misspelt name would otherwise agree with itself locally).
  if (entry.Source === SES_EVENT_SOURCE && !SES_PUBLISHED_DETAIL_TYPES.some((name) => name === entry.DetailType)) {
    return refuse('InvalidArgument', `SES publishes no event with the detail-type "${entry.DetailType}".`);
  }
  let detail: unknown;
  try {
    detail = typeof entry.Detail === 'string' ? JSON.parse(entry.Detail) : undefined;
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return refuse('MalformedDetail', 'Detail is malformed.');
  }
  const id = randomUUID();
  const resources = Array.isArray(entry.Resources) ? entry.Resources.filter(nonEmptyString) : [];
  return {
    result: { EventId: id },
    accepted: {
      busName: busNameOf(entry.EventBusName),
      envelope: {
        version: '0',
        id,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: LOCAL_ACCOUNT_ID,
        time: envelopeTime(entry.Time),
        region: LOCAL_REGION,
        resources,
        detail,
      },
    },
  };
}

function putEvents(body: string): { answer: unknown; accepted: AcceptedEvent[] } {
  let request: { Entries?: unknown };
  try {
    request = JSON.parse(body);
  } catch {
    throw new RequestError(400, 'SerializationException', 'The request body is not valid JSON');
  }
  const entries = request.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new RequestError(
      400,
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
    );
  }
  const outcomes = entries.map((entry: RequestEntry) => acceptEntry(entry));
  return {
    answer: {
      FailedEntryCount: outcomes.filter((outcome) => !outcome.accepted).length,
      Entries: outcomes.map((outcome) => outcome.result),
    },
    accepted: outcomes.flatMap((outcome) => (outcome.accepted ? [outcome.accepted] : [])),
  };
}

const invokeHandler =
  (stage: string): Deliver =>
  async (functionId, envelope) => {
    const handler = await loadHandler(functionId);
    return handler(envelope, lambdaContext(`${stage}-${functionId}`, FUNCTIONS[functionId].timeoutSeconds));
  };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startLocalEventBus(
  port: number,
  stage: string,
  options: LocalEventBusOptions = {},
): Promise<LocalEventBus> {
  const busName = eventBusNameFor(stage);
  const deliver = options.deliver ?? invokeHandler(stage);
  const retryDelayMs = options.retryDelayMs ?? 500;
  const finished: Delivery[] = [];
  const record = (delivery: Delivery): void => {
    finished.push(delivery);
    if (finished.length > DELIVERIES_KEPT) finished.shift();
  };
  const inFlight = new Set<Promise<void>>();

  const deliverToRule = async (rule: EventRule, envelope: EventEnvelope): Promise<void> => {
    // Answer first: EventBridge invokes targets after PutEvents returns, never within it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const functionId = rule.targetFunctionId;
    const attemptsAllowed = 1 + rule.retry.retryAttempts;
    for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
      try {
        await deliver(functionId, envelope);
        record({ ruleId: rule.id, functionId, envelope, attempts: attempt, outcome: 'delivered' });
        return;
      } catch (error) {
        const last = attempt === attemptsAllowed;
        console.error(
          `Local event bus: ${envelope['detail-type']} ${envelope.id} to ${functionId} (rule ${rule.id}) failed, ` +
            `attempt ${attempt} of ${attemptsAllowed}${last ? '; AWS would send it to the dead-letter queue now' : ''}`,
          error,
        );
        if (!last) await pause(retryDelayMs * 2 ** (attempt - 1));
      }
    }
    record({ ruleId: rule.id, functionId, envelope, attempts: attemptsAllowed, outcome: 'failed' });
  };

  const route = ({ busName: target, envelope }: AcceptedEvent): void => {
    // The stack's own bus, and the account's default bus where AWS services (SES) put their events.
    const bus = target === busName ? 'app' : target === 'default' ? 'default' : null;
    if (!bus) {
      console.warn(`Local event bus: ${envelope['detail-type']} was put on bus "${target}", not "${busName}"; no rule`);
      return;
    }
    for (const rule of rulesFor(envelope.source, envelope['detail-type'], bus)) {
      const delivery = deliverToRule(rule, envelope);
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    }
  };

  const server: Server = createServer(async (request, response) => {
    try {
      const target = request.headers['x-amz-target'];
      const body = await readBody(request);
      if (request.method !== 'POST' || request.url !== '/') {
        throw new RequestError(404, 'UnknownOperationException', 'Only POST / is served');
      }
      if (target !== 'AWSEvents.PutEvents') {
        throw new RequestError(400, 'UnknownOperationException', `The local event bus answers PutEvents only`);
      }
      const { answer: result, accepted } = putEvents(body);
      for (const event of accepted) route(event);
      answer(response, 200, result);
    } catch (error) {
      if (error instanceof RequestError) {
        answer(response, error.status, { __type: error.type, message: error.message }, error.type);
        return;
      }
      console.error('Local event bus: the request failed', error);
      if (!response.headersSent) answer(response, 500, { __type: 'InternalException', message: 'Internal error' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  const idle = async (): Promise<void> => {
    // A delivery may publish again; wait until nothing is left in flight.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    busName,
    deliveries: () => [...finished],
    idle,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}
