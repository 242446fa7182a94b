import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, StaleVersionError } from '../../domain/errors.ts';
import { countsTowardsCadence } from '../../domain/meetings/ad-hoc.ts';
import { reminderChanges } from '../../domain/reminders/meeting-reminders.ts';
import type { Meeting } from '../../schemas/meeting.ts';
import type { OutgoingEmail } from '../../use-cases/deliver-emails.ts';
import type { MeetingStore, Page, PageRequest } from '../../use-cases/ports.ts';
import { commitWithAudit } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { outboxWrites } from './delivery-ledger.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { queryAll } from './paged-query.ts';
import { reminderWrites } from './reminder-store.ts';

/**
 * Meetings on the meetings table (docs/access-patterns.md):
 * - the meeting: `MEETING#<id>` / `MEETING`; on gsi1 under its provider by due date;
 * - while open (planned or booked) and required by the cadence (not ad hoc, R-CAD-11), on gsi2 `OPEN` by due date (the overdue sweep reads only
 *   open meetings due before a day) and on gsi3 under the member of staff it belongs to (the
 *   lead once booked, else the holder when planned), by start or due date;
 * - a slot claim `SLOT#<providerId>` / `<slotKey>` written with the meeting, so a planning run
 *   repeated or run twice at once creates each required meeting once.
 * - its reminders (reminder-store.ts), rewritten with it in one transaction.
 * Audit entries go to the providers table, beside the provider they concern.
 */
const INDEX_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'kind'];

export const meetingKey = (meetingId: string) => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' });
export const slotKey = (providerId: string, slot: string) => ({ pk: `SLOT#${providerId}`, sk: slot });
export const providerMeetings = (providerId: string) => `PROVIDER#${providerId}`;
export const OPEN_MEETINGS = 'OPEN';
export const staffMeetings = (staffId: string) => `STAFF#${staffId}`;

const isOpen = (meeting: Meeting) => meeting.status === 'planned' || meeting.status === 'booked';

export function meetingItem(meeting: Meeting): Record<string, unknown> {
  const owner = meeting.lead?.staffId ?? meeting.holderStaffId;
  return {
    ...meetingKey(meeting.meetingId),
    kind: 'meeting',
    gsi1pk: providerMeetings(meeting.providerId),
    gsi1sk: `${meeting.dueBy}#${meeting.meetingId}`,
    // Only a meeting the cadence required can go overdue (R-CAD-8): an ad hoc one (R-CAD-11) stays off the sweep.
    ...(isOpen(meeting) && countsTowardsCadence(meeting)
      ? { gsi2pk: OPEN_MEETINGS, gsi2sk: `${meeting.dueBy}#${meeting.meetingId}` }
      : {}),
    ...(isOpen(meeting) && owner
      ? { gsi3pk: staffMeetings(owner), gsi3sk: `${meeting.startsAt ?? meeting.dueBy}#${meeting.meetingId}` }
      : {}),
    ...meeting,
  };
}

function meetingOf(item: Record<string, unknown>): Meeting {
  const meeting = { ...item };
  for (const key of INDEX_ATTRIBUTES) delete meeting[key];
  return meeting as Meeting;
}

export class DynamoMeetingStore implements MeetingStore {
  constructor(
    private readonly tableName: string,
    private readonly auditTableName: string,
  ) {}

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Meeting[]> {
    return (await queryAll(this.tableName, input)).map(meetingOf);
  }

  async planSlot(meeting: Meeting, slot: string, audit: AuditEntry[]): Promise<'created' | 'exists'> {
    try {
      await commitWithAudit(
        this.auditTableName,
        [
          {
            kind: 'put',
            tableName: this.tableName,
            item: { ...slotKey(meeting.providerId, slot), kind: 'slot', meetingId: meeting.meetingId },
            condition: {
              expression: 'attribute_not_exists(pk)',
              onFailure: () => new ConflictError('This meeting is already planned'),
            },
          },
          { kind: 'put', tableName: this.tableName, item: meetingItem(meeting) },
        ],
        audit,
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConflictError) return 'exists';
      throw error;
    }
  }

