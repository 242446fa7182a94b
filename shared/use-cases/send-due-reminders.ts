import type { EmailTemplateName } from '../definitions/email-templates.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { meetingModeInWords } from '../domain/emails/in-words.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import {
  reminderOf,
  remindersFor,
  type ScheduledReminder,
  supersededReminders,
} from '../domain/reminders/meeting-reminders.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Contact, Provider } from '../schemas/provider.ts';
import type { Staff } from '../schemas/staff.ts';
import { type HolderReads, type HolderResolver, holderResolver } from './current-holder.ts';
import { allDelivered, type DeliveryReport, type OutgoingEmail } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { MeetingStore, RegisterStore, TemplateStore } from './ports.ts';
import { type LinkSettings, londonDateTime, respondLink } from './pre-meeting-template.ts';
import { readOnce } from './read-once.ts';

/**
 * The daily run's reminders (R-REM-3), each sent once (R-REM-4).
 * Course: 1. read the reminders due on or before the day (a sparse index: only those are read)
 *         2. check each against its meeting as it is now: one its meeting no longer owes is closed
 *            unsent (cancelled, held, rescheduled, shared), as is one whose meeting has started;
 *            of a meeting's reminders due together only the nearest is sent
 *         3. work out who gets it (attendees; the lead and the holder of the relationship now, or whoever
 *            covers for either that day, R-REL-2, R-TEAM-5, R-CAD-4; contacts who have not commented yet)
 *         4. hand every email to deliverEmails (claims, bulk sends, retries), then close each
 *            reminder whose emails all went (or were already sent, or are undeliverable); one with an
 *            email still owed stays due for the next run.
 */
export type ReminderOutcome = 'sent' | 'obsolete' | 'lapsed' | 'superseded' | 'no-recipients';

export interface ReminderChanges {
  add: ScheduledReminder[];
  remove: ScheduledReminder[];
}

export interface ReminderStore {
  dueBy(day: string): Promise<ScheduledReminder[]>;
  close(reminder: ScheduledReminder, outcome: ReminderOutcome, at: Date): Promise<boolean>;
}

