/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../shared/definitions/route-definition.ts';
import { CONTACT_ROUTE } from '../../shared/definitions/routes/contact.ts';
import { RELATIONSHIPS_ROUTE } from '../../shared/definitions/routes/relationships.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import { aContactableProvider, postContact, referenceIn } from '../integration/support/contact.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn } from './support/workspace.ts';
import { workspaceHttp } from './support/workspace-http.ts';

/**
 * The engagement pages (issue 15: "everything the API can do for staff"): the policy versions and their
 * rules (GET /policies), the admin queue (GET /admin-queue, R-TEAM-4); axe, a 375 px screen, and the role
 * matrix (each page × each role × signed out, allowing exactly the API route's roles).
 */
const suite = browserSuite();
let adminStaff: Staff;
beforeAll(async () => {
  adminStaff = (
    await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles: ['admin'] }) })
  ).body;
}, 60_000);

describe('the policies pages', () => {
  it('lists each policy version with its period in force, and shows a version’s rules with their rule ids, on a phone', async () => {
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, adminStaff.staffId, {
      width: 375,
      path: '/workspace/admin/policies',
    });
    await checkPage(page, 'policies');
    const listed = await page.textContent('main');

    expect(listed).toMatch(/From the start of the service/);
    await page.getByRole('link', { name: 'Adult social care', exact: false }).first().click();
    await page.waitForURL(/\/workspace\/admin\/policies\/[a-z-]+$/);
    await checkPage(page, 'policy');
    const rules = await page.textContent('main');

    expect(rules).toMatch(/R-[A-Z]+-\d+/);
    expect(rules).toContain('In force');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers 404 for a policy version that does not exist', async () => {
    const http = workspaceHttp(suite.api);
    const cookie = await http.sessionCookie(adminStaff.staffId);

    expect((await http.page('/workspace/admin/policies/no-such-version', cookie)).status).toBe(404);
  });
});

describe('the admin queue page (R-TEAM-4)', () => {
  it('shows a submission from a provider with no team, linking to the submission and to the provider’s Team tab', async () => {
    const { token, provider } = await aContactableProvider(suite.api, suite.admin, 'adult-social-care', {
      holder: false,
    });
    const sent = await postContact(suite.api, token, { kind: 'registration-question', details: 'Which team is ours?' });
    const reference = referenceIn(sent.headers.get('location')) ?? '';
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, adminStaff.staffId, {
      width: 375,
      path: '/workspace/admin/queue',
    });
    await checkPage(page, 'admin-queue');
    // Oldest first: other tests' submissions may come before this one, so follow "Next" until it shows.
    for (let pages = 0; pages < 40 && !(await page.textContent('main'))?.includes(reference); pages++) {
      await page.getByRole('link', { name: /Next/ }).click();
    }

    expect(sent.status).toBe(303);
    await page.getByRole('link', { name: `Give ${provider.name} a team` }).click();
    await page.waitForURL(new RegExp(`/workspace/providers/${provider.providerId}/team$`));
    await page.goBack();
    await page.getByRole('link', { name: new RegExp(reference) }).click();
    await page.waitForURL(new RegExp(`/workspace/submissions/${reference}$`));
    expect(await page.textContent('main')).toContain('Which team is ours?');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('starts again from the oldest when the page token is not one it gave', async () => {
    const http = workspaceHttp(suite.api);
    const cookie = await http.sessionCookie(adminStaff.staffId);
    const answer = await http.page('/workspace/admin/queue?from=not-a-token', cookie);

    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/workspace/admin/queue');
  });
});

describe('the engagement pages’ role matrix', () => {
  const pages: [string, RouteDefinition, Pick<RouteDefinition, 'roles'>][] = [
    ['/workspace/admin/policies', WORKSPACE_ROUTE.workspacePolicies, RELATIONSHIPS_ROUTE.listPolicies],
    ['/workspace/admin/policies/adult-social-care', WORKSPACE_ROUTE.workspacePolicy, RELATIONSHIPS_ROUTE.getPolicy],
    ['/workspace/admin/queue', WORKSPACE_ROUTE.workspaceAdminQueue, CONTACT_ROUTE.listAdminQueue],
  ];
  const cookies = new Map<StaffRole, string>();
  beforeAll(async () => {
    const http = workspaceHttp(suite.api);
    for (const role of STAFF_ROLES) {
      const member = (
        await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles: [role] }) })
      ).body;
      cookies.set(role, await http.sessionCookie(member.staffId));
    }
  }, 60_000);

  it.each(pages)(
    'GET %s: the API route’s roles see it, the others get 403; signed out goes to sign-in',
    async (path, route, apiRoute) => {
      const http = workspaceHttp(suite.api);
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const status = (await http.page(path, cookies.get(role) ?? '')).status;
          return [role, status === (apiRoute.roles.includes(role) ? 200 : 403), status] as const;
        }),
      );
      const signedOut = await http.page(path, '');

      expect(route.method).toBe('GET');
      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toMatch(/^\/workspace\/sign-in\?returnTo=/);
    },
  );
});
