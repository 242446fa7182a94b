/// <reference lib="dom" />
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../shared/definitions/route-definition.ts';
import { PROVIDERS_ROUTE } from '../../shared/definitions/routes/providers.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from '../integration/support/builders.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn } from './support/workspace.ts';
import { workspaceHttp } from './support/workspace-http.ts';

/**
 * A provider's contacts on the register tab: add (an invalid email refused first), change and remove one,
 * each posting the whole list through PATCH /providers/{id}'s use case with the version read as If-Match.
 * Checked through GET /providers/{id}: the other contacts keep their contactIds, so the signed links already
 * sent to them keep working. Then axe, the role matrix (ROUTE.updateProvider's roles) and the forms fuzzed.
 */
const suite = browserSuite();

const twoContacts = () =>
  aProvider({
    contacts: [
      { name: 'Siân Roberts', email: 'sian.roberts@provider.test', roles: ['chief-executive'] },
      { name: 'Dafydd Jones', email: 'dafydd.jones@provider.test', roles: ['medicines-optimisation-lead'] },
    ],
  });
const stored = async (providerId: string) =>
  (await suite.api.call<Provider>('GET', `/providers/${providerId}`, { token: suite.admin })).body;
const idsByName = (provider: Provider) =>
  Object.fromEntries(provider.contacts.map((contact) => [contact.name, contact.contactId]));

describe('a provider’s contacts in the workspace', () => {
  it('adds a contact (an invalid email first), changes it and removes it; the others keep their contactIds', async () => {
    const admin = (
      await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles: ['admin'] }) })
    ).body;
    const provider = (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: twoContacts() }))
      .body;
    const before = idsByName(provider);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, admin.staffId, {
      path: `/workspace/providers/${provider.providerId}/register`,
    });
    await checkPage(page, 'provider-contacts');

    await page.getByLabel('Full name').fill('Zoë O’Brien');
    await page.getByLabel('Email address').fill('zoe at provider.test');
    await page.getByLabel('Chief executive').check();
    await page.getByRole('button', { name: 'Add the contact' }).click();

    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter an email address in the correct format');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#contactEmail');
    expect(await page.inputValue('#contactName')).toBe('Zoë O’Brien');
    await checkPage(page, 'provider-contacts-error');

    await page.getByLabel('Email address').fill('zoe.obrien@provider.test');
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.waitForURL(/done=contact-added/);
    const added = await stored(provider.providerId);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Contact added');
    expect(added.contacts.map((contact) => contact.name)).toEqual(['Siân Roberts', 'Dafydd Jones', 'Zoë O’Brien']);
    expect(idsByName(added)).toMatchObject(before);

    await page.getByRole('link', { name: 'Zoë O’Brien' }).click();
    await page.waitForURL(/\/register\/contacts\/[0-9A-Z]{26}$/);
    await checkPage(page, 'provider-contact');
    await page.getByLabel('Email address').fill('zoe@provider.test');
    await page.getByLabel('Job title (optional)').fill('Director of Nursing');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await page.waitForURL(/done=contact-changed/);
    const changed = await stored(provider.providerId);

    expect(changed.contacts[2]).toMatchObject({
      contactId: idsByName(added)['Zoë O’Brien'],
      email: 'zoe@provider.test',
      jobTitle: 'Director of Nursing',
      roles: ['chief-executive'],
    });
    expect(idsByName(changed)).toMatchObject(before);

    await page.getByRole('link', { name: 'Siân Roberts' }).click();
    await page.getByRole('button', { name: 'Remove Siân Roberts' }).click();
    await page.waitForURL(/done=contact-removed/);
    const removed = await stored(provider.providerId);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Contact removed');
    expect(idsByName(removed)).toEqual({
      'Dafydd Jones': before['Dafydd Jones'],
      'Zoë O’Brien': idsByName(added)['Zoë O’Brien'],
    });
    await context.close();
  });

  it('refuses a control character in the name, naming the field, and a stale version with 409; nothing changes', async () => {
    const admin = (
      await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles: ['admin'] }) })
    ).body;
    const provider = (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: twoContacts() }))
      .body;
    const http = workspaceHttp(suite.api);
    const cookie = await http.sessionCookie(admin.staffId);
    const path = WORKSPACE_ROUTE.workspaceAddContact.path.replace('{providerId}', provider.providerId);
    const fields = { contactEmail: 'bell@provider.test', contactRoles: 'other', version: String(provider.version) };

    const control = await http.post(path, cookie, {
      ...fields,
      formToken: await http.formTokenOf(cookie),
      contactName: 'Ring\u0007 the bell',
    });
    const stale = await http.post(path, cookie, {
      ...fields,
      formToken: await http.formTokenOf(cookie),
      contactName: 'Ring the bell',
      version: String(provider.version - 1),
    });

    expect(control.status).toBe(400);
    expect(await control.text()).toContain('href="#contactName"');
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone changed this provider’s contacts since you opened the page');
    expect((await stored(provider.providerId)).version).toBe(provider.version);
  });
});

