/**
 * How far ahead the daily run reminds people (R-REM-3), as versioned data: the version in force on
 * the day a meeting changes decides the reminders it gets. The issue leaves the lead times to
 * configuration; these are the first version's.
 */
export interface ReminderSettings {
  version: string;
  effectiveFrom: string;
  /** Each attendee is reminded this many days before the meeting (R-REM-3). */
  meetingReminderDays: readonly number[];
  /** The lead is reminded to share the pre-meeting template this many days before, if not shared (R-TPL-2). */
  templateShareDays: number;
  /** Provider contacts who have not commented are reminded this many days before comments close (R-TPL-3). */
  commentDeadlineDays: number;
  /** Provider contacts are reminded of an unanswered information request this many days before it is due (R-PRV-5). */
  informationRequestDays: number;
}

export const REMINDER_SETTINGS: readonly ReminderSettings[] = Object.freeze([
  Object.freeze({
    version: 'reminders-2024',
    effectiveFrom: '2024-01-01',
    meetingReminderDays: Object.freeze([7, 1]),
    templateShareDays: 14,
    commentDeadlineDays: 3,
    informationRequestDays: 3,
  }),
]);

/** The settings in force on a day: the newest version that had started by then (the first, before any). */
export function reminderSettingsOn(
  day: string,
  versions: readonly ReminderSettings[] = REMINDER_SETTINGS,
): ReminderSettings {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const first = sorted[0];
  if (!first) throw new Error('No reminder settings are defined');
  return sorted.filter((version) => version.effectiveFrom <= day).at(-1) ?? first;
}
