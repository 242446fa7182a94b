import type { JobName } from '../../../../definitions/schedules.ts';
import type { JobRun } from '../../../../schemas/jobs.ts';
import type { ImportRecord, MentalHealthProvider } from '../../../../schemas/register-import.ts';
import {
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
  subNavigation,
  summaryList,
  tag,
  warningText,
} from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import type { AdminForm } from './staff-admin.ts';
import { capitalised, dayInWords, instantInWords } from './words.ts';

/**
 * Job runs (issue 15 item 7: what each run planned and sent; starting one, with the dry run), register
 * imports (read only) and the list of national independent mental health providers (issue 16), as pages.
 */
export const JOB_WORDS: Record<JobName, string> = {
  daily: 'Daily run',
  'quarterly-planning': 'Quarterly planning',
  'annual-planning': 'Annual planning',
};
export const jobRunHref = (job: string, runId: string) =>
  `/workspace/admin/jobs/${encodeURIComponent(job)}/runs/${encodeURIComponent(runId)}`;
const link = (href: string, text: string) => html`<a class="govuk-link" href="${href}">${text}</a>`;
const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
const given = (state: AdminForm | null, name: string) => {
  const value = state?.values[name];
  return typeof value === 'string' ? value : '';
};
const problemFor = (state: AdminForm | null, id: string) => {
  const problem = state?.problems.find((candidate) => candidate.href === `#${id}`);
  return problem ? { text: problem.text } : undefined;
};

/** "emailsSent" → "Emails sent". */
const keyWords = (key: string) => capitalised(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());

/** A run's summary, one row per figure: nested figures read "Reminders: sent". */
export function summaryRows(summary: Record<string, unknown>, prefix = ''): { key: string; value: string }[] {
  return Object.entries(summary).flatMap(([key, value]) => {
    const label = prefix ? `${prefix}: ${keyWords(key).toLowerCase()}` : keyWords(key);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return summaryRows(value as Record<string, unknown>, label);
    }
    if (Array.isArray(value)) {
      const simple = value.every((item) => typeof item === 'string' || typeof item === 'number');
      return [{ key: label, value: simple ? value.join(', ') || 'None' : `${value.length}` }];
    }
    return [{ key: label, value: typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value ?? '—') }];
  });
}

const outcomeTag = (run: JobRun) =>
  run.dryRun
    ? tag({ text: 'Dry run', classes: 'govuk-tag--blue' })
    : run.outcome === 'completed'
      ? tag({ text: 'Completed', classes: 'govuk-tag--green' })
      : tag({ text: 'Failed', classes: 'govuk-tag--red' });

const figure = (value: unknown): number | null => (typeof value === 'number' ? value : null);
/** The line a run is known by: meetings planned, or emails sent of those due (a failed run says so). */
export function headline(run: JobRun): string {
  if (run.outcome === 'failed') return 'Stopped before it finished';
  const planned = figure(run.summary.created);
  if (planned !== null)
    return `${planned} ${planned === 1 ? 'meeting' : 'meetings'} ${run.dryRun ? 'to plan' : 'planned'}`;
  const emails = run.summary.emails;
  if (emails && typeof emails === 'object') {
    const { sent, expected } = emails as Record<string, unknown>;
    const due = figure(expected) ?? 0;
    return run.dryRun
      ? `${due} ${due === 1 ? 'email' : 'emails'} to send`
      : `${figure(sent) ?? 0} of ${due} emails sent`;
  }
  return 'See the run';
}

/** Who started a run, in words: the schedule, or a member of staff by name. */
export const triggerWords = (trigger: string, names: ReadonlyMap<string, string>) => {
  const [type, id = ''] = trigger.split(':');
  if (type === 'schedule') return 'The schedule';
  if (type === 'staff') return names.get(id) ?? 'A member of staff';
  return capitalised(type ?? trigger);
};

/** The figures that are not zero, then how many were (a quiet day's daily run is mostly zeros). */
function figures(summary: Record<string, unknown>): SafeHtml {
  const rows = summaryRows(summary);
  const shown = rows.filter((row) => row.value !== '0');
  const zeros = rows.length - shown.length;
  return html`${shown.length > 0 ? summaryList({ rows: shown.map((row) => ({ key: { text: row.key }, value: { text: row.value } })) }) : ''}${
    zeros > 0
      ? html`<p class="govuk-body">${shown.length > 0 ? `The other ${zeros} figures are` : `All ${zeros} figures are`} 0.</p>`
      : ''
  }`;
}

