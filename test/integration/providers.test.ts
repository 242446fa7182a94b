import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { storedProvidersNamed } from './support/stored.ts';

type Page<T> = { items: T[]; nextToken: string | null };

let api: LocalApi;
let editor: string;
let reader: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.tokenFor(['inspector']);
  reader = await api.tokenFor(['assessor']);
});
afterAll(() => api.close());

const register = async (overrides: Parameters<typeof aProvider>[0] = {}) => {
  const answer = await api.call<Provider>('POST', '/providers', { token: editor, body: aProvider(overrides) });
  expect(answer.status).toBe(201);
  return answer.body;
};

describe('registering a provider', () => {
  it('stores the provider with ids for it and each contact, and answers with its ETag', async () => {
    const input = aProvider({ sector: 'community-interest-company', marketOversight: false });

    const answer = await api.call<Provider>('POST', '/providers', { token: editor, body: input });

    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.body).toMatchObject({ name: input.name, sector: 'community-interest-company', locationCount: 0 });
    expect(answer.body.contacts[0]?.contactId).toMatch(/^[0-9A-Z]{26}$/);
    const read = await api.call<Provider>('GET', `/providers/${answer.body.providerId}`, { token: reader });
    expect(read.body).toEqual(answer.body);
  });

  it('records who registered it in the audit trail', async () => {
    const staffId = '01J00000000000000000000001';
    const token = await api.tokenFor(['inspection-manager'], staffId);
    const created = await api.call<Provider>('POST', '/providers', { token, body: aProvider() });

    const audit = await api.call<Page<AuditEntry>>('GET', `/providers/${created.body.providerId}/audit`, { token });

    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'created',
      entityType: 'provider',
      actor: { type: 'staff', id: staffId },
      before: null,
      after: { name: created.body.name, sector: 'nhs-trust' },
    });
  });

  it('refuses a role that does not maintain the register (403) and stores nothing', async () => {
    const input = aProvider();

    const answer = await api.call('POST', '/providers', { token: reader, body: input });

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'forbidden' } });
    expect(await storedProvidersNamed(input.name)).toBe(0);
  });
});

describe('listing providers', () => {
  it('lists by sector, each a Query on its own index, leaving other sectors out', async () => {
    const mental = await register({ sector: 'independent-mental-health' });
    const trust = await register({ sector: 'nhs-trust' });

    const answer = await api.call<Page<Provider>>('GET', '/providers?sector=independent-mental-health&limit=100', {
      token: reader,
    });

    const ids = answer.body.items.map((provider) => provider.providerId);
    expect(ids).toContain(mental.providerId);
    expect(ids).not.toContain(trust.providerId);
  });

  it('pages with an opaque nextToken until the list is done', async () => {
    await register({ sector: 'primary-medical-services' });
    await register({ sector: 'primary-medical-services' });
    await register({ sector: 'primary-medical-services' });
    const seen: string[] = [];
    let path = '/providers?sector=primary-medical-services&limit=2';

    for (let page = 0; page < 20; page += 1) {
      const answer = await api.call<Page<Provider>>('GET', path, { token: reader });
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.items.map((provider) => provider.providerId));
      if (!answer.body.nextToken) break;
      path = `/providers?sector=primary-medical-services&limit=2&nextToken=${answer.body.nextToken}`;
    }

    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a nextToken it did not issue with 400 naming the parameter', async () => {
    const answer = await api.call('GET', '/providers?nextToken=not-a-token', { token: reader });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'query.nextToken' }] } });
  });
});

describe('changing a provider', () => {
  it('applies the change when If-Match names the current version, and audits only what changed', async () => {
    const provider = await register();

    const answer = await api.call<Provider>('PATCH', `/providers/${provider.providerId}`, {
      token: editor,
      headers: { 'if-match': '"1"' },
      body: { marketOversight: true },
    });

    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"2"');
    expect(answer.body.marketOversight).toBe(true);
    const audit = await api.call<Page<AuditEntry>>('GET', `/providers/${provider.providerId}/audit`, { token: reader });
    expect(audit.body.items[0]).toMatchObject({
      action: 'updated',
      before: { marketOversight: false },
      after: { marketOversight: true },
    });
  });

  it('refuses a stale If-Match with 412 and keeps the stored provider', async () => {
    const provider = await register();
    await api.call('PATCH', `/providers/${provider.providerId}`, {
      token: editor,
      headers: { 'if-match': '"1"' },
      body: { name: 'First edit' },
    });

    const answer = await api.call('PATCH', `/providers/${provider.providerId}`, {
      token: editor,
      headers: { 'if-match': '"1"' },
      body: { name: 'Lost edit' },
    });

    expect(answer.status).toBe(412);
    const read = await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: reader });
    expect(read.body.name).toBe('First edit');
  });

  it('requires If-Match (428)', async () => {
    const provider = await register();

    const answer = await api.call('PATCH', `/providers/${provider.providerId}`, {
      token: editor,
      body: { name: 'No precondition' },
    });

    expect(answer.status).toBe(428);
  });

  it('lets exactly one of two concurrent edits of the same version win; the other gets 412', async () => {
    const provider = await register();
    const edit = (name: string) =>
      api.call('PATCH', `/providers/${provider.providerId}`, {
        token: editor,
        headers: { 'if-match': '"1"' },
        body: { name },
      });

    const answers = await Promise.all([edit('Edit A'), edit('Edit B')]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const audit = await api.call<Page<AuditEntry>>('GET', `/providers/${provider.providerId}/audit`, { token: reader });
    expect(audit.body.items.filter((entry) => entry.action === 'updated')).toHaveLength(1);
  });

  it('answers 404 for a provider nobody registered', async () => {
    const answer = await api.call('PATCH', '/providers/01J0000000000000000000ZZZZ', {
      token: editor,
      headers: { 'if-match': '"1"' },
      body: { name: 'Ghost' },
    });

    expect(answer.status).toBe(404);
  });
});

describe('locations', () => {
  it('adds a location, counts it on the provider and audits both in one change', async () => {
    const provider = await register();

    const answer = await api.call<Location>('POST', `/providers/${provider.providerId}/locations`, {
      token: editor,
      body: { name: 'Main Hospital', address: '1 High Street' },
    });

    expect(answer.status).toBe(201);
    const read = await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: reader });
    expect(read.body.locationCount).toBe(1);
    expect(read.headers.get('etag')).toBe('"2"');
    const locations = await api.call<Page<Location>>('GET', `/providers/${provider.providerId}/locations`, {
      token: reader,
    });
    expect(locations.body.items.map((location) => location.name)).toEqual(['Main Hospital']);
    const audit = await api.call<Page<AuditEntry>>('GET', `/providers/${provider.providerId}/audit`, { token: reader });
    expect(audit.body.items.map((entry) => `${entry.entityType}:${entry.action}`).sort()).toEqual([
      'location:created',
      'provider:created',
      'provider:updated',
    ]);
  });

  it('answers 404 for locations of a provider nobody registered, for adding and for listing', async () => {
    const missing = '01J0000000000000000000ZZZZ';

    const added = await api.call('POST', `/providers/${missing}/locations`, { token: editor, body: { name: 'X' } });
    const listed = await api.call('GET', `/providers/${missing}/locations`, { token: reader });

    expect(added.status).toBe(404);
    expect(listed.status).toBe(404);
  });
});
