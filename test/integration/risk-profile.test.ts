import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Location } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { RiskProfile } from '../../shared/use-cases/risk-profile.ts';
import { aStaffMember } from './support/builders.ts';
import { aContactableProvider, postContact } from './support/contact.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** GET /providers/{providerId}/risk-profile (R-CORP-5): what a corporate lead sees across the locations. */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const profileOf = (providerId: string, token = admin) =>
  api.call<RiskProfile>('GET', `/providers/${providerId}/risk-profile`, { token });

describe('the risk profile across a provider’s locations (R-CORP-5)', () => {
  it('counts risk flags, open concerns, information by kind this year, overdue meetings and the last inspections', async () => {
    const { provider, token } = await aContactableProvider(api, admin, 'independent-healthcare', {
      locations: 3,
      atRisk: true,
    });
    const locations = (
      await api.call<{ items: Location[] }>('GET', `/providers/${provider.providerId}/locations?limit=10`, {
        token: admin,
      })
    ).body.items;
    const atRisk = locations.find((location) => location.significantRisk);
    const other = locations.find((location) => !location.significantRisk);
    const inspector = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember() })).body;
    const today = londonDate(new Date());
    await postContact(api, token, { kind: 'concern', details: 'Night staffing', 'action-taken': 'Agency cover' });
    for (const [kind, occurredOn] of [
      ['complaint', today],
      ['complaint', today],
      ['serious-incident', '2019-01-01'],
    ]) {
      await api.call('POST', `/providers/${provider.providerId}/information`, {
        token: admin,
        body: { kind, occurredOn, source: 'Inbox', summary: 'Recorded for the risk profile' },
      });
    }
    for (const [locationId, inspectedOn] of [
      [other?.locationId, '2025-06-01'],
      [other?.locationId, today],
      [undefined, '2024-03-01'],
    ]) {
      await api.call('POST', `/providers/${provider.providerId}/inspections`, {
        token: admin,
        body: { ...(locationId ? { locationId } : {}), inspectedOn, inspectorStaffIds: [inspector.staffId] },
      });
    }
    // Last business year's annual run plans the group's provider meeting and the at-risk location's meeting,
    // both due by 31 March and never held: overdue (R-CAD-8).
    await api.call('POST', '/jobs/annual-planning/runs', { token: admin, body: { runAs: '2025-04-01' } });

    const profile = await profileOf(provider.providerId, await api.tokenFor(['inspector']));

    expect(profile.status).toBe(200);
    expect(profile.body.quarters).toHaveLength(4);
    expect(profile.body.totals).toMatchObject({
      locations: 3,
      atSignificantRisk: 1,
      openSubmissions: 1,
      openConcerns: 1,
      overdueMeetings: 2,
    });
    expect(profile.body.totals.informationByKind).toMatchObject({ complaint: 2, concern: 1 });
    expect(profile.body.totals.informationByKind['serious-incident']).toBeUndefined();
    expect(profile.body.trend.at(-1)).toMatchObject({ information: { complaint: 2, concern: 1 }, concerns: 1 });
    expect(profile.body.locations.find((location) => location.locationId === atRisk?.locationId)).toMatchObject({
      significantRisk: true,
      overdueMeetings: 1,
      lastInspection: null,
    });
    expect(profile.body.locations.find((location) => location.locationId === other?.locationId)).toMatchObject({
      significantRisk: false,
      lastInspection: { inspectedOn: today },
    });
    expect(profile.body.lastInspection).toMatchObject({ inspectedOn: today, locationId: other?.locationId });
  });

  it('answers a provider with nothing yet with zeros, and 404 for one that does not exist', async () => {
    const { provider } = await aContactableProvider(api, admin, 'nhs-trust', { holder: false });

    const empty = await profileOf(provider.providerId);
    const missing = await profileOf('01J0000000000000000000ZZZZ');

    expect(empty.body.totals).toEqual({
      locations: 0,
      atSignificantRisk: 0,
      openSubmissions: 0,
      openConcerns: 0,
      overdueMeetings: 0,
      informationByKind: {},
    });
    expect(empty.body.lastInspection).toBeNull();
    expect(missing.status).toBe(404);
  });
});
