import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDate } from '../../shared/domain/calendar.ts';
import type { EngagementPlan } from '../../shared/domain/policy/engine.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * R-CAD-7 over the wire: flagging a location at significant risk plans its location-level meeting at once
 * (due within 90 days by default) and the plan asks for its holder (R-REL-6); clearing the flag cancels
 * the meeting while it is only planned, with the reason.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

async function aProviderWithLocations(sector: 'independent-healthcare' | 'nhs-trust', count: number) {
  const provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector }) })).body;
  const locations: Location[] = [];
  for (let index = 0; index < count; index += 1) {
    const added = await api.call<Location>('POST', `/providers/${provider.providerId}/locations`, {
      token: admin,
      body: { name: `Clinic ${index + 1}` },
    });
    locations.push(added.body);
  }
  return { provider, locations };
}

async function flag(providerId: string, locationId: string, significantRisk: boolean) {
  const current = await api.call<{ items: Location[] }>('GET', `/providers/${providerId}/locations?limit=100`, {
    token: admin,
  });
  const location = current.body.items.find((candidate) => candidate.locationId === locationId);
  return api.call<Location>('PATCH', `/providers/${providerId}/locations/${locationId}`, {
    token: admin,
    headers: { 'if-match': `"${location?.version}"` },
    body: { significantRisk },
  });
}

const meetingsAt = async (providerId: string, locationId: string) =>
  (
    await api.call<{ items: Meeting[] }>('GET', `/providers/${providerId}/meetings?limit=100`, { token: admin })
  ).body.items.filter((meeting) => meeting.locationId === locationId);

describe('risk-triggered planning (R-CAD-7)', () => {
  it('plans the location meeting at once when a location is flagged, due within 90 days, and asks for its holder', async () => {
    const { provider, locations } = await aProviderWithLocations('independent-healthcare', 2);
    const locationId = locations[0]?.locationId ?? '';

    const answer = await flag(provider.providerId, locationId, true);
    const meetings = await meetingsAt(provider.providerId, locationId);
    const plan = await api.call<EngagementPlan>('GET', `/providers/${provider.providerId}/engagement-plan`, {
      token: admin,
    });

    expect(answer.status).toBe(200);
    expect(meetings).toEqual([
      expect.objectContaining({
        ruleId: 'R-CAD-7',
        level: 'location',
        status: 'planned',
        dueBy: addDays(londonDate(new Date()), 90),
      }),
    ]);
    expect(plan.body.missing).toContainEqual(
      expect.objectContaining({ kind: 'relationship-holder', level: 'location', locationId, ruleId: 'R-REL-6' }),
    );
  });

  it('cancels the planned meeting when the flag is cleared, saying why, and plans afresh when flagged again', async () => {
    const { provider, locations } = await aProviderWithLocations('independent-healthcare', 1);
    const locationId = locations[0]?.locationId ?? '';
    await flag(provider.providerId, locationId, true);

    await flag(provider.providerId, locationId, false);
    const afterClearing = await meetingsAt(provider.providerId, locationId);
    await flag(provider.providerId, locationId, true);
    const afterFlagging = await meetingsAt(provider.providerId, locationId);

    expect(afterClearing).toEqual([
      expect.objectContaining({
        status: 'cancelled',
        cancelReason: expect.stringMatching(/no longer flagged at significant risk.*\(R-CAD-7\)/),
      }),
    ]);
    expect(afterFlagging.map((meeting) => meeting.status).sort()).toEqual(['cancelled', 'planned']);
  });

  it('plans nothing twice when a flagged location is saved again, and nothing for a sector without R-CAD-7', async () => {
    const hospital = await aProviderWithLocations('independent-healthcare', 1);
    const trust = await aProviderWithLocations('nhs-trust', 1);
    const hospitalLocation = hospital.locations[0]?.locationId ?? '';
    const trustLocation = trust.locations[0]?.locationId ?? '';

    await flag(hospital.provider.providerId, hospitalLocation, true);
    await flag(hospital.provider.providerId, hospitalLocation, true);
    await flag(trust.provider.providerId, trustLocation, true);

    expect(await meetingsAt(hospital.provider.providerId, hospitalLocation)).toHaveLength(1);
    expect(await meetingsAt(trust.provider.providerId, trustLocation)).toEqual([]);
  });
});
