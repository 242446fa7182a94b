import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementPlan, PolicyDescription } from '../../shared/domain/policy/engine.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const planOf = (providerId: string, on: string) =>
  api.call<EngagementPlan>('GET', `/providers/${providerId}/engagement-plan?on=${on}`, { token: admin });

describe('the engagement plan on a day', () => {
  it.each([
    ['2021-06-01', 'nhs-trusts-2020', ['R-CAD-1', 'R-CAD-2']],
    ['2024-06-01', 'assessment-framework-2023', ['R-CAD-4', 'R-CAD-6']],
  ])('for an NHS trust on %s applies %s and requires %j', async (on, policyId, ruleIds) => {
    const trust = await api.call<Provider>('POST', '/providers', {
      token: admin,
      body: aProvider({ sector: 'nhs-trust' }),
    });

    const plan = await planOf(trust.body.providerId, on);

    expect(plan.status).toBe(200);
    expect(plan.body.applied['provider-meetings']).toBe(policyId);
    expect([...new Set(plan.body.meetings.map((meeting) => meeting.ruleId))].sort()).toEqual(ruleIds);
  });

  it('lists the provider-level holder as missing until one is allocated', async () => {
    const trust = await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() });
    const inspector = await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['inspector'] }),
    });
    const before = await planOf(trust.body.providerId, '2026-11-23');

    await api.call('PUT', `/providers/${trust.body.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: inspector.body.staffId, reason: 'New relationship' },
    });
    const after = await planOf(trust.body.providerId, '2026-11-23');

    expect(before.body.missing).toContainEqual(
      expect.objectContaining({ kind: 'relationship-holder', level: 'provider' }),
    );
    expect(after.body.missing).not.toContainEqual(
      expect.objectContaining({ kind: 'relationship-holder', level: 'provider' }),
    );
    expect(after.body.relationships.provider.holder).toMatchObject({ staffId: inspector.body.staffId });
  });

  it('requires a corporate lead once a provider has two locations (R-CORP-1)', async () => {
    const provider = await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() });
    for (const name of ['One', 'Two']) {
      await api.call('POST', `/providers/${provider.body.providerId}/locations`, { token: admin, body: { name } });
    }

    const plan = await planOf(provider.body.providerId, '2026-11-23');

    expect(plan.body.missing).toContainEqual(expect.objectContaining({ kind: 'corporate-lead', ruleId: 'R-CORP-1' }));
  });

  it('refuses a date that is not YYYY-MM-DD with 400 naming the parameter', async () => {
    const provider = await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() });

    const answer = await api.call('GET', `/providers/${provider.body.providerId}/engagement-plan?on=23/11/2026`, {
      token: admin,
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'query.on' }] } });
  });
});

describe('policy versions', () => {
  it('lists all five versions with their effective-from dates and rules', async () => {
    const answer = await api.call<{ items: PolicyDescription[] }>('GET', '/policies', { token: admin });

    expect(answer.body.items.map((policy) => [policy.policyId, policy.effectiveFrom]).sort()).toEqual([
      ['assessment-framework-2023', '2023-11-01'],
      ['independent-healthcare-2022', '2022-05-12'],
      ['national-partners-2022', '2022-05-12'],
      ['nhs-trusts-2020', '2020-10-21'],
      ['providers-general', null],
    ]);
  });

  it('answers one version, and 404 for a version that does not exist', async () => {
    const one = await api.call<PolicyDescription>('GET', '/policies/nhs-trusts-2020', { token: admin });
    const none = await api.call('GET', '/policies/nhs-trusts-2031', { token: admin });

    expect(one.body.rules.map((rule) => rule.ruleId)).toContain('R-CAD-1');
    expect(none.status).toBe(404);
  });
});
