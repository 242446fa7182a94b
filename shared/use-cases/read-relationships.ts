import { londonDate } from '../domain/calendar.ts';
import { minutesBetween } from '../domain/contact/route-submission.ts';
import { NotFoundError } from '../domain/errors.ts';
import { countsTowardsCadence } from '../domain/meetings/ad-hoc.ts';
import { type AttendanceCheck, attendanceChecks } from '../domain/meetings/attendance-check.ts';
import { currentHolderId } from '../domain/meetings/current-holder.ts';
import { businessYearOf } from '../domain/meetings/planning.ts';
import { type EngagementPlan, engagementPlan } from '../domain/policy/engine.ts';
import { currentPolicyId } from '../domain/policy/types.ts';
import type { InformationRequest, Submission } from '../schemas/contact.ts';
import type { Activity } from '../schemas/engagement.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Relationship } from '../schemas/relationship.ts';
import type { ProviderComment } from '../schemas/template.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import type {
  ContactStore,
  EngagementStore,
  MeetingStore,
  RegisterStore,
  StoredRelationships,
  TemplateStore,
} from './ports.ts';

/**
 * Reads of relationships: a provider's (current and history, one Query), a member of staff's
 * (one Query), and the engagement plan (what the policy in force on a day requires, and where
 * the provider stands against it).
 */
export async function providerRelationships(deps: RelationshipDeps, providerId: string): Promise<StoredRelationships> {
  const stored = await deps.relationships.getRelationships(providerId);
  if (stored.current.length === 0 && stored.history.length === 0 && !(await deps.register.getProvider(providerId))) {
    throw new NotFoundError('No such provider');
  }
  return { ...stored, current: stored.current.map(asRead) };
}

/**
 * A relationship as read, whichever catalogue wrote it: a policy id of the old catalogue
 * ('providers-general') reads as its current name, and one allocated before exceptions (R-EXC-1) has none.
 */
export function asRead(relationship: Relationship): Relationship {
  return {
    ...relationship,
    policyId: currentPolicyId(relationship.policyId),
    exception: relationship.exception ?? null,
  };
}

/**
 * The engagement plan on a day (default: today in London).
 * Course: 1. read the provider, its locations and current relationships  2. ask the policy engine
 *         what the versions in force on that day require  3. answer with what is missing.
 */
export async function providerEngagementPlan(
  deps: RelationshipDeps & { meetings: Pick<MeetingStore, 'providerMeetingsDue'> },
  providerId: string,
  on: string | undefined,
  now: Date,
): Promise<EngagementPlan & { attendanceChecks: AttendanceCheck[]; exceptions: PlanException[] }> {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  const day = on ?? londonDate(now);
  const year = businessYearOf(day);
  const [locations, current, meetings] = await Promise.all([
    deps.register.allLocations(providerId),
    deps.relationships.currentRelationships(providerId),
    deps.meetings.providerMeetingsDue(providerId, year.startsOn, year.endsOn),
  ]);
  // R-CAD-11: ad hoc meetings are engagement beyond the cadence; the plan's checks read only required ones.
  const required = meetings.filter(countsTowardsCadence);
  const providerHolder = current.find((held) => held.scope === 'provider');
  const lead = current.find((held) => held.scope === 'corporate-lead');
  const plan = engagementPlan(
    deps.policy,
    {
      sector: provider.sector,
      marketOversight: provider.marketOversight,
      locations: locations.map(({ locationId, name, significantRisk }) => ({ locationId, name, significantRisk })),
      cadence: provider.cadence ?? null,
    },
    {
      providerHolder: providerHolder
        ? { staffId: providerHolder.staffId, exception: providerHolder.exception ?? null }
        : null,
      locationHolders: Object.fromEntries(
        current
          .filter((held) => held.scope === 'location' && held.locationId)
          .map((held) => [held.locationId ?? '', { staffId: held.staffId, exception: held.exception ?? null }]),
      ),
      corporateLead: lead
        ? {
            staffId: lead.staffId,
            bandRuleId: lead.ruleId,
            reviewNeeded: lead.reviewNeeded !== null,
            exception: lead.exception ?? null,
          }
        : null,
    },
    day,
  );
  // R-CAD-5: the year's meetings so far against what the year needs of them.
  return {
    ...plan,
    attendanceChecks: attendanceChecks(plan.meetings, required, day),
    exceptions: exceptionsOf(current, required),
  };
}

/** R-EXC-1: a departure from a default rule that stands, with its reason, as the plan shows and counts it. */
export interface PlanException {
  on: 'relationship' | 'meeting';
  ruleId: string;
  reason: string;
  /** The relationship's scope, or the meeting's type. */
  what: string;
  locationId: string | null;
  staffId: string | null;
  meetingId: string | null;
}

