/// <reference lib="dom" />
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../shared/definitions/route-definition.ts';
import { CONTACT_ROUTE } from '../../shared/definitions/routes/contact.ts';
import { MEETINGS_ROUTE } from '../../shared/definitions/routes/meetings.ts';
import { RELATIONSHIPS_ROUTE } from '../../shared/definitions/routes/relationships.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import { aContactableProvider, postContact, referenceIn } from '../integration/support/contact.ts';
import { inbox } from '../integration/support/inbox.ts';
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

/** A trust's planned meeting recorded as held with two agreed actions (R-CAD-9), through the API. */
async function aHeldMeeting(): Promise<Meeting> {
  const trust = (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: aProvider() })).body;
  await suite.api.call('POST', '/jobs/quarterly-planning/runs', { token: suite.admin, body: { runAs: '2026-07-01' } });
  const meetings = (
    await suite.api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings?limit=100`, {
      token: suite.admin,
    })
  ).body.items;
  const first = meetings.find((meeting) => meeting.period === '2026-Q3');
  const held = await suite.api.call<Meeting>('POST', `/meetings/${first?.meetingId}/outcome`, {
    token: suite.admin,
    body: {
      heldAt: '2026-09-10T10:00:00+01:00',
      notes: 'Discussed the winter plan.',
      actions: [
        { description: 'Send the staffing review', owner: 'Zoë Ångström, the trust', dueDate: '2026-10-15' },
        { description: 'Share the falls audit', owner: 'The trust', dueDate: '2026-11-30' },
      ],
    },
  });
  if (held.status !== 200) throw new Error(`not held: ${held.text}`);
  return held.body;
}

describe('a held meeting’s agreed actions (R-CAD-9)', () => {
  it('marks an action done and opens it again, showing owner and due date in words; a stale page gets the error summary', async () => {
    const meeting = await aHeldMeeting();
    const [staffing, falls] = meeting.actions;
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, adminStaff.staffId, {
      width: 375,
      path: `/workspace/meetings/${meeting.meetingId}`,
    });
    await checkPage(page, 'meeting-actions');

    expect(await page.textContent('main')).toContain('Zoë Ångström, the trust');
    expect(await page.textContent('main')).toContain('Thursday 15 October 2026');
    // Meanwhile someone else marks the other action done: this page's version is stale (If-Match, 412 in the API).
    await suite.api.call('PATCH', `/meetings/${meeting.meetingId}/actions/${falls?.actionId}`, {
      token: suite.admin,
      headers: { 'if-match': `"${meeting.version}"` },
      body: { status: 'done' },
    });
    await page.getByRole('button', { name: /^Mark as done\W+Send the staffing review$/ }).click();
    await checkPage(page, 'meeting-action-stale');

    expect(await page.textContent('.govuk-error-summary')).toContain(
      'Someone changed this meeting since you opened it',
    );
    await page.getByRole('link', { name: /Someone changed this meeting/ }).click();
    await page.getByRole('button', { name: /^Mark as done\W+Send the staffing review$/ }).click();
    await page.waitForURL(/done=action-done/);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Action marked as done');
    await page.getByRole('button', { name: /^Open again\W+Share the falls audit$/ }).click();
    await page.waitForURL(/done=action-open/);
    const stored = (
      await suite.api.call<Meeting>('GET', `/meetings/${meeting.meetingId}`, { token: suite.admin })
    ).body.actions.map((action) => [action.actionId, action.status]);
    expect(stored).toEqual([
      [staffing?.actionId, 'done'],
      [falls?.actionId, 'open'],
    ]);
    expect(await page.textContent('main')).toContain(`by ${adminStaff.name}`);
    // The stale post answered 409 on purpose (the console notes it); nothing else went wrong.
    expect(errors.filter((error) => !error.includes('409 (Conflict)'))).toEqual([]);
    await context.close();
  });
});

/** A provider with one contact, its chief executive (R-CAD-11's "who at the provider"). */
async function aProviderWithAContact(): Promise<Provider> {
  const input = aProvider();
  const tag = input.name.replace(/\W/g, '');
  input.contacts = [{ name: 'Ada Chief', email: `ce.${tag}@care.test`, roles: ['chief-executive'] }];
  return (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: input })).body;
}

describe('other contact (R-CAD-11, R-CAD-12)', () => {
  it('logs a contact without JavaScript: a day still to come is refused in the error summary, then it is logged and shown on the meetings page', async () => {
    const provider = await aProviderWithAContact();
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, adminStaff.staffId, {
      javaScriptEnabled: false,
      path: `/workspace/providers/${provider.providerId}/meetings`,
    });
    await page.getByRole('link', { name: 'Log a contact or record an ad hoc meeting' }).click();
    await checkPage(page, 'other-contact', { javaScript: false });
    const log = page.locator('form', { has: page.getByRole('button', { name: 'Log the contact' }) });

    await log.getByLabel('Phone call').check();
    await log.getByLabel('Day').fill('1');
    await log.getByLabel('Month').fill('1');
    await log.getByLabel('Year').fill('2099');
    await log.getByLabel('Time (UK time)').fill('9:30am');
    await log.getByLabel('Ada Chief').check();
    await log.getByLabel('Partner organisations’ attendees (optional)').fill('Sam Patel, NHS England');
    await log.getByLabel('What it was about').fill('Zoë rang about the winter staffing plan.');
    await log.getByRole('button', { name: 'Log the contact' }).click();
    await checkPage(page, 'other-contact-error', { javaScript: false });

    expect(await page.textContent('.govuk-error-summary')).toContain('A contact is logged once it has happened');
    const again = page.locator('form', { has: page.getByRole('button', { name: 'Log the contact' }) });
    expect(await again.getByLabel('What it was about').inputValue()).toBe('Zoë rang about the winter staffing plan.');
    await again.getByLabel('Year').fill('2026');
    await again.getByRole('button', { name: 'Log the contact' }).click();
    await page.waitForURL(/other-contact\?done=logged/);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Contact logged');
    await page.getByRole('link', { name: 'See the meetings and other contact so far' }).click();
    const meetings = await page.textContent('main');
    expect(meetings).toContain('Zoë rang about the winter staffing plan.');
    expect(meetings).toContain('Sam Patel');
    expect(meetings).toContain('Ada Chief');
    await context.close();
  });

  it('records an ad hoc meeting still to come, on a phone: booked, with the provider’s contact invited', async () => {
    const provider = await aProviderWithAContact();
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, adminStaff.staffId, {
      width: 375,
      path: `/workspace/providers/${provider.providerId}/other-contact`,
    });
    await checkPage(page, 'other-contact-phone');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Record the meeting' }) });

    await form.getByLabel('Video call').check();
    await form.getByLabel('Day').fill('12');
    await form.getByLabel('Month').fill('5');
    await form.getByLabel('Year').fill('2099');
    await form.getByLabel('Time (UK time)').fill('14:00');
    await form.getByLabel('Ada Chief').check();
    await form.getByLabel('What it is about (optional)').fill('A concern about night staffing');
    await form.getByRole('button', { name: 'Record the meeting' }).click();
    await page.waitForURL(/\/workspace\/meetings\/[^/]+\?done=adhoc$/);
    await checkPage(page, 'ad-hoc-meeting');
    const main = await page.textContent('main');

    expect(await page.textContent('.govuk-notification-banner')).toContain('Ad hoc meeting recorded');
    expect(main).toContain('Tuesday 12 May 2099 at 2pm');
    expect(main).toContain('Booked');
    const invited = provider.contacts[0]?.email ?? '';
    await expect
      .poll(async () => (await inbox()).some((mail) => mail.destination.to.some((to) => to.includes(invited))), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(errors).toEqual([]);
    await context.close();
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
    for (const [role, cookie] of await http.cookiePerRole(suite.admin)) cookies.set(role, cookie);
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

  it('GET other contact and POST both of its forms: the API routes’ roles (PROVIDER_CORRESPONDENTS) only; signed out goes to sign-in', async () => {
    const http = workspaceHttp(suite.api);
    const provider = await aProviderWithAContact();
    const base = `/workspace/providers/${provider.providerId}/other-contact`;
    const outcomes = await Promise.all(
      STAFF_ROLES.flatMap((role) => {
        const cookie = cookies.get(role) ?? '';
        const allowed = (roles: readonly string[]) => roles.includes(role);
        return [
          (async () => {
            const status = (await http.page(base, cookie)).status;
            return [role, 'GET', status === (allowed(MEETINGS_ROUTE.logActivity.roles) ? 200 : 403), status] as const;
          })(),
          ...(
            [
              ['log', MEETINGS_ROUTE.logActivity],
              ['meeting', MEETINGS_ROUTE.createAdHocMeeting],
            ] as const
          ).map(async ([form, apiRoute]) => {
            const status = (await http.post(`${base}/${form}`, cookie, { formToken: await http.formTokenOf(cookie) }))
              .status;
            return [role, form, allowed(apiRoute.roles) ? status === 400 : status === 403, status] as const;
          }),
        ];
      }),
    );
    const signedOut = await Promise.all([http.page(base, ''), http.post(`${base}/log`, '', {})]);

    expect(outcomes.filter(([, , right]) => !right)).toEqual([]);
    expect(signedOut.map((answer) => answer.status)).toEqual([303, 303]);
  });

  it('POST an action: the API route’s roles (every staff role) get past the role check; signed out goes to sign-in', async () => {
    const http = workspaceHttp(suite.api);
    const meeting = await aHeldMeeting();
    const path = `/workspace/meetings/${meeting.meetingId}/actions/${meeting.actions[0]?.actionId}`;
    const outcomes = await Promise.all(
      STAFF_ROLES.map(async (role) => {
        const cookie = cookies.get(role) ?? '';
        // An empty form is refused (400) once past the role check.
        const status = (await http.post(path, cookie, { formToken: await http.formTokenOf(cookie) })).status;
        const allowed = MEETINGS_ROUTE.updateMeetingAction.roles.includes(role);
        return [role, allowed ? status === 400 : status === 403, status] as const;
      }),
    );
    const signedOut = await http.post(path, '', {});

    expect(outcomes.filter(([, right]) => !right)).toEqual([]);
    expect(signedOut.status).toBe(303);
  });
});

describe('fuzzing the engagement forms (signed in as an admin, with a good form token)', () => {
  const FIELDS = ['version', 'status'];
  const CONTACT_FIELDS = [
    'channel',
    'mode',
    'when-day',
    'when-month',
    'when-year',
    'when-time',
    'duration',
    'lead',
    'colleague',
    'contacts',
    'people',
    'partners',
    'summary',
  ];
  // Human edges: control characters, non-ASCII, huge numbers, negative versions.
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '',
      '0',
      '1',
      '-1',
      '2',
      '12',
      '2026',
      '2099',
      '1800',
      '9:30am',
      '25:61',
      '99999999999999999999',
      'done',
      'open',
      'call',
      'video',
      'email',
      'Zoë, NHS England',
      'Zoë Ångström',
      '\u0000\u001f',
      '<script>',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ),
  );
  const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 });

  it('POST /workspace/meetings/{meetingId}/actions/{actionId} never answers 5xx', async () => {
    const http = workspaceHttp(suite.api);
    const cookie = await http.sessionCookie(adminStaff.staffId);
    const token = await http.formTokenOf(cookie);
    const meeting = await aHeldMeeting();
    const paths = fc.constantFrom(
      `/workspace/meetings/${meeting.meetingId}/actions/${meeting.actions[0]?.actionId}`,
      `/workspace/meetings/${meeting.meetingId}/actions/not-an-action`,
      '/workspace/meetings/01ARZ3NDEKTSV4RRFFQ69G5FAV/actions/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    );
    await fc.assert(
      fc.asyncProperty(paths, body, async (path, fields) => {
        const answer = await http.post(path, cookie, { ...fields, formToken: token });
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  });

  it.each(['log', 'meeting'])(
    'POST /workspace/providers/{providerId}/other-contact/%s never answers 5xx',
    async (form) => {
      const http = workspaceHttp(suite.api);
      const cookie = await http.sessionCookie(adminStaff.staffId);
      const token = await http.formTokenOf(cookie);
      const provider = await aProviderWithAContact();
      const contactId = provider.contacts[0]?.contactId ?? '';
      const prefix = form === 'log' ? 'log' : 'adhoc';
      const fields = fc.dictionary(
        fc.constantFrom(...CONTACT_FIELDS),
        fc.oneof(value, fc.constant(contactId), fc.constant(adminStaff.staffId)),
        { maxKeys: 10 },
      );
      await fc.assert(
        fc.asyncProperty(fields, async (chosen) => {
          const body = Object.fromEntries(Object.entries(chosen).map(([name, given]) => [`${prefix}-${name}`, given]));
          const answer = await http.post(`/workspace/providers/${provider.providerId}/other-contact/${form}`, cookie, {
            ...body,
            formToken: token,
          });
          expect(answer.status).toBeLessThan(500);
        }),
        { numRuns: 30 },
      );
    },
  );
});