export function runSummary(run: JobRun, names: ReadonlyMap<string, string>): SafeHtml {
  return html`${summaryList({
    rows: [
      { key: { text: 'Job' }, value: { text: JOB_WORDS[run.job] } },
      { key: { text: 'Run as' }, value: { text: dayInWords(run.runAs) } },
      { key: { text: 'Outcome' }, value: { html: outcomeTag(run) } },
      { key: { text: 'Started by' }, value: { text: triggerWords(run.trigger, names) } },
      { key: { text: 'Started' }, value: { text: instantInWords(run.startedAt) } },
      { key: { text: 'Finished' }, value: { text: instantInWords(run.finishedAt) } },
    ],
  })}
<h2 class="govuk-heading-m">${run.dryRun ? 'What it would do' : 'What it did'}</h2>
${figures(run.summary)}`;
}

export function jobRunsMain(data: {
  roles: readonly string[];
  job: JobName;
  runs: readonly JobRun[];
  nextToken: string | null;
  names: ReadonlyMap<string, string>;
  mayStart: boolean;
  state: AdminForm | null;
  formToken: string;
  dryRun: JobRun | null;
  /** A dry run that did not finish while the page waited (issue 15). */
  unfinished?: boolean;
}): SafeHtml {
  const { state } = data;
  const chosenJob = given(state, 'job') || data.job;
  const form = html`<h2 class="govuk-heading-m" id="start">Start a run</h2>
<form method="post" action="/workspace/admin/jobs" novalidate>${hidden('formToken', data.formToken)}
${radios({
  name: 'job',
  fieldset: { legend: { text: 'Which job', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemFor(state, 'job'),
  items: (Object.keys(JOB_WORDS) as JobName[]).map((job) => ({
    value: job,
    text: JOB_WORDS[job],
    checked: chosenJob === job,
  })),
})}
${dateInput({
  id: 'runAs',
  namePrefix: 'runAs',
  fieldset: { legend: { text: 'Run it as the day', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'Leave blank for today. A day after today can only be a dry run.' },
  errorMessage: problemFor(state, 'runAs-day'),
  values: { day: given(state, 'runAs-day'), month: given(state, 'runAs-month'), year: given(state, 'runAs-year') },
})}
${checkboxes({
  name: 'dryRun',
  idPrefix: 'dryRun',
  fieldset: { legend: { text: 'Dry run', classes: 'govuk-fieldset__legend--s' } },
  items: [
    {
      value: 'yes',
      text: 'Only show what it would do',
      hint: { text: 'Nothing is planned, written or sent, and the run is not recorded' },
      checked: state ? given(state, 'dryRun') === 'yes' : true,
    },
  ],
})}
${button({ text: 'Start run' })}
</form>`;
  return html`${adminHeader(data.roles, 'jobs', 'Job runs')}
${
  data.unfinished
    ? warningText({
        text: 'The dry run did not finish in the time this page can wait: over the whole register it can take minutes. Nothing was written or sent. Try a dry run of the daily run, or start the real run, which runs in the background.',
        iconFallbackText: 'Warning',
      })
    : ''
}
${
  data.dryRun
    ? html`${notificationBanner({ text: `Dry run of the ${JOB_WORDS[data.dryRun.job].toLowerCase()} as ${dayInWords(data.dryRun.runAs)}: nothing was written or sent` })}
<div id="dry-run-result">${runSummary(data.dryRun, data.names)}</div>`
    : ''
}
${subNavigation({
  label: 'Jobs',
  items: (Object.keys(JOB_WORDS) as JobName[]).map((job) => ({
    text: JOB_WORDS[job],
    href: `/workspace/admin/jobs?job=${job}`,
    active: job === data.job,
  })),
})}
${
  data.runs.length === 0
    ? html`<p class="govuk-body">No ${JOB_WORDS[data.job].toLowerCase()} has been recorded yet.</p>`
    : regionTable({
        caption: `${JOB_WORDS[data.job]}: runs, newest first`,
        head: [{ text: 'Run as' }, { text: 'Started' }, { text: 'By' }, { text: 'What it did' }, { text: 'Outcome' }],
        rows: data.runs.map((run) => [
          { html: link(jobRunHref(run.job, run.runId), dayInWords(run.runAs)) },
          { text: instantInWords(run.startedAt) },
          { text: triggerWords(run.trigger, data.names) },
          { text: headline(run) },
          { html: outcomeTag(run) },
        ]),
      })
}
${pagination(data.nextToken ? { next: { href: `/workspace/admin/jobs?${new URLSearchParams({ job: data.job, from: data.nextToken }).toString()}` } } : {})}
${data.mayStart ? form : ''}`;
}

