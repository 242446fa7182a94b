import type { PolicyDescription } from '../../../../domain/policy/engine.ts';
import { workspacePath } from '../../../../domain/workspace/links.ts';
import type { Submission } from '../../../../schemas/contact.ts';
import type { Meeting } from '../../../../schemas/meeting.ts';
import type { Provider } from '../../../../schemas/provider.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import {
  backLink,
  badge,
  button,
  checkboxes,
  dateInput,
  input,
  insetText,
  notificationBanner,
  pagination,
  radios,
  regionTable,
  select,
  summaryList,
  tag,
  textarea,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import { meetingHref, providerHref } from './my-work.ts';
import { capitalised, dayInWords, instantInWords, sectorWords, words } from './words.ts';

/**
 * Engagement pages beyond the provider's own tabs (issue 15: "everything the API can do for staff"):
 * the policy versions (GET /policies, GET /policies/{id}) and the admin queue (GET /admin-queue, R-TEAM-4).
 */
const link = (href: string, text: string) => html`<a class="govuk-link" href="${href}">${text}</a>`;

export const policyHref = (policyId: string) => `/workspace/admin/policies/${encodeURIComponent(policyId)}`;

/**
 * When a version is in force: from its effective day (or from the start, when it has none). A version never
 * simply ends: precedence is rule by rule (correction 2 of 2026-11-29), so a newer version for the same sector
 * replaces only the subjects it restates, and the older version's other rules stay in force.
 */
export function periodInForce(policy: PolicyDescription): string {
  return policy.effectiveFrom ? `From ${dayInWords(policy.effectiveFrom)}` : 'From the start of the service';
}

/** Newer versions for any of the same sectors: on the subjects they restate, their rules apply instead. */
export function newerVersions(policy: PolicyDescription, all: readonly PolicyDescription[]): PolicyDescription[] {
  return all
    .filter(
      (other) =>
        other.policyId !== policy.policyId &&
        other.effectiveFrom !== null &&
        (policy.effectiveFrom === null || other.effectiveFrom > policy.effectiveFrom) &&
        other.sectors.some((sector) => policy.sectors.includes(sector)),
    )
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
}

const sectorsInWords = (sectors: readonly string[]) =>
  sectors.length ? sectors.map(sectorWords).join(', ') : 'No sector';

export function policiesMain(roles: readonly string[], policies: readonly PolicyDescription[]): SafeHtml {
  return html`${adminHeader(roles, 'policies', 'Policies')}
<p class="govuk-body">Each version of the engagement policy, from when it is in force and for which sectors. Open a version to read its rules, each with the rule id that plans, allocations and error messages name.</p>
${insetText({ text: 'Rules apply subject by subject: for a sector, the newest version in force that states a rule on a subject decides it; a subject a newer version does not restate stays with the older version.' })}
${regionTable({
  caption: 'Policy versions',
  head: [{ text: 'Version' }, { text: 'In force' }, { text: 'Sectors' }, { text: 'Rules' }],
  rows: policies.map((policy) => [
    { html: link(policyHref(policy.policyId), policy.title) },
    { text: periodInForce(policy) },
    { text: sectorsInWords(policy.sectors) },
    { text: String(policy.rules.length), format: 'numeric' as const },
  ]),
})}`;
}

export function policyMain(
  roles: readonly string[],
  policy: PolicyDescription,
  all: readonly PolicyDescription[],
): SafeHtml {
  return html`${adminHeader(roles, 'policies', policy.title, 'Policy version')}
${summaryList({
  rows: [
    { key: { text: 'Version' }, value: { text: policy.policyId } },
    { key: { text: 'In force' }, value: { text: periodInForce(policy) } },
    { key: { text: 'Sectors' }, value: { text: sectorsInWords(policy.sectors) } },
    { key: { text: 'Source' }, value: { text: policy.source } },
  ],
})}
${newerNote(policy, all)}
${
  policy.rules.length === 0
    ? insetText({ text: 'This version states no rules.' })
    : regionTable({
        caption: 'Rules of this version',
        head: [{ text: 'Rule' }, { text: 'What it decides' }, { text: 'What it says' }, { text: 'Sectors' }],
        rows: policy.rules.map((rule) => [
          { html: badge({ text: rule.ruleId }) },
          { text: rule.topic ? capitalised(words(rule.topic)) : 'Other' },
          { text: rule.summary },
          { text: sectorsInWords(rule.sectors) },
        ]),
      })
}
<p class="govuk-body">${link('/workspace/admin/policies', 'All policy versions')}</p>`;
}

