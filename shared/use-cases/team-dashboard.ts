import { londonDate } from '../domain/calendar.ts';
import { hasLeft } from '../domain/leaver.ts';
import type { TeamDashboard } from '../schemas/team-dashboard.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import { findTeam } from './manage-team.ts';
import type { ContactStore, MeetingStore } from './ports.ts';
import { providerEngagementPlan } from './read-relationships.ts';
import { workOf } from './record-departure.ts';
import type { StaffChangeStore, TeamStore } from './team-ports.ts';

export interface TeamDashboardDeps extends RelationshipDeps {
  teams: TeamStore;
  staffChanges: Pick<StaffChangeStore, 'teamStaff'>;
  meetings: MeetingStore;
  contact: ContactStore;
}

const DAY_MS = 86_400_000;
/** The open submissions read per provider: the newest this many, enough for any provider's backlog. */
const SUBMISSIONS_PER_PROVIDER = 100;

/**
 * A team's dashboard (R-TEAM-3, R-TEAM-5).
 * Course: 1. the team, its providers and its staff: one Query each  2. per provider, the engagement plan
 *         the policy engine answers (what is missing, not a copy of its rules), its meetings and its
 *         submissions: one Query per collection  3. per absent member, what the cover takes on; per
 *         leaver, their work to reallocate: what each holds or leads **now** (R-REL-2), as the departure
 *         answers it (workOf: 3 Queries + 2 a provider held)  4. the admin queue's oldest (R-TEAM-2): one Query.
 */
export async function teamDashboard(deps: TeamDashboardDeps, teamId: string, now: Date): Promise<TeamDashboard> {
  const team = await findTeam(deps.teams, teamId);
  const today = londonDate(now);
  const [providers, staff, queue] = await Promise.all([
    deps.teams.teamProviders(teamId),
    deps.staffChanges.teamStaff(teamId),
    deps.contact.adminQueue({ limit: SUBMISSIONS_PER_PROVIDER }),
  ]);
  const providerIds = [...new Set(providers.map((assignment) => assignment.providerId))];
  const perProvider = await Promise.all(
    providerIds.map(async (providerId) => {
      const [plan, meetings, submissions] = await Promise.all([
        providerEngagementPlan(deps, providerId, today, now),
        deps.meetings.providerMeetingsDue(providerId, '2000-01-01', '2099-12-31'),
        deps.contact.listProviderSubmissions(providerId, { limit: SUBMISSIONS_PER_PROVIDER }),
      ]);
      const name = providers.find((a) => a.providerId === providerId && a.scope === 'provider')?.providerName;
      return { providerId, providerName: name ?? providerId, plan, meetings, submissions: submissions.items };
    }),
  );
  const open = (status: string) => status === 'planned' || status === 'booked';
  const meetings = perProvider.flatMap((p) => p.meetings);
  const absent = staff.filter((member) => member.absence && member.absence.to >= today && !hasLeft(member, today));
  const leavers = staff.filter((member) => hasLeft(member, today));
  const [covers, leaversWork] = await Promise.all([
    Promise.all(absent.map((member) => workOf(deps, member.staffId))),
    Promise.all(leavers.map((member) => workOf(deps, member.staffId))),
  ]);
  return {
    team,
    on: today,
    providers,
    providersMissingHolders: perProvider
      .map((p) => ({
        providerId: p.providerId,
        providerName: p.providerName,
        missing: p.plan.missing.filter((gap) => gap.kind !== 'corporate-lead-review'),
      }))
      .filter((p) => p.missing.length > 0),
    overdueMeetings: meetings
      .filter((m) => open(m.status) && m.dueBy < today)
      .sort((a, b) => a.dueBy.localeCompare(b.dueBy)),
    unbookedMeetings: meetings
      .filter((m) => m.status === 'planned' && m.dueBy >= today)
      .sort((a, b) => a.dueBy.localeCompare(b.dueBy)),
    openSubmissions: perProvider
      .flatMap((p) => p.submissions)
      .filter((s) => s.status === 'open')
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
      .map((s) => ({ ...s, daysWaiting: daysWaiting(s.submittedAt, now) })),
    absences: absent.flatMap((member, index) =>
      member.absence
        ? [{ staffId: member.staffId, name: member.name, absence: member.absence, cover: covers[index] ?? emptyWork() }]
        : [],
    ),
    leavers: leavers.map((member, index) => ({
      staffId: member.staffId,
      name: member.name,
      leftOn: member.leftOn ?? today,
      toReallocate: leaversWork[index] ?? emptyWork(),
    })),
    adminQueue: queue.items.map((s) => ({ ...s, daysWaiting: daysWaiting(s.submittedAt, now) })),
  };
}

const daysWaiting = (submittedAt: string, now: Date) => Math.floor((now.getTime() - Date.parse(submittedAt)) / DAY_MS);

const emptyWork = () => ({ relationships: [], corporateLeads: [], openMeetings: [], openSubmissions: [] });
