import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartureAnswer } from '../../shared/schemas/departure.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Team } from '../../shared/schemas/team.ts';
import { aProvider, aStaffMember, uniqueName } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** People over time (R-TEAM-5): change role and team, go on leave with cover, and leave. */
let api: LocalApi;
let admin: string;
let manager: string;

beforeAll(async () => {
  api = await startLocalApi();
  [admin, manager] = await Promise.all([api.tokenFor(['admin']), api.tokenFor(['operations-manager'])]);
});
afterAll(() => api.close());

const staffWith = async (roles: Staff['roles']) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;
const today = () => new Date().toISOString().slice(0, 10);

describe('changing a member of staff', () => {
  it('changes roles and team with If-Match: and the role lists follow', async () => {
    const team = (
      await api.call<Team>('POST', '/teams', { token: manager, body: { name: uniqueName('Team'), kind: 'assessment' } })
    ).body;
    const person = await staffWith(['assessor']);

    const changed = await api.call<Staff>('PATCH', `/staff/${person.staffId}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
      body: { roles: ['inspector'], teamId: team.teamId, name: 'Zoë Ó Briain' },
    });
    // Other files add inspectors too: read each role's whole list, page by page.
    const everyone = async (role: string) => {
      const found: Staff[] = [];
      let next: string | null = null;
      do {
        const query: string = next ? `&nextToken=${encodeURIComponent(next)}` : '';
        const page = await api.call<{ items: Staff[]; nextToken: string | null }>(
          'GET',
          `/staff?role=${role}&limit=100${query}`,
          { token: admin },
        );
        found.push(...page.body.items);
        next = page.body.nextToken;
      } while (next);
      return found;
    };
    const [assessors, inspectors] = await Promise.all(['assessor', 'inspector'].map(everyone));

    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).toMatchObject({ roles: ['inspector'], teamId: team.teamId, name: 'Zoë Ó Briain' });
    expect(assessors?.map((s) => s.staffId)).not.toContain(person.staffId);
    expect(inspectors?.find((s) => s.staffId === person.staffId)?.name).toBe('Zoë Ó Briain');
  });

  it('moves the email claim: the old address is free again, a taken one is 409', async () => {
    const [a, b] = await Promise.all([staffWith(['inspector']), staffWith(['inspector'])]);
    const newAddress = `${ulid().toLowerCase()}@regulator.test`;

    const taken = await api.call('PATCH', `/staff/${a.staffId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { email: b.email },
    });
    const moved = await api.call('PATCH', `/staff/${a.staffId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { email: newAddress },
    });
    const reuse = await api.call('POST', '/staff', { token: admin, body: aStaffMember({ email: a.email }) });

    expect([taken.status, moved.status, reuse.status]).toEqual([409, 200, 201]);
  });

  it('lets one of two simultaneous changes from the same version win; the other is 412', async () => {
    const person = await staffWith(['inspector']);

    const answers = await Promise.all(
      ['assessor', 'inspection-manager'].map((role) =>
        api.call('PATCH', `/staff/${person.staffId}`, {
          token: admin,
          headers: { 'if-match': '"1"' },
          body: { roles: [role] },
        }),
      ),
    );
    const read = await api.call<Staff>('GET', `/staff/${person.staffId}`, { token: admin });

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    expect(read.body.version).toBe(2);
  });

  it('refuses a stale ETag (412), no ETag (428) and an empty change (400)', async () => {
    const person = await staffWith(['inspector']);

    const answers = await Promise.all([
      api.call('PATCH', `/staff/${person.staffId}`, {
        token: admin,
        headers: { 'if-match': '"7"' },
        body: { name: 'X' },
      }),
      api.call('PATCH', `/staff/${person.staffId}`, { token: admin, body: { name: 'X' } }),
      api.call('PATCH', `/staff/${person.staffId}`, { token: admin, headers: { 'if-match': '"1"' }, body: {} }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([412, 428, 400]);
  });
});

describe('absence and cover (R-TEAM-5)', () => {
  it('records leave with a cover, and ends it', async () => {
    const [away, cover] = await Promise.all([staffWith(['inspector']), staffWith(['inspector'])]);
    const absence = { from: '2026-12-21', to: '2027-01-03', coverStaffId: cover.staffId, reason: 'Christmas leave' };

    const recorded = await api.call<Staff>('PUT', `/staff/${away.staffId}/absence`, { token: manager, body: absence });
    const ended = await api.call<Staff>('DELETE', `/staff/${away.staffId}/absence`, { token: manager });
    const again = await api.call('DELETE', `/staff/${away.staffId}/absence`, { token: manager });

    expect(recorded.body.absence).toEqual(absence);
    expect(ended.body.absence).toBeNull();
    expect(again.status).toBe(409);
  });

  it('refuses a cover who has left with 422 naming R-TEAM-5', async () => {
    const [away, gone] = await Promise.all([staffWith(['inspector']), staffWith(['inspector'])]);
    await api.call('POST', `/staff/${gone.staffId}/departure`, { token: manager, body: { leftOn: '2026-01-31' } });

    const answer = await api.call('PUT', `/staff/${away.staffId}/absence`, {
      token: manager,
      body: { from: '2026-12-21', to: '2027-01-03', coverStaffId: gone.staffId, reason: 'Leave' },
    });

    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { ruleId: 'R-TEAM-5', details: [{ path: 'body.coverStaffId' }] } });
  });

  it('refuses a cover who is the same person, unknown, or dates back to front or out of range (400)', async () => {
    const away = await staffWith(['inspector']);
    const base = { from: '2026-12-21', to: '2027-01-03', coverStaffId: ulid(), reason: 'Leave' };

    const answers = await Promise.all(
      [
        { ...base, coverStaffId: away.staffId },
        base,
        { ...base, to: '2026-12-01' },
        { ...base, from: '1999-12-31' },
        { ...base, to: '2100-01-01' },
      ].map((body) => api.call('PUT', `/staff/${away.staffId}/absence`, { token: manager, body })),
    );

    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400]);
  });
});

describe('leaving (R-TEAM-5)', () => {
  it('lists every relationship and lead to reallocate, then refuses allocating to the leaver with 422', async () => {
    const leaver = await staffWith(['inspector', 'inspection-manager']);
    const provider = (
      await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector: 'nhs-trust' }) })
    ).body;
    const held = await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: leaver.staffId, reason: 'Allocated' },
    });
    expect(held.status).toBe(200);

    const departure = await api.call<DepartureAnswer>('POST', `/staff/${leaver.staffId}/departure`, {
      token: manager,
      body: { leftOn: today() },
    });
    const other = (
      await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector: 'nhs-trust' }) })
    ).body;
    const refused = await api.call('PUT', `/providers/${other.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: leaver.staffId, reason: 'Allocated after leaving' },
    });
    const twice = await api.call('POST', `/staff/${leaver.staffId}/departure`, {
      token: manager,
      body: { leftOn: today() },
    });
    const read = await api.call('GET', `/staff/${leaver.staffId}`, { token: admin });

    expect(departure.status).toBe(200);
    expect(departure.body.staff.leftOn).toBe(today());
    expect(departure.body.toReallocate.relationships.map((r) => r.providerId)).toEqual([provider.providerId]);
    expect(departure.body.toReallocate.corporateLeads).toEqual([]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { ruleId: 'R-TEAM-5', details: [{ path: 'body.staffId' }] } });
    expect(twice.status).toBe(409);
    expect(read.headers.get('etag')).toBe('"2"');
  });

  it('still allocates to someone whose leaving day is in the future', async () => {
    const leaving = await staffWith(['inspector']);
    await api.call('POST', `/staff/${leaving.staffId}/departure`, { token: manager, body: { leftOn: '2099-12-31' } });
    const provider = (
      await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider({ sector: 'nhs-trust' }) })
    ).body;

    const answer = await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: leaving.staffId, reason: 'Until they go' },
    });

    expect(answer.status).toBe(200);
  });

  it('refuses a leaving day outside 2000..2099 (400) and an unknown member of staff (404)', async () => {
    const person = await staffWith(['inspector']);

    const answers = await Promise.all([
      api.call('POST', `/staff/${person.staffId}/departure`, { token: manager, body: { leftOn: '1999-01-01' } }),
      api.call('POST', `/staff/${ulid()}/departure`, { token: manager, body: { leftOn: today() } }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([400, 404]);
  });
});