function newerNote(policy: PolicyDescription, all: readonly PolicyDescription[]): SafeHtml | '' {
  const newer = newerVersions(policy, all);
  if (newer.length === 0) return '';
  return html`<div class="govuk-inset-text"><p class="govuk-body">Newer versions cover some of the same sectors. On a subject they restate, their rule applies instead of this version’s; on any other subject, this version’s rule still applies.</p><ul class="govuk-list govuk-list--bullet">${newer.map(
    (other) =>
      html`<li>${link(policyHref(other.policyId), other.title)}: ${periodInForce(other).toLowerCase()}, for ${sectorsInWords(other.sectors.filter((sector) => policy.sectors.includes(sector)))}</li>`,
  )}</ul></div>`;
}

const DAY_MS = 86_400_000;

export function adminQueueMain(
  roles: readonly string[],
  submissions: readonly Submission[],
  now: Date,
  nextHref: string | null,
  previousHref: string | null,
): SafeHtml {
  return html`${adminHeader(roles, 'admin-queue', 'Admin queue')}
<p class="govuk-body">Submissions from providers with no team yet, or whose team has no regulatory co-ordinator present (R-TEAM-4), oldest first. Answer the submission, then give the provider a team so the next one goes to that team (R-TEAM-2).</p>
${
  submissions.length === 0
    ? insetText({ text: 'Nothing is waiting in the admin queue.' })
    : regionTable({
        caption: 'Submissions waiting, oldest first',
        head: [{ text: 'Submission' }, { text: 'Provider' }, { text: 'Sent' }, { text: 'Waiting' }, { text: 'Team' }],
        rows: submissions.map((submission) => {
          const days = Math.max(0, Math.floor((now.getTime() - Date.parse(submission.submittedAt)) / DAY_MS));
          return [
            {
              html: link(
                workspacePath({ page: 'submission', reference: submission.reference }),
                `${submission.reference} (${words(submission.kind)})`,
              ),
            },
            { html: link(providerHref(submission.providerId), submission.providerName) },
            { text: instantInWords(submission.submittedAt) },
            {
              html: badge({
                text: `${days} ${days === 1 ? 'day' : 'days'}`,
                classes: days > 10 ? 'moj-badge--red' : 'moj-badge--grey',
              }),
            },
            {
              html: html`<a class="govuk-link" href="${providerHref(submission.providerId)}/team">Give ${submission.providerName} a team</a>`,
            },
          ];
        }),
      })
}
${pagination({
  ...(previousHref ? { previous: { href: previousHref } } : {}),
  ...(nextHref ? { next: { href: nextHref } } : {}),
})}`;
}

/**
 * A held meeting's agreed actions (R-CAD-9: "with owner, due date and whether done"), each with a form to mark
 * it done or open again (PATCH /meetings/{id}/actions/{actionId} with the meeting's version as If-Match).
 * Open actions are carried into the next meeting's template (R-TPL-1).
 */
