import { describe, expect, it } from 'vitest';
import {
  reminderChanges,
  reminderOf,
  remindersFor,
  supersededReminders,
} from '../../shared/domain/reminders/meeting-reminders.ts';
import { type ReminderSettings, reminderSettingsOn } from '../../shared/domain/reminders/reminder-settings.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';

/** Just what reminder selection reads of a meeting. */
const aMeeting = (overrides: Partial<Meeting> = {}): Meeting =>
  ({
    meetingId: 'M1',
    providerId: 'P1',
    status: 'booked',
    startsAt: '2027-06-15T10:00:00+01:00',
    share: null,
    updatedAt: '2027-05-01T09:00:00.000Z',
    ...overrides,
  }) as Meeting;

const settings: ReminderSettings = {
  version: 'test',
  effectiveFrom: '2020-01-01',
  meetingReminderDays: [7, 1],
  templateShareDays: 14,
  commentDeadlineDays: 3,
  informationRequestDays: 3,
};

const shared = {
  shareId: 'S1',
  templateVersion: 1,
  sharedAt: '2027-06-01T09:00:00.000Z',
  closesAt: '2027-06-15T10:00:00+01:00',
};

describe('which reminders a meeting is owed (R-REM-3)', () => {
  it('reminds attendees 7 and 1 days before a booked meeting, and the lead to share the template 14 days before', () => {
    expect(remindersFor(aMeeting(), settings).map(({ kind, dueOn }) => [kind, dueOn])).toEqual([
      ['meeting-reminder', '2027-06-08'],
      ['meeting-reminder', '2027-06-14'],
      ['template-to-share', '2027-06-01'],
    ]);
  });

  it('replaces the share reminder with a comment deadline once the template is shared (R-TPL-2, R-TPL-3)', () => {
    const kinds = remindersFor(aMeeting({ share: shared }), settings).map(({ kind, dueOn }) => [kind, dueOn]);

    expect(kinds).toContainEqual(['comment-deadline', '2027-06-12']);
    expect(kinds.map(([kind]) => kind)).not.toContain('template-to-share');
  });

  it.each([['planned'], ['held'], ['cancelled']] as const)('owes nothing to a %s meeting', (status) => {
    expect(remindersFor(aMeeting({ status }), settings)).toEqual([]);
  });

  it('counts days in London: a meeting at 00:30 BST on 30 March is due reminders from 23 March', () => {
    const meeting = aMeeting({ startsAt: '2027-03-29T23:30:00.000Z' });

    expect(remindersFor(meeting, settings)[0]?.dueOn).toBe('2027-03-23');
  });

  it('lets every reminder lapse when the meeting starts (the comment deadline when comments close)', () => {
    for (const reminder of remindersFor(aMeeting({ share: shared }), settings)) {
      expect(reminder.lapsesAt).toBe('2027-06-15T10:00:00+01:00');
    }
  });

  it('names each reminder after the start time it was worked out from', () => {
    const ids = remindersFor(aMeeting(), settings).map((reminder) => reminder.reminderId);

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toContain('2027-06-15T10:00:00+01:00');
  });
});

describe('what a change to a meeting does to its stored reminders', () => {
  it('removes the old reminders and adds new ones when the meeting is moved', () => {
    const before = aMeeting();
    const after = aMeeting({ startsAt: '2027-06-22T10:00:00+01:00' });

    const { add, remove } = reminderChanges(before, after);

    expect(remove.map((reminder) => reminder.dueOn).sort()).toEqual(['2027-06-01', '2027-06-08', '2027-06-14']);
    expect(add.map((reminder) => reminder.dueOn).sort()).toEqual(['2027-06-08', '2027-06-15', '2027-06-21']);
  });

  it('removes every reminder of a cancelled meeting', () => {
    const { add, remove } = reminderChanges(aMeeting(), aMeeting({ status: 'cancelled' }));

    expect(add).toEqual([]);
    expect(remove).toHaveLength(3);
  });

  it('touches nothing when what changed does not move a reminder (a venue, the attendees)', () => {
    expect(reminderChanges(aMeeting(), aMeeting({ venue: 'Board room' }))).toEqual({ add: [], remove: [] });
  });

  it('swaps the share reminder for a comment deadline when the template is shared', () => {
    const { add, remove } = reminderChanges(aMeeting(), aMeeting({ share: shared }));

    expect(remove.map((reminder) => reminder.kind)).toEqual(['template-to-share']);
    expect(add.map((reminder) => reminder.kind)).toEqual(['comment-deadline']);
  });

  it('writes the reminders of a meeting booked for the first time', () => {
    expect(reminderChanges(aMeeting({ status: 'planned', startsAt: null }), aMeeting()).add).toHaveLength(3);
  });
});

describe('reminders due together', () => {
  it('sends only the nearest meeting reminder of a meeting; other kinds are not superseded', () => {
    const due = remindersFor(aMeeting(), settings);

    const superseded = supersededReminders(due);

    expect([...superseded]).toEqual([reminderOf(due[0] ?? { meetingId: '', reminderId: '' })]);
  });

  it('keeps two meetings apart', () => {
    const due = [
      ...remindersFor(aMeeting(), settings).slice(0, 1),
      ...remindersFor(aMeeting({ meetingId: 'M2' }), settings).slice(0, 1),
    ];

    expect(supersededReminders(due).size).toBe(0);
  });
});

describe('reminder settings are versioned data (never hard-coded)', () => {
  const versions: ReminderSettings[] = [
    { ...settings, version: 'old', effectiveFrom: '2024-01-01', meetingReminderDays: [7] },
    { ...settings, version: 'new', effectiveFrom: '2027-04-01', meetingReminderDays: [10, 2] },
  ];

  it.each([
    ['2023-06-01', 'old'],
    ['2027-03-31', 'old'],
    ['2027-04-01', 'new'],
    ['2030-01-01', 'new'],
  ])('on %s the %s version is in force', (day, version) => {
    expect(reminderSettingsOn(day, versions).version).toBe(version);
  });

  it('a meeting changed after a new version starts gets that version’s lead times', () => {
    const changed = aMeeting({ updatedAt: '2027-04-02T09:00:00.000Z' });

    expect(remindersFor(changed, reminderSettingsOn('2027-04-02', versions)).map((r) => r.leadDays)).toEqual([
      10, 2, 14,
    ]);
  });
});
