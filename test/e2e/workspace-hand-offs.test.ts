/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { ENV } from '../../shared/config/env.ts';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { ImportRecord } from '../../shared/schemas/register-import.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import { aContactableProvider, postContact, referenceIn } from '../integration/support/contact.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn, workspaceOrigin } from './support/workspace.ts';

/**
 * Issue 15's loose ends, in Chromium against the local stack:
 * - signing out signs the person out at the identity provider as well: every refresh token of theirs (another
 *   browser's too) stops working, as Cognito's AdminUserGlobalSignOut does in AWS;
 * - a real job run started on the admin page is handed to the jobs function in the background (AWS: an
 *   asynchronous Lambda invoke), the page says it started, and the run, recorded by the jobs function as the
 *   admin's, appears on its page and in the list of runs;
 * - an import's page links to its full report (CSV and JSON) through the API's GET /imports/{id} use case;
 * - the admin staff list and a provider's submissions are MOJ sortable tables, axe-clean with JavaScript on.
 */
const suite = browserSuite();

const newStaff = async (roles: StaffRole[]) =>
  (await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles }) })).body;

async function refreshTokenOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === '__Host-workspace-session');
  if (!cookie) throw new Error('no session cookie');
  const key = { pk: `SESSION#${createHash('sha256').update(cookie.value).digest('hex')}`, sk: 'SESSION' };
  const item = (await documentClient.send(new GetCommand({ TableName: process.env[ENV.sessionsTable], Key: key })))
    .Item;
  return String(item?.refreshToken);
}

