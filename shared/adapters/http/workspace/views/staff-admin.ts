import { STAFF_ROLES } from '../../../../domain/vocabulary.ts';
import type { WorkToReallocate } from '../../../../schemas/departure.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import type { Team } from '../../../../schemas/team.ts';
import {
  badge,
  button,
  checkboxes,
  dateInput,
  input,
  insetText,
  notificationBanner,
  regionTable,
  select,
  summaryList,
  textarea,
  warningText,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import { meetingHref, providerHref } from './my-work.ts';
import { capitalised, dayInWords, words } from './words.ts';

/**
 * Staff and their roles (issue 15 item 7; R-TEAM-5): the list, a person's page with the forms PATCH
 * /staff, PUT and DELETE /staff/{id}/absence and POST /staff/{id}/departure answer, and the page of
 * what a leaver leaves to reallocate, each item linked to the page where it is reallocated.
 */
export interface AdminForm {
  formToken: string;
  /** Which form on the page the values and problems belong to. */
  form: string;
  values: Record<string, string | string[]>;
  problems: { href: string; text: string }[];
}

const one = (state: AdminForm | null, form: string, name: string, fallback = ''): string => {
  if (!state || state.form !== form) return fallback;
  const value = state.values[name];
  return typeof value === 'string' ? value : fallback;
};
const problemFor = (state: AdminForm | null, form: string, id: string) => {
  if (!state || state.form !== form) return undefined;
  const problem = state.problems.find((candidate) => candidate.href === `#${id}`);
  return problem ? { text: problem.text } : undefined;
};
const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
export const staffHref = (staffId: string) => `/workspace/admin/staff/${encodeURIComponent(staffId)}`;
export const teamHref = (teamId: string) => `/workspace/admin/teams/${encodeURIComponent(teamId)}`;
/** MOJ button menu (its template.njk: govukButton links as moj-button-menu__item); without script, a row of buttons. */
const buttonMenu = (items: readonly { text: string; href: string }[]) =>
  html`<div class="moj-button-menu" data-module="moj-button-menu">${items.map(
    (item) =>
      html`<a href="${item.href}" role="button" draggable="false" class="govuk-button moj-button-menu__item govuk-button--secondary" data-module="govuk-button">${item.text}</a>`,
  )}</div>`;
export const roleWords = (role: string) => capitalised(words(role));
const link = (href: string, text: string) => html`<a class="govuk-link" href="${href}">${text}</a>`;

/** Badges for where someone is: left, absent (and who covers), or nothing. */
export function staffStatus(member: Staff, today: string, names: ReadonlyMap<string, string>): SafeHtml {
  if (member.leftOn && member.leftOn <= today)
    return badge({ text: `Left ${dayInWords(member.leftOn)}`, classes: 'moj-badge--grey' });
  if (member.leftOn) return badge({ text: `Leaving ${dayInWords(member.leftOn)}`, classes: 'moj-badge--grey' });
  const absence = member.absence;
  if (absence && absence.to >= today) {
    const cover = names.get(absence.coverStaffId) ?? 'someone no longer listed';
    const when =
      absence.from > today ? `Away from ${dayInWords(absence.from)}` : `Away until ${dayInWords(absence.to)}`;
    return html`${badge({ text: when, classes: 'moj-badge--blue' })} <span class="govuk-body-s">covered by ${cover}</span>`;
  }
  return html``;
}

export interface StaffFilter {
  q: string;
  role: string;
  teamId: string;
}

export function staffListMain(
  roles: readonly string[],
  staff: readonly Staff[],
  teams: readonly Team[],
  filter: StaffFilter,
  today: string,
  /** Shown to those who may add staff (POST /staff's roles). */
  addHref?: string,
): SafeHtml {
  const names = new Map(staff.map((member) => [member.staffId, member.name]));
  const teamNames = new Map(teams.map((team) => [team.teamId, team.name]));
  return html`${adminHeader(roles, 'staff', 'Staff')}
${addHref ? html`<p class="govuk-body"><a class="govuk-link" href="${addHref}">Add a member of staff</a></p>` : ''}
<form method="get" action="/workspace/admin/staff" novalidate class="app-staff-filter">
${input({ name: 'q', label: { text: 'Name or email address', classes: 'govuk-label--s' }, value: filter.q, spellcheck: false })}
${select({
  name: 'role',
  label: { text: 'Role', classes: 'govuk-label--s' },
  items: [
    { value: '', text: 'Any role', selected: filter.role === '' },
    ...STAFF_ROLES.map((role) => ({ value: role, text: roleWords(role), selected: filter.role === role })),
  ],
})}
${select({
  name: 'teamId',
  label: { text: 'Team', classes: 'govuk-label--s' },
  items: [
    { value: '', text: 'Any team', selected: filter.teamId === '' },
    { value: 'none', text: 'Not in a team', selected: filter.teamId === 'none' },
    ...teams.map((team) => ({ value: team.teamId, text: team.name, selected: filter.teamId === team.teamId })),
  ],
})}
${button({ text: 'Apply filters', classes: 'govuk-button--secondary' })}
</form>
${
  staff.length === 0
    ? html`<p class="govuk-body">Nobody matches these filters.</p>`
    : regionTable({
        caption: `${staff.length} ${staff.length === 1 ? 'person' : 'people'}`,
        // MOJ's sortable table (issue 15): by name, roles, team or who is away; without JavaScript, by name.
        sortable: true,
        head: [{ text: 'Name', sort: 'ascending' }, { text: 'Roles' }, { text: 'Team' }, { text: 'Away or left' }],
        rows: staff.map((member) => [
          { html: link(staffHref(member.staffId), member.name), sortValue: member.name },
          { text: member.roles.map(roleWords).join(', ') },
          { text: member.teamId ? (teamNames.get(member.teamId) ?? 'A team no longer listed') : 'Not in a team' },
          { html: staffStatus(member, today, names), sortValue: member.leftOn ?? member.absence?.to ?? '' },
        ]),
      })
}`;
}

export interface StaffPageData {
  roles: readonly string[];
  member: Staff;
  staff: readonly Staff[];
  teams: readonly Team[];
  today: string;
  mayChange: boolean;
  notice: string | null;
  state: AdminForm | null;
  formToken: string;
  /** The button to bring their sign-in into step, where it matters (views/staff-sign-in.ts). */
  signInStep?: SafeHtml | '';
}

export function staffMain(data: StaffPageData): SafeHtml {
  const { member, state, today } = data;
  const names = new Map(data.staff.map((person) => [person.staffId, person.name]));
  const team = data.teams.find((candidate) => candidate.teamId === member.teamId);
  const base = staffHref(member.staffId);
  const absence = member.absence;
  const chosenRoles = state?.form === 'details' ? [state.values.roles ?? []].flat() : member.roles;
  const others = data.staff.filter(
    (person) => person.staffId !== member.staffId && !(person.leftOn && person.leftOn <= today),
  );
  const summary = summaryList({
    rows: [
      { key: { text: 'Email address' }, value: { text: member.email } },
      { key: { text: 'Roles' }, value: { text: member.roles.map(roleWords).join(', ') } },
      {
        key: { text: 'Team' },
        value: team ? { html: link(teamHref(team.teamId), team.name) } : { text: 'Not in a team' },
      },
      {
        key: { text: 'Away' },
        value: absence
          ? {
              text: `${dayInWords(absence.from)} to ${dayInWords(absence.to)}, covered by ${names.get(absence.coverStaffId) ?? 'someone no longer listed'} (${absence.reason})`,
            }
          : { text: 'No absence recorded' },
      },
      {
        key: { text: 'Left' },
        value: member.leftOn
          ? { html: html`${dayInWords(member.leftOn)}: ${link(`${base}/departure`, 'see the work to reallocate')}` }
          : { text: 'Still here' },
      },
    ],
  });
  if (!data.mayChange) {
    return html`${adminHeader(data.roles, 'staff', member.name, 'Staff')}${summary}`;
  }
  const token = hidden('formToken', data.formToken);
  const details = html`<h2 class="govuk-heading-m" id="change-details">Change their details</h2>
<form method="post" action="${base}" novalidate>${token}${hidden('version', one(state, 'details', 'version', String(member.version)))}
${input({ name: 'name', label: { text: 'Full name' }, value: one(state, 'details', 'name', member.name), errorMessage: problemFor(state, 'details', 'name') })}
${input({ name: 'email', type: 'email', label: { text: 'Email address' }, value: one(state, 'details', 'email', member.email), spellcheck: false, errorMessage: problemFor(state, 'details', 'email') })}
${checkboxes({
  name: 'roles',
  idPrefix: 'roles',
  fieldset: { legend: { text: 'Roles', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'Select all that apply. Their sign-in groups change with them.' },
  errorMessage: problemFor(state, 'details', 'roles'),
  classes: 'govuk-checkboxes--small',
  items: STAFF_ROLES.map((role) => ({ value: role, text: roleWords(role), checked: chosenRoles.includes(role) })),
})}
${select({
  name: 'teamId',
  label: { text: 'Team' },
  errorMessage: problemFor(state, 'details', 'teamId'),
  items: [
    { value: '', text: 'Not in a team', selected: one(state, 'details', 'teamId', member.teamId ?? '') === '' },
    ...data.teams.map((candidate) => ({
      value: candidate.teamId,
      text: candidate.name,
      selected: one(state, 'details', 'teamId', member.teamId ?? '') === candidate.teamId,
    })),
  ],
})}
${button({ text: 'Save changes' })}
</form>`;
  const coverItems = (chosen: string) => [
    { value: '', text: 'Choose who covers', selected: chosen === '' },
    ...others.map((person) => ({
      value: person.staffId,
      text: `${person.name} (${person.roles.map(roleWords).join(', ')})`,
      selected: chosen === person.staffId,
    })),
  ];
  const absenceForm = absence
    ? html`<h2 class="govuk-heading-m" id="absence">Absence</h2>
${insetText({ text: `Away ${dayInWords(absence.from)} to ${dayInWords(absence.to)}. While away, what would go to ${member.name} goes to ${names.get(absence.coverStaffId) ?? 'their cover'} (R-TEAM-5).` })}
<form method="post" action="${base}/absence/end" novalidate>${token}${button({ text: 'End this absence', classes: 'govuk-button--secondary' })}</form>`
    : html`<h2 class="govuk-heading-m" id="absence">Record an absence</h2>
<form method="post" action="${base}/absence" novalidate>${token}
${dateInput({ id: 'from', namePrefix: 'from', fieldset: { legend: { text: 'First day away', classes: 'govuk-fieldset__legend--s' } }, hint: { text: 'For example, 27 3 2027' }, errorMessage: problemFor(state, 'absence', 'from-day'), values: { day: one(state, 'absence', 'from-day'), month: one(state, 'absence', 'from-month'), year: one(state, 'absence', 'from-year') } })}
${dateInput({ id: 'to', namePrefix: 'to', fieldset: { legend: { text: 'Last day away', classes: 'govuk-fieldset__legend--s' } }, errorMessage: problemFor(state, 'absence', 'to-day'), values: { day: one(state, 'absence', 'to-day'), month: one(state, 'absence', 'to-month'), year: one(state, 'absence', 'to-year') } })}
${select({ name: 'coverStaffId', label: { text: 'Who covers', classes: 'govuk-label--s' }, hint: { text: 'While they are away, what would go to them goes to this person (R-TEAM-5)' }, errorMessage: problemFor(state, 'absence', 'coverStaffId'), items: coverItems(one(state, 'absence', 'coverStaffId')) })}
${textarea({ name: 'reason', label: { text: 'Reason', classes: 'govuk-label--s' }, rows: 2, value: one(state, 'absence', 'reason'), errorMessage: problemFor(state, 'absence', 'reason') })}
${button({ text: 'Record absence' })}
</form>`;
  const departure = member.leftOn
    ? ''
    : html`<h2 class="govuk-heading-m" id="departure">Record that they are leaving</h2>
${warningText({ text: 'From the day they leave nothing can be allocated to them and they cannot sign in.', iconFallbackText: 'Warning' })}
<form method="post" action="${base}/departure" novalidate>${token}
${dateInput({ id: 'leftOn', namePrefix: 'leftOn', fieldset: { legend: { text: 'Leaving day', classes: 'govuk-fieldset__legend--s' } }, hint: { text: 'For example, 31 3 2027' }, errorMessage: problemFor(state, 'departure', 'leftOn-day'), values: { day: one(state, 'departure', 'leftOn-day'), month: one(state, 'departure', 'leftOn-month'), year: one(state, 'departure', 'leftOn-year') } })}
${button({ text: 'Record leaving', classes: 'govuk-button--warning' })}
</form>`;
  return html`${adminHeader(data.roles, 'staff', member.name, 'Staff')}
${data.notice ? notificationBanner({ text: data.notice, type: 'success' }) : ''}
${data.signInStep ?? ''}
${summary}
${buttonMenu([
  { text: 'Change details', href: '#change-details' },
  { text: absence ? 'End the absence' : 'Record an absence', href: '#absence' },
  member.leftOn
    ? { text: 'Work to reallocate', href: `${base}/departure` }
    : { text: 'Record their leaving', href: '#departure' },
])}
${details}
${absenceForm}
${departure}`;
}

const reallocateTable = (caption: string, head: string[], rows: SafeHtml[][]) =>
  rows.length === 0
    ? html`<h2 class="govuk-heading-m">${caption}</h2><p class="govuk-body">None.</p>`
    : regionTable({
        caption,
        head: head.map((text) => ({ text })),
        rows: rows.map((row) => row.map((cell) => ({ html: cell }))),
      });

/** What a leaver leaves (the departure answer, R-TEAM-5), each linked to the page where it is reallocated. */
export function departureMain(
  roles: readonly string[],
  member: Staff,
  work: WorkToReallocate,
  notice: string | null,
): SafeHtml {
  const total =
    work.relationships.length + work.corporateLeads.length + work.openMeetings.length + work.openSubmissions.length;
  return html`${adminHeader(roles, 'staff', `${member.name}: work to reallocate`, 'Staff')}
${notice ? notificationBanner({ text: notice, type: 'success' }) : ''}
<p class="govuk-body">${member.leftOn ? `${member.name} leaves on ${dayInWords(member.leftOn)}.` : `${member.name} has no leaving day recorded.`} ${
    total === 0
      ? 'They hold nothing that needs reallocating.'
      : `${total} ${total === 1 ? 'thing needs' : 'things need'} someone else (R-TEAM-5).`
  }</p>
${reallocateTable(
  'Relationships they hold',
  ['Provider', 'Relationship', 'Where to reallocate'],
  work.relationships.map((held) => [
    html`${held.providerName}`,
    html`${held.scope === 'location' ? 'Location holder' : 'Provider holder'}`,
    link(`${providerHref(held.providerId)}/relationships`, `Allocate a new holder for ${held.providerName}`),
  ]),
)}
${reallocateTable(
  'Corporate leads',
  ['Provider', 'Where to reallocate'],
  work.corporateLeads.map((held) => [
    html`${held.providerName}`,
    link(`${providerHref(held.providerId)}/relationships`, `Allocate a new corporate lead for ${held.providerName}`),
  ]),
)}
${reallocateTable(
  'Open meetings they lead or hold',
  ['Meeting', 'Due by', 'Where to reallocate'],
  work.openMeetings.map((meeting) => [
    html`${meeting.providerName}: ${meeting.summary}`,
    html`${dayInWords(meeting.dueBy)}`,
    link(meetingHref(meeting.meetingId), `Change the lead of ${meeting.providerName}’s meeting`),
  ]),
)}
${reallocateTable(
  'Open submissions routed to them',
  ['Submission', 'From', 'Where to reallocate'],
  work.openSubmissions.map((submission) => [
    html`${submission.reference}`,
    html`${submission.providerName}`,
    link(
      `${providerHref(submission.providerId)}/relationships`,
      `Allocate ${submission.providerName}’s holder (submissions follow the holder, R-REL-4)`,
    ),
  ]),
)}
<p class="govuk-body">${link(staffHref(member.staffId), `Back to ${member.name}`)}</p>`;
}
