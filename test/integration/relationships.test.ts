import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Relationship, RelationshipHistoryEntry } from '../../shared/schemas/relationship.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

type Relationships = { current: Relationship[]; history: RelationshipHistoryEntry[] };
type ErrorBody = { error: { code: string; ruleId?: string; details?: { path: string }[] } };

let api: LocalApi;
let admin: string;
let manager: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  manager = await api.tokenFor(['inspection-manager']);
});
afterAll(() => api.close());

const aMember = async (roles: StaffRole[]) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;

const aProviderWith = async (locations: number, overrides: Parameters<typeof aProvider>[0] = {}) => {
  const provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider(overrides) })).body;
  const locationIds: string[] = [];
  for (let index = 0; index < locations; index += 1) {
    const location = await api.call<{ locationId: string }>('POST', `/providers/${provider.providerId}/locations`, {
      token: admin,
      body: { name: `Location ${index + 1}` },
    });
    locationIds.push(location.body.locationId);
  }
  return { ...provider, locationIds };
};

const allocateHolder = (providerId: string, body: Record<string, unknown>, token = manager) =>
  api.call<Relationship & ErrorBody>('PUT', `/providers/${providerId}/relationship-holder`, {
    token,
    body: { reason: 'Allocated for the test', ...body },
  });

const allocateLead = (providerId: string, staffId: string) =>
  api.call<Relationship & ErrorBody>('PUT', `/providers/${providerId}/corporate-lead`, {
    token: manager,
    body: { staffId, reason: 'Corporate lead for the test' },
  });

const relationshipsOf = async (providerId: string) =>
  (await api.call<Relationships>('GET', `/providers/${providerId}/relationships`, { token: manager })).body;

