import type { AuditEntry } from '../../../../domain/audit.ts';
import type { AttendanceCheck } from '../../../../domain/meetings/attendance-check.ts';
import type { EngagementPlan } from '../../../../domain/policy/engine.ts';
import type { Activity } from '../../../../schemas/engagement.ts';
import type { Meeting } from '../../../../schemas/meeting.ts';
import type { Location, Provider } from '../../../../schemas/provider.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import type { StoredRelationships } from '../../../../use-cases/ports.ts';
import {
  badge,
  button,
  dateInput,
  radios,
  regionTable,
  select,
  subNavigation,
  summaryList,
  tag,
  textarea,
  timeline,
  warningText,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { meetingHref, providerHref } from './my-work.ts';
import { capitalised, dayInWords, instantInWords, sectorWords, words } from './words.ts';

/**
 * A provider's pages (issue 15): MOJ sub navigation over overview, relationships (with the allocation
 * form), engagement plan, meetings and audit trail.
 */
export type ProviderTab =
  | 'overview'
  | 'relationships'
  | 'plan'
  | 'meetings'
  | 'information'
  | 'submissions'
  | 'information-requests'
  | 'audit'
  | 'team'
  | 'register'
  | 'inspections'
  | 'risk-profile';

export function providerHeader(provider: Provider, tab: ProviderTab): SafeHtml {
  const base = providerHref(provider.providerId);
  const items: [ProviderTab, string, string][] = [
    ['overview', 'Overview', base],
    ['relationships', 'Relationships', `${base}/relationships`],
    ['plan', 'Engagement plan', `${base}/plan`],
    ['meetings', 'Meetings', `${base}/meetings`],
    ['information', 'Information held', `${base}/information`],
    ['submissions', 'Submissions', `${base}/submissions`],
    ['information-requests', 'Information requests', `${base}/information-requests`],
    ['audit', 'Audit trail', `${base}/audit`],
    ['team', 'Team', `${base}/team`],
    ['register', 'Register details', `${base}/register`],
    ['inspections', 'Inspections', `${base}/inspections`],
    ['risk-profile', 'Risk profile', `${base}/risk-profile`],
  ];
  return html`<span class="govuk-caption-l">${sectorWords(provider.sector)}</span>
<h1 class="govuk-heading-l">${provider.name}</h1>
${subNavigation({
  label: 'Provider',
  items: items.map(([id, text, href]) => ({ text, href, active: id === tab })),
})}`;
}

export function overviewMain(provider: Provider, locations: Location[], holders: StoredRelationships): SafeHtml {
  const holder = holders.current.find((held) => held.scope === 'provider');
  const lead = holders.current.find((held) => held.scope === 'corporate-lead');
  return html`${providerHeader(provider, 'overview')}
${summaryList({
  rows: [
    { key: { text: 'Sector' }, value: { text: sectorWords(provider.sector) } },
    { key: { text: 'Market Oversight' }, value: { text: provider.marketOversight ? 'Yes' : 'No' } },
    { key: { text: 'Registration id' }, value: { text: provider.registrationId ?? 'Not recorded' } },
    { key: { text: 'Relationship holder' }, value: { text: holder?.staffName ?? 'Not allocated' } },
    {
      key: { text: 'Corporate relationship lead' },
      value: {
        html: lead
          ? html`${lead.staffName}${lead.reviewNeeded ? html` ${tag({ text: 'Review needed', classes: 'govuk-tag--orange' })}` : ''}`
          : html`None`,
      },
    },
    { key: { text: 'Locations' }, value: { text: String(provider.locationCount) } },
    {
      key: { text: 'Contacts' },
      value: {
        html:
          provider.contacts.length === 0
            ? html`None recorded`
            : html`<ul class="govuk-list">${provider.contacts.map(
                (contact) =>
                  html`<li>${contact.name} (${contact.roles.map(words).join(', ')})${contact.undeliverable ? html` ${tag({ text: 'Email undeliverable', classes: 'govuk-tag--red' })}` : ''}</li>`,
              )}</ul>`,
      },
    },
  ],
})}
<h2 class="govuk-heading-m">Locations</h2>
${
  locations.length === 0
    ? html`<p class="govuk-body">No locations recorded.</p>`
    : regionTable({
        caption: 'Locations',
        head: [{ text: 'Location' }, { text: 'Address' }, { text: 'Risk' }],
        rows: locations.map((location) => [
          { text: location.name },
          { text: location.address ?? 'Not recorded' },
          {
            html: location.significantRisk
              ? tag({ text: 'Significant risk', classes: 'govuk-tag--red' })
              : html`<span class="govuk-visually-hidden">No risk flag</span>`,
          },
        ]),
      })
}`;
}

export interface AllocationForm {
  formToken: string;
  values: { scope?: string; staffId?: string; locationId?: string; reason?: string };
  problems: { href: string; text: string }[];
}

const scopeWords = (scope: string) =>
  scope === 'corporate-lead' ? 'Corporate relationship lead' : `${capitalised(scope)} holder`;

export function relationshipsMain(
  provider: Provider,
  stored: StoredRelationships,
  staff: Staff[],
  locations: Location[],
  form: AllocationForm | null,
): SafeHtml {
  const problemFor = (field: string) => {
    const problem = form?.problems.find((candidate) => candidate.href === `#${field}`);
    return problem ? { text: problem.text } : undefined;
  };
  const values = form?.values ?? {};
  const allocation = form
    ? html`<h2 class="govuk-heading-m">Allocate</h2>
<form method="post" action="${providerHref(provider.providerId)}/relationships" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
${radios({
  name: 'scope',
  fieldset: { legend: { text: 'Which relationship?', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemFor('scope'),
  items: [
    { value: 'provider', text: 'Provider relationship holder', checked: values.scope === 'provider' },
    ...(locations.length > 0
      ? [{ value: 'location', text: 'A location’s relationship holder', checked: values.scope === 'location' }]
      : []),
    { value: 'corporate-lead', text: 'Corporate relationship lead', checked: values.scope === 'corporate-lead' },
  ],
})}
${
  locations.length > 0
    ? select({
        name: 'locationId',
        label: { text: 'Location (for a location’s holder)' },
        errorMessage: problemFor('locationId'),
        items: [
          { value: '', text: 'Choose a location' },
          ...locations.map((location) => ({
            value: location.locationId,
            text: location.name,
            selected: values.locationId === location.locationId,
          })),
        ],
      })
    : ''
}
${select({
  name: 'staffId',
  label: { text: 'Who' },
  hint: { text: 'Their roles are shown: the policy decides who may hold each relationship.' },
  errorMessage: problemFor('staffId'),
  items: [
    { value: '', text: 'Choose a member of staff' },
    ...staff.map((member) => ({
      value: member.staffId,
      text: `${member.name} (${member.roles.map(words).join(', ')})`,
      selected: values.staffId === member.staffId,
    })),
  ],
})}
${textarea({ name: 'reason', label: { text: 'Reason' }, errorMessage: problemFor('reason'), value: values.reason ?? '', rows: 3 })}
${button({ text: 'Allocate' })}
</form>`
    : html`<p class="govuk-body">Only allocators (managers and admins) can change who holds a relationship.</p>`;
  return html`${providerHeader(provider, 'relationships')}
<h2 class="govuk-heading-m">Now</h2>
${
  stored.current.length === 0
    ? html`<p class="govuk-body">No relationships allocated.</p>`
    : summaryList({
        rows: stored.current.map((held) => ({
          key: { text: scopeWords(held.scope) },
          value: {
            html: html`${held.staffName}, since ${dayInWords(held.since.slice(0, 10))} ${badge({ text: held.ruleId })}${
              held.reviewNeeded
                ? html`<p class="govuk-body-s">${tag({ text: 'Review needed', classes: 'govuk-tag--orange' })} ${held.reviewNeeded.reason}</p>`
                : ''
            }`,
          },
        })),
      })
}
${allocation}
<h2 class="govuk-heading-m">History (R-REL-2)</h2>
${
  stored.history.length === 0
    ? html`<p class="govuk-body">No history yet.</p>`
    : timeline({
        headingLevel: 3,
        items: [...stored.history]
          .sort((a, b) => b.from.localeCompare(a.from))
          .map((entry) => ({
            label: `${scopeWords(entry.scope)}: ${entry.staffName}`,
            datetime: { timestamp: entry.from, text: instantInWords(entry.from) },
            description: {
              html: html`<p class="govuk-body">${entry.reason}</p>${
                entry.to
                  ? html`<p class="govuk-body-s">Until ${instantInWords(entry.to)}${entry.endReason ? html`: ${entry.endReason}` : ''}</p>`
                  : ''
              }`,
            },
          })),
      })
}`;
}

export function planMain(
  provider: Provider,
  plan: EngagementPlan & { attendanceChecks: AttendanceCheck[] },
  on: { day: string; month: string; year: string },
  problem: string | undefined,
): SafeHtml {
  return html`${providerHeader(provider, 'plan')}
<form method="get" action="${providerHref(provider.providerId)}/plan" novalidate>
${dateInput({
  id: 'on',
  fieldset: { legend: { text: 'Plan on', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'For example, 1 4 2027. The policy in force on that day applies.' },
  errorMessage: problem ? { text: problem } : undefined,
  values: on,
})}
${button({ text: 'Show the plan', classes: 'govuk-button--secondary' })}
</form>
<h2 class="govuk-heading-m">On ${dayInWords(plan.on)}</h2>
${plan.missing.map((gap) =>
  warningText({
    iconFallbackText: 'Warning',
    text:
      gap.kind === 'corporate-lead-review'
        ? `The corporate lead needs review (${gap.fromRuleId})`
        : gap.kind === 'corporate-lead'
          ? `No corporate relationship lead (${gap.ruleId})`
          : `No relationship holder${gap.level === 'location' ? ' for a location' : ''} (${gap.ruleId})`,
  }),
)}
${regionTable({
  caption: 'Meetings the policy requires',
  head: [{ text: 'Meeting' }, { text: 'How often' }, { text: 'Led by' }, { text: 'Rule' }],
  rows: plan.meetings.map((meeting) => [
    { text: meeting.summary },
    // Short words: a narrow column must not break one ("Exactl y") on a phone or beside the rule badges.
    { text: `${meeting.perYear}${meeting.cadence === 'exactly' ? '' : ' or more'} a year` },
    { text: meeting.leadRoles.length ? meeting.leadRoles.map(words).join(' or ') : 'The relationship holder' },
    { html: html`${badge({ text: meeting.ruleId })} ${meeting.policyId ? badge({ text: meeting.policyId }) : ''}` },
  ]),
})}
${
  plan.attendanceChecks.length > 0
    ? summaryList({
        rows: plan.attendanceChecks.map((check) => ({
          key: { text: `${check.summary} (${check.ruleId})` },
          value: {
            html: html`${check.met} of ${check.required} this year${check.flagged ? html` ${tag({ text: 'Behind', classes: 'govuk-tag--red' })}` : ''}`,
          },
        })),
      })
    : ''
}`;
}

/** R-CAD-11: a logged contact or an ad hoc meeting, in words, with who took part on both sides. */
const activityItem = (activity: Activity) => {
  const status = activity.meetingStatus ? ` (${words(activity.meetingStatus)})` : '';
  const partners = activity.partnerAttendees.map((partner) => `${partner.name} (${partner.organisation})`);
  const provider = activity.providerPeople.map((person) => person.name);
  return {
    label: `${activity.source === 'ad-hoc-meeting' ? 'Ad hoc meeting' : 'Contact'}: ${words(activity.channel)}${status}`,
    byline: activity.staff.map((person) => person.name).join(', '),
    datetime: { timestamp: activity.occurredAt, text: instantInWords(activity.occurredAt) },
    description: {
      text: [
        activity.summary,
        provider.length ? `With ${provider.join(', ')}.` : '',
        partners.length ? `Partners: ${partners.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
  };
};

export function meetingsMain(provider: Provider, meetings: Meeting[], activities: Activity[] = []): SafeHtml {
  return html`${providerHeader(provider, 'meetings')}
${
  meetings.length === 0
    ? html`<p class="govuk-body">No meetings planned.</p>`
    : regionTable({
        caption: 'Meetings, by due date',
        sortable: true,
        head: [{ text: 'Meeting' }, { text: 'Due by' }, { text: 'When' }, { text: 'Status' }],
        rows: meetings.map((meeting) => [
          { html: html`<a class="govuk-link" href="${meetingHref(meeting.meetingId)}">${meeting.summary}</a>` },
          { text: dayInWords(meeting.dueBy), sortValue: meeting.dueBy },
          {
            text: meeting.startsAt ? instantInWords(meeting.startsAt) : 'Not booked',
            sortValue: meeting.startsAt ?? '',
          },
          { html: tag({ text: capitalised(words(meeting.status)) }) },
        ]),
      })
}
<h2 class="govuk-heading-m">Other contact</h2>
<p class="govuk-body">Calls, teleconferences, emails, visits and ad hoc meetings beyond the planned meetings (R-CAD-11). They do not count towards the planned meetings.</p>
<p class="govuk-body"><a class="govuk-link" href="${providerHref(provider.providerId)}/other-contact">Log a contact or record an ad hoc meeting</a></p>
${
  activities.length === 0
    ? html`<p class="govuk-body">None recorded.</p>`
    : timeline({ headingLevel: 3, items: activities.map(activityItem) })
}`;
}

const changedFields = (entry: AuditEntry) => {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy'].includes(key),
  );
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
};

export function auditMain(
  provider: Provider,
  entries: AuditEntry[],
  staffNames: Map<string, string>,
  next: string | null,
): SafeHtml {
  return html`${providerHeader(provider, 'audit')}
${
  entries.length === 0
    ? html`<p class="govuk-body">Nothing recorded yet.</p>`
    : timeline({
        items: entries.map((entry) => ({
          label: `${capitalised(words(entry.entityType))} ${entry.action}`,
          byline:
            entry.actor.type === 'staff'
              ? (staffNames.get(entry.actor.id) ?? 'a member of staff')
              : words(entry.actor.type),
          datetime: { timestamp: entry.at, text: instantInWords(entry.at) },
          description: {
            text: changedFields(entry).length ? `Changed: ${changedFields(entry).map(words).join(', ')}` : '',
          },
        })),
      })
}
${next ? html`<p class="govuk-body"><a class="govuk-link" href="${providerHref(provider.providerId)}/audit?from=${encodeURIComponent(next)}">Older entries</a></p>` : ''}`;
}
