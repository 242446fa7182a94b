import { describeActor } from '../domain/actor.ts';
import { auditEntry, firstVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { AD_HOC_RULE, AD_HOC_TYPE, adHocStatus, MODE_OF } from '../domain/meetings/ad-hoc.ts';
import type { Activity, CreateAdHocMeetingInput, LogActivityInput } from '../schemas/engagement.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Provider } from '../schemas/provider.ts';
import { type Deliver, sendOwedNow } from './deliver-emails.ts';
import { contactAttendee, type Emails, inviteEmails, staffAttendee } from './manage-meeting.ts';
import type { ChangeContext, EngagementStore, Mailer, Page, PageRequest, RegisterStore } from './ports.ts';

/**
 * Engagement beyond planned meetings (R-CAD-11): ad hoc meetings and logged contacts, recorded
 * against the provider beside the planned meetings, with partner organisations' attendees (R-CAD-12).
 * Neither counts towards a cadence: an ad hoc meeting has its own rule id (R-CAD-11), so the engagement
 * plan, the attendance checks and the overdue sweep (R-CAD-8) never take it for a required meeting.
 */
export interface EngagementDeps {
  register: RegisterStore;
  engagement: EngagementStore;
  mailer: Pick<Mailer, 'sender'>;
  deliver: Deliver;
}

const CHANNEL_WORDS: Record<Activity['channel'], string> = {
  call: 'Call',
  teleconference: 'Teleconference',
  email: 'Email',
  visit: 'Visit',
  video: 'Video call',
};

async function providerAndLocation(deps: Pick<EngagementDeps, 'register'>, providerId: string, locationId?: string) {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  if (locationId && !(await deps.register.getLocation(providerId, locationId))) {
    throw new ValidationError('The location is not one of this provider’s', [
      { path: 'body.locationId', message: 'not a location of this provider' },
    ]);
  }
  return provider;
}

const contactsOf = (provider: Provider, ids: readonly string[]) =>
  ids.map((id, index) => contactAttendee(provider, id, `body.providerContactIds.${index}`));

/**
 * An ad hoc meeting (R-CAD-11), at provider or location level, by call, teleconference, video or visit.
 * Course: 1. read the provider (404), its location (400 if not its own), the lead and attendees (400
 *         naming the unknown one)  2. still to come: booked, everyone with an address invited like a
 *         booked meeting; already started: recorded as held at its start, nobody invited  3. the meeting,
 *         its entry on the provider's activities, its invites (the outbox) and the audit entries in one
 *         transaction  4. send the invites through the delivery ledger.
 */
export async function createAdHocMeeting(
  deps: EngagementDeps,
  providerId: string,
  input: CreateAdHocMeetingInput,
  context: ChangeContext,
): Promise<Meeting> {
  const provider = await providerAndLocation(deps, providerId, input.locationId);
  const contacts = contactsOf(provider, input.providerContactIds);
  const [lead, ...regulator] = await Promise.all([
    staffAttendee(deps, input.leadStaffId, 'body.leadStaffId'),
    ...input.regulatorStaffIds.map((id, index) => staffAttendee(deps, id, `body.regulatorStaffIds.${index}`)),
  ]);
  if (!lead) throw new NotFoundError('No such member of staff');
  const startsAt = new Date(input.startsAt).toISOString();
  const status = adHocStatus(startsAt, context.now);
  const strip = <T extends { email: string }>({ email: _email, ...rest }: T) => rest;
  const day = londonDate(new Date(startsAt));
  const meeting: Meeting = {
    meetingId: context.newId(),
    providerId,
    providerName: provider.name,
    type: AD_HOC_TYPE,
    level: input.locationId ? 'location' : 'provider',
    locationId: input.locationId ?? null,
    ruleId: AD_HOC_RULE,
    policyId: null,
    summary: input.summary ?? `${CHANNEL_WORDS[input.mode]} with ${provider.name}, outside the planned meetings`,
    period: day,
    dueBy: day,
    status,
    startsAt,
    durationMinutes: input.durationMinutes,
    mode: MODE_OF[input.mode],
    venue: input.venue ?? null,
    holderStaffId: null,
    lead: strip(lead),
    regulatorAttendees: regulator.map(strip),
    providerAttendees: contacts.map(strip),
    groupsToMeet: [],
    requirements: { leadRoles: [], regulatorAttendees: [], providerAttendees: [], modes: [] },
    exception: null,
    cancelReason: null,
    heldAt: status === 'held' ? startsAt : null,
    notes: null,
    actions: [],
    overdueNotifiedAt: null,
    share: null,
    inviteSequence: 0,
    channel: input.mode,
    partnerAttendees: input.partnerAttendees,
    ...firstVersion(context.actor, context.now),
  };
  const activity: Activity = {
    activityId: context.newId(),
    providerId,
    providerName: provider.name,
    locationId: meeting.locationId,
    source: 'ad-hoc-meeting',
    channel: input.mode,
    occurredAt: startsAt,
    staff: [lead, ...regulator].map(({ staffId, name }) => ({ staffId, name })),
    providerPeople: contacts.map(({ contactId, name }) => ({ contactId, name })),
    partnerAttendees: input.partnerAttendees,
    summary: meeting.summary,
    meetingId: meeting.meetingId,
    meetingStatus: status,
    ruleId: AD_HOC_RULE,
    recordedAt: context.now.toISOString(),
    recordedBy: describeActor(context.actor),
  };
  // Partner attendees (R-CAD-12) have no address here: their own organisation invites them.
  const emails: Emails = new Map([
    ...reachableContacts(provider.contacts).map((contact): [string, string] => [contact.contactId, contact.email]),
    ...[lead, ...regulator].map((staff): [string, string] => [staff.staffId, staff.email]),
  ]);
  const owed = status === 'booked' ? inviteEmails(deps, meeting, 'REQUEST', emails, context.now) : [];
  const audit = (entityType: string, entityId: string, after: Record<string, unknown>) =>
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType,
      entityId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after,
    });
  await deps.engagement.createAdHocMeeting(
    meeting,
    activity,
    [
      audit('meeting', meeting.meetingId, {
        type: AD_HOC_TYPE,
        ruleId: AD_HOC_RULE,
        status,
        channel: input.mode,
        startsAt,
        locationId: meeting.locationId,
        leadStaffId: lead.staffId,
        partnerAttendees: input.partnerAttendees,
      }),
      audit('activity', activity.activityId, { source: activity.source, meetingId: meeting.meetingId }),
    ],
    owed,
  );
  await sendOwedNow(deps.deliver, owed);
  return meeting;
}