describe('relationship holders (R-REL-1, R-REL-2)', () => {
  it('allocates an inspector as holder of an NHS trust, with history and an audit entry', async () => {
    const trust = await aProviderWith(0, { sector: 'nhs-trust' });
    const inspector = await aMember(['inspector']);

    const answer = await allocateHolder(trust.providerId, { staffId: inspector.staffId });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ scope: 'provider', staffId: inspector.staffId, ruleId: 'R-REL-1' });
    const relationships = await relationshipsOf(trust.providerId);
    expect(relationships.current.map((held) => held.staffId)).toEqual([inspector.staffId]);
    expect(relationships.history).toMatchObject([{ staffId: inspector.staffId, to: null }]);
    const audit = await api.call<{ items: { entityType: string }[] }>('GET', `/providers/${trust.providerId}/audit`, {
      token: manager,
    });
    expect(audit.body.items.map((entry) => entry.entityType)).toContain('relationship-holder');
  });

  it('keeps the whole history on handover: who held it, from when, to when and why (R-REL-2)', async () => {
    const trust = await aProviderWith(0);
    const first = await aMember(['inspector']);
    const second = await aMember(['inspection-manager']);
    await allocateHolder(trust.providerId, { staffId: first.staffId, reason: 'First allocation' });

    await allocateHolder(trust.providerId, { staffId: second.staffId, reason: 'First holder moved team' });

    const relationships = await relationshipsOf(trust.providerId);
    expect(relationships.current.map((held) => held.staffId)).toEqual([second.staffId]);
    expect(relationships.history).toHaveLength(2);
    const [latest, earlier] = relationships.history;
    expect(latest).toMatchObject({ staffId: second.staffId, to: null, reason: 'First holder moved team' });
    expect(earlier).toMatchObject({ staffId: first.staffId, endReason: 'First holder moved team' });
    expect(earlier?.to).toBe(latest?.from);
  });

  it('refuses an assessor as holder with 422 naming R-REL-1, and stores nothing', async () => {
    const trust = await aProviderWith(0);
    const assessor = await aMember(['assessor']);

    const answer = await allocateHolder(trust.providerId, { staffId: assessor.staffId });

    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'rule_violation', ruleId: 'R-REL-1' });
    expect(await relationshipsOf(trust.providerId)).toEqual({ current: [], history: [] });
  });

  it('refuses a location-level holder for adult social care under the 2023 framework (R-REL-6)', async () => {
    const care = await aProviderWith(1, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);

    const answer = await allocateHolder(care.providerId, {
      staffId: inspector.staffId,
      locationId: care.locationIds[0],
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error.ruleId).toBe('R-REL-6');
  });

  it('allows an independent healthcare location holder only where there is a significant risk (R-REL-6)', async () => {
    const hospital = await aProviderWith(1, { sector: 'independent-healthcare' });
    const inspector = await aMember(['inspector']);
    const locationId = hospital.locationIds[0] ?? '';

    const refused = await allocateHolder(hospital.providerId, { staffId: inspector.staffId, locationId });
    const flagged = await api.call('PATCH', `/providers/${hospital.providerId}/locations/${locationId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { significantRisk: true },
    });
    const allowed = await allocateHolder(hospital.providerId, { staffId: inspector.staffId, locationId });

    expect(refused.status).toBe(422);
    expect(refused.body.error.ruleId).toBe('R-REL-6');
    expect(flagged.status).toBe(200);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ scope: 'location', locationId });
  });

  it.each([
    ['a location of another provider', 'body.locationId'],
    ['a member of staff who does not exist', 'body.staffId'],
  ])('refuses %s with 400 naming %s', async (_case, path) => {
    const trust = await aProviderWith(0);
    const other = await aProviderWith(1);
    const inspector = await aMember(['inspector']);
    const body =
      path === 'body.locationId'
        ? { staffId: inspector.staffId, locationId: other.locationIds[0] }
        : { staffId: '01J0000000000000000000ZZZZ' };

    const answer = await allocateHolder(trust.providerId, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error.details?.map((detail) => detail.path)).toContain(path);
  });

  it('refuses allocating the person who already holds it (409)', async () => {
    const trust = await aProviderWith(0);
    const inspector = await aMember(['inspector']);
    await allocateHolder(trust.providerId, { staffId: inspector.staffId });

    const again = await allocateHolder(trust.providerId, { staffId: inspector.staffId });

    expect(again.status).toBe(409);
    expect((await relationshipsOf(trust.providerId)).history).toHaveLength(1);
  });

  it('lets only allocators allocate (403 for an assessor) and answers 404 for an unknown provider', async () => {
    const trust = await aProviderWith(0);
    const inspector = await aMember(['inspector']);

    const forbidden = await allocateHolder(
      trust.providerId,
      { staffId: inspector.staffId },
      await api.tokenFor(['assessor']),
    );
    const missing = await allocateHolder('01J0000000000000000000ZZZZ', { staffId: inspector.staffId });

    expect(forbidden.status).toBe(403);
    expect(missing.status).toBe(404);
  });

  it('shows a member of staff what they hold, with one query', async () => {
    const trust = await aProviderWith(0);
    const inspector = await aMember(['inspector']);
    await allocateHolder(trust.providerId, { staffId: inspector.staffId });

    const answer = await api.call<{ relationships: Relationship[] }>(
      'GET',
      `/staff/${inspector.staffId}/relationships`,
      {
        token: manager,
      },
    );

    expect(answer.body.relationships.map((held) => held.providerId)).toEqual([trust.providerId]);
  });
});

describe('corporate relationship leads (R-CORP-1..4)', () => {
  it('refuses a lead for a provider with one location (R-CORP-1)', async () => {
    const single = await aProviderWith(1, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);

    const answer = await allocateLead(single.providerId, inspector.staffId);

    expect(answer.status).toBe(422);
    expect(answer.body.error.ruleId).toBe('R-CORP-1');
  });

  it('accepts an inspector for 3 locations (R-CORP-1)', async () => {
    const group = await aProviderWith(3, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);

    const answer = await allocateLead(group.providerId, inspector.staffId);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ scope: 'corporate-lead', ruleId: 'R-CORP-1' });
  });

  it('refuses an inspector as corporate lead of a 20-location provider (R-CORP-3)', async () => {
    const large = await aProviderWith(20, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);

    const answer = await allocateLead(large.providerId, inspector.staffId);

    expect(answer.status).toBe(422);
    expect(answer.body.error.ruleId).toBe('R-CORP-3');
  });

  it('requires a corporate relationship manager in Market Oversight (R-CORP-4)', async () => {
    const overseen = await aProviderWith(2, { sector: 'adult-social-care', marketOversight: true });
    const [manager1, crm] = await Promise.all([
      aMember(['inspection-manager']),
      aMember(['corporate-relationship-manager']),
    ]);

    const refused = await allocateLead(overseen.providerId, manager1.staffId);
    const accepted = await allocateLead(overseen.providerId, crm.staffId);

    expect(refused.status).toBe(422);
    expect(refused.body.error.ruleId).toBe('R-CORP-4');
    expect(accepted.status).toBe(200);
  });

  it('flags the lead for review when a new location moves the provider into another band, without changing it', async () => {
    const group = await aProviderWith(3, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);
    await allocateLead(group.providerId, inspector.staffId);

    await api.call('POST', `/providers/${group.providerId}/locations`, { token: admin, body: { name: 'Fourth' } });

    const lead = (await relationshipsOf(group.providerId)).current.find((held) => held.scope === 'corporate-lead');
    expect(lead).toMatchObject({
      staffId: inspector.staffId,
      reviewNeeded: { fromRuleId: 'R-CORP-1', toRuleId: 'R-CORP-2' },
    });
    const dashboard = await api.call<{ reviewsNeeded: Relationship[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(['inspector'], inspector.staffId),
    });
    expect(dashboard.body.reviewsNeeded.map((held) => held.providerId)).toEqual([group.providerId]);
  });

  it('clears the review when the same lead is confirmed under the new band', async () => {
    const group = await aProviderWith(3, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);
    await allocateLead(group.providerId, inspector.staffId);
    await api.call('POST', `/providers/${group.providerId}/locations`, { token: admin, body: { name: 'Fourth' } });

    const confirmed = await allocateLead(group.providerId, inspector.staffId);

    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ ruleId: 'R-CORP-2', reviewNeeded: null });
  });

  it('flags the lead for review when the provider joins Market Oversight (R-CORP-4)', async () => {
    const group = await aProviderWith(2, { sector: 'adult-social-care' });
    const inspector = await aMember(['inspector']);
    await allocateLead(group.providerId, inspector.staffId);
    const provider = await api.call<Provider>('GET', `/providers/${group.providerId}`, { token: admin });

    await api.call('PATCH', `/providers/${group.providerId}`, {
      token: admin,
      headers: { 'if-match': provider.headers.get('etag') ?? '' },
      body: { marketOversight: true },
    });

    const lead = (await relationshipsOf(group.providerId)).current.find((held) => held.scope === 'corporate-lead');
    expect(lead?.reviewNeeded).toMatchObject({ fromRuleId: 'R-CORP-1', toRuleId: 'R-CORP-4' });
  });
});