export function jobRunMain(
  roles: readonly string[],
  run: JobRun,
  names: ReadonlyMap<string, string>,
  notice: string | null,
): SafeHtml {
  return html`${adminHeader(roles, 'jobs', `${JOB_WORDS[run.job]} as ${dayInWords(run.runAs)}`, 'Job runs')}
${notice ? notificationBanner({ text: notice, type: 'success' }) : ''}
${runSummary(run, names)}
<p class="govuk-body">${link(`/workspace/admin/jobs?job=${run.job}`, `All ${JOB_WORDS[run.job].toLowerCase()} runs`)}</p>`;
}

const IMPORT_STATUS: Record<ImportRecord['status'], [string, string]> = {
  'awaiting-upload': ['Waiting for the file', 'govuk-tag--grey'],
  running: ['Running', 'govuk-tag--blue'],
  done: ['Done', 'govuk-tag--green'],
  failed: ['Failed', 'govuk-tag--red'],
};
const importTag = (record: ImportRecord) => {
  const [text, classes] = IMPORT_STATUS[record.status];
  return tag({ text, classes });
};
const progressWords = (record: ImportRecord) =>
  `${record.progress.rowsRead.toLocaleString('en-GB')} of ${
    record.progress.rowsTotal === null ? 'an unknown number of' : record.progress.rowsTotal.toLocaleString('en-GB')
  } rows read; ${record.progress.rowsApplied.toLocaleString('en-GB')} applied`;
export const importHref = (importId: string) => `/workspace/admin/imports/${encodeURIComponent(importId)}`;

export function importsMain(
  roles: readonly string[],
  records: readonly ImportRecord[],
  nextToken: string | null,
): SafeHtml {
  return html`${adminHeader(roles, 'imports', 'Register imports')}
${insetText({ text: 'Imports are started with the import command (npm run import) or an upload through the API; this page follows them.' })}
${
  records.length === 0
    ? html`<p class="govuk-body">No import has been started yet.</p>`
    : regionTable({
        caption: 'Imports, newest first',
        head: [{ text: 'File' }, { text: 'Started' }, { text: 'Status' }, { text: 'Progress' }],
        rows: records.map((record) => [
          {
            html: html`${link(importHref(record.importId), record.fileName)}${record.dryRun ? html` ${badge({ text: 'Dry run' })}` : ''}`,
          },
          { text: instantInWords(record.createdAt) },
          { html: importTag(record) },
          { text: progressWords(record) },
        ]),
      })
}
${pagination(nextToken ? { next: { href: `/workspace/admin/imports?${new URLSearchParams({ from: nextToken }).toString()}` } } : {})}`;
}

/** The report's downloads: short-lived links to the report objects (the same the API's GET /imports/{id} answers). */
export interface ImportReportLinks {
  json: string;
  csv: string;
}

