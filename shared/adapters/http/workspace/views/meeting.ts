import { dateFormat } from '../../../../domain/date-format.ts';
import type { Meeting } from '../../../../schemas/meeting.ts';
import type { CurrentHolder } from '../../../../schemas/meeting-read.ts';
import type { Provider } from '../../../../schemas/provider.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import type { ProviderComment, Template } from '../../../../schemas/template.ts';
import {
  backLink,
  badge,
  button,
  buttonMenu,
  checkboxes,
  dateInput,
  input,
  insetText,
  notificationBanner,
  radios,
  select,
  summaryList,
  tag,
  textarea,
  timeline,
  warningText,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { meetingActionsSection } from './engagement.ts';
import { meetingHref, providerHref } from './my-work.ts';
import { previewHref, templateHref, versionsHref } from './template-history.ts';
import { capitalised, dayInWords, instantInWords, words } from './words.ts';

/**
 * A meeting's page (issue 15): what it is and where it stands, the booking form (GOV.UK date input and
 * a time, Europe/London; mode; lead and attendees with their roles), cancel and record the outcome;
 * and the template page: edit a section, save as the next version, share, read the comments.
 */
export interface FormState {
  formToken: string;
  values: Record<string, string | string[]>;
  problems: { href: string; text: string }[];
  /** Which form the problems belong to. */
  form?: 'book' | 'cancel' | 'outcome' | 'action';
}

const one = (values: FormState['values'], name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const many = (values: FormState['values'], name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value : value ? [value] : [];
};

const problemOf = (state: FormState, form: FormState['form'], field: string) => {
  if (state.form !== form) return undefined;
  const found = state.problems.find((problem) => problem.href === `#${field}`);
  return found ? { text: found.text } : undefined;
};

const LONDON_NUMBERS = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const LONDON_PARTS = (instant: string) => {
  const parts = LONDON_NUMBERS().formatToParts(new Date(instant));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year'), time: `${get('hour')}:${get('minute')}` };
};

/** The form's starting values: what is booked now, or nothing yet. */
export function bookingValues(meeting: Meeting): FormState['values'] {
  const when = meeting.startsAt ? LONDON_PARTS(meeting.startsAt) : { day: '', month: '', year: '', time: '' };
  return {
    'starts-day': when.day,
    'starts-month': when.month,
    'starts-year': when.year,
    time: when.time,
    duration: String(meeting.durationMinutes ?? 60),
    mode: meeting.mode ?? '',
    venue: meeting.venue ?? '',
    lead: meeting.lead?.staffId ?? meeting.holderStaffId ?? '',
    staff: meeting.regulatorAttendees.map((attendee) => attendee.staffId),
    contacts: meeting.providerAttendees.map((attendee) => attendee.contactId),
  };
}

/**
 * R-REL-2: who holds the relationship now (not when the meeting was planned), and while they are away who
 * covers for them (R-TEAM-5), as GET /meetings/{meetingId} answers it.
 */
function holderNowRow(holder: CurrentHolder) {
  return {
    key: { text: 'Relationship holder now' },
    value: {
      text: holder
        ? `${holder.name}${holder.coveringFor ? ` (covering for ${holder.coveringFor.name})` : ''}`
        : 'Nobody holds this relationship now',
    },
  };
}

function facts(meeting: Meeting & { currentHolder?: CurrentHolder }): SafeHtml {
  return summaryList({
    rows: [
      {
        key: { text: 'Provider' },
        value: {
          html: html`<a class="govuk-link" href="${providerHref(meeting.providerId)}">${meeting.providerName}</a>`,
        },
      },
      { key: { text: 'Why' }, value: { html: html`${meeting.summary} ${badge({ text: meeting.ruleId })}` } },
      { key: { text: 'Due by' }, value: { text: dayInWords(meeting.dueBy) } },
      { key: { text: 'Status' }, value: { html: tag({ text: capitalised(words(meeting.status)) }) } },
      { key: { text: 'When' }, value: { text: meeting.startsAt ? instantInWords(meeting.startsAt) : 'Not booked' } },
      { key: { text: 'How' }, value: { text: meeting.mode ? capitalised(words(meeting.mode)) : 'Not chosen' } },
      { key: { text: 'Led by' }, value: { text: meeting.lead?.name ?? 'Not chosen' } },
      ...(meeting.currentHolder === undefined ? [] : [holderNowRow(meeting.currentHolder)]),
      {
        key: { text: 'Attending' },
        value: {
          text:
            [...meeting.regulatorAttendees, ...meeting.providerAttendees]
              .map((attendee) => `${attendee.name} (${attendee.roles.map(words).join(', ')})`)
              .join('; ') || 'Nobody yet',
        },
      },
      {
        key: { text: 'The policy asks for' },
        value: {
          text:
            [
              meeting.requirements.leadRoles.length
                ? `led by ${meeting.requirements.leadRoles.map(words).join(' or ')}`
                : '',
              meeting.requirements.regulatorAttendees.length
                ? `with ${meeting.requirements.regulatorAttendees.map(words).join(', ')}`
                : '',
              meeting.requirements.providerAttendees.length
                ? `meeting the provider’s ${meeting.requirements.providerAttendees.map(words).join(', ')}`
                : '',
            ]
              .filter(Boolean)
              .join('; ') || 'The relationship holder decides',
        },
      },
    ],
  });
}

export function meetingMain(
  meeting: Meeting & { currentHolder?: CurrentHolder },
  provider: Provider,
  staff: Staff[],
  state: FormState,
  notice: string | null,
): SafeHtml {
  const href = meetingHref(meeting.meetingId);
  const open = meeting.status === 'planned' || meeting.status === 'booked';
  const values = state.values;
  const booking = html`<h2 class="govuk-heading-m">${meeting.startsAt ? 'Reschedule or change' : 'Book'}</h2>
<form method="post" action="${href}" novalidate>
<input type="hidden" name="formToken" value="${state.formToken}">
<input type="hidden" name="version" value="${String(meeting.version)}">
${dateInput({
  id: 'starts',
  namePrefix: 'starts',
  fieldset: { legend: { text: 'Date', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'UK time. For example, 12 5 2027' },
  errorMessage: problemOf(state, 'book', 'starts-day'),
  values: { day: one(values, 'starts-day'), month: one(values, 'starts-month'), year: one(values, 'starts-year') },
})}
${input({
  name: 'time',
  label: { text: 'Time', classes: 'govuk-label--s' },
  hint: { text: 'For example, 9:30am or 14:00' },
  classes: 'govuk-input--width-5',
  errorMessage: problemOf(state, 'book', 'time'),
  value: one(values, 'time'),
})}
${input({
  name: 'duration',
  label: { text: 'Length in minutes', classes: 'govuk-label--s' },
  classes: 'govuk-input--width-3',
  inputmode: 'numeric',
  errorMessage: problemOf(state, 'book', 'duration'),
  value: one(values, 'duration'),
})}
${radios({
  name: 'mode',
  classes: 'govuk-radios--inline',
  fieldset: { legend: { text: 'How', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemOf(state, 'book', 'mode'),
  items: ['in-person', 'video', 'telephone'].map((mode) => ({
    value: mode,
    text: capitalised(words(mode)),
    checked: one(values, 'mode') === mode,
  })),
})}
${input({
  name: 'venue',
  label: { text: 'Where (for a meeting in person, optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(state, 'book', 'venue'),
  value: one(values, 'venue'),
})}
${select({
  name: 'lead',
  label: { text: 'Led by', classes: 'govuk-label--s' },
  errorMessage: problemOf(state, 'book', 'lead'),
  items: [
    { value: '', text: 'Choose who leads it' },
    ...staff.map((member) => ({
      value: member.staffId,
      text: `${member.name} (${member.roles.map(words).join(', ')})`,
      selected: one(values, 'lead') === member.staffId,
    })),
  ],
})}
${checkboxes({
  name: 'contacts',
  idPrefix: 'contacts',
  fieldset: { legend: { text: 'From the provider', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemOf(state, 'book', 'contacts'),
  items: provider.contacts.map((contact) => ({
    value: contact.contactId,
    text: contact.name,
    hint: { text: contact.roles.map(words).join(', ') },
    checked: many(values, 'contacts').includes(contact.contactId),
  })),
})}
${checkboxes({
  name: 'staff',
  idPrefix: 'staff',
  fieldset: { legend: { text: 'From the regulator (besides the lead)', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemOf(state, 'book', 'staff'),
  classes: 'govuk-checkboxes--small',
  items: staff.map((member) => ({
    value: member.staffId,
    text: member.name,
    hint: { text: member.roles.map(words).join(', ') },
    checked: many(values, 'staff').includes(member.staffId),
  })),
})}
${button({ text: meeting.startsAt ? 'Save the change and send updates' : 'Book and send invites' })}
</form>`;
  const cancel = html`<h2 class="govuk-heading-m">Cancel</h2>
<form method="post" action="${href}/cancel" novalidate>
<input type="hidden" name="formToken" value="${state.formToken}">
${textarea({ name: 'reason', label: { text: 'Why is it cancelled?' }, rows: 2, errorMessage: problemOf(state, 'cancel', 'reason'), value: state.form === 'cancel' ? one(values, 'reason') : '' })}
${button({ text: 'Cancel the meeting', classes: 'govuk-button--warning' })}
</form>`;
  const outcome = html`<h2 class="govuk-heading-m">Record the outcome</h2>
<form method="post" action="${href}/outcome" novalidate>
<input type="hidden" name="formToken" value="${state.formToken}">
${textarea({ name: 'notes', label: { text: 'Notes' }, errorMessage: problemOf(state, 'outcome', 'notes'), value: state.form === 'outcome' ? one(values, 'notes') : '' })}
${input({ name: 'action', label: { text: 'An agreed action (optional)' }, errorMessage: problemOf(state, 'outcome', 'action'), value: state.form === 'outcome' ? one(values, 'action') : '' })}
${input({ name: 'owner', label: { text: 'Who does it' }, classes: 'govuk-input--width-20', errorMessage: problemOf(state, 'outcome', 'owner'), value: state.form === 'outcome' ? one(values, 'owner') : '' })}
${dateInput({
  id: 'due',
  namePrefix: 'due',
  fieldset: { legend: { text: 'By when' } },
  errorMessage: problemOf(state, 'outcome', 'due-day'),
  values:
    state.form === 'outcome'
      ? { day: one(values, 'due-day'), month: one(values, 'due-month'), year: one(values, 'due-year') }
      : {},
})}
${button({ text: 'Record as held' })}
</form>`;
  return html`${backLink({ href: `${providerHref(meeting.providerId)}/meetings`, text: `${meeting.providerName}: meetings` })}
${notice ? notificationBanner({ type: 'success', text: notice }) : ''}
<span class="govuk-caption-l">${meeting.providerName}</span>
<h1 class="govuk-heading-l">${capitalised(words(meeting.type))} meeting</h1>
${facts(meeting)}
<p class="govuk-body"><a class="govuk-link" href="${href}/template">The pre-meeting template</a></p>
${
  open
    ? html`${booking}${cancel}${meeting.status === 'booked' ? outcome : ''}`
    : meeting.status === 'held'
      ? html`<h2 class="govuk-heading-m">Outcome</h2><p class="govuk-body">${meeting.notes ?? ''}</p>${meetingActionsSection(
          meeting,
          staff,
          state.formToken,
          state.form === 'action' ? state.problems : [],
        )}`
      : insetText({ text: `Cancelled: ${meeting.cancelReason ?? ''}` })
}`;
}

export function templateMain(
  meeting: Meeting,
  template: Template,
  comments: ProviderComment[],
  editing: string | null,
  state: FormState,
  notice: string | null,
): SafeHtml {
  const href = templateHref(meeting.meetingId);
  const section = template.sections.find((candidate) => candidate.sectionId === editing);
  const sections = template.sections.map(
    (candidate) => html`<h3 class="govuk-heading-s">${candidate.title}</h3>
${
  candidate.items.length === 0
    ? html`<p class="govuk-body">Nothing yet.</p>`
    : html`<ul class="govuk-list govuk-list--bullet">${candidate.items.map(
        (item) =>
          html`<li>${item.text}${item.sensitive ? html` ${tag({ text: 'Sensitive: not shown to the provider', classes: 'govuk-tag--grey' })}` : ''}</li>`,
      )}</ul>`
}
<p class="govuk-body"><a class="govuk-link" href="${href}?edit=${encodeURIComponent(candidate.sectionId)}">Change<span class="govuk-visually-hidden"> ${candidate.title}</span></a></p>`,
  );
  const editor = section
    ? html`<h2 class="govuk-heading-m">Change: ${section.title}</h2>
<form method="post" action="${href}" novalidate>
<input type="hidden" name="formToken" value="${state.formToken}">
<input type="hidden" name="version" value="${String(template.version)}">
<input type="hidden" name="sectionId" value="${section.sectionId}">
${section.items.map(
  (item, index) => html`${textarea({
    name: `item-${index}`,
    label: { text: `Item ${index + 1}` },
    rows: 3,
    value: one(state.values, `item-${index}`) || item.text,
    errorMessage: state.problems.find((problem) => problem.href === `#item-${index}`),
  })}
${checkboxes({
  name: `flags-${index}`,
  idPrefix: `flags-${index}`,
  fieldset: { legend: { text: `Item ${index + 1}: options`, classes: 'govuk-visually-hidden' } },
  classes: 'govuk-checkboxes--small',
  items: [
    { value: 'sensitive', text: 'Sensitive: keep it from the provider', checked: item.sensitive },
    { value: 'remove', text: 'Remove this item' },
  ],
})}
<input type="hidden" name="info-${String(index)}" value="${item.infoId ?? ''}">`,
)}
${textarea({ name: 'new-item', label: { text: 'Add an item (optional)' }, rows: 3, value: one(state.values, 'new-item'), errorMessage: state.problems.find((problem) => problem.href === '#new-item') })}
${button({ text: 'Save as the next version' })}
<p class="govuk-body"><a class="govuk-link" href="${href}">Cancel</a></p>
</form>`
    : '';
  return html`${backLink({ href: meetingHref(meeting.meetingId), text: 'The meeting' })}
${notice ? notificationBanner({ type: 'success', text: notice }) : ''}
<span class="govuk-caption-l">${meeting.providerName}</span>
<h1 class="govuk-heading-l">Pre-meeting template</h1>
<p class="govuk-body">${template.version === 0 ? 'A draft from the information held: not saved yet.' : `Version ${template.version}${template.savedAt ? `, saved ${instantInWords(template.savedAt)}` : ''}.`}
${template.sharedVersion ? ` Version ${template.sharedVersion} is shared with the provider.` : ''}</p>
${
  template.version > 0
    ? buttonMenu({
        button: { text: 'Versions and preview' },
        items: [
          { text: 'Earlier versions and what changed', href: versionsHref(meeting.meetingId) },
          { text: 'Preview what sharing sends', href: previewHref(meeting.meetingId) },
        ],
      })
    : ''
}
${editor}
${section ? '' : html`<h2 class="govuk-heading-m">What the template says</h2>${sections}`}
${
  section
    ? ''
    : html`<h2 class="govuk-heading-m">Share with the provider</h2>
${warningText({
  iconFallbackText: 'Warning',
  text: 'Each of the meeting’s provider attendees (or every contact, if none is chosen) is emailed a link to the latest saved version, without the sensitive items. Sharing again replaces the links.',
})}
<form id="share" method="post" action="${href}/share" novalidate>
<input type="hidden" name="formToken" value="${state.formToken}">
${button({ text: 'Share the template' })}
</form>`
}
<h2 class="govuk-heading-m">What the provider said</h2>
${
  comments.length === 0
    ? html`<p class="govuk-body">No comments yet.</p>`
    : timeline({
        headingLevel: 3,
        items: comments.map((comment) => ({
          label: comment.sectionId
            ? (template.sections.find((candidate) => candidate.sectionId === comment.sectionId)?.title ?? 'A section')
            : `Added: ${words(comment.addition ?? 'an item')}`,
          byline: comment.contactName,
          datetime: { timestamp: comment.submittedAt, text: instantInWords(comment.submittedAt) },
          description: { text: `${comment.text} (on version ${comment.templateVersion})` },
        })),
      })
}`;
}
