import { workspacePath } from '../../../../domain/workspace/links.ts';
import type { InformationRequest, Submission, SubmissionKind } from '../../../../schemas/contact.ts';
import {
  EXPERIENCE_CHANNELS,
  INFORMATION_KINDS,
  type Information,
  type InformationKind,
  PARTNER_TYPES,
} from '../../../../schemas/information.ts';
import type { Provider } from '../../../../schemas/provider.ts';
import {
  backLink,
  badge,
  button,
  checkboxes,
  dateInput,
  input,
  insetText,
  notificationBanner,
  radios,
  regionTable,
  select,
  summaryList,
  tag,
  textarea,
  timeline,
  warningText,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { providerHeader } from './provider.ts';
import { capitalised, dayInWords, instantInWords, waitedInWords, words } from './words.ts';

/**
 * Casework pages (issue 15 items 3 and 6): what providers send through "contact the regulator"
 * (R-PRV-1..4), the information requests we send them (R-PRV-5: an improvement or a deterioration; R-PRV-6's request about action on risks is not a kind of its own yet) and the information held
 * about them (R-TPL-1, R-PUB-1, R-PTN-1). Every value is escaped by the `html` tag.
 */
export interface CaseworkForm {
  formToken: string;
  /** Which form on the page the values and problems belong to. */
  form?: 'answer' | 'close' | 'ask' | 'record';
  values: Record<string, string>;
  problems: readonly { href: string; text: string }[];
}

export const submissionHref = (reference: string) => workspacePath({ page: 'submission', reference });

/** What the provider sent, in a caseworker's words, with the rule it answers to. */
export const SUBMISSION_KIND_WORDS: Readonly<Record<SubmissionKind, string>> = {
  concern: 'Significant concern about quality (R-PRV-1)',
  'external-review': 'External review the provider commissioned (R-PRV-2)',
  'significant-change': 'Significant change to services (R-PRV-3)',
  'registration-question': 'Question about registration (R-PRV-3)',
  feedback: 'Feedback or a concern about us (R-PRV-4)',
};

export const INFORMATION_KIND_WORDS: Readonly<Record<InformationKind, string>> = {
  'change-in-practice': 'Change in practice',
  'serious-incident': 'Serious incident',
  complaint: 'Complaint',
  concern: 'Concern',
  notification: 'Notification',
  'external-review': 'External review',
  'monitoring-improvement': 'Monitoring: significant improvement',
  'monitoring-deterioration': 'Monitoring: significant deterioration',
  'public-experience': 'Experience shared by the public (R-PUB-1)',
  'partner-information': 'Information from a partner (R-PTN-1)',
  'registration-question': 'Question about registration',
  'feedback-about-us': 'Feedback about us',
  'information-request': 'Information we asked for',
  'provider-explanation': 'The provider’s explanation',
  'good-practice': 'Good practice',
};

const CHANNEL_WORDS: Readonly<Record<(typeof EXPERIENCE_CHANNELS)[number], string>> = {
  website: 'Our website',
  helpline: 'Our helpline',
  'social-media': 'Social media',
  'partner-charity': 'A partner charity',
  other: 'Another way',
};

const STATUS_TAGS: Readonly<Record<Submission['status'], SafeHtml>> = {
  open: tag({ text: 'Waiting for an answer', classes: 'govuk-tag--yellow' }),
  answered: tag({ text: 'Answered', classes: 'govuk-tag--green' }),
  closed: tag({ text: 'Closed', classes: 'govuk-tag--grey' }),
};

/** Text as the person wrote it: a blank line starts a paragraph, a new line breaks the line. */
const lines = (text: string) => text.split('\n').map((line, index) => html`${index > 0 ? html`<br>` : ''}${line}`);
const paragraphs = (text: string) =>
  html`${text.split(/\n\s*\n/).map((part) => html`<p class="govuk-body">${lines(part.trim())}</p>`)}`;

const problemFor = (form: CaseworkForm | null, which: CaseworkForm['form'], id: string) => {
  if (!form || form.form !== which) return undefined;
  const found = form.problems.find((problem) => problem.href === `#${id}`);
  return found ? { text: found.text } : undefined;
};
const shownValue = (form: CaseworkForm | null, which: CaseworkForm['form'], name: string) =>
  form && form.form === which ? (form.values[name] ?? '') : '';

const token = (form: CaseworkForm) => html`<input type="hidden" name="formToken" value="${form.formToken}">`;

const NOTICES: Readonly<Record<string, string>> = {
  answered: 'Answer sent: the provider’s contact has been emailed it',
  closed: 'Closed',
  asked: 'Asked: every contact at the provider has been emailed the question',
  recorded: 'Recorded in the information held',
};
const notice = (done: string | undefined) => {
  const text = done ? NOTICES[done] : undefined;
  return text ? notificationBanner({ type: 'success', text }) : '';
};

/**
 * Submissions: the provider's tab, newest first, as MOJ's sortable table (issue 15: sort by what, when sent,
 * how long waiting, handler or status; without JavaScript it stays newest first).
 */
export function submissionsMain(
  provider: Provider,
  submissions: readonly Submission[],
  now: Date,
  more: string | null,
): SafeHtml {
  return html`${providerHeader(provider, 'submissions')}
<h2 class="govuk-heading-m">Submissions</h2>
<p class="govuk-body">What the provider sent through “contact the regulator”, newest first.</p>
${
  submissions.length === 0
    ? html`<p class="govuk-body">Nothing sent yet.</p>`
    : regionTable({
        caption: `Submissions from ${provider.name}`,
        sortable: true,
        head: [
          { text: 'Reference' },
          { text: 'What' },
          { text: 'Sent', sort: 'descending' },
          { text: 'Waiting' },
          { text: 'Handled by' },
          { text: 'Status' },
        ],
        rows: submissions.map((submission) => {
          const waited = submission.status === 'open' ? minutesSince(submission.submittedAt, now) : null;
          return [
            {
              html: html`<a class="govuk-link" href="${submissionHref(submission.reference)}">${submission.reference}<span class="govuk-visually-hidden">: ${SUBMISSION_KIND_WORDS[submission.kind]}</span></a>`,
            },
            { text: SUBMISSION_KIND_WORDS[submission.kind] },
            {
              text: `${instantInWords(submission.submittedAt)} by ${submission.contactName}`,
              sortValue: submission.submittedAt,
            },
            waited === null
              ? { text: 'Not waiting', sortValue: -1 }
              : { html: badge({ text: waitedInWords(waited) }), sortValue: waited },
            { text: handlerWords(submission) },
            { html: STATUS_TAGS[submission.status], sortValue: submission.status },
          ];
        }),
      })
}
${more ? html`<p class="govuk-body"><a class="govuk-link" href="?from=${encodeURIComponent(more)}">Older submissions</a></p>` : ''}`;
}

/** A GOV.UK summary card: a title (a link to the thing) over a summary list. */
const summaryCard = (title: SafeHtml, rows: Parameters<typeof summaryList>[0]['rows']) =>
  html`<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">${title}</h3></div><div class="govuk-summary-card__content">${summaryList({ rows })}</div></div>`;

/** Where an item's reference is handled: a submission's page, or the provider's information requests (R-PRV-5). */
const referenceLink = (item: Information) =>
  item.kind === 'information-request' || item.kind === 'provider-explanation'
    ? html`<a class="govuk-link" href="${workspacePath({ page: 'provider', providerId: item.providerId, tab: 'information-requests' })}">Information request ${item.reference}</a>`
    : html`<a class="govuk-link" href="${submissionHref(item.reference ?? '')}">Submission ${item.reference}</a>`;

const minutesSince = (instant: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - new Date(instant).getTime()) / 60_000));

