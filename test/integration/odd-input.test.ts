import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Odd but valid-looking input (issue 12): far-past and far-future days (item 5) and control
 * characters in names and other one-line fields (item 9) get a 400 naming the field and change nothing.
 */
let api: LocalApi;
let admin: string;
let provider: Provider;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
});
afterAll(() => api.close());

const RANGE = 'must be a day from 2000-01-01 to 2099-12-31';

describe('days outside 2000-01-01 to 2099-12-31 (issue 12 item 5)', () => {
  it.each(['0099-06-01', '0999-06-01', '9999-06-01', '1999-12-31', '2100-01-01'])(
    'GET engagement-plan?on=%s answers 400 naming query.on',
    async (on) => {
      const answer = await api.call('GET', `/providers/${provider.providerId}/engagement-plan?on=${on}`, {
        token: admin,
      });

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { details: [{ path: 'query.on', message: RANGE }] } });
    },
  );

  it.each([
    ['quarterly-planning', '0099-06-01'],
    ['annual-planning', '0099-06-01'],
    ['annual-planning', '0999-06-01'],
    ['daily', '9999-12-31'],
  ])('POST /jobs/%s/runs as %s answers 400 naming body.runAs and records no run', async (job, runAs) => {
    const before = await api.call<{ items: unknown[] }>('GET', `/jobs/${job}/runs?limit=100`, { token: admin });

    const answer = await api.call('POST', `/jobs/${job}/runs`, { token: admin, body: { runAs } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'body.runAs', message: RANGE }] } });
    const after = await api.call<{ items: unknown[] }>('GET', `/jobs/${job}/runs?limit=100`, { token: admin });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it.each([
    [
      'information held',
      'occurredOn',
      { kind: 'complaint', source: 'Helpline', summary: 'S', occurredOn: '0099-01-01' },
    ],
    ['an information request', 'dueOn', { signal: 'improvement', question: 'Why?', dueOn: '9999-01-01' }],
  ])('refuses %s dated outside the range, naming body.%s', async (what, field, body) => {
    const path =
      what === 'information held'
        ? `/providers/${provider.providerId}/information`
        : `/providers/${provider.providerId}/information-requests`;

    const answer = await api.call('POST', path, { token: admin, body });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: `body.${field}`, message: RANGE }] } });
  });

  it('refuses information held since 0099-01-01, naming query.since', async () => {
    const answer = await api.call('GET', `/providers/${provider.providerId}/information?since=0099-01-01`, {
      token: admin,
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'query.since' }] } });
  });
});

