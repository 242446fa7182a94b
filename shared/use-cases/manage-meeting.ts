import { escapeHtml } from '../adapters/http/pages/html.ts';
import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { instantInWords, meetingModeInWords } from '../domain/emails/in-words.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors.ts';
import { calendarInvite } from '../domain/meetings/calendar-invite.ts';
import { meetingTitleCapitalised, meetingTitleOf } from '../domain/meetings/meeting-title.ts';
import { mimeMessage } from '../domain/meetings/mime-message.ts';
import { type Departure, decideDepartures, isDefaultRule } from '../domain/policy/exceptions.ts';
import { logger } from '../observability/logger.ts';
import type { BookMeetingInput, Meeting, MeetingOutcomeInput } from '../schemas/meeting.ts';
import type { Provider } from '../schemas/provider.ts';
import { CALENDAR_INVITE, type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import type { ChangeContext, Mailer, MeetingStore, RegisterStore } from './ports.ts';

/**
 * Book, reschedule, cancel and record meetings (R-CAD-9), with the attendee rules of the policy
 * the meeting was planned under (R-CAD-1, R-CAD-4, R-CAD-6: lead roles, required attendees, modes)
 * and calendar invites to every attendee: the same UID throughout, SEQUENCE rising with each change,
 * METHOD:CANCEL on cancellation.
 */
export interface MeetingDeps {
  register: RegisterStore;
  meetings: MeetingStore;
  /** The sender address, the invites' organizer. */
  mailer: Pick<Mailer, 'sender'>;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
}

const OPEN = new Set(['planned', 'booked']);
/** What people call the meeting, mid-sentence: "engagement meeting", "board meeting" (never "board meeting meeting"). */
export const meetingTitle = (meeting: Pick<Meeting, 'type'>) => meetingTitleOf(meeting.type);

async function openMeeting(deps: MeetingDeps, meetingId: string, expectedVersion: number | null): Promise<Meeting> {
  const meeting = await deps.meetings.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError('No such meeting');
  if (expectedVersion !== null && meeting.version !== expectedVersion) {
    throw new StaleVersionError('The meeting has changed since you read it: read it again and retry');
  }
  if (!OPEN.has(meeting.status)) throw new ConflictError(`The meeting is ${meeting.status}: it can no longer change`);
  return meeting;
}

export async function staffAttendee(deps: Pick<MeetingDeps, 'register'>, staffId: string, path: string) {
  const staff = await deps.register.getStaff(staffId);
  if (!staff)
    throw new ValidationError('No member of staff has this id', [{ path, message: 'no member of staff has this id' }]);
  return { staffId: staff.staffId, name: staff.name, roles: [...staff.roles], email: staff.email };
}

export function contactAttendee(provider: Provider, contactId: string, path: string) {
  const contact = provider.contacts.find((candidate) => candidate.contactId === contactId);
  if (!contact) {
    throw new ValidationError('Not a contact of this provider', [{ path, message: 'not a contact of this provider' }]);
  }
  return { contactId, name: contact.name, roles: [...contact.roles], email: contact.email };
}

/**
 * The policy's demands on who leads, who attends and how (the rule the meeting was planned under), each way
 * the booking departs from them. Whether a departure may stand is R-EXC-1's (decideDepartures).
 */
function departuresFrom(meeting: Meeting): Departure[] {
  const { requirements, ruleId } = meeting;
  const departures: Departure[] = [];
  if (meeting.mode && requirements.modes.length > 0 && !requirements.modes.includes(meeting.mode)) {
    departures.push({ ruleId, message: `This meeting must be held ${requirements.modes.join(' or ')}` });
  }
  const leadRoles = meeting.lead?.roles ?? [];
  if (requirements.leadRoles.length > 0 && !leadRoles.some((role) => requirements.leadRoles.includes(role))) {
    departures.push({ ruleId, message: `This meeting is led by one of: ${requirements.leadRoles.join(', ')}` });
  }
  const regulatorRoles = new Set([...leadRoles, ...meeting.regulatorAttendees.flatMap((attendee) => attendee.roles)]);
  const providerRoles = new Set(meeting.providerAttendees.flatMap((attendee) => attendee.roles));
  // The rule's own attendees, then R-CAD-5's on the year's designated meeting, each under its own rule id.
  const demands = [
    { ruleId, regulator: requirements.regulatorAttendees, provider: requirements.providerAttendees },
    ...(requirements.also
      ? [
          {
            ruleId: requirements.also.ruleId,
            regulator: requirements.also.regulatorAttendees,
            provider: requirements.also.providerAttendees,
          },
        ]
      : []),
  ];
  for (const demand of demands) {
    const missingRegulator = demand.regulator.filter((role) => !regulatorRoles.has(role));
    if (missingRegulator.length > 0) {
      departures.push({
        ruleId: demand.ruleId,
        message: `This meeting needs a ${missingRegulator.join(' and a ')} from the regulator`,
      });
    }
    const missingProvider = demand.provider.filter((role) => !providerRoles.has(role));
    if (missingProvider.length > 0) {
      departures.push({
        ruleId: demand.ruleId,
        message: `This meeting needs the provider's ${missingProvider.join(' and ')} to attend`,
      });
    }
  }
  return departures;
}

export type Emails = Map<string, string>;

/**
 * The calendar invites a change owes, one per attendee with an address (each their own copy, so a bounce
 * or suppression touches one person): written to the outbox with the change and sent through the
 * delivery ledger, once each (R-REM-4); the same UID throughout, SEQUENCE rising with each change.
 */
export function inviteEmails(
  deps: Pick<MeetingDeps, 'mailer'>,
  meeting: Meeting,
  method: 'REQUEST' | 'CANCEL',
  emails: Emails,
  now: Date,
): OutgoingEmail[] {
  if (!meeting.startsAt || !meeting.durationMinutes || !meeting.lead) return [];
  const people = [meeting.lead, ...meeting.regulatorAttendees, ...meeting.providerAttendees];
  const recipients = people.flatMap((person) => {
    const id = 'staffId' in person ? person.staffId : person.contactId;
    const email = emails.get(id);
    return email ? [{ id, contact: !('staffId' in person), name: person.name, email }] : [];
  });
  const title = `${meetingTitleCapitalised(meeting.type)} with ${meeting.providerName}`;
  const when = instantInWords(meeting.startsAt);
  const lead = recipients[0] ?? { name: 'Provider Engagement', email: deps.mailer.sender };
  const ics = calendarInvite({
    uid: `${meeting.meetingId}@provider-engagement`,
    sequence: meeting.inviteSequence,
    method,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    summary: title,
    description: `${meeting.summary} (${meeting.ruleId})`,
    location: meeting.venue ?? meeting.mode,
    organizer: { name: lead.name, email: deps.mailer.sender },
    attendees: recipients.map(({ name, email }) => ({ name, email, required: true })),
    stamp: now.toISOString(),
  });
  const verb = method === 'CANCEL' ? 'Cancelled' : meeting.inviteSequence === 0 ? 'Invitation' : 'Updated';
  const text = `${verb}: ${title}, ${when} (UK time), ${meetingModeInWords(meeting.mode)}.`;
  return recipients.map((recipient) => ({
    key: {
      pk: `MEETING#${meeting.meetingId}`,
      sk: `DELIVERY#invite#${meeting.inviteSequence}#${recipient.id}`,
    },
    template: CALENDAR_INVITE,
    to: { name: recipient.name, email: recipient.email },
    raw: mimeMessage({
      from: deps.mailer.sender,
      to: [{ name: recipient.name, email: recipient.email }],
      subject: `${verb}: ${title}, ${when}`,
      text,
      html: `<p>${escapeHtml(text)}</p>`,
      calendar: { method, content: ics, filename: 'invite.ics' },
      messageIdDomain: 'provider-engagement',
      boundarySeed: `${meeting.meetingId}-${meeting.inviteSequence}-${recipient.id}`,
      date: now.toISOString(),
    }),
    data: {},
    tags: {
      kind: 'calendar-invite',
      meetingId: meeting.meetingId,
      providerId: meeting.providerId,
      ...(recipient.contact ? { contactId: recipient.id } : {}),
    },
  }));
}

function audited(meeting: Meeting, before: Meeting, context: ChangeContext) {
  return [
    auditEntry({
      auditId: context.newId(),
      providerId: meeting.providerId,
      entityType: 'meeting',
      entityId: meeting.meetingId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...changedFields(before, meeting),
    }),
  ];
}

/**
 * Book a planned meeting, or change a booked one.
 * Course: 1. the meeting is open and at the version read  2. resolve the lead and attendees (400 for
 *         unknown people)  3. to book, a time, mode, lead and provider attendees are needed  4. check the
 *         policy's demands (422 naming the rule)  5. store it, audited, a shared template's comment window
 *         moved to the new start  6. invite everyone (SEQUENCE + 1).
 */
export async function bookMeeting(
  deps: MeetingDeps,
  meetingId: string,
  expectedVersion: number,
  patch: BookMeetingInput,
  context: ChangeContext,
): Promise<Meeting> {
  const current = await openMeeting(deps, meetingId, expectedVersion);
  const provider = await deps.register.getProvider(current.providerId);
  if (!provider) throw new NotFoundError('The meeting’s provider no longer exists');
  const emails: Emails = new Map(
    reachableContacts(provider.contacts).map((contact) => [contact.contactId, contact.email]),
  );
  const strip = <T extends { email: string }>({ email: _email, ...rest }: T) => rest;

  const lead = patch.leadStaffId ? await staffAttendee(deps, patch.leadStaffId, 'body.leadStaffId') : null;
  const regulator = patch.regulatorStaffIds
    ? await Promise.all(
        patch.regulatorStaffIds.map((id, index) => staffAttendee(deps, id, `body.regulatorStaffIds.${index}`)),
      )
    : null;
  const contacts = patch.providerContactIds?.map((id, index) =>
    contactAttendee(provider, id, `body.providerContactIds.${index}`),
  );
  if (patch.startsAt && new Date(patch.startsAt).getTime() <= context.now.getTime()) {
    throw new ValidationError('A meeting is booked for a time still to come', [
      { path: 'body.startsAt', message: 'must be in the future' },
    ]);
  }
  for (const person of [lead, ...(regulator ?? [])]) if (person) emails.set(person.staffId, person.email);
  // Attendees already on the meeting keep their addresses for the invite.
  for (const attendee of [current.lead, ...current.regulatorAttendees]) {
    if (attendee && !emails.has(attendee.staffId)) {
      const staff = await deps.register.getStaff(attendee.staffId);
      if (staff) emails.set(staff.staffId, staff.email);
    }
  }

  const draft: Meeting = {
    ...current,
    ...(patch.startsAt !== undefined ? { startsAt: patch.startsAt } : {}),
    ...(patch.mode !== undefined ? { mode: patch.mode } : {}),
    ...(patch.venue !== undefined ? { venue: patch.venue } : {}),
    ...(patch.groupsToMeet !== undefined ? { groupsToMeet: patch.groupsToMeet } : {}),
    ...(patch.partnerAttendees !== undefined ? { partnerAttendees: patch.partnerAttendees } : {}),
    // A shared template's comment window is the meeting's (R-TPL-2, R-TPL-3): it closes at the new start,
    // and its comment-deadline reminder moves with it (shared/domain/reminders/meeting-reminders.ts).
    ...(patch.startsAt !== undefined && current.share ? { share: { ...current.share, closesAt: patch.startsAt } } : {}),
    ...(lead ? { lead: strip(lead) } : {}),
    ...(regulator ? { regulatorAttendees: regulator.map(strip) } : {}),
    ...(contacts ? { providerAttendees: contacts.map(strip) } : {}),
    durationMinutes: patch.durationMinutes ?? current.durationMinutes ?? 60,
  };
  const missing = (['startsAt', 'mode', 'lead'] as const).filter((field) => draft[field] === null);
  if (draft.providerAttendees.length === 0) missing.push('providerContactIds' as never);
  if (missing.length > 0) {
    throw new ValidationError(
      `To book this meeting, give ${missing.join(', ')}`,
      missing.map((field) => ({
        path: `body.${field === 'lead' ? 'leadStaffId' : field}`,
        message: 'required to book',
      })),
    );
  }
  // R-EXC-1: a departure from a default rule stands only with a reason from someone who allocates.
  // A reschedule that departs only as already excepted keeps the exception without a new reason.
  const departures = departuresFrom(draft);
  const kept = current.exception;
  const stillCovered =
    !patch.exceptionReason &&
    kept &&
    departures.length > 0 &&
    departures.every((departure) => departure.ruleId === kept.ruleId && isDefaultRule(departure.ruleId));
  const exception = stillCovered ? kept : decideDepartures(departures, patch.exceptionReason, context.actor);
  const wasBooked = current.status === 'booked';
  const changed: Meeting = {
    ...draft,
    exception,
    status: 'booked',
    inviteSequence: wasBooked ? current.inviteSequence + 1 : 0,
    ...nextVersion(current, context.actor, context.now),
  };
  const owed = inviteEmails(deps, changed, 'REQUEST', emails, context.now);
  await deps.meetings.replaceMeeting(changed, current, audited(changed, current, context), owed);
  if (exception && !stillCovered) {
    logger.info('Rule exception accepted', { meetingId, ruleId: exception.ruleId, providerId: current.providerId });
  }
  await sendOwedNow(deps.deliver, owed);
  return changed;
}

/** Cancel a meeting; attendees of a booked one get METHOD:CANCEL with the same UID and a higher SEQUENCE. */
export async function cancelMeeting(
  deps: MeetingDeps,
  meetingId: string,
  reason: string,
  context: ChangeContext,
): Promise<Meeting> {
  const current = await openMeeting(deps, meetingId, null);
  const changed: Meeting = {
    ...current,
    status: 'cancelled',
    cancelReason: reason,
    inviteSequence: current.status === 'booked' ? current.inviteSequence + 1 : current.inviteSequence,
    ...nextVersion(current, context.actor, context.now),
  };
  const emails: Emails = new Map();
  if (current.status === 'booked') {
    const provider = await deps.register.getProvider(current.providerId);
    for (const contact of reachableContacts(provider?.contacts ?? [])) emails.set(contact.contactId, contact.email);
    for (const attendee of [current.lead, ...current.regulatorAttendees]) {
      const staff = attendee ? await deps.register.getStaff(attendee.staffId) : null;
      if (staff) emails.set(staff.staffId, staff.email);
    }
  }
  const owed = current.status === 'booked' ? inviteEmails(deps, changed, 'CANCEL', emails, context.now) : [];
  await deps.meetings.replaceMeeting(changed, current, audited(changed, current, context), owed);
  await sendOwedNow(deps.deliver, owed);
  return changed;
}

/** Record a meeting as held, with notes and agreed actions (R-CAD-9); it is then closed to change. */
export async function recordOutcome(
  deps: MeetingDeps,
  meetingId: string,
  outcome: MeetingOutcomeInput,
  context: ChangeContext,
): Promise<Meeting> {
  const current = await openMeeting(deps, meetingId, null);
  const heldAt = outcome.heldAt ?? current.startsAt ?? context.now.toISOString();
  if (new Date(heldAt).getTime() > context.now.getTime()) {
    throw new ValidationError('A meeting is recorded as held once it has happened', [
      { path: 'body.heldAt', message: 'must not be in the future' },
    ]);
  }
  const changed: Meeting = {
    ...current,
    status: 'held',
    heldAt,
    notes: outcome.notes,
    actions: outcome.actions.map((action) => ({ ...action, actionId: context.newId(), status: 'open' as const })),
    ...nextVersion(current, context.actor, context.now),
  };
  await deps.meetings.replaceMeeting(changed, current, audited(changed, current, context));
  return changed;
}