const handlerWords = (submission: Submission) =>
  submission.routedTo.staffName ??
  (submission.routedTo.to === 'regulatory-coordinator'
    ? 'The assessment team (no regulatory co-ordinator registered)'
    : 'Nobody yet');

/** One submission: what was sent, its routing (who and why, with the rule), its answers, and the two forms. */
export function submissionMain(
  submission: Submission,
  form: CaseworkForm,
  mayAnswer: boolean,
  done: string | undefined,
  now: Date,
): SafeHtml {
  const closed = submission.status === 'closed';
  return html`${backLink({
    href: workspacePath({ page: 'provider', providerId: submission.providerId, tab: 'submissions' }),
    text: `${submission.providerName}: submissions`,
  })}${notice(done)}
<span class="govuk-caption-l">${submission.providerName}</span>
<h1 class="govuk-heading-l">Submission ${submission.reference}</h1>
<p class="govuk-body">${STATUS_TAGS[submission.status]}${
    submission.status === 'open'
      ? html` ${badge({ text: `${waitedInWords(minutesSince(submission.submittedAt, now))} waiting` })}`
      : ''
  }</p>
${summaryList({
  rows: [
    { key: { text: 'What' }, value: { text: SUBMISSION_KIND_WORDS[submission.kind] } },
    {
      key: { text: 'Provider' },
      value: {
        html: html`<a class="govuk-link" href="${workspacePath({ page: 'provider', providerId: submission.providerId, tab: 'submissions' })}">${submission.providerName}</a>`,
      },
    },
    { key: { text: 'Sent by' }, value: { text: submission.contactName } },
    { key: { text: 'Sent' }, value: { text: instantInWords(submission.submittedAt) } },
    { key: { text: 'Handled by' }, value: { text: handlerWords(submission) } },
    {
      key: { text: 'Why them' },
      value: {
        text: `${capitalised(submission.routedTo.why)} (${submission.routedTo.ruleId}${submission.routedTo.policyId ? `, policy ${submission.routedTo.policyId}` : ''})`,
      },
    },
    {
      key: { text: 'First answered' },
      value: {
        text:
          submission.firstResponseAt && submission.minutesToFirstResponse !== null
            ? `${instantInWords(submission.firstResponseAt)}, ${waitedInWords(submission.minutesToFirstResponse)} after it was sent (R-PRV-4)`
            : 'Not yet',
      },
    },
    ...(closed
      ? [
          {
            key: { text: 'Closed' },
            value: {
              text: `${submission.closedAt ? instantInWords(submission.closedAt) : ''}: ${submission.closeReason ?? ''}`,
            },
          },
        ]
      : []),
  ],
})}
<h2 class="govuk-heading-m">What they sent</h2>
${paragraphs(submission.details)}
${
  submission.actionTaken
    ? html`<h3 class="govuk-heading-s">The action they are taking (R-PRV-1)</h3>${paragraphs(submission.actionTaken)}`
    : ''
}
<h2 class="govuk-heading-m">Answers</h2>
${
  submission.answers.length === 0
    ? html`<p class="govuk-body">No answer yet.</p>`
    : timeline({
        headingLevel: 3,
        items: submission.answers.map((answer, index) => ({
          label: index === 0 ? 'First answer' : `Answer ${index + 1}`,
          datetime: { timestamp: answer.answeredAt, text: instantInWords(answer.answeredAt) },
          description: { html: paragraphs(answer.text) },
        })),
      })
}
${
  closed
    ? insetText({ text: 'This submission is closed: it takes no more answers.' })
    : mayAnswer
      ? html`<h2 class="govuk-heading-m">Answer</h2>
<form method="post" action="${submissionHref(submission.reference)}/answer" novalidate>
${token(form)}
${warningText({ text: `Your answer is emailed to ${submission.contactName} at ${submission.providerName}.`, iconFallbackText: 'Warning' })}
${textarea({
  name: 'text',
  label: { text: 'Your answer', classes: 'govuk-label--s' },
  hint: { text: 'Write it for the provider: it is sent as you write it (at most 4,000 characters).' },
  errorMessage: problemFor(form, 'answer', 'text'),
  value: shownValue(form, 'answer', 'text'),
  rows: 6,
})}
${button({ text: 'Send the answer' })}
</form>
<h2 class="govuk-heading-m">Close</h2>
<form method="post" action="${submissionHref(submission.reference)}/close" novalidate>
${token(form)}
${input({
  name: 'reason',
  label: { text: 'Why it can be closed', classes: 'govuk-label--s' },
  hint: {
    text: 'For example “Answered by phone on 3 May” (one line, at most 1,000 characters). The provider is not emailed.',
  },
  errorMessage: problemFor(form, 'close', 'reason'),
  value: shownValue(form, 'close', 'reason'),
})}
${button({ text: 'Close the submission', classes: 'govuk-button--secondary' })}
</form>`
      : insetText({ text: 'Only the relationship holder and the provider’s correspondents can answer or close it.' })
}`;
}