export function importMain(
  roles: readonly string[],
  record: ImportRecord,
  report: ImportReportLinks | null = null,
): SafeHtml {
  const counts = record.counts;
  const tally = (
    label: string,
    value: { added: number; changed: number; deregistered: number; unchanged: number },
  ) => ({
    key: { text: label },
    value: {
      text: `${value.added} added, ${value.changed} changed, ${value.deregistered} deregistered, ${value.unchanged} unchanged`,
    },
  });
  return html`${adminHeader(roles, 'imports', record.fileName, 'Register import')}
${summaryList({
  rows: [
    { key: { text: 'Status' }, value: { html: importTag(record) } },
    { key: { text: 'Dry run' }, value: { text: record.dryRun ? 'Yes: the register was not changed' : 'No' } },
    { key: { text: 'Progress' }, value: { text: progressWords(record) } },
    { key: { text: 'Started' }, value: { text: instantInWords(record.createdAt) } },
    { key: { text: 'Finished' }, value: { text: record.finishedAt ? instantInWords(record.finishedAt) : 'Not yet' } },
    ...(record.error ? [{ key: { text: 'Problem' }, value: { text: record.error } }] : []),
  ],
})}
<h2 class="govuk-heading-m">Report</h2>
${
  counts
    ? summaryList({
        rows: [
          tally('Providers', counts.providers),
          tally('Locations', counts.locations),
          { key: { text: 'Rows refused' }, value: { text: String(counts.refused) } },
          { key: { text: 'Corporate band changes' }, value: { text: String(counts.bandChanges) } },
          { key: { text: 'Sector differences' }, value: { text: String(counts.sectorDifferences) } },
        ],
      })
    : html`<p class="govuk-body">The report is ready when the import is done.</p>`
}
${
  report
    ? html`<h3 class="govuk-heading-s">Download the full report</h3>
<p class="govuk-body">Every row refused, corporate band change and sector difference, not only the counts. The links work for 15 minutes: reload the page for new ones.</p>
<ul class="govuk-list" id="import-report">
<li><a class="govuk-link" href="${report.csv}" download>Report as CSV<span class="govuk-visually-hidden"> for ${record.fileName}</span></a> (opens in a spreadsheet)</li>
<li><a class="govuk-link" href="${report.json}" download>Report as JSON<span class="govuk-visually-hidden"> for ${record.fileName}</span></a></li>
</ul>`
    : ''
}
<p class="govuk-body">${link('/workspace/admin/imports', 'All imports')}</p>`;
}

export function mentalHealthMain(data: {
  roles: readonly string[];
  items: readonly MentalHealthProvider[];
  mayChange: boolean;
  state: AdminForm | null;
  formToken: string;
  notice: string | null;
}): SafeHtml {
  const token = hidden('formToken', data.formToken);
  return html`${adminHeader(data.roles, 'mental-health', 'National independent mental health providers')}
${data.notice ? notificationBanner({ text: data.notice, type: 'success' }) : ''}
<p class="govuk-body">The register import places these providers in independent mental health instead of independent healthcare.</p>
${
  data.items.length === 0
    ? html`<p class="govuk-body">No provider is on the list.</p>`
    : regionTable({
        caption: 'On the list',
        head: [
          { text: 'Provider' },
          { text: 'CQC Provider ID' },
          { text: 'Added' },
          ...(data.mayChange ? [{ text: 'Remove' }] : []),
        ],
        rows: data.items.map((entry) => [
          { text: entry.name },
          { text: entry.registrationId },
          { text: `${instantInWords(entry.markedAt)} by ${entry.markedBy}` },
          ...(data.mayChange
            ? [
                {
                  html: html`<form method="post" action="/workspace/admin/mental-health-providers/${encodeURIComponent(entry.registrationId)}/remove" novalidate>${token}<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Remove<span class="govuk-visually-hidden"> ${entry.name}</span></button></form>`,
                },
              ]
            : []),
        ]),
      })
}
${
  data.mayChange
    ? html`<h2 class="govuk-heading-m">Add a provider</h2>
<form method="post" action="/workspace/admin/mental-health-providers" novalidate>${token}
${input({ name: 'registrationId', label: { text: 'CQC Provider ID', classes: 'govuk-label--s' }, hint: { text: 'For example, 1-101639192' }, classes: 'govuk-input--width-20', spellcheck: false, value: given(data.state, 'registrationId'), errorMessage: problemFor(data.state, 'registrationId') })}
${input({ name: 'name', label: { text: 'Provider name', classes: 'govuk-label--s' }, value: given(data.state, 'name'), errorMessage: problemFor(data.state, 'name') })}
${button({ text: 'Add to the list' })}
</form>`
    : ''
}`;
}