describe('the contact pages’ role matrix and fuzzing', () => {
  const http = () => workspaceHttp(suite.api);
  const forms: RouteDefinition[] = [
    WORKSPACE_ROUTE.workspaceAddContact,
    WORKSPACE_ROUTE.workspaceChangeContact,
    WORKSPACE_ROUTE.workspaceRemoveContact,
  ];
  const cookies = new Map<StaffRole, string>();
  let provider: Provider;
  const pathOf = (path: string) =>
    path.replace('{providerId}', provider.providerId).replace('{contactId}', provider.contacts[0]?.contactId ?? '');
  beforeAll(async () => {
    provider = (await suite.api.call<Provider>('POST', '/providers', { token: suite.admin, body: twoContacts() })).body;
    for (const [role, cookie] of await http().cookiePerRole(suite.admin)) cookies.set(role, cookie);
  }, 60_000);

  it('GET the contact page: PATCH /providers/{id}’s roles see it, the others get 403', async () => {
    const outcomes = await Promise.all(
      STAFF_ROLES.map(async (role) => {
        const status = (await http().page(pathOf(WORKSPACE_ROUTE.workspaceContact.path), cookies.get(role) ?? ''))
          .status;
        return [role, status === (PROVIDERS_ROUTE.updateProvider.roles.includes(role) ? 200 : 403), status] as const;
      }),
    );

    expect(outcomes.filter(([, right]) => !right)).toEqual([]);
  });

  it.each(forms.map((route) => [route.path, route] as const))(
    'POST %s: PATCH /providers/{id}’s roles get past the role check (an empty form: 400), the others get 403',
    async (_path, route) => {
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const cookie = cookies.get(role) ?? '';
          const status = (
            await http().post(pathOf(route.path), cookie, { formToken: await http().formTokenOf(cookie) })
          ).status;
          return [role, status === (PROVIDERS_ROUTE.updateProvider.roles.includes(role) ? 400 : 403), status] as const;
        }),
      );
      const signedOut = await http().post(pathOf(route.path), '', {});

      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
      expect(signedOut.status).toBe(303);
    },
  );

  // Human edges: control characters, non-ASCII, overlong text, roles and versions that are not ones.
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ minLength: 190, maxLength: 300 }),
    fc.constantFrom(
      '',
      'Zoë Ångström',
      '\u0000\u001f',
      'a\r\nb',
      '<script>',
      'chief-executive',
      'other',
      'CHIEF-EXECUTIVE',
      'someone@provider.test',
      'not an email',
      '1',
      '-1',
      '99999999999999999999',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ),
  );
  const FIELDS = ['contactName', 'contactEmail', 'contactJobTitle', 'contactRoles', 'version'];
  it.each(forms.map((route) => [route.path, route] as const))('POST %s never answers 5xx', async (_path, route) => {
    const cookie = cookies.get('admin') ?? '';
    const token = await http().formTokenOf(cookie);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }), async (fields) => {
        const answer = await http().post(pathOf(route.path), cookie, { ...fields, formToken: token });
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
  });
});