/** The exceptions standing on the provider now: its current relationships' and the business year's meetings'. */
function exceptionsOf(current: readonly Relationship[], meetings: readonly Meeting[]): PlanException[] {
  return [
    ...current.flatMap((held) =>
      held.exception
        ? [
            {
              on: 'relationship' as const,
              ...held.exception,
              what: held.scope,
              locationId: held.locationId,
              staffId: held.staffId,
              meetingId: null,
            },
          ]
        : [],
    ),
    ...meetings.flatMap((meeting) =>
      meeting.exception && meeting.status !== 'cancelled'
        ? [
            {
              on: 'meeting' as const,
              ...meeting.exception,
              what: meeting.type,
              locationId: meeting.locationId,
              staffId: null,
              meetingId: meeting.meetingId,
            },
          ]
        : [],
    ),
  ];
}

/** Who a dashboard meeting belongs to now (R-REL-2), and why it is on this dashboard. */
export interface DashboardMeeting extends Meeting {
  /** Whoever holds the meeting's relationship now (not when it was planned), or null if nobody does. */
  currentHolder: { staffId: string; name: string } | null;
  /** Why it is on this dashboard: I hold its relationship now, I lead it (R-CAD-4), or both. */
  mine: ('holder' | 'lead')[];
  /** Set when it is here because I cover for someone away (R-TEAM-5): whom. */
  coveringFor: { staffId: string; name: string } | null;
}

export interface Dashboard {
  staffId: string;
  relationships: Relationship[];
  reviewsNeeded: Relationship[];
  nextMeetings: DashboardMeeting[];
  overdueMeetings: DashboardMeeting[];
  /** R-TEAM-5: the people I cover for today (their absence), whose meetings are on my lists marked as cover. */
  covering: { staffId: string; name: string; from: string; to: string }[];
  /** What providers sent on my meetings in the last 30 days, newest first (R-TPL-4). */
  commentsWaiting: ProviderComment[];
  /** R-PRV-4: open submissions I handle, oldest first, with how long each has waited for a first response. */
  openSubmissions: (Submission & { minutesWaiting: number })[];
  /** R-PRV-5: the information requests I made that are still open, soonest due first. */
  openInformationRequests: InformationRequest[];
  /**
   * R-CAD-11: engagement beyond planned meetings (logged contacts, ad hoc meetings) with the providers I
   * hold, from 30 days ago on (upcoming ad hoc meetings too), newest first, at most 20.
   */
  recentEngagement: Activity[];
}

/** How far back, and how many, the dashboard's recent engagement reaches. */
const RECENT_DAYS = 30;
const RECENT_ITEMS = 20;

/** Holder relationships (not corporate leads): the providers whose meetings their holder sees. */
const holds = (held: Relationship) => held.scope === 'provider' || held.scope === 'location';

/**
 * A member of staff's dashboard: what they hold and which corporate leads need review (R-CORP), their open
 * meetings soonest first, and those overdue (R-CAD-8).
 * R-REL-2: a meeting is on the dashboard of whoever holds its relationship **now** and of its lead (R-CAD-4),
 * and, while either is away, of the person covering for them (R-TEAM-5, marked as cover). Nothing is
 * rewritten on a handover: the meetings are found from the relationships held today.
 * Course: 1. in parallel: what I hold (HOLDER#), the meetings I lead (gsi3), comments, submissions, and
 *            whom I cover today (COVERING#)  2. the same two lists for each person I cover
 *         3. per provider held (by me or by someone I cover): its open meetings and current relationships,
 *            keeping those whose holder now is me or them (shared/domain/meetings/current-holder.ts)
 *         4. the meetings we lead, with who holds them now (the current relationships of a provider not read in 3).
 */
