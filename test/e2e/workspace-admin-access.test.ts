import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE, type RouteDefinition } from '../../shared/definitions/routes.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Team } from '../../shared/schemas/team.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import { type LocalApi, startLocalApi } from '../integration/support/local-api.ts';
import { workspaceHttp } from './support/workspace-http.ts';

/**
 * The admin pages' role matrix (issue 15 item 7): each page and form × each role × signed out, allowing
 * exactly the roles of the API route it calls (ROUTE's own lists); and their forms fuzzed for no 5xx.
 */
let api: LocalApi;
let admin: string;
let http: ReturnType<typeof workspaceHttp>;
let subject: Staff;
let team: Team;
let provider: Provider;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  http = workspaceHttp(api);
  subject = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember() })).body;
  team = (
    await api.call<Team>('POST', '/teams', { token: admin, body: { name: `Team ${Date.now()}`, kind: 'assessment' } })
  ).body;
  provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
}, 60_000);
afterAll(() => api?.close());

const pathOf = (path: string) =>
  path
    .replace('{staffId}', subject.staffId)
    .replace('{teamId}', team.teamId)
    .replace('{providerId}', provider.providerId)
    .replace('{registrationId}', '1-000000001');

describe('the admin pages’ role matrix', () => {
  const pages: [RouteDefinition, Pick<RouteDefinition, 'roles'>][] = [
    [WORKSPACE_ROUTE.workspaceStaffList, ROUTE.listStaff],
    [WORKSPACE_ROUTE.workspaceStaffMember, ROUTE.getStaff],
    [WORKSPACE_ROUTE.workspaceDeparture, ROUTE.recordDeparture],
    [WORKSPACE_ROUTE.workspaceTeams, ROUTE.listTeams],
    [WORKSPACE_ROUTE.workspaceTeam, ROUTE.getTeamDashboard],
    [WORKSPACE_ROUTE.workspaceEditTeam, ROUTE.updateTeam],
    [WORKSPACE_ROUTE.workspaceProviderTeam, ROUTE.getProviderTeams],
    [WORKSPACE_ROUTE.workspaceJobRuns, ROUTE.listJobRuns],
    [WORKSPACE_ROUTE.workspaceImports, ROUTE.listImports],
    [WORKSPACE_ROUTE.workspaceMentalHealth, ROUTE.listMentalHealthProviders],
  ];
  /** An empty form is refused (400, or 404 for a list entry that is not there) once past the role check. */
  const forms: [RouteDefinition, Pick<RouteDefinition, 'roles'>][] = [
    [WORKSPACE_ROUTE.workspaceChangeStaff, ROUTE.updateStaff],
    [WORKSPACE_ROUTE.workspaceRecordAbsence, ROUTE.recordAbsence],
    [WORKSPACE_ROUTE.workspaceEndAbsence, ROUTE.endAbsence],
    [WORKSPACE_ROUTE.workspaceRecordDeparture, ROUTE.recordDeparture],
    [WORKSPACE_ROUTE.workspaceCreateTeam, ROUTE.createTeam],
    [WORKSPACE_ROUTE.workspaceChangeTeam, ROUTE.updateTeam],
    [WORKSPACE_ROUTE.workspaceAssignTeam, ROUTE.assignProviderTeam],
    [WORKSPACE_ROUTE.workspaceStartJob, ROUTE.startJobRun],
    [WORKSPACE_ROUTE.workspaceMarkMentalHealth, ROUTE.markMentalHealthProvider],
    [WORKSPACE_ROUTE.workspaceUnmarkMentalHealth, ROUTE.unmarkMentalHealthProvider],
  ];
  const cookies = new Map<StaffRole, string>();
  beforeAll(async () => {
    for (const [role, cookie] of await http.cookiePerRole(admin)) cookies.set(role, cookie);
  }, 60_000);

  it.each(pages.map(([route, apiRoute]) => [route.path, route, apiRoute] as const))(
    'GET %s: the API route’s roles see it, the others get 403; signed out goes to sign-in',
    async (_path, route, apiRoute) => {
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const status = (await http.page(pathOf(route.path), cookies.get(role) ?? '')).status;
          return [role, status === (apiRoute.roles.includes(role) ? 200 : 403), status] as const;
        }),
      );
      const signedOut = await http.page(pathOf(route.path), '');

      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toMatch(/^\/workspace\/sign-in\?returnTo=/);
    },
  );

  it.each(forms.map(([route, apiRoute]) => [route.path, route, apiRoute] as const))(
    'POST %s: the API route’s roles get past the role check, the others get 403; signed out goes to sign-in',
    async (_path, route, apiRoute) => {
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const cookie = cookies.get(role) ?? '';
          const status = (await http.post(pathOf(route.path), cookie, { formToken: await http.formTokenOf(cookie) }))
            .status;
          const passed = [400, 404, 409].includes(status);
          return [role, apiRoute.roles.includes(role) ? passed : status === 403, status] as const;
        }),
      );
      const signedOut = await http.post(pathOf(route.path), '', {});

      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
      expect(signedOut.status).toBe(303);
    },
  );

  it.each([
    ['/workspace/admin/jobs/daily/runs/01ARZ3NDEKTSV4RRFFQ69G5FAV', ROUTE.listJobRuns],
    ['/workspace/admin/jobs/no-such-job/runs/x', ROUTE.listJobRuns],
    ['/workspace/admin/imports/01ARZ3NDEKTSV4RRFFQ69G5FAV', ROUTE.getImport],
    ['/workspace/admin/imports/not-an-id', ROUTE.getImport],
  ] as const)('GET %s: 404 for the API route’s roles (no such record), 403 for the others', async (path, apiRoute) => {
    const outcomes = await Promise.all(
      STAFF_ROLES.map(async (role) => {
        const status = (await http.page(path, cookies.get(role) ?? '')).status;
        return [role, status === ((apiRoute.roles as readonly string[]).includes(role) ? 404 : 403), status] as const;
      }),
    );

    expect(outcomes.filter(([, right]) => !right)).toEqual([]);
  });

  it('a refused form changes nothing: an empty change to a person leaves their version as it was', async () => {
    const cookie = cookies.get('admin') ?? '';
    const before = (await api.call<Staff>('GET', `/staff/${subject.staffId}`, { token: admin })).body;

    const answer = await http.post(pathOf(WORKSPACE_ROUTE.workspaceChangeStaff.path), cookie, {
      formToken: await http.formTokenOf(cookie),
      version: String(before.version),
      name: before.name,
      email: before.email,
      roles: before.roles[0] ?? '',
    });
    const after = (await api.call<Staff>('GET', `/staff/${subject.staffId}`, { token: admin })).body;

    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Change at least one thing');
    expect(after.version).toBe(before.version);
  });

  it('refuses a stale version with 409 and says someone changed the person (If-Match, as PATCH /staff)', async () => {
    const cookie = cookies.get('operations-manager') ?? '';
    const before = (await api.call<Staff>('GET', `/staff/${subject.staffId}`, { token: admin })).body;

    const answer = await http.post(pathOf(WORKSPACE_ROUTE.workspaceChangeStaff.path), cookie, {
      formToken: await http.formTokenOf(cookie),
      version: String(before.version - 1),
      name: `${before.name} Jr`,
      email: before.email,
      roles: before.roles[0] ?? '',
    });

    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain('Someone changed this person since you opened the page');
  });

  it('refuses a run as a day after today unless it is a dry run, as the API does (issue 12 item 6)', async () => {
    const cookie = cookies.get('admin') ?? '';
    const token = await http.formTokenOf(cookie);
    const day = { 'runAs-day': '1', 'runAs-month': '1', 'runAs-year': '2099' };

    // The local stack allows future days for real runs (FUTURE_RUNS=allowed) as the API does there; a dry run is always allowed.
    const dry = await http.post('/workspace/admin/jobs', cookie, {
      formToken: token,
      job: 'daily',
      dryRun: 'yes',
      ...day,
    });
    const text = await dry.text();

    expect(dry.status).toBe(200);
    expect(text).toContain('Dry run of the daily run as Thursday 1 January 2099');
    expect(text).toContain('What it would do');
  });
});

