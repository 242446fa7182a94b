/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { ProviderTeams } from '../../shared/schemas/team.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import type { LocalApi } from '../integration/support/local-api.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn } from './support/workspace.ts';

/**
 * The admin pages in Chromium (issue 15 item 7; issue 14's teams and people): as the demo admin, change
 * a person's roles, record an absence with cover, create a team and assign a provider to it, start a dry
 * run and read what it would do, on a 375 px phone screen; one journey with JavaScript off. axe-core on
 * every page; screenshots in .cache/screenshots/.
 */
const suite = browserSuite();

const newStaff = async (api: LocalApi, admin: string, roles: Staff['roles'], name?: string) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles, ...(name ? { name } : {}) }) }))
    .body;

describe('the admin pages in a browser', () => {
  it('as the admin on a phone: changes roles, records an absence with cover, creates a team, assigns a provider, and dry-runs the daily job', async () => {
    const { api, admin: token } = suite;
    const ada = await newStaff(api, token, ['admin'], `Ada Admin ${Date.now()}`);
    const person = await newStaff(api, token, ['inspector']);
    const cover = await newStaff(api, token, ['inspector']);
    const manager = await newStaff(api, token, ['operations-manager']);
    const provider = (await api.call<Provider>('POST', '/providers', { token, body: aProvider() })).body;
    const { context, page, errors } = await signIn(suite.browser, api.baseUrl, ada.staffId, {
      width: 375,
      path: '/workspace/admin/staff',
    });
    await checkPage(page, 'admin-staff');

    // Find the person, and add the assessor role.
    await page.getByLabel('Name or email address').fill(person.name.toUpperCase());
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const filtered = await page.locator('table').textContent();
    await page.getByRole('link', { name: person.name }).click();
    await checkPage(page, 'admin-staff-member');
    await page.getByLabel('Assessor').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const changed = await page.locator('.govuk-notification-banner').textContent();

    // An absence: first without the days (the error summary names the fields), then with them.
    await page.getByRole('button', { name: 'Record absence' }).click();
    await checkPage(page, 'admin-absence-error');
    const absenceProblems = await page.locator('.govuk-error-summary').textContent();
    const title = await page.title();
    const today = londonDate(new Date());
    const [year, month, day] = today.split('-');
    const fromGroup = page.getByRole('group', { name: 'First day away' });
    await fromGroup.getByLabel('Day').fill(day ?? '');
    await fromGroup.getByLabel('Month').fill(month ?? '');
    await fromGroup.getByLabel('Year').fill(year ?? '');
    const toGroup = page.getByRole('group', { name: 'Last day away' });
    await toGroup.getByLabel('Day').fill(day ?? '');
    await toGroup.getByLabel('Month').fill(month ?? '');
    await toGroup.getByLabel('Year').fill(String(Number(year) + 1));
    await page.getByLabel('Who covers').selectOption({ value: cover.staffId });
    await page.getByLabel('Reason').fill('Parental leave');
    await page.getByRole('button', { name: 'Record absence' }).click();
    await checkPage(page, 'admin-staff-absent');
    const absentNotice = await page.locator('.govuk-notification-banner').textContent();
    const stored = (await api.call<Staff>('GET', `/staff/${person.staffId}`, { token })).body;

    // A team with its operations manager, then the provider assigned to it with a reason.
    await page.getByRole('link', { name: 'Teams', exact: true }).click();
    await checkPage(page, 'admin-teams');
    const teamName = `North Wales assessment ${Date.now()}`;
    await page.getByLabel('Team name').fill(teamName);
    await page.getByLabel('Assessment team').check();
    await page.getByLabel('Operations manager').selectOption({ value: manager.staffId });
    await page.getByRole('button', { name: 'Create team' }).click();
    await checkPage(page, 'admin-team');
    const teamHeading = await page.textContent('h1');
    await page.goto(`${new URL(page.url()).origin}/workspace/providers/${provider.providerId}/team`);
    await checkPage(page, 'provider-team');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: `${teamName} (Assessment team)` });
    await page.getByLabel('Reason').fill('Moved to the local team');
    await page.getByRole('button', { name: 'Save team' }).click();
    await checkPage(page, 'provider-team-set');
    const history = await page.locator('.moj-timeline').textContent();
    const teams = (await api.call<ProviderTeams>('GET', `/providers/${provider.providerId}/team`, { token })).body;

    // A dry run of today's daily run: what it would send, nothing recorded.
    // At 375 px the service navigation folds behind its Menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Job runs' }).click();
    await checkPage(page, 'admin-job-runs');
    await page.getByRole('radio', { name: 'Daily run' }).check();
    // Only runs as today count: another file records a real daily run of another day while this one runs.
    const runsOfToday = async () =>
      (await api.call<{ items: { runAs: string }[] }>('GET', '/jobs/daily/runs', { token })).body.items.filter(
        (run) => run.runAs === today,
      ).length;
    const runsBefore = await runsOfToday();
    await page.getByRole('button', { name: 'Start run' }).click();
    await checkPage(page, 'admin-job-dry-run');
    const result = await page.locator('#dry-run-result').textContent();
    const runsAfter = await runsOfToday();

    expect(filtered).toContain(person.name);
    expect(changed).toContain('Saved');
    expect(title).toMatch(/^Error: /);
    expect(absenceProblems).toContain('Enter the first day away');
    expect(absenceProblems).toContain('Choose who covers');
    expect(absentNotice).toContain('Absence recorded');
    expect(stored.roles).toEqual(expect.arrayContaining(['inspector', 'assessor']));
    expect(stored.absence).toMatchObject({ coverStaffId: cover.staffId, from: today, reason: 'Parental leave' });
    expect(teamHeading).toBe(teamName);
    expect(history).toContain(teamName);
    expect(history).toContain('Moved to the local team');
    expect(teams.current[0]).toMatchObject({ scope: 'provider', teamName });
    expect(result).toContain('What it would do');
    expect(result).toMatch(/figures are 0\.|Emails: /);
    expect(runsAfter).toBe(runsBefore);
    // The refused absence answered 400 on purpose (the browser logs that); no script or CSP error besides.
    expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    await context.close();
  });

  it('with JavaScript off: refuses a team without a name in the error summary, then creates it', async () => {
    const { api, admin: token } = suite;
    const manager = await newStaff(api, token, ['operations-manager']);
    const { context, page } = await signIn(suite.browser, api.baseUrl, manager.staffId, {
      javaScriptEnabled: false,
      path: '/workspace/admin/teams',
    });

    await page.getByLabel('Medicines team').check();
    await page.getByRole('button', { name: 'Create team' }).click();
    await checkPage(page, 'admin-team-error', { javaScript: false });
    const problems = await page.locator('.govuk-error-summary').textContent();
    const name = `Medicines ${Date.now()}`;
    await page.getByLabel('Team name').fill(name);
    await page.getByRole('button', { name: 'Create team' }).click();
    await checkPage(page, 'admin-team-created', { javaScript: false });

    expect(problems).toContain('Enter the team’s name');
    expect(await page.textContent('h1')).toBe(name);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Team created');
    await context.close();
  });

  it('records a leaver and lists their relationship with a link to where it is reallocated (R-TEAM-5); the list and the imports pages pass axe', async () => {
    const { api, admin: token } = suite;
    const ada = await newStaff(api, token, ['admin']);
    const leaver = await newStaff(api, token, ['inspector']);
    const provider = (await api.call<Provider>('POST', '/providers', { token, body: aProvider() })).body;
    await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token,
      body: { staffId: leaver.staffId, reason: 'Test' },
    });
    const { context, page } = await signIn(suite.browser, api.baseUrl, ada.staffId, {
      path: `/workspace/admin/staff/${leaver.staffId}`,
    });

    const group = page.getByRole('group', { name: 'Leaving day' });
    await group.getByLabel('Day').fill('31');
    await group.getByLabel('Month').fill('12');
    await group.getByLabel('Year').fill('2030');
    await page.getByRole('button', { name: 'Record leaving' }).click();
    await checkPage(page, 'admin-departure');
    const reallocate = page.getByRole('link', { name: `Allocate a new holder for ${provider.name}` });
    const href = await reallocate.getAttribute('href');
    await page.goto(`${new URL(page.url()).origin}/workspace/admin/imports`);
    await checkPage(page, 'admin-imports');
    await page.goto(`${new URL(page.url()).origin}/workspace/admin/mental-health-providers`);
    await page.getByLabel('CQC Provider ID').fill(`1-${String(Date.now()).slice(-9)}`);
    await page.getByLabel('Provider name').fill('Zoë’s <b>Clinic</b>');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await checkPage(page, 'admin-mental-health');

    expect(href).toBe(`/workspace/providers/${provider.providerId}/relationships`);
    expect(await page.locator('table').textContent()).toContain('Zoë’s <b>Clinic</b>');
    await context.close();
  });

  it('shows Admin in the navigation only to those who may use it', async () => {
    const { api, admin: token } = suite;
    const inspector = await newStaff(api, token, ['inspector']);
    const { context, page } = await signIn(suite.browser, api.baseUrl, inspector.staffId);

    const navigation = await page.locator('.govuk-service-navigation__list').textContent();

    expect(navigation).not.toContain('Admin');
    await context.close();
  });
});
