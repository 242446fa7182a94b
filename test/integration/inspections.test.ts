import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { relationshipItem } from '../../shared/adapters/dynamodb/relationship-store.ts';
import type { Inspection } from '../../shared/schemas/inspection.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** POST/GET /providers/{providerId}/inspections (R-REL-5). */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Answer<T> = T & { error?: { ruleId?: string; details?: { path: string }[] } };

const aMember = async () => (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember() })).body;

async function aProviderWithLocation(sector: 'adult-social-care' | 'nhs-trust') {
  const provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector }) })).body;
  const location = (
    await api.call<Location>('POST', `/providers/${provider.providerId}/locations`, {
      token: admin,
      body: { name: 'Rose Court' },
    })
  ).body;
  return { provider, location };
}

/**
 * A care home's location holder as allocated before 2023-11-01, when seed 004 gave each service one: no
 * route allocates one today (R-REL-6), so it is written as the store wrote it then.
 */
async function aHolderFromBeforeTheFramework(provider: Provider, location: Location, holder: Staff) {
  await documentClient.send(
    new PutCommand({
      TableName: process.env.PROVIDERS_TABLE,
      Item: relationshipItem({
        providerId: provider.providerId,
        providerName: provider.name,
        scope: 'location',
        locationId: location.locationId,
        staffId: holder.staffId,
        staffName: holder.name,
        since: '2023-01-10T09:00:00.000Z',
        reason: 'New service',
        ruleId: 'R-REL-1',
        policyId: 'providers-general',
        reviewNeeded: null,
        version: 1,
      }),
    }),
  );
}

const record = (providerId: string, body: unknown, token = admin) =>
  api.call<Answer<Inspection>>('POST', `/providers/${providerId}/inspections`, { token, body });

describe('inspections (R-REL-5)', () => {
  it('refuses an adult social care inspection the holder did not carry out without a reason (422 R-REL-5), and records it with one', async () => {
    const { provider, location } = await aProviderWithLocation('adult-social-care');
    const [holder, other] = await Promise.all([aMember(), aMember()]);
    await aHolderFromBeforeTheFramework(provider, location, holder);
    const body = { locationId: location.locationId, inspectedOn: '2023-03-14', inspectorStaffIds: [other.staffId] };

    const refused = await record(provider.providerId, body);
    const recorded = await record(provider.providerId, { ...body, reasonHolderDidNot: 'On leave' });
    const listed = await api.call<{ items: Inspection[] }>('GET', `/providers/${provider.providerId}/inspections`, {
      token: admin,
    });

    expect(refused.status).toBe(422);
    expect(refused.body.error?.ruleId).toBe('R-REL-5');
    expect(refused.body.error?.details).toContainEqual(expect.objectContaining({ path: 'body.reasonHolderDidNot' }));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      holderStaffId: holder.staffId,
      reasonHolderDidNot: 'On leave',
      inspectors: [{ staffId: other.staffId, name: other.name }],
    });
    expect(listed.body.items.map((inspection) => inspection.inspectionId)).toEqual([recorded.body.inspectionId]);
  });

  it('needs no reason when the holder inspected, nor outside adult social care', async () => {
    const care = await aProviderWithLocation('adult-social-care');
    const trust = await aProviderWithLocation('nhs-trust');
    const [holder, other] = await Promise.all([aMember(), aMember()]);
    await aHolderFromBeforeTheFramework(care.provider, care.location, holder);

    const byHolder = await record(care.provider.providerId, {
      locationId: care.location.locationId,
      inspectedOn: '2023-03-14',
      inspectorStaffIds: [other.staffId, holder.staffId],
    });
    const atTrust = await record(trust.provider.providerId, {
      inspectedOn: '2024-02-01',
      inspectorStaffIds: [other.staffId],
    });

    expect([byHolder.status, atTrust.status]).toEqual([201, 201]);
  });

  it('lists a provider’s inspections newest first', async () => {
    const { provider } = await aProviderWithLocation('nhs-trust');
    const inspector = await aMember();
    for (const inspectedOn of ['2024-02-01', '2025-06-30', '2019-11-05']) {
      await record(provider.providerId, { inspectedOn, inspectorStaffIds: [inspector.staffId] });
    }

    const listed = await api.call<{ items: Inspection[] }>('GET', `/providers/${provider.providerId}/inspections`, {
      token: admin,
    });

    expect(listed.body.items.map((inspection) => inspection.inspectedOn)).toEqual([
      '2025-06-30',
      '2024-02-01',
      '2019-11-05',
    ]);
  });

  it.each([
    [{ inspectedOn: '2099-01-01' }, 'body.inspectedOn'],
    [{ inspectedOn: '2001-01-01' }, 'body.inspectedOn'],
    [{ inspectedOn: '2024-02-30' }, 'body.inspectedOn'],
    [{ locationId: '01J0000000000000000000ZZZZ' }, 'body.locationId'],
    [{ inspectorStaffIds: ['01J0000000000000000000ZZZZ'] }, 'body.inspectorStaffIds.0'],
    [{ inspectorStaffIds: [] }, 'body.inspectorStaffIds'],
  ])('answers 400 for %j naming %s, and stores nothing', async (change, path) => {
    const { provider } = await aProviderWithLocation('nhs-trust');
    const inspector = await aMember();

    const answer = await record(provider.providerId, {
      inspectedOn: '2024-02-01',
      inspectorStaffIds: [inspector.staffId],
      ...change,
    });
    const listed = await api.call<{ items: Inspection[] }>('GET', `/providers/${provider.providerId}/inspections`, {
      token: admin,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error?.details?.[0]?.path).toBe(path);
    expect(listed.body.items).toEqual([]);
  });

  it('answers 404 for a provider that does not exist, on both routes', async () => {
    const inspector = await aMember();

    const posted = await record('01J0000000000000000000ZZZZ', {
      inspectedOn: '2024-02-01',
      inspectorStaffIds: [inspector.staffId],
    });
    const listed = await api.call('GET', '/providers/01J0000000000000000000ZZZZ/inspections', { token: admin });

    expect([posted.status, listed.status]).toEqual([404, 404]);
  });

  it('never answers 5xx whatever the body, and keeps a Unicode reason as written', async () => {
    const { provider } = await aProviderWithLocation('nhs-trust');
    const inspector = await aMember();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            inspectedOn: fc.oneof(fc.string(), fc.constant('2024-02-01')),
            inspectorStaffIds: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.constant([inspector.staffId])),
            reasonHolderDidNot: fc.string({ maxLength: 30 }),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const answer = await record(provider.providerId, body);
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 30 },
    );
    const kept = await record(provider.providerId, {
      inspectedOn: '2024-02-01',
      inspectorStaffIds: [inspector.staffId],
      reasonHolderDidNot: 'Krankheit — не мог',
    });
    expect(kept.body.reasonHolderDidNot).toBe('Krankheit — не мог');
  });
});