/**
 * A contact with the provider, logged after the event (R-CAD-11): a call, teleconference, email, visit or
 * video call, who took part on both sides, and what it was about.
 * Course: 1. read the provider (404), location, staff and contacts (400 naming the unknown one)
 *         2. refuse a contact still to come (it is logged once it happened)  3. store it, audited.
 */
export async function logActivity(
  deps: Pick<EngagementDeps, 'register' | 'engagement'>,
  providerId: string,
  input: LogActivityInput,
  context: ChangeContext,
): Promise<Activity> {
  const provider = await providerAndLocation(deps, providerId, input.locationId);
  if (new Date(input.occurredAt).getTime() > context.now.getTime()) {
    throw new ValidationError('A contact is logged once it has happened: book an ad hoc meeting for one to come', [
      { path: 'body.occurredAt', message: 'must not be in the future' },
    ]);
  }
  const contacts = contactsOf(provider, input.providerContactIds);
  const staff = await Promise.all(input.staffIds.map((id, index) => staffAttendee(deps, id, `body.staffIds.${index}`)));
  const activity: Activity = {
    activityId: context.newId(),
    providerId,
    providerName: provider.name,
    locationId: input.locationId ?? null,
    source: 'logged-contact',
    channel: input.channel,
    occurredAt: new Date(input.occurredAt).toISOString(),
    staff: staff.map(({ staffId, name }) => ({ staffId, name })),
    providerPeople: [
      ...contacts.map(({ contactId, name }) => ({ contactId, name })),
      ...input.providerPeople.map((name) => ({ contactId: null, name })),
    ],
    partnerAttendees: input.partnerAttendees,
    summary: input.summary,
    meetingId: null,
    meetingStatus: null,
    ruleId: AD_HOC_RULE,
    recordedAt: context.now.toISOString(),
    recordedBy: describeActor(context.actor),
  };
  await deps.engagement.logActivity(activity, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'activity',
      entityId: activity.activityId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: {
        source: activity.source,
        channel: activity.channel,
        occurredAt: activity.occurredAt,
        locationId: activity.locationId,
        staffIds: input.staffIds,
        providerContactIds: input.providerContactIds,
      },
    }),
  ]);
  return activity;
}

/** A provider's activities, newest first: one Query; an empty first page reads the provider to tell 404. */
export async function listActivities(
  deps: Pick<EngagementDeps, 'register' | 'engagement'>,
  providerId: string,
  request: PageRequest,
): Promise<Page<Activity>> {
  const page = await deps.engagement.listActivities(providerId, request);
  if (page.items.length === 0 && !request.nextToken && !(await deps.register.getProvider(providerId))) {
    throw new NotFoundError('No such provider');
  }
  return page;
}
