import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { locationKey, providerKey } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import { indexRegisterForSearch } from '../../shared/use-cases/index-register-for-search.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** Issue 16: find a provider who phones, by any word of its name, its CQC id, or a location's postcode. */
type Page<T> = { items: T[]; nextToken: string | null };

let api: LocalApi;
let editor: string;
let reader: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.tokenFor(['regulatory-coordinator']);
  reader = await api.tokenFor(['assessor']);
});
afterAll(() => api.close());

/** Letters only, so the tag is one word of its own that no other test's name starts with. */
const tag = () =>
  randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(6, 'q')
    .slice(0, 6)
    .concat(randomUUID().replace(/-/g, '').slice(0, 6));

const register = async (name: string, registrationId?: string) => {
  const answer = await api.call<Provider>('POST', '/providers', {
    token: editor,
    body: aProvider({ name, ...(registrationId ? { registrationId } : {}) }),
  });
  expect(answer.status).toBe(201);
  return answer.body;
};
const search = (query: string) => api.call<Page<Provider>>('GET', `/providers?${query}`, { token: reader });

describe('searching providers by name', () => {
  it('finds "Ysbyty Gwynedd" from a prefix of any word, whatever the case and accents', async () => {
    const word = tag();
    const provider = await register(`Ysbyty Gwynedd Hôpital ${word.toUpperCase()}`);

    const byLaterWord = await search(`name=${encodeURIComponent(`${word.slice(0, 9)} hopi`)}`);
    const byAccentedPrefix = await search(`name=${encodeURIComponent(`HÔP ${word}`)}`);

    expect(byLaterWord.status).toBe(200);
    expect(byLaterWord.body.items.map((item) => item.providerId)).toEqual([provider.providerId]);
    expect(byAccentedPrefix.body.items.map((item) => item.providerId)).toEqual([provider.providerId]);
  });

  it('leaves out a provider missing one of the words typed', async () => {
    const word = tag();
    await register(`${word} Care Homes`);
    const wanted = await register(`${word} Dental Practice`);

    const answer = await search(`name=${encodeURIComponent(`${word} dent`)}`);

    expect(answer.body.items.map((item) => item.providerId)).toEqual([wanted.providerId]);
  });

  it('pages through the matches with nextToken, each provider once', async () => {
    const word = tag();
    const registered = await Promise.all([1, 2, 3].map((n) => register(`${word} Surgery ${n}`)));

    const first = await search(`name=${word}&limit=2`);
    const second = await search(`name=${word}&limit=2&nextToken=${encodeURIComponent(first.body.nextToken ?? '')}`);

    const seen = [...first.body.items, ...second.body.items].map((item) => item.providerId);
    expect(first.body.items).toHaveLength(2);
    expect(new Set(seen)).toEqual(new Set(registered.map((provider) => provider.providerId)));
  });

  it('finds a provider by its new name after a rename, and no longer by the old one', async () => {
    const [oldWord, newWord] = [tag(), tag()];
    const provider = await register(`${oldWord} Healthcare`);

    const renamed = await api.call<Provider>('PATCH', `/providers/${provider.providerId}`, {
      token: editor,
      body: { name: `${newWord} Healthcare` },
      headers: { 'if-match': `"${provider.version}"` },
    });

    expect(renamed.status).toBe(200);
    expect((await search(`name=${newWord}`)).body.items.map((item) => item.providerId)).toEqual([provider.providerId]);
    expect((await search(`name=${oldWord}`)).body.items).toEqual([]);
  });

  it.each([
    ['a single letter', 'name=a'],
    ['punctuation only', `name=${encodeURIComponent('-- ..')}`],
    ['two ways at once', 'name=ysbyty&sector=nhs-trust'],
  ])('refuses %s with 400 naming the query', async (_case, query) => {
    const answer = await search(query);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('never answers 5xx to any text typed as a name (non-ASCII, control characters, emoji)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (text) => {
        const answer = await search(`name=${encodeURIComponent(text)}`);
        expect([200, 400]).toContain(answer.status);
      }),
      { numRuns: 40 },
    );
  });
});