export function meetingActionsSection(
  meeting: Meeting,
  staff: readonly Staff[],
  formToken: string,
  problems: readonly { href: string; text: string }[],
): SafeHtml {
  if (meeting.actions.length === 0) return html`<p class="govuk-body">No actions were agreed.</p>`;
  const nameOf = (doneBy: string | null | undefined) => {
    const staffId = doneBy?.startsWith('staff:') ? doneBy.slice('staff:'.length) : null;
    return staff.find((member) => member.staffId === staffId)?.name ?? null;
  };
  const href = `${meetingHref(meeting.meetingId)}/actions`;
  return html`<h2 class="govuk-heading-m">Agreed actions</h2>
<p class="govuk-body">Open actions are carried into the next meeting’s pre-meeting template (R-TPL-1).</p>
<ul class="govuk-list">${meeting.actions.map((action) => {
    const id = `action-${action.actionId}`;
    const problem = problems.find((candidate) => candidate.href === `#${id}`);
    const done = action.status === 'done';
    const by = nameOf(action.doneBy);
    return html`<li class="govuk-!-margin-bottom-6">
<h3 class="govuk-heading-s govuk-!-margin-bottom-2">${action.description}</h3>
${summaryList({
  classes: 'govuk-!-margin-bottom-3',
  rows: [
    { key: { text: 'Owner' }, value: { text: action.owner } },
    { key: { text: 'Due by' }, value: { text: dayInWords(action.dueDate) } },
    {
      key: { text: 'Status' },
      value: {
        html: done
          ? html`${tag({ text: 'Done', classes: 'govuk-tag--green' })}${
              action.doneAt ? html` on ${instantInWords(action.doneAt)}${by ? html` by ${by}` : ''}` : ''
            }`
          : tag({ text: 'Open', classes: 'govuk-tag--blue' }),
      },
    },
  ],
})}
<form method="post" action="${href}/${action.actionId}" novalidate>
<input type="hidden" name="formToken" value="${formToken}">
<input type="hidden" name="version" value="${String(meeting.version)}">
<input type="hidden" name="status" value="${done ? 'open' : 'done'}">
<div class="govuk-form-group${problem ? ' govuk-form-group--error' : ''}">${
      problem
        ? html`<p class="govuk-error-message" id="${id}-error"><span class="govuk-visually-hidden">Error:</span> ${problem.text}</p>`
        : ''
    }<button type="submit" id="${id}" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button"${
      problem ? html` aria-describedby="${id}-error"` : ''
    }>${done ? 'Open again' : 'Mark as done'}<span class="govuk-visually-hidden">: ${action.description}</span></button></div>
</form>
</li>`;
  })}</ul>`;
}

/** The state of one of the "Other contact" forms, posted back with its problems. */
export interface OtherContactForm {
  form: 'log' | 'adhoc';
  values: Record<string, string | string[]>;
  problems: { href: string; text: string }[];
}

const CHANNEL_WORDS: Record<string, string> = {
  call: 'Phone call',
  teleconference: 'Teleconference',
  email: 'Email',
  visit: 'Visit',
  video: 'Video call',
};

/**
 * Log a contact after the event (POST /providers/{id}/activities) or record an ad hoc meeting (POST
 * /providers/{id}/meetings): R-CAD-11, with partner attendees (R-CAD-12). Neither counts towards a cadence.
 */
export function otherContactMain(data: {
  provider: Provider;
  staff: readonly Staff[];
  me: string;
  formToken: string;
  state: OtherContactForm | null;
  notice: string | null;
}): SafeHtml {
  const { provider, state } = data;
  const base = providerHref(provider.providerId);
  const value = (form: OtherContactForm['form'], name: string, fallback = '') => {
    const given = state?.form === form ? state.values[name] : undefined;
    return typeof given === 'string' ? given : Array.isArray(given) ? (given[0] ?? fallback) : fallback;
  };
  const chosen = (form: OtherContactForm['form'], name: string, fallback: readonly string[] = []) => {
    if (state?.form !== form) return fallback;
    const given = state.values[name];
    return typeof given === 'string' ? [given] : (given ?? []);
  };
  const problem = (form: OtherContactForm['form'], id: string) => {
    const found = state?.form === form ? state.problems.find((candidate) => candidate.href === `#${id}`) : undefined;
    return found ? { text: found.text } : undefined;
  };
  const present = data.staff.filter((member) => !member.leftOn);
  const contactChoices = (form: OtherContactForm['form'], name: string) =>
    provider.contacts.map((contact) => ({
      value: contact.contactId,
      text: contact.name,
      hint: { text: contact.roles.map(words).join(', ') || 'No role recorded' },
      checked: chosen(form, name).includes(contact.contactId),
    }));
  const whenFields = (form: OtherContactForm['form'], prefix: string, legend: string, hint: string) =>
    html`${dateInput({
      id: `${prefix}-day`.replace(/-day$/, ''),
      namePrefix: prefix,
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      hint: { text: hint },
      errorMessage: problem(form, `${prefix}-day`),
      values: {
        day: value(form, `${prefix}-day`),
        month: value(form, `${prefix}-month`),
        year: value(form, `${prefix}-year`),
      },
    })}${input({
      name: `${prefix}-time`,
      label: { text: 'Time (UK time)', classes: 'govuk-label--s' },
      hint: { text: 'For example 9:30am or 14:00' },
      errorMessage: problem(form, `${prefix}-time`),
      value: value(form, `${prefix}-time`),
      classes: 'govuk-input--width-10',
    })}`;
  const partners = (form: OtherContactForm['form'], name: string) =>
    textarea({
      name,
      label: { text: 'Partner organisations’ attendees (optional)', classes: 'govuk-label--s' },
      hint: {
        text: 'One a line: the person’s name, a comma, then their organisation, for example “Sam Patel, NHS England” (R-CAD-12)',
      },
      errorMessage: problem(form, name),
      value: value(form, name),
      rows: 3,
    });
  return html`${backLink({ href: `${base}/meetings`, text: `${provider.name}: meetings` })}
<span class="govuk-caption-l">${provider.name}</span>
${data.notice ? notificationBanner({ type: 'success', text: data.notice }) : ''}
<h1 class="govuk-heading-l">Other contact</h1>
<p class="govuk-body">Contact beyond the planned meetings (R-CAD-11). It is kept with the provider’s record and shown on its meetings page; it does not count towards the planned meetings. <a class="govuk-link" href="${base}/meetings">See the meetings and other contact so far</a>.</p>
<h2 class="govuk-heading-m" id="log">Log a contact that has happened</h2>
<form method="post" action="${base}/other-contact/log" novalidate>
<input type="hidden" name="formToken" value="${data.formToken}">
${radios({
  name: 'log-channel',
  fieldset: { legend: { text: 'How', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problem('log', 'log-channel'),
  items: Object.entries(CHANNEL_WORDS).map(([channel, text]) => ({
    value: channel,
    text,
    checked: value('log', 'log-channel') === channel,
  })),
})}
${whenFields('log', 'log-when', 'When it happened', 'For example 27 3 2027')}
${select({
  name: 'log-colleague',
  label: { text: 'Who else from the regulator took part (optional)', classes: 'govuk-label--s' },
  hint: { text: 'You are recorded as taking part' },
  errorMessage: problem('log', 'log-colleague'),
  items: [
    { value: '', text: 'Nobody else', selected: value('log', 'log-colleague') === '' },
    ...present
      .filter((member) => member.staffId !== data.me)
      .map((member) => ({
        value: member.staffId,
        text: member.name,
        selected: value('log', 'log-colleague') === member.staffId,
      })),
  ],
})}
${
  provider.contacts.length
    ? checkboxes({
        name: 'log-contacts',
        fieldset: { legend: { text: 'Who from the provider', classes: 'govuk-fieldset__legend--s' } },
        hint: { text: 'Choose the provider’s contacts, or name others below' },
        errorMessage: problem('log', 'log-contacts'),
        items: contactChoices('log', 'log-contacts'),
      })
    : ''
}
${textarea({
  name: 'log-people',
  label: { text: 'Others from the provider (optional)', classes: 'govuk-label--s' },
  hint: { text: 'One name a line, for people who are not among its contacts' },
  errorMessage: problem('log', 'log-people'),
  value: value('log', 'log-people'),
  rows: 2,
})}
${partners('log', 'log-partners')}
${textarea({
  name: 'log-summary',
  label: { text: 'What it was about', classes: 'govuk-label--s' },
  errorMessage: problem('log', 'log-summary'),
  value: value('log', 'log-summary'),
})}
${button({ text: 'Log the contact' })}
</form>
<h2 class="govuk-heading-m" id="adhoc">Record an ad hoc meeting</h2>
<p class="govuk-body">One still to come is booked and its attendees invited; one that has started is recorded as held.</p>
<form method="post" action="${base}/other-contact/meeting" novalidate>
<input type="hidden" name="formToken" value="${data.formToken}">
${radios({
  name: 'adhoc-mode',
  fieldset: { legend: { text: 'How', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problem('adhoc', 'adhoc-mode'),
  items: ['call', 'teleconference', 'video', 'visit'].map((mode) => ({
    value: mode,
    text: CHANNEL_WORDS[mode] ?? mode,
    checked: value('adhoc', 'adhoc-mode') === mode,
  })),
})}
${whenFields('adhoc', 'adhoc-when', 'When', 'For example 12 5 2027')}
${input({
  name: 'adhoc-duration',
  label: { text: 'Length in minutes', classes: 'govuk-label--s' },
  hint: { text: 'From 5 to 480' },
  errorMessage: problem('adhoc', 'adhoc-duration'),
  value: value('adhoc', 'adhoc-duration', '60'),
  classes: 'govuk-input--width-4',
  inputmode: 'numeric',
})}
${select({
  name: 'adhoc-lead',
  label: { text: 'Led by', classes: 'govuk-label--s' },
  errorMessage: problem('adhoc', 'adhoc-lead'),
  items: present.map((member) => ({
    value: member.staffId,
    text: member.name,
    selected: value('adhoc', 'adhoc-lead', data.me) === member.staffId,
  })),
})}
${
  provider.contacts.length
    ? checkboxes({
        name: 'adhoc-contacts',
        fieldset: { legend: { text: 'Who attends from the provider', classes: 'govuk-fieldset__legend--s' } },
        errorMessage: problem('adhoc', 'adhoc-contacts'),
        items: contactChoices('adhoc', 'adhoc-contacts'),
      })
    : insetText({ text: 'The provider has no contacts recorded: add one before recording a meeting with it.' })
}
${partners('adhoc', 'adhoc-partners')}
${input({
  name: 'adhoc-summary',
  label: { text: 'What it is about (optional)', classes: 'govuk-label--s' },
  errorMessage: problem('adhoc', 'adhoc-summary'),
  value: value('adhoc', 'adhoc-summary'),
})}
${button({ text: 'Record the meeting' })}
</form>`;
}