/** Information requests (R-PRV-5): the list with due dates and answers, and the form to ask. */
export function informationRequestsMain(
  provider: Provider,
  requests: readonly InformationRequest[],
  form: CaseworkForm | null,
  done: string | undefined,
  more: string | null,
  today: string,
): SafeHtml {
  return html`${notice(done)}${providerHeader(provider, 'information-requests')}
<h2 class="govuk-heading-m">Information requests</h2>
${
  requests.length === 0
    ? html`<p class="govuk-body">We have not asked this provider for information.</p>`
    : html`${requests.map((request) =>
        summaryCard(html`${request.reference}: ${capitalised(`significant ${request.signal}`)}`, [
          {
            key: { text: 'Status' },
            value: {
              html:
                request.status === 'answered'
                  ? tag({ text: 'Answered', classes: 'govuk-tag--green' })
                  : request.dueOn < today
                    ? tag({ text: 'Overdue', classes: 'govuk-tag--red' })
                    : tag({ text: 'Waiting for the provider', classes: 'govuk-tag--yellow' }),
            },
          },
          { key: { text: 'Due by' }, value: { text: dayInWords(request.dueOn) } },
          {
            key: { text: 'Asked' },
            value: { text: `${instantInWords(request.requestedAt)} by ${request.requestedByName}` },
          },
          { key: { text: 'Question' }, value: { html: paragraphs(request.question) } },
          {
            key: { text: 'Answer' },
            value: request.answer
              ? {
                  html: html`${paragraphs(request.answer.text)}<p class="govuk-body-s">${request.answer.contactName}, ${instantInWords(request.answer.answeredAt)}</p>`,
                }
              : { text: 'Not answered yet' },
          },
        ]),
      )}`
}
${more ? html`<p class="govuk-body"><a class="govuk-link" href="?from=${encodeURIComponent(more)}">Older requests</a></p>` : ''}
${form ? askForm(provider, form) : insetText({ text: 'Only the relationship holder and the provider’s correspondents can ask for information.' })}`;
}