describe('finding a provider by its CQC Provider ID', () => {
  it('answers the provider registered under that id and nothing else', async () => {
    const id = `1-${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const provider = await register(`Provider ${tag()}`, id);

    const answer = await search(`registrationId=${id}`);

    expect(answer.body.items.map((item) => item.providerId)).toEqual([provider.providerId]);
  });
});

describe('finding locations by postcode', () => {
  const outward = () => `ZZ${Math.floor(Math.random() * 90) + 9}`;
  const addLocation = async (providerId: string, address: string) => {
    const answer = await api.call<Location>('POST', `/providers/${providerId}/locations`, {
      token: editor,
      body: { name: `Location ${tag()}`, address },
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  it('lists a district by its outward code and one address by its full postcode, any case or spacing', async () => {
    const provider = await register(`Provider ${tag()}`);
    const district = outward();
    const here = await addLocation(provider.providerId, `Penrhosgarnedd, Bangor, ${district} 2PW`);
    const nextDoor = await addLocation(provider.providerId, `1 High Street, Bangor, ${district} 9XY`);

    const byDistrict = await api.call<Page<Location>>(
      'GET',
      `/locations?postcode=${district.toLowerCase()}&limit=100`,
      {
        token: reader,
      },
    );
    const byPostcode = await api.call<Page<Location>>('GET', `/locations?postcode=${district.toLowerCase()}2pw`, {
      token: reader,
    });

    const districtIds = byDistrict.body.items.map((location) => location.locationId);
    expect(districtIds).toEqual(expect.arrayContaining([here.locationId, nextDoor.locationId]));
    expect(byPostcode.body.items.map((location) => location.locationId)).toEqual([here.locationId]);
  });

  it.each([
    ['not a postcode', 'hello'],
    ['a number', '12345'],
    ['missing', ''],
  ])('refuses %s with 400', async (_case, postcode) => {
    const answer = await api.call('GET', `/locations?postcode=${encodeURIComponent(postcode)}`, { token: reader });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

describe('providers stored before search existed', () => {
  it('become searchable after the backfill, and a second backfill writes nothing', async () => {
    const store = new DynamoRegisterStore(String(process.env.PROVIDERS_TABLE), String(process.env.AUDIT_TABLE));
    const word = tag();
    const providerId = ulid();
    const locationId = ulid();
    const at = new Date().toISOString();
    const bookkeeping = {
      version: 1,
      createdAt: at,
      createdBy: 'system:test',
      updatedAt: at,
      updatedBy: 'system:test',
    };
    // As the store wrote items before issue 16: no gsi3 attributes, no word items, no postcode entry.
    await documentClient.send(
      new PutCommand({
        TableName: process.env.PROVIDERS_TABLE,
        Item: {
          ...providerKey(providerId),
          kind: 'provider',
          gsi1pk: 'PROVIDERS',
          gsi1sk: `${word}#${providerId}`,
          gsi2pk: 'SECTOR#nhs-trust',
          gsi2sk: `${word}#${providerId}`,
          providerId,
          name: `${word} Old Trust`,
          sector: 'nhs-trust',
          marketOversight: false,
          registrationId: `1-OLD${word}`,
          contacts: [],
          locationCount: 1,
          ...bookkeeping,
        },
      }),
    );
    await documentClient.send(
      new PutCommand({
        TableName: process.env.PROVIDERS_TABLE,
        Item: {
          ...locationKey(providerId, locationId),
          kind: 'location',
          locationId,
          providerId,
          name: 'Old Ward',
          registrationId: null,
          address: 'Ward Road, ZZ1 1ZZ',
          significantRisk: false,
          ...bookkeeping,
        },
      }),
    );
    expect((await search(`name=${word}`)).body.items).toEqual([]);

    const first = await indexRegisterForSearch(store);
    const again = await store.reindexProvider(providerId);

    expect(first.itemsWritten).toBeGreaterThanOrEqual(5);
    expect(again).toBe(0);
    expect((await search(`name=${word}`)).body.items.map((item) => item.providerId)).toEqual([providerId]);
    expect((await search(`registrationId=1-OLD${word}`)).body.items.map((item) => item.providerId)).toEqual([
      providerId,
    ]);
    const located = await api.call<Page<Location>>('GET', '/locations?postcode=ZZ1%201ZZ&limit=100', { token: reader });
    expect(located.body.items.map((location) => location.locationId)).toContain(locationId);
  });
});