describe('control characters in names and one-line fields (issue 12 item 9)', () => {
  const ONE_LINE = 'must be one line, without control characters';

  it.each([
    ['a CR/LF in the name', { name: 'Riverside\r\nBcc: everyone@example.com' }, 'body.name'],
    ['a tab in the name', { name: 'River\tside' }, 'body.name'],
    ['a NUL in the name', { name: 'River\u0000side' }, 'body.name'],
    ['a line separator in the name', { name: 'River\u2028side' }, 'body.name'],
    ['a trailing LF in the name', { name: 'Riverside\n' }, 'body.name'],
    ['a DEL in the registration id', { registrationId: 'RX1\u007f' }, 'body.registrationId'],
  ])('POST /providers refuses %s (400 naming %s)', async (_what, override, path) => {
    const answer = await api.call('POST', '/providers', { token: admin, body: { ...aProvider(), ...override } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path, message: ONE_LINE }] } });
  });

  it('refuses a contact whose name holds CR/LF, naming body.contacts.0.name', async () => {
    const input = aProvider();
    const contact = { name: 'Ann\nLee', email: 'ann@riverside.test', roles: ['chief-executive'] };

    const answer = await api.call('POST', '/providers', { token: admin, body: { ...input, contacts: [contact] } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'body.contacts.0.name' }] } });
  });

  it('refuses a PATCH giving a contact a name with CR, and leaves the provider as it was', async () => {
    const current = await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin });
    const contacts = current.body.contacts.map(({ contactId, name, email, roles }) => ({
      contactId,
      name: `${name}\r`,
      email,
      roles,
    }));

    const answer = await api.call('PATCH', `/providers/${provider.providerId}`, {
      token: admin,
      headers: { 'if-match': `"${current.body.version}"` },
      body: { contacts },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'body.contacts.0.name' }] } });
    const after = await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin });
    expect(after.body.version).toBe(current.body.version);
  });

  it.each([
    ['staff name', '/staff', () => ({ ...aStaffMember(), name: 'Jo\nBloggs' }), 'body.name'],
    ['staff team', '/staff', () => ({ ...aStaffMember(), team: 'North\r\nEast' }), 'body.team'],
    ['location name', 'LOCATIONS', () => ({ name: 'Site\u000bOne' }), 'body.name'],
    ['location address', 'LOCATIONS', () => ({ name: 'Site', address: '1 High St\nTown' }), 'body.address'],
    [
      'information source',
      'INFORMATION',
      () => ({ kind: 'complaint', occurredOn: '2027-01-01', source: 'Help\nline', summary: 'S' }),
      'body.source',
    ],
  ])('refuses a %s with a control character (400 naming %s)', async (_what, route, body, path) => {
    const target =
      route === 'LOCATIONS'
        ? `/providers/${provider.providerId}/locations`
        : route === 'INFORMATION'
          ? `/providers/${provider.providerId}/information`
          : route;

    const answer = await api.call('POST', target, { token: admin, body: body() });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path, message: ONE_LINE }] } });
  });

  it('keeps new lines in longer text (an information summary), trimmed', async () => {
    const answer = await api.call<{ summary: string }>('POST', `/providers/${provider.providerId}/information`, {
      token: admin,
      body: { kind: 'complaint', occurredOn: '2027-01-01', source: 'Helpline', summary: '  Line one\nLine two\n' },
    });

    expect(answer.status).toBe(201);
    expect(answer.body.summary).toBe('Line one\nLine two');
  });

  it('refuses a NUL in longer text, naming it', async () => {
    const answer = await api.call('POST', `/providers/${provider.providerId}/information`, {
      token: admin,
      body: { kind: 'complaint', occurredOn: '2027-01-01', source: 'Helpline', summary: 'A\u0000B' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'body.summary' }] } });
  });

  it('trims names of surrounding white space and keeps non-ASCII ones whole', async () => {
    const answer = await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: { ...aStaffMember(), name: '  Zoë Ó Briain-Łukasz 王  ' },
    });

    expect(answer.status).toBe(201);
    expect(answer.body.name).toBe('Zoë Ó Briain-Łukasz 王');
  });

  it('refuses any name holding a control character, wherever it sits (fast-check)', async () => {
    const control = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.constantFrom(0x2028, 0x2029),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), control, fc.nat(), async (name, code, at) => {
        const position = at % (name.length + 1);
        const hostile = `${name.slice(0, position)}${String.fromCharCode(code)}${name.slice(position)}`;
        const answer = await api.call('POST', '/staff', { token: admin, body: { ...aStaffMember(), name: hostile } });
        // A name that is only white space besides the control character is also too short: two problems,
        // both naming the field.
        const details = (answer.body as { error: { details: { path: string; message: string }[] } }).error.details;
        expect(answer.status).toBe(400);
        expect(details.map((detail) => detail.path)).toEqual(details.map(() => 'body.name'));
        expect(details.some((detail) => /control characters/.test(detail.message))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('nextToken is signed for the list it continues (issue 12 item 8)', () => {
  const crafted = Buffer.from(JSON.stringify({ pk: 'STAFF#01J00000000000000000000000', sk: 'PROFILE' })).toString(
    'base64url',
  );
  const paged = () => [
    '/staff',
    '/staff?role=inspector',
    '/providers',
    '/providers?sector=nhs-trust',
    `/providers/${provider.providerId}/locations`,
    `/providers/${provider.providerId}/meetings`,
    `/providers/${provider.providerId}/audit`,
    `/providers/${provider.providerId}/submissions`,
    `/providers/${provider.providerId}/information-requests`,
    '/jobs/daily/runs',
  ];

  it('pages a list to its end and refuses its token on another provider’s list', async () => {
    const other = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
    for (const name of ['One', 'Two', 'Three']) {
      await api.call('POST', `/providers/${other.providerId}/locations`, { token: admin, body: { name } });
    }
    const names: string[] = [];
    let next: string | null = null;
    let firstToken: string | null = null;
    do {
      const query: string = `limit=2${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`;
      const page = await api.call<{ items: { name: string }[]; nextToken: string | null }>(
        'GET',
        `/providers/${other.providerId}/locations?${query}`,
        { token: admin },
      );
      expect(page.status).toBe(200);
      names.push(...page.body.items.map((item) => item.name));
      next = page.body.nextToken;
      firstToken ??= next;
    } while (next);

    expect(names.sort()).toEqual(['One', 'Three', 'Two']);
    const elsewhere = await api.call(
      'GET',
      `/providers/${provider.providerId}/locations?nextToken=${encodeURIComponent(firstToken ?? '')}`,
      { token: admin },
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ error: { details: [{ path: 'query.nextToken' }] } });
  });

  it('refuses a crafted (unsigned) start key and another list’s token on every paged route (400)', async () => {
    const [first, second] = [aProvider(), aProvider()];
    await api.call('POST', '/providers', { token: admin, body: first });
    await api.call('POST', '/providers', { token: admin, body: second });
    const providersPage = await api.call<{ nextToken: string | null }>('GET', '/providers?limit=1', { token: admin });
    const anotherListsToken = providersPage.body.nextToken ?? '';
    expect(anotherListsToken).not.toBe('');

    for (const path of paged()) {
      const separator = path.includes('?') ? '&' : '?';
      for (const forged of [crafted, anotherListsToken]) {
        if (path === '/providers' && forged === anotherListsToken) continue;
        const answer = await api.call('GET', `${path}${separator}nextToken=${encodeURIComponent(forged)}`, {
          token: admin,
        });
        expect({ path, status: answer.status }).toEqual({ path, status: 400 });
        expect(answer.body).toMatchObject({ error: { code: 'validation_failed' } });
      }
    }
  });
});
