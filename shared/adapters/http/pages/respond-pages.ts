import type { FieldProblem } from '../../../domain/errors.ts';
import type { ProviderComment } from '../../../schemas/template.ts';
import type { RespondView } from '../../../use-cases/respond-to-template.ts';
import { escapeHtml as e, layout } from './html.ts';

/**
 * The provider's template page (R-TPL-2): GOV.UK Design System markup, server-rendered, usable
 * without JavaScript and on a phone. Errors follow the error summary pattern.
 */
type Open = Extract<RespondView, { kind: 'open' }>;

const ADDITIONS: readonly [string, string][] = [
  ['concern', 'A significant concern, with the action you are taking'],
  ['external-review', 'An external review you commissioned'],
  ['change-in-practice', 'A significant change to your services'],
];

const london = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(instant),
  );

export function errorSummary(problems: readonly FieldProblem[]): string {
  if (problems.length === 0) return '';
  return `<div class="govuk-error-summary" data-module="govuk-error-summary">
<div role="alert">
<h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
${problems.map((problem) => `<li><a href="#${e(problem.path)}">${e(problem.message)}</a></li>`).join('\n')}
</ul></div>
</div>
</div>`;
}

export function field(
  id: string,
  label: string,
  value: string,
  problems: readonly FieldProblem[],
  hint?: string,
): string {
  const problem = problems.find((candidate) => candidate.path === id);
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return `<div class="govuk-form-group${problem ? ' govuk-form-group--error' : ''}">
<label class="govuk-label govuk-label--s" for="${e(id)}">${e(label)}</label>
${hint ? `<div id="${e(id)}-hint" class="govuk-hint">${e(hint)}</div>` : ''}
${problem ? `<p id="${e(id)}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${e(problem.message)}</p>` : ''}
<textarea class="govuk-textarea${problem ? ' govuk-textarea--error' : ''}" id="${e(id)}" name="${e(id)}" rows="4"${
    describedBy ? ` aria-describedby="${e(describedBy)}"` : ''
  }>${e(value)}</textarea>
</div>`;
}

function earlierComments(view: Open): string {
  if (view.earlier.length === 0) return '';
  const title = (comment: ProviderComment) =>
    comment.sectionId
      ? (view.sections.find((section) => section.sectionId === comment.sectionId)?.title ?? 'A section')
      : `Added: ${ADDITIONS.find(([kind]) => kind === comment.addition)?.[1] ?? 'an item'}`;
  return `<h2 class="govuk-heading-m">What you have sent so far</h2>
<dl class="govuk-summary-list">
${view.earlier
  .map(
    (comment) => `<div class="govuk-summary-list__row">
<dt class="govuk-summary-list__key">${e(title(comment))}</dt>
<dd class="govuk-summary-list__value"><p class="govuk-body">${e(comment.text)}</p><p class="govuk-body-s">${e(comment.contactName)}, ${e(london(comment.submittedAt))}</p></dd>
</div>`,
  )
  .join('\n')}
</dl>`;
}

export interface FormState {
  formToken: string;
  action: string;
  problems: readonly FieldProblem[];
  values: { comments: Record<string, string>; addition: { kind: string; text: string; actionTaken: string } };
  submitted: boolean;
  /** R-PRV-1: the reference of the concern just raised, shown on the confirmation. */
  concernReference: string | null;
}

export function respondPage(view: Open, state: FormState): string {
  const { problems, values } = state;
  const closes = view.meeting.startsAt ? london(view.meeting.startsAt) : '';
  const sections = view.sections
    .map(
      (section) => `<h2 class="govuk-heading-m">${e(section.title)}</h2>
${
  section.items.length > 0
    ? `<ul class="govuk-list govuk-list--bullet">${section.items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`
    : '<p class="govuk-body">Nothing recorded.</p>'
}
${field(`comment-${section.sectionId}`, `Your comments on ${section.title.toLowerCase()} (optional)`, values.comments[section.sectionId] ?? '', problems)}`,
    )
    .join('\n');
  const additionProblem = problems.find((problem) => problem.path === 'addition-kind');
  const radios = ADDITIONS.map(
    ([kind, label]) => `<div class="govuk-radios__item">
<input class="govuk-radios__input" id="addition-kind-${kind}" name="addition-kind" type="radio" value="${kind}"${
      values.addition.kind === kind ? ' checked' : ''
    }>
<label class="govuk-label govuk-radios__label" for="addition-kind-${kind}">${e(label)}</label>
</div>`,
  ).join('\n');
  const main = `${
    state.submitted
      ? `<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Thank you: we have your comments</h1>
<div class="govuk-panel__body">Your relationship holder has been told. You can send more until the meeting starts.${
          state.concernReference
            ? `<br>Your concern’s reference number<br><strong>${e(state.concernReference)}</strong>`
            : ''
        }</div></div>${
          state.concernReference
            ? `<p class="govuk-body">We have emailed you to confirm we have your concern, with its reference and who will handle it. Quote the reference if you contact us about it.</p>`
            : ''
        }`
      : ''
  }
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(problems)}
<span class="govuk-caption-l">${e(view.providerName)}</span>
${state.submitted ? `<h2 class="govuk-heading-l">Your ${e(view.meetingTitle)}</h2>` : `<h1 class="govuk-heading-l">Before your ${e(view.meetingTitle)}</h1>`}
<p class="govuk-body">Hello ${e(view.contactName)}. This is what we plan to discuss with you on ${e(closes)}.
Comment on any part, or tell us something we should add. You can do this until the meeting starts.</p>
${earlierComments(view)}
<form method="post" action="${e(state.action)}" novalidate>
<input type="hidden" name="formToken" value="${e(state.formToken)}">
${sections}
<h2 class="govuk-heading-m">Add something we should know</h2>
<div class="govuk-form-group${additionProblem ? ' govuk-form-group--error' : ''}">
<fieldset class="govuk-fieldset" id="addition-kind"${additionProblem ? ' aria-describedby="addition-kind-error"' : ''}>
<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What are you telling us about? (optional)</legend>
${additionProblem ? `<p id="addition-kind-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${e(additionProblem.message)}</p>` : ''}
<div class="govuk-radios">${radios}</div>
</fieldset>
</div>
${field('addition-text', 'Tell us about it (optional)', values.addition.text, problems)}
${field('addition-action', 'The action you are taking (needed for a concern)', values.addition.actionTaken, problems, 'A concern gets a reference and is handled like one sent through your contact page.')}
<button type="submit" class="govuk-button" data-module="govuk-button">Send to the Care Quality Commission</button>
</form>
</div></div>`;
  return layout(
    `${problems.length > 0 ? 'Error: ' : ''}${state.submitted ? 'Comments sent' : 'Your pre-meeting summary'}`,
    main,
  );
}

export function closedPage(view: Extract<RespondView, { kind: 'closed' }>): string {
  return layout(
    'The window for comments has closed',
    `<h1 class="govuk-heading-l">The window for comments has closed</h1>
<p class="govuk-body">${view.meetingTitle ? `Your ${e(view.meetingTitle)} has started, so this summary can no longer be commented on.` : 'This summary can no longer be commented on.'}</p>
<p class="govuk-body">To tell us something now, use the contact link in any email we have sent you, or contact your relationship holder.</p>`,
  );
}

export function refusedPage(): string {
  return layout(
    'This link does not work',
    `<h1 class="govuk-heading-l">This link does not work</h1>
<p class="govuk-body">Check that you copied the whole link from the email. If it still does not work, the link may have been replaced by a newer one: use the most recent email from your relationship holder.</p>`,
  );
}
