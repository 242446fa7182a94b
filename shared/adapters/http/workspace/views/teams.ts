import { workspacePath } from '../../../../domain/workspace/links.ts';
import type { Provider } from '../../../../schemas/provider.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import { type ProviderTeams, TEAM_KINDS, type Team } from '../../../../schemas/team.ts';
import type { TeamDashboard } from '../../../../schemas/team-dashboard.ts';
import {
  badge,
  button,
  input,
  notificationBanner,
  radios,
  regionTable,
  select,
  summaryList,
  textarea,
  timeline,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import { meetingHref, providerHref } from './my-work.ts';
import { providerHeader } from './provider.ts';
import type { AdminForm } from './staff-admin.ts';
import { staffHref, teamHref } from './staff-admin.ts';
import { capitalised, dayInWords, instantInWords, words } from './words.ts';

/**
 * Teams (issue 14 item 1 and 6, R-TEAM-1..5) as pages: the list with the form to create one, a team's
 * view (GET /teams/{id}/dashboard), the form to change it, and a provider's team with its history and
 * the form to change it (PUT /providers/{id}/team).
 */
const KIND_WORDS: Record<string, string> = {
  assessment: 'Assessment team',
  'corporate-provider': 'Corporate Provider Team',
  medicines: 'Medicines team',
};
export const kindWords = (kind: string) => KIND_WORDS[kind] ?? capitalised(words(kind));
const link = (href: string, text: string) => html`<a class="govuk-link" href="${href}">${text}</a>`;
const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
const givenValue = (state: AdminForm | null, name: string, fallback: string) => {
  const value = state?.values[name];
  return typeof value === 'string' ? value : fallback;
};
const problemFor = (state: AdminForm | null, id: string) => {
  const problem = state?.problems.find((candidate) => candidate.href === `#${id}`);
  return problem ? { text: problem.text } : undefined;
};

/** The fields of a team, for creating one and changing one. */
function teamFields(staff: readonly Staff[], state: AdminForm | null, team: Team | null): SafeHtml {
  const holding = (role: string) =>
    staff.filter((member) => (member.roles as readonly string[]).includes(role) && !member.leftOn);
  const choice = (name: string, label: string, hint: string, people: Staff[], current: string | null) => {
    const chosen = givenValue(state, name, current ?? '');
    return select({
      name,
      label: { text: label, classes: 'govuk-label--s' },
      hint: { text: hint },
      errorMessage: problemFor(state, name),
      items: [
        { value: '', text: 'Nobody yet', selected: chosen === '' },
        ...people.map((member) => ({ value: member.staffId, text: member.name, selected: chosen === member.staffId })),
      ],
    });
  };
  const kind = givenValue(state, 'kind', team?.kind ?? '');
  return html`${input({ name: 'name', label: { text: 'Team name', classes: 'govuk-label--s' }, value: givenValue(state, 'name', team?.name ?? ''), errorMessage: problemFor(state, 'name') })}
${radios({
  name: 'kind',
  fieldset: { legend: { text: 'Kind of team', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemFor(state, 'kind'),
  items: TEAM_KINDS.map((value) => ({ value, text: kindWords(value), checked: kind === value })),
})}
${choice('operationsManagerId', 'Operations manager', 'Someone with the operations manager role: they see the team’s overdue meetings (R-TEAM-3)', holding('operations-manager'), team?.operationsManagerId ?? null)}
${choice('deputyDirectorId', 'Deputy director', 'Someone with the deputy director role: invitations name them (R-TEAM-1, R-CAD-5)', holding('deputy-director'), team?.deputyDirectorId ?? null)}
${textarea({ name: 'area', label: { text: 'Area it covers', classes: 'govuk-label--s' }, hint: { text: 'For example, “North Wales and Cheshire”. Optional.' }, rows: 2, value: givenValue(state, 'area', team?.area ?? ''), errorMessage: problemFor(state, 'area') })}`;
}

export function teamsMain(data: {
  roles: readonly string[];
  teams: readonly Team[];
  staff: readonly Staff[];
  mayCreate: boolean;
  state: AdminForm | null;
  formToken: string;
  notice: string | null;
}): SafeHtml {
  return html`${adminHeader(data.roles, 'teams', 'Teams')}
${data.notice ? notificationBanner({ text: data.notice, type: 'success' }) : ''}
${
  data.teams.length === 0
    ? html`<p class="govuk-body">No teams yet.</p>`
    : regionTable({
        caption: 'Teams by name',
        head: [{ text: 'Team' }, { text: 'Kind' }, { text: 'Operations manager' }, { text: 'Deputy director' }],
        rows: data.teams.map((team) => [
          { html: link(teamHref(team.teamId), team.name) },
          { text: kindWords(team.kind) },
          { text: team.operationsManagerName ?? 'Nobody yet' },
          { text: team.deputyDirectorName ?? 'Nobody yet' },
        ]),
      })
}
${
  data.mayCreate
    ? html`<h2 class="govuk-heading-m" id="create">Create a team</h2>
<form method="post" action="/workspace/admin/teams" novalidate>${hidden('formToken', data.formToken)}
${teamFields(data.staff, data.state, null)}
${button({ text: 'Create team' })}
</form>`
    : ''
}`;
}

export function editTeamMain(data: {
  roles: readonly string[];
  team: Team;
  staff: readonly Staff[];
  state: AdminForm | null;
  formToken: string;
}): SafeHtml {
  return html`${adminHeader(data.roles, 'teams', `Change ${data.team.name}`, 'Teams')}
<form method="post" action="${teamHref(data.team.teamId)}/edit" novalidate>${hidden('formToken', data.formToken)}${hidden('version', givenValue(data.state, 'version', String(data.team.version)))}
${teamFields(data.staff, data.state, data.team)}
${button({ text: 'Save changes' })}
</form>
<p class="govuk-body">${link(teamHref(data.team.teamId), `Back to ${data.team.name}`)}</p>`;
}

const section = (caption: string, emptyText: string, head: string[], rows: SafeHtml[][]) =>
  rows.length === 0
    ? html`<h2 class="govuk-heading-m">${caption}</h2><p class="govuk-body">${emptyText}</p>`
    : regionTable({
        caption,
        head: head.map((text) => ({ text })),
        rows: rows.map((row) => row.map((cell) => ({ html: cell }))),
      });

const gapWords = (gap: { kind: string; ruleId?: string | undefined; level?: unknown }) =>
  `${gap.kind === 'corporate-lead' ? 'Corporate relationship lead' : gap.level === 'location' ? 'A location’s relationship holder' : 'Relationship holder'}${gap.ruleId ? ` (${gap.ruleId})` : ''}`;

/** A team's view (GET /teams/{id}/dashboard): what the operations manager acts on (R-TEAM-3, R-TEAM-5). */
export function teamMain(
  roles: readonly string[],
  view: TeamDashboard,
  mayChange: boolean,
  notice: string | null,
): SafeHtml {
  const { team } = view;
  const workCount = (work: TeamDashboard['leavers'][number]['toReallocate']) =>
    work.relationships.length + work.corporateLeads.length + work.openMeetings.length + work.openSubmissions.length;
  return html`${adminHeader(roles, 'teams', team.name, kindWords(team.kind))}
${notice ? notificationBanner({ text: notice, type: 'success' }) : ''}
${summaryList({
  rows: [
    { key: { text: 'Operations manager' }, value: { text: team.operationsManagerName ?? 'Nobody yet' } },
    { key: { text: 'Deputy director' }, value: { text: team.deputyDirectorName ?? 'Nobody yet' } },
    { key: { text: 'Area' }, value: { text: team.area ?? 'Not described' } },
    { key: { text: 'Providers' }, value: { text: String(new Set(view.providers.map((p) => p.providerId)).size) } },
  ],
})}
${mayChange ? html`<p class="govuk-body">${link(`${teamHref(team.teamId)}/edit`, `Change ${team.name}`)}</p>` : ''}
<p class="govuk-body-s">As on ${dayInWords(view.on)}.</p>
${section(
  'Providers without a holder the policy requires',
  'Every provider has the holders the policy in force requires.',
  ['Provider', 'What is missing'],
  view.providersMissingHolders.map((provider) => [
    link(`${providerHref(provider.providerId)}/relationships`, provider.providerName),
    html`${provider.missing.map(gapWords).join('; ')}`,
  ]),
)}
${section(
  'Overdue meetings',
  'No meeting is overdue.',
  ['Meeting', 'Was due by', 'Status'],
  view.overdueMeetings.map((meeting) => [
    link(meetingHref(meeting.meetingId), `${meeting.providerName}: ${meeting.summary}`),
    html`${dayInWords(meeting.dueBy)}`,
    badge({ text: `Overdue, ${meeting.status === 'planned' ? 'not booked' : 'booked'}`, classes: 'moj-badge--red' }),
  ]),
)}
${section(
  'Meetings not booked yet',
  'Every meeting due is booked.',
  ['Meeting', 'Due by'],
  view.unbookedMeetings.map((meeting) => [
    link(meetingHref(meeting.meetingId), `${meeting.providerName}: ${meeting.summary}`),
    html`${dayInWords(meeting.dueBy)}`,
  ]),
)}
${section(
  'Open submissions, oldest first',
  'No submission is waiting for an answer.',
  ['Submission', 'Provider', 'Waiting'],
  view.openSubmissions.map((submission) => [
    link(
      workspacePath({ page: 'submission', reference: submission.reference }),
      `${submission.reference} (${words(submission.kind)})`,
    ),
    link(providerHref(submission.providerId), submission.providerName),
    badge({
      text: `${submission.daysWaiting} ${submission.daysWaiting === 1 ? 'day' : 'days'}`,
      classes: submission.daysWaiting > 10 ? 'moj-badge--red' : 'moj-badge--grey',
    }),
  ]),
)}
${section(
  'Admin queue: submissions from providers with no team yet',
  'Nothing is waiting in the admin queue.',
  ['Submission', 'Provider', 'Waiting'],
  view.adminQueue.map((submission) => [
    link(
      workspacePath({ page: 'submission', reference: submission.reference }),
      `${submission.reference} (${words(submission.kind)})`,
    ),
    link(`${providerHref(submission.providerId)}/team`, submission.providerName),
    badge({
      text: `${submission.daysWaiting} ${submission.daysWaiting === 1 ? 'day' : 'days'}`,
      classes: submission.daysWaiting > 10 ? 'moj-badge--red' : 'moj-badge--grey',
    }),
  ]),
)}
${section(
  'Absences and cover',
  'Nobody in the team is away.',
  ['Who', 'Away', 'What the cover takes on'],
  view.absences.map((absent) => [
    link(staffHref(absent.staffId), absent.name),
    html`${dayInWords(absent.absence.from)} to ${dayInWords(absent.absence.to)}`,
    html`${workCount(absent.cover)} ${workCount(absent.cover) === 1 ? 'item' : 'items'} (relationships, meetings, submissions)`,
  ]),
)}
${section(
  'Leavers’ work to reallocate',
  'No leaver in the team has work left to reallocate.',
  ['Who', 'Left', 'To reallocate'],
  view.leavers.map((leaver) => [
    link(staffHref(leaver.staffId), leaver.name),
    html`${dayInWords(leaver.leftOn)}`,
    link(`${staffHref(leaver.staffId)}/departure`, `${workCount(leaver.toReallocate)} to reallocate`),
  ]),
)}`;
}

/** A provider's team and its history (R-TEAM-2), with the form to change it. */
export function providerTeamMain(data: {
  provider: Provider;
  stored: ProviderTeams;
  teams: readonly Team[];
  mayChange: boolean;
  state: AdminForm | null;
  formToken: string;
  notice: string | null;
}): SafeHtml {
  const { provider, stored, state } = data;
  const current = stored.current.find((assignment) => assignment.scope === 'provider');
  const chosen = givenValue(state, 'teamId', '');
  return html`${providerHeader(provider, 'team')}
${data.notice ? notificationBanner({ text: data.notice, type: 'success' }) : ''}
${summaryList({
  rows: [
    {
      key: { text: 'Responsible team' },
      value: current
        ? { html: html`${link(teamHref(current.teamId), current.teamName)}, since ${instantInWords(current.since)}` }
        : { text: 'No team yet: its submissions go to the admins until one is set (R-TEAM-4)' },
    },
    ...stored.current
      .filter((assignment) => assignment.scope === 'location')
      .map((assignment) => ({
        key: { text: 'A location’s own team' },
        value: { html: link(teamHref(assignment.teamId), assignment.teamName) },
      })),
  ],
})}
${
  data.mayChange
    ? html`<h2 class="govuk-heading-m">${current ? 'Change the team' : 'Set the team'}</h2>
<form method="post" action="${providerHref(provider.providerId)}/team" novalidate>${hidden('formToken', data.formToken)}
${select({
  name: 'teamId',
  label: { text: 'Team', classes: 'govuk-label--s' },
  errorMessage: problemFor(state, 'teamId'),
  items: [
    { value: '', text: 'Choose a team', selected: chosen === '' },
    ...data.teams.map((team) => ({
      value: team.teamId,
      text: `${team.name} (${kindWords(team.kind)})`,
      selected: chosen === team.teamId,
    })),
  ],
})}
${textarea({ name: 'reason', label: { text: 'Reason', classes: 'govuk-label--s' }, hint: { text: 'Kept in the provider’s team history' }, rows: 2, value: givenValue(state, 'reason', ''), errorMessage: problemFor(state, 'reason') })}
${button({ text: 'Save team' })}
</form>`
    : ''
}
<h2 class="govuk-heading-m">History</h2>
${
  stored.history.length === 0
    ? html`<p class="govuk-body">No team has been responsible for ${provider.name} yet.</p>`
    : timeline({
        items: stored.history.map((entry) => ({
          label: `${entry.teamName}${entry.scope === 'location' ? ' (a location)' : ''}`,
          byline: entry.assignedBy,
          datetime: { timestamp: entry.from, text: instantInWords(entry.from) },
          description: {
            text: `${entry.reason}${entry.to ? `. Until ${instantInWords(entry.to)}${entry.endReason ? `: ${entry.endReason}` : ''}` : '. Responsible now'}`,
          },
        })),
      })
}`;
}
