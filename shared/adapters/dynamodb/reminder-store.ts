import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderKind, ScheduledReminder } from '../../domain/reminders/meeting-reminders.ts';
import type { ReminderChanges, ReminderOutcome, ReminderStore } from '../../use-cases/send-due-reminders.ts';
import type { WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { queryAll } from './paged-query.ts';

/**
 * Reminders on the meetings table, beside their meeting (docs/access-patterns.md):
 * `MEETING#<meetingId>` / `REMINDER#<reminderId>`. While due they sit on gsi2 under `REMINDERS` by
 * due day, a sparse partition: the daily run's Query reads the reminders due and nothing else,
 * whatever the size of the table. Closing one takes it off the index and lets TTL remove it later.
 */
export const DUE_REMINDERS = 'REMINDERS';
const KEPT_AFTER_CLOSING_SECONDS = 400 * 24 * 60 * 60;

export const reminderKey = (reminder: Pick<ScheduledReminder, 'meetingId' | 'reminderId'>) => ({
  pk: `MEETING#${reminder.meetingId}`,
  sk: `REMINDER#${reminder.reminderId}`,
});

/** The writes that bring a meeting's stored reminders in line with its new state (same transaction). */
export function reminderWrites(tableName: string, changes: ReminderChanges): WriteOperation[] {
  return [
    ...changes.remove.map((reminder): WriteOperation => ({ kind: 'delete', tableName, key: reminderKey(reminder) })),
    ...changes.add.map(
      (reminder): WriteOperation => ({
        kind: 'put',
        tableName,
        item: {
          ...reminderKey(reminder),
          kind: 'reminder',
          gsi2pk: DUE_REMINDERS,
          gsi2sk: `${reminder.dueOn}#${reminder.meetingId}#${reminder.reminderId}`,
          state: 'due',
          reminderId: reminder.reminderId,
          reminderKind: reminder.kind,
          meetingId: reminder.meetingId,
          providerId: reminder.providerId,
          dueOn: reminder.dueOn,
          lapsesAt: reminder.lapsesAt,
          leadDays: reminder.leadDays,
          ruleId: reminder.ruleId,
        },
      }),
    ),
  ];
}

export class DynamoReminderStore implements ReminderStore {
  constructor(private readonly tableName: string) {}

  /** Every reminder due on or before `day`, oldest first: one Query a page of the sparse partition. */
  async dueBy(day: string): Promise<ScheduledReminder[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :due AND gsi2sk <= :day',
      ExpressionAttributeValues: { ':due': DUE_REMINDERS, ':day': `${day}#~` },
    });
    return items.map((item) => ({
      reminderId: String(item.reminderId),
      kind: item.reminderKind as ReminderKind,
      meetingId: String(item.meetingId),
      providerId: String(item.providerId),
      dueOn: String(item.dueOn),
      lapsesAt: String(item.lapsesAt),
      leadDays: Number(item.leadDays),
      ruleId: String(item.ruleId),
    }));
  }

  /** Takes a reminder off the due index with how it ended; false when it is already gone (its meeting changed). */
  async close(reminder: ScheduledReminder, outcome: ReminderOutcome, at: Date): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reminderKey(reminder),
          UpdateExpression:
            'SET #state = :closed, outcome = :outcome, closedAt = :at, expiresAt = :ttl REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':closed': 'closed',
            ':outcome': outcome,
            ':at': at.toISOString(),
            ':ttl': Math.floor(at.getTime() / 1000) + KEPT_AFTER_CLOSING_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