function askForm(provider: Provider, form: CaseworkForm): SafeHtml {
  const mine = form.form === 'ask' ? form : null;
  return html`<h2 class="govuk-heading-m" id="ask">Ask for information</h2>
${
  provider.contacts.length === 0
    ? warningText({ text: 'The provider has no contact to ask: add one first.', iconFallbackText: 'Warning' })
    : html`<p class="govuk-body">Every contact at ${provider.name} is emailed the question, with a link to answer it.</p>`
}
<form method="post" action="${workspacePath({ page: 'provider', providerId: provider.providerId, tab: 'information-requests' })}" novalidate>
${token(form)}
${radios({
  name: 'signal',
  fieldset: { legend: { text: 'What monitoring suggests (R-PRV-5)', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemFor(mine, 'ask', 'signal'),
  items: [
    {
      value: 'deterioration',
      text: 'A significant deterioration',
      checked: shownValue(mine, 'ask', 'signal') === 'deterioration',
    },
    {
      value: 'improvement',
      text: 'A significant improvement',
      checked: shownValue(mine, 'ask', 'signal') === 'improvement',
    },
  ],
})}
${textarea({
  name: 'question',
  label: { text: 'Your question', classes: 'govuk-label--s' },
  hint: { text: 'What you want the provider to explain (at most 4,000 characters).' },
  errorMessage: problemFor(mine, 'ask', 'question'),
  value: shownValue(mine, 'ask', 'question'),
})}
${dateInput({
  id: 'due',
  namePrefix: 'due',
  fieldset: { legend: { text: 'Answer due by', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'Today or later, for example 27 3 2027' },
  errorMessage: problemFor(mine, 'ask', 'due-day'),
  values: {
    day: shownValue(mine, 'ask', 'due-day'),
    month: shownValue(mine, 'ask', 'due-month'),
    year: shownValue(mine, 'ask', 'due-year'),
  },
})}
${button({ text: 'Send the request' })}
</form>`;
}

