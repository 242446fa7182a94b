import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { providerKey } from '../../shared/adapters/dynamodb/keys.ts';
import type { EngagementPlan, PolicyDescription } from '../../shared/domain/policy/engine.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Relationship } from '../../shared/schemas/relationship.ts';
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

/**
 * The old catalogue's shape, as items written before 2026-11-29 hold it: policy id 'providers-general' and no
 * exception attribute. Written straight to DynamoDB Local, since no route writes it any more.
 */
async function writtenByTheOldCatalogue(providerId: string): Promise<void> {
  const items = await documentClient.send(
    new QueryCommand({
      TableName: process.env.PROVIDERS_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rel)',
      ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':rel': 'REL#' },
    }),
  );
  for (const item of items.Items ?? []) {
    await documentClient.send(
      new UpdateCommand({
        TableName: process.env.PROVIDERS_TABLE,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET policyId = :old REMOVE #exception',
        ExpressionAttributeNames: { '#exception': 'exception' },
        ExpressionAttributeValues: { ':old': 'providers-general' },
      }),
    );
  }
}

const planOf = (providerId: string, on: string) =>
  api.call<EngagementPlan>('GET', `/providers/${providerId}/engagement-plan?on=${on}`, { token: admin });

describe('the engagement plan on a day', () => {
  it.each([
    ['2021-06-01', ['R-CAD-1 nhs-trusts-2020', 'R-CAD-2 nhs-trusts-2020']],
    [
      '2024-06-01',
      ['R-CAD-2 nhs-trusts-2020', 'R-CAD-4 assessment-framework-2023', 'R-CAD-6 assessment-framework-2023'],
    ],
  ])(
    'for an NHS trust on %s names the rule and version of each meeting: %j (R-CAD-2 continues)',
    async (on, expected) => {
      const trust = await api.call<Provider>('POST', '/providers', {
        token: admin,
        body: aProvider({ sector: 'nhs-trust' }),
      });

      const plan = await planOf(trust.body.providerId, on);

      expect(plan.status).toBe(200);
      expect(plan.body.meetings.map((meeting) => `${meeting.ruleId} ${meeting.policyId}`).sort()).toEqual(expected);
    },
  );

  it.each(['primary-dental-care', 'independent-ambulance'] as const)(
    'asks nothing of a %s provider: no seed governs the sector',
    async (sector) => {
      const provider = await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector }) });

      const plan = await planOf(provider.body.providerId, '2026-11-23');

      expect(plan.status).toBe(200);
      expect(plan.body.meetings).toEqual([]);
      expect(plan.body.missing).toEqual([]);
    },
  );

  it('reads a relationship written under the old catalogue, showing its version by the current name', async () => {
    const home = await api.call<Provider>('POST', '/providers', {
      token: admin,
      body: aProvider({ sector: 'adult-social-care' }),
    });
    const providerId = home.body.providerId;
    for (const name of ['One', 'Two']) {
      await api.call('POST', `/providers/${providerId}/locations`, { token: admin, body: { name } });
    }
    const inspector = await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember() });
    await api.call('PUT', `/providers/${providerId}/corporate-lead`, {
      token: admin,
      body: { staffId: inspector.body.staffId, reason: 'New group' },
    });
    await writtenByTheOldCatalogue(providerId);

    const relationships = await api.call<{ current: Relationship[] }>('GET', `/providers/${providerId}/relationships`, {
      token: admin,
    });
    const plan = await planOf(providerId, '2026-11-23');
    const version = await api.call<PolicyDescription>('GET', '/policies/providers-general', { token: admin });

    expect(relationships.body.current).toEqual([
      expect.objectContaining({ scope: 'corporate-lead', policyId: 'adult-social-care', exception: null }),
    ]);
    expect(plan.body.relationships.corporateLead).toMatchObject({
      holder: { staffId: inspector.body.staffId, exception: null },
      reviewNeeded: false,
    });
    expect(version.body.policyId).toBe('adult-social-care');
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

  it('requires a corporate lead once an adult social care provider has two locations (R-CORP-1)', async () => {
    const provider = await api.call<Provider>('POST', '/providers', {
      token: admin,
      body: aProvider({ sector: 'adult-social-care' }),
    });
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
      ['adult-social-care', null],
      ['assessment-framework-2023', '2023-11-01'],
      ['independent-healthcare-2022', '2022-05-12'],
      ['national-partners-2022', '2022-05-12'],
      ['nhs-trusts-2020', '2020-10-21'],
    ]);
  });

  it('answers one version, and 404 for a version that does not exist', async () => {
    const one = await api.call<PolicyDescription>('GET', '/policies/nhs-trusts-2020', { token: admin });
    const none = await api.call('GET', '/policies/nhs-trusts-2031', { token: admin });

    expect(one.body.rules.map((rule) => rule.ruleId)).toContain('R-CAD-1');
    expect(none.status).toBe(404);
  });
});
