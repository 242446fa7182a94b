import { londonDate } from '../domain/calendar.ts';
import { minutesBetween } from '../domain/contact/route-submission.ts';
import { NotFoundError } from '../domain/errors.ts';
import { countsTowardsCadence } from '../domain/meetings/ad-hoc.ts';
import { type AttendanceCheck, attendanceChecks } from '../domain/meetings/attendance-check.ts';
import { businessYearOf } from '../domain/meetings/planning.ts';
import { type EngagementPlan, engagementPlan } from '../domain/policy/engine.ts';
import { currentPolicyId } from '../domain/policy/types.ts';
import type { InformationRequest, Submission } from '../schemas/contact.ts';
import type { Activity } from '../schemas/engagement.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Relationship } from '../schemas/relationship.ts';
import type { ProviderComment } from '../schemas/template.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import type { ContactStore, EngagementStore, MeetingStore, StoredRelationships, TemplateStore } from './ports.ts';

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

export interface Dashboard {
  staffId: string;
  relationships: Relationship[];
  reviewsNeeded: Relationship[];
  nextMeetings: Meeting[];
  overdueMeetings: Meeting[];
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
 * A member of staff's dashboard: what they hold and which corporate leads need review (R-CORP),
 * their open meetings soonest first, and those overdue (R-CAD-8). Two Queries.
 */
export async function staffDashboard(
  deps: RelationshipDeps & {
    meetings: Pick<MeetingStore, 'openMeetingsOf'>;
    templates: Pick<TemplateStore, 'commentsFor'>;
    contact: Pick<ContactStore, 'openFor'>;
    engagement: Pick<EngagementStore, 'activitiesSince'>;
  },
  staffId: string,
  now: Date,
): Promise<Dashboard> {
  const today = londonDate(now);
  const monthAgo = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [relationships, meetings, commentsWaiting, open] = await Promise.all([
    deps.relationships.listHeldBy(staffId),
    deps.meetings.openMeetingsOf(staffId),
    deps.templates.commentsFor(staffId, monthAgo),
    deps.contact.openFor(staffId),
  ]);
  const read = relationships.map(asRead);
  // One bounded Query per provider I hold (a holder holds tens, not thousands): its newest activities.
  const heldProviders = [...new Set(read.map((held) => held.providerId))];
  const recent = await Promise.all(
    heldProviders.map((providerId) => deps.engagement.activitiesSince(providerId, monthAgo, RECENT_ITEMS)),
  );
  return {
    staffId,
    relationships: read,
    reviewsNeeded: read.filter((held) => held.reviewNeeded !== null),
    nextMeetings: meetings.filter((meeting) => meeting.dueBy >= today),
    // An ad hoc meeting (R-CAD-11) is never overdue: only what the cadence required can be (R-CAD-8).
    overdueMeetings: meetings.filter((meeting) => meeting.dueBy < today && countsTowardsCadence(meeting)),
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
