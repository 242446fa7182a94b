import type { Meeting } from '../../schemas/meeting.ts';
import { addDays, londonDate } from '../calendar.ts';
import { type ReminderSettings, reminderSettingsOn } from './reminder-settings.ts';

/**
 * Which reminders a meeting in its current state is owed (R-REM-3), pure. The meetings store
 * writes them beside the meeting in the same transaction, so a cancelled, held or rescheduled
 * meeting's old reminders are gone the moment it changes, and the daily run reads only what is due.
 * A reminder's id names what it was computed from (the start time, the share), so a reschedule
 * makes new reminders rather than moving old ones that may already have gone out.
 */
export const REMINDER_KINDS = ['meeting-reminder', 'template-to-share', 'comment-deadline'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ScheduledReminder {
  reminderId: string;
  kind: ReminderKind;
  meetingId: string;
  providerId: string;
  /** The London day it is due on (YYYY-MM-DD); a daily run sends what is due on or before its day. */
  dueOn: string;
  /** After this instant it is pointless (the meeting has started): not sent, closed as expired. */
  lapsesAt: string;
  /** For meeting reminders: the days before the meeting; the nearest due one supersedes the others. */
  leadDays: number;
  ruleId: string;
}

export function remindersFor(meeting: Meeting, settings?: ReminderSettings): ScheduledReminder[] {
  if (meeting.status !== 'booked' || !meeting.startsAt) return [];
  const inForce = settings ?? reminderSettingsOn(londonDate(new Date(meeting.updatedAt)));
  const meetingDay = londonDate(new Date(meeting.startsAt));
  const base = { meetingId: meeting.meetingId, providerId: meeting.providerId, lapsesAt: meeting.startsAt };
  const reminders: ScheduledReminder[] = inForce.meetingReminderDays.map((days) => ({
    ...base,
    reminderId: `meeting-reminder#${days}#${meeting.startsAt}`,
    kind: 'meeting-reminder',
    dueOn: addDays(meetingDay, -days),
    leadDays: days,
    ruleId: 'R-REM-3',
  }));
  if (!meeting.share) {
    reminders.push({
      ...base,
      reminderId: `template-to-share#${inForce.templateShareDays}#${meeting.startsAt}`,
      kind: 'template-to-share',
      dueOn: addDays(meetingDay, -inForce.templateShareDays),
      leadDays: inForce.templateShareDays,
      ruleId: 'R-TPL-2',
    });
  } else {
    reminders.push({
      ...base,
      // The window's close is in the id: a reschedule moves it (the share's links close at the new start).
      reminderId: `comment-deadline#${inForce.commentDeadlineDays}#${meeting.share.shareId}#${meeting.share.closesAt}`,
      kind: 'comment-deadline',
      dueOn: addDays(londonDate(new Date(meeting.share.closesAt)), -inForce.commentDeadlineDays),
      lapsesAt: meeting.share.closesAt,
      leadDays: inForce.commentDeadlineDays,
      ruleId: 'R-TPL-3',
    });
  }
  return reminders;
}

/** What a change to a meeting does to its stored reminders: the ones to write and the ones to delete. */
export function reminderChanges(
  before: Meeting | null,
  after: Meeting,
): { add: ScheduledReminder[]; remove: ScheduledReminder[] } {
  const previous = before ? remindersFor(before) : [];
  const next = remindersFor(after);
  const previousIds = new Set(previous.map((reminder) => reminder.reminderId));
  const nextIds = new Set(next.map((reminder) => reminder.reminderId));
  return {
    add: next.filter((reminder) => !previousIds.has(reminder.reminderId)),
    remove: previous.filter((reminder) => !nextIds.has(reminder.reminderId)),
  };
}

/**
 * Of a meeting's meeting-reminders due together (a run missed, or a meeting booked late), only the
 * nearest to the meeting is sent: nobody wants "in a week" and "tomorrow" on the same morning.
 */
export const reminderOf = (reminder: Pick<ScheduledReminder, 'meetingId' | 'reminderId'>) =>
  `${reminder.meetingId}/${reminder.reminderId}`;

/** The reminders (as `reminderOf` keys) that a nearer one of the same meeting, due too, supersedes. */
export function supersededReminders(due: readonly ScheduledReminder[]): Set<string> {
  const nearest = new Map<string, ScheduledReminder>();
  for (const reminder of due) {
    if (reminder.kind !== 'meeting-reminder') continue;
    const known = nearest.get(reminder.meetingId);
    if (!known || reminder.leadDays < known.leadDays) nearest.set(reminder.meetingId, reminder);
  }
  return new Set(
    due
      .filter((reminder) => reminder.kind === 'meeting-reminder')
      .filter((reminder) => nearest.get(reminder.meetingId)?.reminderId !== reminder.reminderId)
      .map(reminderOf),
  );
}
