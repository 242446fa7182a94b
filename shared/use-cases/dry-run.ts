import type { MeetingStore } from './ports.ts';
import type { ReminderStore } from './send-due-reminders.ts';

/**
 * What a dry run of a job (issue 12 item 6) works with: the real stores for every read, and in place
 * of each write one that writes nothing and answers as the write would have. Emails stop before
 * they are claimed (deliverEmails' `dryRun`), and the run is not recorded (runJob).
 */
function withOverrides<T extends object>(store: T, overrides: Partial<T>): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Meetings a dry run reads: a slot is reported as it would be planned (created, or already planned). */
export const dryRunMeetings = <T extends MeetingStore>(
  meetings: T,
  slotPlanned: (providerId: string, slotKey: string) => Promise<boolean>,
): T =>
  withOverrides<MeetingStore>(meetings, {
    planSlot: async (meeting, slotKey) => ((await slotPlanned(meeting.providerId, slotKey)) ? 'exists' : 'created'),
    markOverdueNotified: async () => true,
    replaceMeeting: async () => {
      throw new Error('A dry run changes no meeting');
    },
  }) as T;

/** Reminders a dry run reads: closing one is reported, not written. */
export const dryRunReminders = <T extends ReminderStore>(reminders: T): T =>
  withOverrides<ReminderStore>(reminders, { close: async () => true }) as T;