export async function staffDashboard(
  deps: RelationshipDeps & {
    meetings: Pick<MeetingStore, 'openMeetingsOf' | 'openMeetingsOfProvider'>;
    templates: Pick<TemplateStore, 'commentsFor'>;
    contact: Pick<ContactStore, 'openFor'>;
    engagement: Pick<EngagementStore, 'activitiesSince'>;
    register: Pick<RegisterStore, 'coveredBy'>;
  },
  staffId: string,
  now: Date,
): Promise<Dashboard> {
  const today = londonDate(now);
  const monthAgo = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [relationships, led, commentsWaiting, open, covered] = await Promise.all([
    deps.relationships.listHeldBy(staffId),
    deps.meetings.openMeetingsOf(staffId),
    deps.templates.commentsFor(staffId, monthAgo),
    deps.contact.openFor(staffId),
    deps.register.coveredBy(staffId, today),
  ]);
  const read = relationships.map(asRead);
  const coverLists = await Promise.all(
    covered.map(async (person) => {
      const [theirs, theyLead] = await Promise.all([
        deps.relationships.listHeldBy(person.staffId),
        deps.meetings.openMeetingsOf(person.staffId),
      ]);
      return { person, held: theirs.map(asRead), led: theyLead };
    }),
  );

  // Whose meetings are mine to see: me, then each person I cover (as cover).
  const forWhom = new Map<string, { staffId: string; name: string } | null>([[staffId, null]]);
  for (const { person } of coverLists) forWhom.set(person.staffId, { staffId: person.staffId, name: person.name });
  const found = new Map<string, DashboardMeeting>();
  const add = (meeting: Meeting, role: 'holder' | 'lead', whose: string, holder: DashboardMeeting['currentHolder']) => {
    const known = found.get(meeting.meetingId);
    const coveringFor = forWhom.get(whose) ?? null;
    if (known) {
      if (!known.mine.includes(role)) known.mine.push(role);
      if (!coveringFor) known.coveringFor = null;
      if (holder) known.currentHolder = holder;
      return;
    }
    found.set(meeting.meetingId, { ...meeting, currentHolder: holder, mine: [role], coveringFor });
  };

  // 3. The open meetings of every provider held by me or someone I cover, whose holder now is one of us.
  const heldProviders = [
    ...new Set([...read, ...coverLists.flatMap((list) => list.held)].filter(holds).map((held) => held.providerId)),
  ];
  const [byProvider, recent] = await Promise.all([
    Promise.all(
      heldProviders.map(async (providerId) => {
        const [meetings, current] = await Promise.all([
          deps.meetings.openMeetingsOfProvider(providerId),
          deps.relationships.currentRelationships(providerId),
        ]);
        return { meetings, current };
      }),
    ),
    // One bounded Query per provider I hold (a holder holds tens, not thousands): its newest activities.
    Promise.all(
      [...new Set(read.map((held) => held.providerId))].map((providerId) =>
        deps.engagement.activitiesSince(providerId, monthAgo, RECENT_ITEMS),
      ),
    ),
  ]);
  const holderOf = new Map<string, DashboardMeeting['currentHolder']>();
  for (const { meetings, current } of byProvider) {
    for (const meeting of meetings) {
      const holderId = currentHolderId(meeting, current);
      const holder = current.find((held) => held.staffId === holderId);
      const named = holder ? { staffId: holder.staffId, name: holder.staffName } : null;
      holderOf.set(meeting.meetingId, named);
      if (holderId && forWhom.has(holderId)) add(meeting, 'holder', holderId, named);
    }
  }
  // The meetings I (or they) lead, whoever holds them (R-CAD-4). The lead index also holds meetings filed
  // under the holder when they were planned, before R-REL-2: only those whose lead is the person count.
  const leading = [[staffId, led] as const, ...coverLists.map((c) => [c.person.staffId, c.led] as const)].flatMap(
    ([whose, list]) => list.filter((meeting) => meeting.lead?.staffId === whose).map((meeting) => ({ whose, meeting })),
  );
  // Who holds the meetings I lead of providers nobody here holds: one Query of current relationships each.
  const unread = [
    ...new Set(leading.map(({ meeting }) => meeting.providerId).filter((id) => !heldProviders.includes(id))),
  ];
  const currentOf = new Map(
    await Promise.all(
      unread.map(
        async (providerId) => [providerId, await deps.relationships.currentRelationships(providerId)] as const,
      ),
    ),
  );
  for (const { whose, meeting } of leading) {
    let holder = holderOf.get(meeting.meetingId) ?? null;
    const current = currentOf.get(meeting.providerId);
    if (!holder && current) {
      const found = current.find((held) => held.staffId === currentHolderId(meeting, current));
      holder = found ? { staffId: found.staffId, name: found.staffName } : null;
    }
    add(meeting, 'lead', whose, holder);
  }
  const meetings = [...found.values()].sort((a, b) => (a.startsAt ?? a.dueBy).localeCompare(b.startsAt ?? b.dueBy));

  return {
    staffId,
    relationships: read,
    reviewsNeeded: read.filter((held) => held.reviewNeeded !== null),
    nextMeetings: meetings.filter((meeting) => meeting.dueBy >= today),
    // An ad hoc meeting (R-CAD-11) is never overdue: only what the cadence required can be (R-CAD-8).
    overdueMeetings: meetings.filter((meeting) => meeting.dueBy < today && countsTowardsCadence(meeting)),
    covering: covered.flatMap((person) =>
      person.absence
        ? [{ staffId: person.staffId, name: person.name, from: person.absence.from, to: person.absence.to }]
        : [],
    ),
    commentsWaiting,
    openSubmissions: open.submissions
      .map((submission) => ({
        ...submission,
        minutesWaiting: minutesBetween(submission.submittedAt, now.toISOString()),
      }))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
    openInformationRequests: [...open.informationRequests].sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    recentEngagement: recent
      .flat()
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
      .slice(0, RECENT_ITEMS),
  };
}
