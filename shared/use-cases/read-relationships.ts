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
import { coveredFor } from './covered-for.ts';
import type {
  ContactStore,
  EngagementStore,
  MeetingStore,
  RegisterStore,
  StoredRelationships,
  TemplateStore,
} from './ports.ts';
import { openMeetingsNow } from './work-held-now.ts';

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

/**
 * A member of staff's dashboard: what they hold and which corporate leads need review (R-CORP), their open
 * meetings soonest first, and those overdue (R-CAD-8).
 * R-REL-2: a meeting is on the dashboard of whoever holds its relationship **now** and of its lead (R-CAD-4),
 * and, while either is away, of whoever acts for them that day (R-TEAM-5, marked as cover), along the whole
 * chain of covers as emails follow it (one rule: actingFor in shared/domain/cover.ts). Nothing is rewritten
 * on a handover: the meetings are found from the relationships held today.
 * Course: 1. in parallel: my open meetings now (shared/use-cases/work-held-now.ts), comments, submissions,
 *            and whom I act for today (coveredFor: the COVERING# chain, checked by actingFor)
 *         2. the same open meetings now for each person I act for
 *         3. the meetings we lead, with who holds them now (the current relationships of a provider not read in 1–2).
 */
export async function staffDashboard(
  deps: RelationshipDeps & {
    meetings: Pick<MeetingStore, 'openMeetingsOf' | 'openMeetingsOfProvider'>;
    templates: Pick<TemplateStore, 'commentsFor'>;
    contact: Pick<ContactStore, 'openFor'>;
    engagement: Pick<EngagementStore, 'activitiesSince'>;
    register: Pick<RegisterStore, 'coveredBy' | 'getStaff'>;
  },
  staffId: string,
  now: Date,
): Promise<Dashboard> {
  const today = londonDate(now);
  const monthAgo = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [mineNow, commentsWaiting, open, covered] = await Promise.all([
    openMeetingsNow(deps, staffId),
    deps.templates.commentsFor(staffId, monthAgo),
    deps.contact.openFor(staffId),
    coveredFor(deps.register, staffId, today),
  ]);
  const read = mineNow.held.map(asRead);
  const coverLists = await Promise.all(
    covered.map(async (person) => ({ person, now: await openMeetingsNow(deps, person.staffId) })),
  );
  const recentPromise = Promise.all(
    // One bounded Query per provider I hold (a holder holds tens, not thousands): its newest activities.
    [...new Set(read.map((held) => held.providerId))].map((providerId) =>
      deps.engagement.activitiesSince(providerId, monthAgo, RECENT_ITEMS),
    ),
  );

  // Who holds each provider's meetings now: the current relationships read in 1–2, then one Query per
  // provider of a meeting we lead that none of us holds.
  const currentOf = new Map<string, Relationship[]>();
  for (const list of [mineNow, ...coverLists.map((c) => c.now)]) {
    for (const [providerId, current] of list.currentOf) currentOf.set(providerId, current);
  }
  const all = [
    { whose: null, list: mineNow },
    ...coverLists.map((c) => ({ whose: { staffId: c.person.staffId, name: c.person.name }, list: c.now })),
  ];
  const unread = [
    ...new Set(all.flatMap(({ list }) => list.meetings.map((m) => m.providerId)).filter((id) => !currentOf.has(id))),
  ];
  await Promise.all(
    unread.map(async (providerId) =>
      currentOf.set(providerId, await deps.relationships.currentRelationships(providerId)),
    ),
  );
  const holderNow = (meeting: Meeting): DashboardMeeting['currentHolder'] => {
    const current = currentOf.get(meeting.providerId) ?? [];
    const holder = current.find((held) => held.staffId === currentHolderId(meeting, current));
    return holder ? { staffId: holder.staffId, name: holder.staffName } : null;
  };

  const found = new Map<string, DashboardMeeting>();
  for (const { whose, list } of all) {
    for (const meeting of list.meetings) {
      const roles = list.why.get(meeting.meetingId) ?? [];
      const known = found.get(meeting.meetingId);
      if (!known) {
        found.set(meeting.meetingId, {
          ...meeting,
          currentHolder: holderNow(meeting),
          mine: [...roles],
          coveringFor: whose,
        });
        continue;
      }
      for (const role of roles) if (!known.mine.includes(role)) known.mine.push(role);
      if (!whose) known.coveringFor = null;
    }
  }
  const recent = await recentPromise;
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