export interface ReminderDeps extends HolderReads {
  reminders: ReminderStore;
  meetings: Pick<MeetingStore, 'getMeeting'>;
  register: Pick<RegisterStore, 'getStaff' | 'getProvider'>;
  templates: Pick<TemplateStore, 'comments'>;
  deliver: (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;
  links: LinkSettings;
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

export interface ReminderSummary {
  due: number;
  closed: Record<ReminderOutcome, number>;
  stillDue: number;
  delivery: Omit<DeliveryReport, 'outcomes'>;
}

/** What the digest tells a holder about the run (their meetings' reminders). */
export interface DigestLine {
  staffId: string;
  text: string;
}

export interface ReminderRun {
  summary: ReminderSummary;
  digest: DigestLine[];
}

export async function sendDueReminders(deps: ReminderDeps, day: string, now: Date): Promise<ReminderRun> {
  const due = await deps.reminders.dueBy(day);
  const closed: Record<ReminderOutcome, number> = {
    sent: 0,
    obsolete: 0,
    lapsed: 0,
    superseded: 0,
    'no-recipients': 0,
  };
  const close = async (reminder: ScheduledReminder, outcome: ReminderOutcome) => {
    if (await deps.reminders.close(reminder, outcome, now)) closed[outcome] += 1;
  };
  const meeting = readOnce((id) => deps.meetings.getMeeting(id));
  const people = holderResolver(deps, day);
  const provider = readOnce((id) => deps.register.getProvider(id));
  const superseded = supersededReminders(due);

  const emailsOf = new Map<string, OutgoingEmail[]>();
  const digest: DigestLine[] = [];
  for (const reminder of due) {
    const current = await meeting(reminder.meetingId);
    if (!current || !remindersFor(current).some((owed) => owed.reminderId === reminder.reminderId)) {
      await close(reminder, 'obsolete');
      continue;
    }
    if (new Date(reminder.lapsesAt).getTime() <= now.getTime()) {
      await close(reminder, 'lapsed');
      continue;
    }
    if (superseded.has(reminderOf(reminder))) {
      await close(reminder, 'superseded');
      continue;
    }
    const emails = await emailsFor(reminder, current, { people, provider }, deps, now);
    if (emails.length === 0) {
      await close(reminder, 'no-recipients');
      continue;
    }
    emailsOf.set(reminderOf(reminder), emails);
    // The digest goes to whoever acts for the lead and for the holder now (R-REL-2, R-CAD-4), once each.
    for (const owner of await owners(people, current)) {
      digest.push({ staffId: owner.staffId, text: digestText(reminder, current) });
    }
  }

  const report = await deps.deliver([...emailsOf.values()].flat());
  let stillDue = 0;
  for (const reminder of due) {
    const emails = emailsOf.get(reminderOf(reminder));
    if (!emails) continue;
    if (allDelivered(emails, report)) await close(reminder, 'sent');
    else stillDue += 1;
  }
  const { outcomes: _outcomes, ...delivery } = report;
  return { summary: { due: due.length, closed, stillDue, delivery }, digest };
}

/** Whoever acts today for the meeting's lead and for the holder of its relationship now: each once. */
async function owners(people: HolderResolver, meeting: Meeting): Promise<Staff[]> {
  const found = [await people.addressLead(meeting), await people.addressHolder(meeting)];
  const out: Staff[] = [];
  for (const who of found) if (who && !out.some((known) => known.staffId === who.staff.staffId)) out.push(who.staff);
  return out;
}

function digestText(reminder: ScheduledReminder, meeting: Meeting): string {
  const what = `${meetingTitle(meeting)} with ${meeting.providerName} on ${londonDateTime(meeting.startsAt ?? '')}`;
  switch (reminder.kind) {
    case 'meeting-reminder':
      return `Attendees reminded of the ${what}.`;
    case 'template-to-share':
      return `Share the pre-meeting template for the ${what}: it has not been shared yet.`;
    case 'comment-deadline':
      return `Contacts who have not commented were reminded that comments on the ${what} close when it starts.`;
  }
}

async function emailsFor(
  reminder: ScheduledReminder,
  meeting: Meeting,
  read: {
    people: HolderResolver;
    provider: (id: string) => Promise<Provider | null>;
  },
  deps: ReminderDeps,
  now: Date,
): Promise<OutgoingEmail[]> {
  const title = meetingTitle(meeting);
  const { meetingId } = meeting;
  const meetingDate = londonDateTime(meeting.startsAt ?? '');
  const email = (
    template: EmailTemplateName,
    recipientId: string,
    to: { name: string; email: string },
    data: Record<string, string>,
    contactId?: string,
  ): OutgoingEmail => ({
    key: { pk: `MEETING#${meeting.meetingId}`, sk: `DELIVERY#${reminder.reminderId}#${recipientId}` },
    template,
    to: { name: to.name, email: to.email },
    data: { recipientName: to.name, ...data },
    tags: {
      kind: reminder.kind,
      meetingId: meeting.meetingId,
      providerId: meeting.providerId,
      ...(contactId ? { contactId } : {}),
    },
  });
  const provider = await read.provider(meeting.providerId);
  const contactLinkFor = (contactId: string) =>
    contactLink({ providerId: meeting.providerId, contactId }, deps.links, now);
  const contacts = new Map<string, Contact>(
    reachableContacts(provider?.contacts ?? []).map((contact) => [contact.contactId, contact]),
  );

  switch (reminder.kind) {
    case 'meeting-reminder': {
      const data = {
        meetingTitle: title,
        providerName: meeting.providerName,
        meetingDate,
        mode: meetingModeInWords(meeting.mode),
      };
      // The lead and the holder now (R-CAD-4: the holder is told whoever leads), or their covers that day
      // (R-TEAM-5), then the other regulator attendees; each once.
      const members: Staff[] = [...(await owners(read.people, meeting))];
      for (const attendee of meeting.regulatorAttendees) {
        const member = await read.people.staffMember(attendee.staffId);
        if (member && !members.some((known) => known.staffId === member.staffId)) members.push(member);
      }
      const out: OutgoingEmail[] = [];
      for (const member of members) {
        // Issue 15: staff get the meeting's page in the workspace; contacts get their contact link instead.
        const withPage = { ...data, workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'meeting', meetingId }) };
        out.push(email('meeting-reminder', member.staffId, member, withPage));
      }
      for (const attendee of meeting.providerAttendees) {
        const contact = contacts.get(attendee.contactId);
        if (contact) {
          const withLink = { ...data, contactLink: contactLinkFor(contact.contactId) };
          out.push(email('meeting-reminder', contact.contactId, contact, withLink, contact.contactId));
        }
      }
      return out;
    }
    case 'template-to-share': {
      // R-TPL-1: prepared by the holder or the lead: both are reminded (or whoever covers for them today).
      return (await owners(read.people, meeting)).map((owner) =>
        email('template-to-share', owner.staffId, owner, {
          meetingTitle: title,
          providerName: meeting.providerName,
          meetingDate,
          // Issue 15: the template page, where it is saved and shared.
          workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'template', meetingId }),
        }),
      );
    }
    case 'comment-deadline': {
      const share = meeting.share;
      if (!share) return [];
      const commented = new Set((await deps.templates.comments(meeting.meetingId)).map((comment) => comment.contactId));
      const attending = new Set(meeting.providerAttendees.map((attendee) => attendee.contactId));
      return [...contacts.values()]
        .filter((contact) => attending.size === 0 || attending.has(contact.contactId))
        .filter((contact) => !commented.has(contact.contactId))
        .map((contact) =>
          email(
            'comment-deadline',
            contact.contactId,
            contact,
            {
              meetingTitle: title,
              meetingDate,
              deadline: londonDateTime(share.closesAt),
              link: respondLink({ ...meeting, share }, contact.contactId, deps.links),
              contactLink: contactLinkFor(contact.contactId),
            },
            contact.contactId,
          ),
        );
    }
  }
}
