import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError } from '../../domain/errors.ts';
import { reminderChanges } from '../../domain/reminders/meeting-reminders.ts';
import type { Activity } from '../../schemas/engagement.ts';
import type { Meeting } from '../../schemas/meeting.ts';
import type { OutgoingEmail } from '../../use-cases/deliver-emails.ts';
import type { EngagementStore, Page, PageRequest } from '../../use-cases/ports.ts';
import { commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { outboxWrites } from './delivery-ledger.ts';
import { providerKey } from './keys.ts';
import { meetingItem, meetingKey } from './meeting-store.ts';
import { queryPage } from './paged-query.ts';
import { reminderWrites } from './reminder-store.ts';

/**
 * Engagement beyond planned meetings (R-CAD-11), in the provider's item collection on the providers
 * table: sort key `ACTIVITY#<occurredAt UTC>#<activityId>`, so one Query lists them newest first and
 * one bounded Query answers "since a day". An ad hoc meeting is a meeting on the meetings table
 * (meeting-store.ts, never on the overdue index) and an activity here, written in one transaction.
 */
const PREFIX = 'ACTIVITY#';

const activityItem = (tableName: string, activity: Activity): WriteOperation => ({
  kind: 'put',
  tableName,
  item: {
    pk: providerKey(activity.providerId).pk,
    sk: `${PREFIX}${new Date(activity.occurredAt).toISOString()}#${activity.activityId}`,
    kind: 'activity',
    ...activity,
  },
  condition: {
    expression: 'attribute_not_exists(pk)',
    onFailure: () => new ConflictError('This contact is already recorded'),
  },
});

const activityOf = ({ pk: _pk, sk: _sk, kind: _kind, ...activity }: Record<string, unknown>) => activity as Activity;

export class DynamoEngagementStore implements EngagementStore {
  constructor(
    private readonly tables: {
      providers: string;
      meetings: string;
      /** The append-only audit trail (shared/definitions/tables.ts): entries are put there, never here. */
      audit: string;
    },
  ) {}

  async logActivity(activity: Activity, audit: AuditEntry[]): Promise<void> {
    await commitWithAudit(this.tables.audit, [activityItem(this.tables.providers, activity)], audit);
  }

  async createAdHocMeeting(
    meeting: Meeting,
    activity: Activity,
    audit: AuditEntry[],
    owed: readonly OutgoingEmail[],
  ): Promise<void> {
    await commitWithAudit(
      this.tables.audit,
      [
        { kind: 'put', tableName: this.tables.meetings, item: meetingItem(meeting) },
        activityItem(this.tables.providers, activity),
        ...reminderWrites(this.tables.meetings, reminderChanges(null, meeting)),
        ...outboxWrites(this.tables.meetings, owed, new Date(meeting.createdAt)),
      ],
      audit,
    );
  }

  /**
   * Ad hoc meetings as they are now: one BatchGet (projected to status and start) per 100 of them, so an
   * entry never shows a meeting since cancelled or moved as if it still stood where it was recorded.
   */
  private async withMeetingsNow(activities: Activity[]): Promise<Activity[]> {
    const ids = [...new Set(activities.flatMap((activity) => (activity.meetingId ? [activity.meetingId] : [])))];
    const now = new Map<string, { status: Activity['meetingStatus']; startsAt: string | null }>();
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(start, start + 100).map(meetingKey);
      for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt += 1) {
        const result: BatchGetCommandOutput = await documentClient.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tables.meetings]: {
                Keys: keys,
                ProjectionExpression: 'meetingId, #status, startsAt',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of result.Responses?.[this.tables.meetings] ?? []) {
          now.set(String(item.meetingId), {
            status: item.status as Activity['meetingStatus'],
            startsAt: (item.startsAt as string | null) ?? null,
          });
        }
        keys = result.UnprocessedKeys?.[this.tables.meetings]?.Keys;
        if (keys && keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return activities.map((activity) => {
      const meeting = activity.meetingId ? now.get(activity.meetingId) : undefined;
      if (!activity.meetingId) return { ...activity, meetingStatus: null };
      return meeting
        ? { ...activity, meetingStatus: meeting.status, occurredAt: meeting.startsAt ?? activity.occurredAt }
        : activity;
    });
  }

  async listActivities(providerId: string, request: PageRequest): Promise<Page<Activity>> {
    const page = await queryPage(
      this.tables.providers,
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': PREFIX },
        ScanIndexForward: false,
      },
      request,
      activityOf,
    );
    return { ...page, items: await this.withMeetingsNow(page.items) };
  }

  /** The newest `limit` activities from `since` (an ISO instant, UTC) on: one Query of one page. */
  async activitiesSince(providerId: string, since: string, limit: number): Promise<Activity[]> {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: this.tables.providers,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': providerKey(providerId).pk,
          ':from': `${PREFIX}${since}`,
          ':to': `${PREFIX}~`,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return this.withMeetingsNow((result.Items ?? []).map(activityOf));
  }
}
