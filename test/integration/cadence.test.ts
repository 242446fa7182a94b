import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementPlan } from '../../shared/domain/policy/engine.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** PUT /providers/{providerId}/cadence (R-CAD-3): a provider's own cadence, honoured by planning. */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Answer<T> = T & { error?: { ruleId?: string; details?: { path: string }[] } };

async function aHospitalGroup(sector: 'independent-healthcare' | 'nhs-trust' = 'independent-healthcare') {
  const provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector }) })).body;
  for (const name of ['North', 'South']) {
    await api.call('POST', `/providers/${provider.providerId}/locations`, { token: admin, body: { name } });
  }
  return (await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin })).body;
}

const setCadence = (provider: Provider, body: unknown, version: number | null = provider.version, token = admin) =>
  api.call<Answer<Provider>>('PUT', `/providers/${provider.providerId}/cadence`, {
    token,
    headers: version === null ? {} : { 'if-match': `"${version}"` },
    body,
  });

describe('a provider’s own cadence (R-CAD-3)', () => {
  it('sets it, audited, and the plan and the annual run honour it', async () => {
    const group = await aHospitalGroup();

    const answer = await setCadence(group, { meetingsPerYear: 3, reason: 'Twelve hospitals across two regions' });
    const plan = await api.call<EngagementPlan>('GET', `/providers/${group.providerId}/engagement-plan`, {
      token: admin,
    });
    await api.call('POST', '/jobs/annual-planning/runs', { token: admin, body: { runAs: '2031-04-01' } });
    const meetings = (
      await api.call<{ items: Meeting[] }>('GET', `/providers/${group.providerId}/meetings?limit=100`, {
        token: admin,
      })
    ).body.items.filter((meeting) => meeting.level === 'provider' && meeting.period === '2031-32');

    expect(answer.status).toBe(200);
    expect(answer.body.cadence).toMatchObject({ meetingsPerYear: 3, reason: 'Twelve hospitals across two regions' });
    expect(answer.headers.get('etag')).toBe(`"${group.version + 1}"`);
    expect(plan.body.meetings.find((meeting) => meeting.level === 'provider')).toMatchObject({
      ruleId: 'R-CAD-3',
      perYear: 3,
    });
    expect(meetings.map((meeting) => meeting.dueBy).sort()).toEqual(['2031-07-31', '2031-11-30', '2032-03-31']);
  });

  it('refuses a provider with no R-CAD-3 meetings (an NHS trust) with 422 naming R-CAD-3, changing nothing', async () => {
    const trust = await aHospitalGroup('nhs-trust');

    const answer = await setCadence(trust, { meetingsPerYear: 6, reason: 'Large trust' });
    const after = await api.call<Provider>('GET', `/providers/${trust.providerId}`, { token: admin });

    expect(answer.status).toBe(422);
    expect(answer.body.error?.ruleId).toBe('R-CAD-3');
    expect(after.body.version).toBe(trust.version);
  });

  it('wants If-Match (428), refuses a stale one (412) and an unknown provider (404)', async () => {
    const group = await aHospitalGroup();
    const body = { meetingsPerYear: 2, reason: 'Grew' };

    const missing = await setCadence(group, body, null);
    const stale = await setCadence(group, body, group.version + 5);
    const unknown = await api.call('PUT', '/providers/01J0000000000000000000ZZZZ/cadence', {
      token: admin,
      headers: { 'if-match': '"1"' },
      body,
    });

    expect([missing.status, stale.status, unknown.status]).toEqual([428, 412, 404]);
  });

  it('refuses (403) anyone who does not allocate relationships', async () => {
    const group = await aHospitalGroup();

    const answer = await setCadence(
      group,
      { meetingsPerYear: 2, reason: 'x' },
      group.version,
      await api.tokenFor(['assessor']),
    );

    expect(answer.status).toBe(403);
  });

  it('answers 400 naming the field for any meetingsPerYear outside 1–12 or any empty reason, and changes nothing', async () => {
    const group = await aHospitalGroup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            meetingsPerYear: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 13 })),
            reason: fc.constant('ok'),
          }),
          fc.record({ meetingsPerYear: fc.double(), reason: fc.constant('ok') }),
          fc.record({ meetingsPerYear: fc.constant(2), reason: fc.constantFrom('', '   ', 'x'.repeat(501)) }),
        ),
        async (body) => {
          const answer = await setCadence(group, body);
          if (Number.isInteger(body.meetingsPerYear) && body.meetingsPerYear >= 1 && body.meetingsPerYear <= 12) {
            expect(answer.body.error?.details?.[0]?.path).toBe('body.reason');
          }
          expect(answer.status).toBe(400);
        },
      ),
      { numRuns: 25 },
    );
    const after = await api.call<Provider>('GET', `/providers/${group.providerId}`, { token: admin });
    expect(after.body.version).toBe(group.version);
  });

  it('keeps Unicode in the reason as written', async () => {
    const group = await aHospitalGroup();

    const answer = await setCadence(group, { meetingsPerYear: 2, reason: 'Zwölf Kliniken — größere Gruppe ✓' });

    expect(answer.body.cadence?.reason).toBe('Zwölf Kliniken — größere Gruppe ✓');
  });
});