const refreshWith = (refreshToken: string) =>
  fetch(`${workspaceOrigin(suite.api.baseUrl)}/local-issuer/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: 'provider-engagement-local',
      refresh_token: refreshToken,
    }).toString(),
  });

async function recordedRun(job: string, runId: string): Promise<JobRun | undefined> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const page = await suite.api.call<{ items: JobRun[] }>('GET', `/jobs/${job}/runs?limit=100`, {
      token: suite.admin,
    });
    const found = page.body.items.find((run) => run.runId === runId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

describe('the workspace hands work to other services', () => {
  it('signs out everywhere at the identity provider: the refresh token of another browser stops working too', async () => {
    const inspector = await newStaff(['inspector']);
    const first = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const second = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const otherToken = await refreshTokenOf(second.page);
    const before = await refreshWith(otherToken);

    await first.page.getByRole('button', { name: 'Sign out' }).click();
    await first.page.waitForURL(/\/workspace\/sign-out$/);
    const after = await refreshWith(otherToken);

    expect(before.status).toBe(200);
    expect(after.status).toBe(400);
    expect(await first.page.textContent('h1')).toContain('You have signed out');
    await first.context.close();
    await second.context.close();
  });

  it('hands a real run to the jobs function, says it started, then shows it once recorded, as the admin’s', async () => {
    const admin = await newStaff(['admin']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      width: 375,
      path: '/workspace/admin/jobs',
    });
    await page.getByRole('radio', { name: 'Daily run' }).check();
    // A day long past: the real run reads and sends as of then, so it changes nothing other tests rely on.
    const group = page.getByRole('group', { name: 'Run it as the day' });
    await group.getByLabel('Day').fill('4');
    await group.getByLabel('Month').fill('1');
    await group.getByLabel('Year').fill('2021');
    await page.getByLabel('Only show what it would do').uncheck();

    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/workspace\/admin\/jobs\/daily\/runs\/[0-9A-Z]{26}\?done=started/);
    const banner = await page.locator('.govuk-notification-banner').textContent();
    const runId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const recorded = await recordedRun('daily', runId);
    await page.reload();
    await checkPage(page, 'admin-job-run-handed-over');
    const runPage = (await page.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/admin/jobs?job=daily`);
    const list = (await page.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';

    expect(banner).toMatch(/Run started|Run finished and recorded/);
    expect(recorded).toMatchObject({ runId, job: 'daily', runAs: '2021-01-04', trigger: `staff:${admin.staffId}` });
    expect(recorded?.dryRun).toBeUndefined();
    expect(runPage).toContain('Run finished and recorded');
    expect(runPage).toContain('Monday 4 January 2021');
    expect(runPage).toContain(admin.name);
    expect(list).toContain('Monday 4 January 2021');
    await context.close();
  });

  it('says a run has started, not "not found", for a run handed over and not yet recorded', async () => {
    const admin = await newStaff(['admin']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      path: '/workspace/admin/jobs/quarterly-planning/runs/01JZZZZZZZZZZZZZZZZZZZZZZZ?done=started&runAs=2021-01-04',
    });

    await checkPage(page, 'admin-job-run-started');
    const main = (await page.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';
    const unknown = await page.goto(
      `${workspaceOrigin(suite.api.baseUrl)}/workspace/admin/jobs/quarterly-planning/runs/01JZZZZZZZZZZZZZZZZZZZZZZZ`,
    );

    expect(main).toContain('Run started');
    expect(main).toContain('Quarterly planning as Monday 4 January 2021');
    expect(unknown?.status()).toBe(404);
    await context.close();
  });

  it('links an import’s page to its full report, as CSV and as JSON', async () => {
    const id = Math.floor(Math.random() * 1e9);
    const values: Record<string, string> = {
      'Location ID': `1-${id}`,
      'Location HSCA start date': '01/04/2011',
      'Location Name': 'Ysbyty Gwynedd',
      'Location Type/Sector': 'NHS Healthcare Organisation',
      'Location Postal Code': 'LL57 2PW',
      'Provider ID': `1-${id + 1}`,
      'Provider Name': 'Betsi Cadwaladr',
      'Provider Type/Sector': 'NHS Healthcare Organisation',
    };
    const file = `\uFEFF${REQUIRED_COLUMNS.join(',')}\r\n${REQUIRED_COLUMNS.map((column) => values[column] ?? '').join(',')}\r\n`;
    // A dry run: the shared test register must not change.
    const started = await suite.api.call<{ import: ImportRecord; uploadUrl: string }>('POST', '/imports', {
      token: suite.admin,
      body: { fileName: 'HSCA Active Locations.csv', dryRun: true },
    });
    await fetch(started.body.uploadUrl, { method: 'PUT', body: file, headers: { 'content-type': 'text/csv' } });
    const importId = started.body.import.importId;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const answer = await suite.api.call<ImportRecord>('GET', `/imports/${importId}`, { token: suite.admin });
      if (answer.body.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const admin = await newStaff(['admin']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      width: 375,
      path: `/workspace/admin/imports/${importId}`,
    });

    await checkPage(page, 'admin-import-report');
    const csvHref = await page.getByRole('link', { name: /Report as CSV/ }).getAttribute('href');
    const jsonHref = await page.getByRole('link', { name: /Report as JSON/ }).getAttribute('href');
    const csv = await (await fetch(String(csvHref))).text();
    const json = (await (await fetch(String(jsonHref))).json()) as Record<string, unknown>;

    expect(csv).toContain('added,location,');
    expect(csv).toContain(`1-${id}`);
    expect(JSON.stringify(json)).toContain(`1-${id}`);
    await context.close();
  });

  it('offers no report to download while an import waits for its file', async () => {
    const started = await suite.api.call<{ import: ImportRecord; uploadUrl: string }>('POST', '/imports', {
      token: suite.admin,
      body: { fileName: 'later.csv', dryRun: true },
    });
    const admin = await newStaff(['admin']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      path: `/workspace/admin/imports/${started.body.import.importId}`,
    });

    const main = (await page.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';

    expect(main).toContain('The report is ready when the import is done');
    expect(await page.getByRole('link', { name: /Report as/ }).count()).toBe(0);
    await context.close();
  });

  it('sorts a provider’s submissions and the staff list with MOJ’s sortable table, axe-clean', async () => {
    const setup = await aContactableProvider(suite.api, suite.admin, 'nhs-trust');
    const first = referenceIn(
      (await postContact(suite.api, setup.token, { kind: 'feedback', details: 'First' })).headers.get('location'),
    );
    const second = referenceIn(
      (await postContact(suite.api, setup.token, { kind: 'feedback', details: 'Second' })).headers.get('location'),
    );
    const admin = await newStaff(['admin']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      path: `/workspace/providers/${setup.provider.providerId}/submissions`,
    });
    const references = () => page.locator('table tbody tr th, table tbody tr td:first-child').allTextContents();

    await checkPage(page, 'provider-submissions-sortable');
    const newestFirst = await references();
    await page.getByRole('button', { name: 'Sent' }).click();
    const oldestFirst = await references();
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/admin/staff`);
    await checkPage(page, 'admin-staff-sortable');
    await page.getByRole('button', { name: 'Name' }).click();
    const nameSort = await page.locator('table thead th').first().getAttribute('aria-sort');

    expect(newestFirst.map((text) => text.slice(0, 12))).toEqual([second, first]);
    expect(oldestFirst.map((text) => text.slice(0, 12))).toEqual([first, second]);
    expect(nameSort).toBe('descending');
    await context.close();
  });
});
