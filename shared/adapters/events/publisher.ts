import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type EventDetails, type EventType } from '../../definitions/events.ts';

/**
 * One EventBridge client per container. Locally the endpoint comes from AWS_ENDPOINT_URL_EVENTBRIDGE
 * (infra/local/event-bus.ts), which the SDK reads itself (the variable is named after the service id,
 * "EventBridge").
 */
export const eventBridgeClient = new EventBridgeClient({});

/** EventBridge accepted the request but refused the entry (PutEvents answers 200 with FailedEntryCount). */
export class EventNotPublishedError extends Error {
  constructor(detailType: string, reason: string) {
    super(`EventBridge refused the ${detailType} event: ${reason}`);
    this.name = 'EventNotPublishedError';
  }
}

/** Puts one domain event on the bus with the project's source; answers the event id. */
export async function publishEvent<T extends EventType>(
  busName: string,
  detailType: T,
  detail: EventDetails[T],
): Promise<string> {
  const result = await eventBridgeClient.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: busName, Source: EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) },
      ],
    }),
  );
  const [entry] = result.Entries ?? [];
  if ((result.FailedEntryCount ?? 0) > 0 || !entry?.EventId) {
    throw new EventNotPublishedError(detailType, entry?.ErrorCode ?? 'no event id in the answer');
  }
  return entry.EventId;
}

/** The port use cases depend on: publishing to one bus, named once at cold start. */
export interface EventPublisher {
  publish<T extends EventType>(detailType: T, detail: EventDetails[T]): Promise<string>;
}

export const eventPublisherFor = (busName: string): EventPublisher => ({
  publish: (detailType, detail) => publishEvent(busName, detailType, detail),
});