describe('fuzzing the admin forms (signed in as an admin, with a good form token)', () => {
  const forms = [
    WORKSPACE_ROUTE.workspaceChangeStaff,
    WORKSPACE_ROUTE.workspaceRecordAbsence,
    WORKSPACE_ROUTE.workspaceEndAbsence,
    WORKSPACE_ROUTE.workspaceRecordDeparture,
    WORKSPACE_ROUTE.workspaceCreateTeam,
    WORKSPACE_ROUTE.workspaceChangeTeam,
    WORKSPACE_ROUTE.workspaceAssignTeam,
    WORKSPACE_ROUTE.workspaceStartJob,
    WORKSPACE_ROUTE.workspaceMarkMentalHealth,
    WORKSPACE_ROUTE.workspaceUnmarkMentalHealth,
  ];
  const FIELDS = [
    'version',
    'name',
    'email',
    'roles',
    'teamId',
    'from-day',
    'from-month',
    'from-year',
    'to-day',
    'to-month',
    'to-year',
    'coverStaffId',
    'reason',
    'leftOn-day',
    'leftOn-month',
    'leftOn-year',
    'kind',
    'operationsManagerId',
    'deputyDirectorId',
    'area',
    'job',
    'runAs-day',
    'runAs-month',
    'runAs-year',
    'dryRun',
    'registrationId',
  ];
  // Human edges: control characters, non-ASCII, far dates, huge numbers, ids that are not ours.
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '',
      '0',
      '-1',
      '99999999999999999999',
      '29',
      '2',
      '1800',
      '9999',
      '2100',
      'admin',
      'inspector',
      'assessment',
      'daily',
      'annual-planning',
      'yes',
      '1-101639192',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'Zoë Ångström',
      '\u0000\u001f',
      '<script>',
    ),
  );
  const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });

  let cookie = '';
  let token = '';
  beforeAll(async () => {
    // An admin of its own signs in; the forms post to the same person, team and provider as the role matrix (which runs first).
    const member = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['admin'] }) }))
      .body;
    cookie = await http.sessionCookie(member.staffId);
    token = await http.formTokenOf(cookie);
  }, 60_000);

  it.each(forms.map((route) => [route.path, route] as const))('POST %s never answers 5xx', async (_path, route) => {
    await fc.assert(
      fc.asyncProperty(body, async (fields) => {
        // Never a real run as the fuzzer's day: planning the whole local register is not what this tests.
        const form = route === WORKSPACE_ROUTE.workspaceStartJob ? { ...fields, dryRun: 'yes' } : fields;
        const answer = await http.post(pathOf(route.path), cookie, { ...form, formToken: token });
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
  });
});
