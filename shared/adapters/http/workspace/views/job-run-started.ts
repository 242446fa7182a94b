import type { JobName } from '../../../../definitions/schedules.ts';
import { notificationBanner } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import { JOB_WORDS, jobRunHref } from './job-runs.ts';
import { dayInWords } from './words.ts';

/**
 * A real run handed to the jobs function (issue 15) and not yet recorded: the page says it has started and
 * that this page shows what it did once it finishes (reload, or come back later). Without JavaScript too.
 */
export function jobRunStartedMain(
  roles: readonly string[],
  job: JobName,
  runId: string,
  runAs: string | null,
): SafeHtml {
  const title = runAs ? `${JOB_WORDS[job]} as ${dayInWords(runAs)}` : JOB_WORDS[job];
  return html`${adminHeader(roles, 'jobs', title, 'Job runs')}
${notificationBanner({ text: 'Run started', type: 'success' })}
<p class="govuk-body">The run is under way. A planning run over the whole register or a day’s emails can take several minutes.</p>
<p class="govuk-body">This page shows what it did once it has finished: <a class="govuk-link" href="${jobRunHref(job, runId)}?done=started${runAs ? `&runAs=${runAs}` : ''}">reload this page</a> to check.</p>
<p class="govuk-body"><a class="govuk-link" href="/workspace/admin/jobs?job=${job}">All ${JOB_WORDS[job].toLowerCase()} runs</a></p>`;
}