  /** Whether a planning slot is already taken (a dry run asks instead of planning it). */
  async slotPlanned(providerId: string, slot: string): Promise<boolean> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: slotKey(providerId, slot), ProjectionExpression: 'pk' }),
    );
    return result.Item !== undefined;
  }

  async getMeeting(meetingId: string): Promise<Meeting | null> {
    const result = await documentClient.send(new GetCommand({ TableName: this.tableName, Key: meetingKey(meetingId) }));
    return result.Item ? meetingOf(result.Item) : null;
  }

  async listProviderMeetings(providerId: string, request: PageRequest): Promise<Page<Meeting>> {
    const query = {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :provider',
      ExpressionAttributeValues: { ':provider': providerMeetings(providerId) },
    };
    const scope = { tableName: this.tableName, indexName: query.IndexName, values: query.ExpressionAttributeValues };
    const page = await documentClient.send(
      new QueryCommand({
        ...query,
        Limit: request.limit,
        ExclusiveStartKey: await decodePageToken(request.nextToken, scope),
      }),
    );
    return { items: (page.Items ?? []).map(meetingOf), nextToken: await encodePageToken(page.LastEvaluatedKey, scope) };
  }

  providerMeetingsDue(providerId: string, from: string, to: string): Promise<Meeting[]> {
    return this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :provider AND gsi1sk BETWEEN :from AND :to',
      // '#~' sorts after every '#<id>' of the last day.
      ExpressionAttributeValues: { ':provider': providerMeetings(providerId), ':from': from, ':to': `${to}#~` },
    });
  }

  async replaceMeeting(
    meeting: Meeting,
    previous: Meeting,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[] = [],
  ): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: meetingItem(meeting),
          condition: {
            expression: 'version = :expected',
            values: { ':expected': previous.version },
            onFailure: () =>
              new StaleVersionError('The meeting has changed since you read it: read it again and retry'),
          },
        },
        ...reminderWrites(this.tableName, reminderChanges(previous, meeting)),
        ...outboxWrites(this.tableName, owed, new Date(meeting.updatedAt)),
      ],
      audit,
    );
  }

  /** Open meetings due before `day` (YYYY-MM-DD): exactly the overdue ones, whatever the table's size. */
  openDueBefore(day: string): Promise<Meeting[]> {
    return this.queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :open AND gsi2sk < :day',
      ExpressionAttributeValues: { ':open': OPEN_MEETINGS, ':day': day },
    });
  }

  /** Open meetings a member of staff leads or holds, soonest first (comments share the index, after '~'). */
  openMeetingsOf(staffId: string): Promise<Meeting[]> {
    return this.queryAll({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :staff AND gsi3sk < :comments',
      ExpressionAttributeValues: { ':staff': staffMeetings(staffId), ':comments': '~' },
    });
  }

  /**
   * A provider's open meetings (planned or booked), due date order: one Query of gsi1 `PROVIDER#<id>`, the
   * closed ones filtered out (R-REL-2: the holder's dashboard finds the open meetings of the providers they
   * hold now, so a handover moves them with no rewrite of any meeting).
   */
  openMeetingsOfProvider(providerId: string): Promise<Meeting[]> {
    return this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :provider',
      FilterExpression: '#status IN (:planned, :booked)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':provider': providerMeetings(providerId),
        ':planned': 'planned',
        ':booked': 'booked',
      },
    });
  }

  /** Marks the overdue alert as sent (all its emails went), once: false when another run already did. */
  async markOverdueNotified(meeting: Meeting, at: string, audit: AuditEntry[]): Promise<boolean> {
    try {
      await commitWithAudit(
        this.auditTableName,
        [
          {
            kind: 'update',
            tableName: this.tableName,
            key: meetingKey(meeting.meetingId),
            update: 'SET overdueNotifiedAt = :at',
            values: { ':at': at },
            condition: {
              expression: 'attribute_exists(pk) AND overdueNotifiedAt = :none',
              values: { ':none': null },
              onFailure: () => new ConflictError('Already notified'),
            },
          },
        ],
        audit,
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
