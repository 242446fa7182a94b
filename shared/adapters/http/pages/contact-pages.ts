import { handlerInWords } from '../../../domain/contact/handler-in-words.ts';
import type { FieldProblem } from '../../../domain/errors.ts';
import { SUBMISSION_KINDS, type Submission, type SubmissionKind } from '../../../schemas/contact.ts';
import { type ContactForm, type ContactView, KIND_LABELS } from '../../../use-cases/contact-the-regulator.ts';
import { escapeHtml as e, layout } from './html.ts';
import { errorSummary, field } from './respond-pages.ts';

/**
 * The provider's contact page (R-REL-4, R-PRV-1..5): GOV.UK Design System markup, server-rendered,
 * usable without JavaScript and on a phone. One form: tell us something (radios and text), and answer
 * any open information request. Errors follow the error summary pattern.
 */
type Open = Extract<ContactView, { kind: 'open' }>;

export interface ContactPageState {
  formToken: string;
  action: string;
  problems: readonly FieldProblem[];
  values: ContactForm;
  /** After a post: the submission sent (its reference and handler) and the requests answered. */
  sent: { submission: Submission | null; answered: readonly string[] } | null;
}

/** Examples the rules give (R-PRV-1..4), under the options they explain. */
const KIND_HINTS: Partial<Record<SubmissionKind, string>> = {
  'external-review': 'A review you commissioned from another organisation, such as a royal college',
  'significant-change': 'For example, starting to collaborate formally with others',
  feedback: 'We will answer as quickly as we can',
};

const longDay = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${day}T00:00:00Z`));

function confirmation(sent: NonNullable<ContactPageState['sent']>): string {
  const { submission, answered } = sent;
  const named = submission ? handlerInWords(submission.routedTo) : null;
  const handler = named ? `${named.handlerName}, ${named.handlerRole}, will handle it.` : '';
  return `<div class="govuk-panel govuk-panel--confirmation">
<h1 class="govuk-panel__title">${submission ? 'Message sent' : 'Answer sent'}</h1>
<div class="govuk-panel__body">${
    submission
      ? `Your reference number<br><strong>${e(submission.reference)}</strong>`
      : `${answered.length} answer(s) sent`
  }</div>
</div>
${submission ? `<p class="govuk-body">${e(handler)} We have emailed you a confirmation.</p>` : ''}
${answered.length > 0 ? `<p class="govuk-body">We have your answer to ${answered.map((reference) => e(reference)).join(', ')}.</p>` : ''}`;
}

function requestsSection(view: Open, state: ContactPageState): string {
  if (view.requests.length === 0) return '';
  return `<h2 class="govuk-heading-m">What we have asked you</h2>
${view.requests
  .map(
    (request) => `<div class="govuk-inset-text">
<p class="govuk-body"><strong>${e(request.reference)}</strong>, from ${e(request.requestedByName)}, by ${e(longDay(request.dueOn))}:</p>
<p class="govuk-body">${e(request.question)}</p>
</div>
${field(`answer-${request.reference}`, `Your answer to ${request.reference} (optional)`, state.values.answers[request.reference] ?? '', state.problems)}`,
  )
  .join('\n')}`;
}

export function contactPage(view: Open, state: ContactPageState): string {
  const { problems, values } = state;
  const kindProblem = problems.find((problem) => problem.path === 'kind');
  const radios = SUBMISSION_KINDS.map((kind, index) => {
    // The error summary links to the first radio (GOV.UK radios pattern).
    const id = index === 0 ? 'kind' : `kind-${kind}`;
    const hint = KIND_HINTS[kind];
    return `<div class="govuk-radios__item">
<input class="govuk-radios__input" id="${id}" name="kind" type="radio" value="${kind}"${values.kind === kind ? ' checked' : ''}${
      hint ? ` aria-describedby="${id}-hint"` : ''
    }>
<label class="govuk-label govuk-radios__label" for="${id}">${e(KIND_LABELS[kind])}</label>
${hint ? `<div id="${id}-hint" class="govuk-hint govuk-radios__hint">${e(hint)}</div>` : ''}
</div>`;
  }).join('\n');
  const main = `${state.sent ? confirmation(state.sent) : ''}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(problems)}
<span class="govuk-caption-l">${e(view.provider.name)}</span>
${state.sent ? '<h2 class="govuk-heading-l">Contact the Care Quality Commission</h2>' : '<h1 class="govuk-heading-l">Contact the Care Quality Commission</h1>'}
<p class="govuk-body">Hello ${e(view.contact.name)}. Use this page to tell your relationship holder something at any time, or to answer what we have asked you. Each message gets a reference number.</p>
<form method="post" action="${e(state.action)}" novalidate>
<input type="hidden" name="formToken" value="${e(state.formToken)}">
${requestsSection(view, state)}
<h2 class="govuk-heading-m">Tell us something</h2>
<div class="govuk-form-group${kindProblem ? ' govuk-form-group--error' : ''}">
<fieldset class="govuk-fieldset"${kindProblem ? ' aria-describedby="kind-error"' : ''}>
<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What are you telling us about?</legend>
${kindProblem ? `<p id="kind-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${e(kindProblem.message)}</p>` : ''}
<div class="govuk-radios" data-module="govuk-radios">${radios}</div>
</fieldset>
</div>
${field('details', 'Tell us about it', values.details, problems, 'For an external review, say who carried it out and what it found.')}
${field('action-taken', 'What action are you taking? (needed for a concern)', values.actionTaken, problems)}
<button type="submit" class="govuk-button" data-module="govuk-button">Send to the Care Quality Commission</button>
</form>
</div></div>`;
  return layout(
    `${problems.length > 0 ? 'Error: ' : ''}${state.sent ? 'Message sent' : 'Contact the Care Quality Commission'}`,
    main,
  );
}

export function expiredContactPage(): string {
  return layout(
    'This link has expired',
    `<h1 class="govuk-heading-l">This link has expired</h1>
<p class="govuk-body">Use the contact link in the most recent email we have sent you, or contact your relationship holder.</p>`,
  );
}