/** Information held (R-TPL-1): newest first, sensitive items marked, and the form to add one. */
export function informationMain(
  provider: Provider,
  items: readonly Information[],
  form: CaseworkForm,
  done: string | undefined,
): SafeHtml {
  const newestFirst = [...items].sort(
    (a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
  return html`${notice(done)}${providerHeader(provider, 'information')}
<h2 class="govuk-heading-m">Information held, newest first</h2>
<p class="govuk-body">What we know about the provider: it feeds the next pre-meeting template (R-TPL-1). Sensitive items never reach the provider.</p>
${
  newestFirst.length === 0
    ? html`<p class="govuk-body">Nothing recorded yet.</p>`
    : timeline({
        items: newestFirst.map((item) => ({
          label: INFORMATION_KIND_WORDS[item.kind],
          byline: item.source,
          datetime: { timestamp: item.occurredOn, text: dayInWords(item.occurredOn) },
          description: {
            html: html`${item.sensitive ? html`<p class="govuk-body">${tag({ text: 'Sensitive: not for the provider', classes: 'govuk-tag--red' })}</p>` : ''}<p class="govuk-body">${lines(item.summary)}</p>${
              item.channel ? html`<p class="govuk-body-s">Shared through: ${CHANNEL_WORDS[item.channel]}</p>` : ''
            }${
              item.partner
                ? html`<p class="govuk-body-s">Partner: ${item.partner.organisation} (${words(item.partner.type)})</p>`
                : ''
            }${item.reference ? html`<p class="govuk-body-s">${referenceLink(item)}</p>` : ''}`,
          },
        })),
      })
}
${recordForm(provider, form.form === 'record' ? form : { ...form, values: {}, problems: [] })}`;
}

function recordForm(provider: Provider, form: CaseworkForm): SafeHtml {
  const value = (name: string) => form.values[name] ?? '';
  const problem = (id: string) => problemFor({ ...form, form: 'record' }, 'record', id);
  return html`<h2 class="govuk-heading-m" id="record">Add information</h2>
<form method="post" action="${workspacePath({ page: 'provider', providerId: provider.providerId, tab: 'information' })}" novalidate>
${token(form)}
${select({
  name: 'kind',
  label: { text: 'What kind of information', classes: 'govuk-label--s' },
  errorMessage: problem('kind'),
  items: [
    { value: '', text: 'Choose one', selected: value('kind') === '' },
    // An information request and the provider's explanation are recorded by the requests themselves (R-PRV-5).
    ...INFORMATION_KINDS.filter((kind) => kind !== 'information-request' && kind !== 'provider-explanation').map(
      (kind) => ({
        value: kind,
        text: INFORMATION_KIND_WORDS[kind],
        selected: value('kind') === kind,
      }),
    ),
  ],
})}
${dateInput({
  id: 'occurred',
  namePrefix: 'occurred',
  fieldset: { legend: { text: 'When it happened', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'For example 14 2 2027' },
  errorMessage: problem('occurred-day'),
  values: { day: value('occurred-day'), month: value('occurred-month'), year: value('occurred-year') },
})}
${input({
  name: 'source',
  label: { text: 'Where it came from', classes: 'govuk-label--s' },
  hint: { text: 'A person, organisation or report (one line, at most 200 characters)' },
  errorMessage: problem('source'),
  value: value('source'),
})}
${textarea({
  name: 'summary',
  label: { text: 'Summary', classes: 'govuk-label--s' },
  hint: { text: 'At most 4,000 characters' },
  errorMessage: problem('summary'),
  value: value('summary'),
})}
${checkboxes({
  name: 'sensitive',
  fieldset: { legend: { text: 'Sensitive', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problem('sensitive'),
  items: [
    {
      value: 'yes',
      text: 'Sensitive: keep it from the provider',
      hint: { text: 'For example a complainant’s or a whistleblower’s identity' },
      checked: value('sensitive') === 'yes',
    },
  ],
})}
<h3 class="govuk-heading-s">Only for an experience shared by the public (R-PUB-1)</h3>
${select({
  name: 'channel',
  label: { text: 'How they shared it' },
  errorMessage: problem('channel'),
  items: [
    { value: '', text: 'Not a public experience', selected: value('channel') === '' },
    ...EXPERIENCE_CHANNELS.map((channel) => ({
      value: channel,
      text: CHANNEL_WORDS[channel],
      selected: value('channel') === channel,
    })),
  ],
})}
<h3 class="govuk-heading-s">Only for information from a partner (R-PTN-1)</h3>
${input({
  name: 'partner-organisation',
  label: { text: 'The partner organisation' },
  errorMessage: problem('partner-organisation'),
  value: value('partner-organisation'),
})}
${select({
  name: 'partner-type',
  label: { text: 'What kind of partner' },
  errorMessage: problem('partner-type'),
  items: [
    { value: '', text: 'Not a partner', selected: value('partner-type') === '' },
    ...PARTNER_TYPES.map((type) => ({
      value: type,
      text: capitalised(words(type)),
      selected: value('partner-type') === type,
    })),
  ],
})}
${button({ text: 'Add the information' })}
</form>`;
}
