import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { staffKey } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { ProviderTeams, Team } from '../../shared/schemas/team.ts';
import type { TeamDashboard } from '../../shared/schemas/team-dashboard.ts';
import { aProvider, aStaffMember, uniqueName } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/** Teams (R-TEAM-1), which team is responsible for a provider or location (R-TEAM-2), staff in teams. */
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
const aTeam = async (body: Record<string, unknown> = {}) =>
  (
    await api.call<Team>('POST', '/teams', {
      token: manager,
      body: { name: uniqueName('Team'), kind: 'assessment', ...body },
    })
  ).body;
const aRegisteredProvider = async () =>
  (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;

describe('teams (R-TEAM-1)', () => {
  it('creates an assessment team naming its operations manager and deputy director, readable by id', async () => {
    const [om, dd] = await Promise.all([staffWith(['operations-manager']), staffWith(['deputy-director'])]);

    const created = await api.call<Team>('POST', '/teams', {
      token: manager,
      body: {
        name: 'North Cumbria — Ænglish Lakes',
        kind: 'assessment',
        operationsManagerId: om.staffId,
        deputyDirectorId: dd.staffId,
        area: 'Carlisle, Eden and Allerdale',
      },
    });
    const read = await api.call<Team>('GET', `/teams/${created.body.teamId}`, {
      token: await api.tokenFor(['assessor']),
    });

    expect(created.status).toBe(201);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toMatchObject({
      name: 'North Cumbria — Ænglish Lakes',
      kind: 'assessment',
      operationsManagerName: om.name,
      deputyDirectorName: dd.name,
    });
  });

  it('refuses an inspector as the operations manager with 422 naming R-TEAM-1, storing nothing', async () => {
    const inspector = await staffWith(['inspector']);
    const name = uniqueName('Refused team');

    const answer = await api.call('POST', '/teams', {
      token: manager,
      body: { name, kind: 'assessment', operationsManagerId: inspector.staffId },
    });
    const list = await api.call<{ items: Team[] }>('GET', '/teams?limit=100&kind=assessment', { token: admin });

    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: { ruleId: 'R-TEAM-1', details: [{ path: 'body.operationsManagerId' }] },
    });
    expect(list.body.items.map((team) => team.name)).not.toContain(name);
  });

  it('refuses an unknown kind and an empty name with 400', async () => {
    const answers = await Promise.all([
      api.call('POST', '/teams', { token: manager, body: { name: uniqueName('T'), kind: 'national-pool' } }),
      api.call('POST', '/teams', { token: manager, body: { name: '', kind: 'assessment' } }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
  });

  it('changes a team with If-Match, refusing a stale ETag with 412 and no ETag with 428', async () => {
    const team = await aTeam();
    const dd = await staffWith(['deputy-director']);

    const changed = await api.call<Team>('PATCH', `/teams/${team.teamId}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
      body: { deputyDirectorId: dd.staffId, area: 'Leeds' },
    });
    const stale = await api.call('PATCH', `/teams/${team.teamId}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
      body: { area: 'Bradford' },
    });
    const bare = await api.call('PATCH', `/teams/${team.teamId}`, { token: manager, body: { area: 'Bradford' } });

    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).toMatchObject({ deputyDirectorName: dd.name, area: 'Leeds' });
    expect([stale.status, bare.status]).toEqual([412, 428]);
  });

  it('audits a team beside it: creation and each change, with what changed', async () => {
    const team = await aTeam();
    await api.call('PATCH', `/teams/${team.teamId}`, {
      token: manager,
      headers: { 'if-match': '"1"' },
      body: { area: 'Wirral' },
    });

    const stored = await documentClient.send(
      new QueryCommand({
        TableName: process.env.AUDIT_TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `TEAM#${team.teamId}`, ':audit': 'AUDIT#' },
      }),
    );

    expect(stored.Items?.map((item) => item.action).sort()).toEqual(['created', 'updated']);
    expect(stored.Items?.find((item) => item.action === 'updated')).toMatchObject({
      before: { area: null },
      after: { area: 'Wirral' },
    });
  });

  it('lists teams of one kind only', async () => {
    const medicines = await aTeam({ kind: 'medicines' });
    const assessment = await aTeam();

    const list = await api.call<{ items: Team[] }>('GET', '/teams?kind=medicines&limit=100', { token: admin });

    const ids = list.body.items.map((team) => team.teamId);
    expect(ids).toContain(medicines.teamId);
    expect(ids).not.toContain(assessment.teamId);
  });

  it('lets only admins and operations managers create teams (403 for an inspector)', async () => {
    const answer = await api.call('POST', '/teams', {
      token: await api.tokenFor(['inspector']),
      body: { name: uniqueName('T'), kind: 'assessment' },
    });

    expect(answer.status).toBe(403);
  });

  it('answers 404 for a team nobody created', async () => {
    const answer = await api.call('GET', `/teams/${ulid()}`, { token: admin });

    expect(answer.status).toBe(404);
  });
});

describe("a provider's team (R-TEAM-2)", () => {
  it('moves a provider between teams, keeping who was responsible when, audited', async () => {
    const [north, south, provider] = await Promise.all([aTeam(), aTeam(), aRegisteredProvider()]);

    await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: north.teamId, reason: 'Registered in Carlisle' },
    });
    const moved = await api.call<ProviderTeams>('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: south.teamId, reason: 'Head office moved to Exeter' },
    });
    const audit = await api.call<{ items: AuditEntry[] }>('GET', `/providers/${provider.providerId}/audit`, {
      token: admin,
    });

    expect(moved.status).toBe(200);
    expect(moved.body.current).toEqual([expect.objectContaining({ teamName: south.name, scope: 'provider' })]);
    expect(moved.body.history).toEqual([
      expect.objectContaining({ teamName: south.name, to: null }),
      expect.objectContaining({
        teamName: north.name,
        to: expect.any(String),
        endReason: 'Head office moved to Exeter',
      }),
    ]);
    expect(audit.body.items.filter((entry) => entry.entityType === 'team-assignment')).toHaveLength(2);
  });

  it('reads a provider’s teams and history back; a provider with no team reads empty; an unknown one is 404', async () => {
    const [team, provider, noTeam] = await Promise.all([aTeam(), aRegisteredProvider(), aRegisteredProvider()]);
    await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: team.teamId, reason: 'Registered' },
    });
    const reader = await api.tokenFor(['assessor']);

    const [read, empty, unknown] = await Promise.all([
      api.call<ProviderTeams>('GET', `/providers/${provider.providerId}/team`, { token: reader }),
      api.call<ProviderTeams>('GET', `/providers/${noTeam.providerId}/team`, { token: reader }),
      api.call('GET', `/providers/${ulid()}/team`, { token: reader }),
    ]);

    expect(read.body.current).toEqual([expect.objectContaining({ teamId: team.teamId, reason: 'Registered' })]);
    expect(read.body.history).toHaveLength(1);
    expect(empty.body).toEqual({ current: [], history: [] });
    expect(unknown.status).toBe(404);
  });

  it('gives a location its own team beside the provider’s', async () => {
    const [north, south, provider] = await Promise.all([aTeam(), aTeam(), aRegisteredProvider()]);
    const location = await api.call<{ locationId: string }>('POST', `/providers/${provider.providerId}/locations`, {
      token: admin,
      body: { name: 'Penrith House', address: '1 Main Street' },
    });

    await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: north.teamId, reason: 'Registered' },
    });
    const answer = await api.call<ProviderTeams>('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: south.teamId, locationId: location.body.locationId, reason: 'Across the border' },
    });

    expect(answer.body.current).toHaveLength(2);
    expect(answer.body.current).toContainEqual(
      expect.objectContaining({ scope: 'location', locationId: location.body.locationId, teamId: south.teamId }),
    );
  });

  it('refuses a team nobody created (400 naming teamId) and the same team again (409)', async () => {
    const [team, provider] = await Promise.all([aTeam(), aRegisteredProvider()]);
    await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: team.teamId, reason: 'Registered' },
    });

    const unknown = await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: ulid(), reason: 'Typo' },
    });
    const again = await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: team.teamId, reason: 'Again' },
    });

    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { details: [{ path: 'body.teamId' }] } });
    expect(again.status).toBe(409);
  });

  it('keeps one open history entry when two first assignments race (each 200 or 409)', async () => {
    const [a, b, c, provider] = await Promise.all([aTeam(), aTeam(), aTeam(), aRegisteredProvider()]);

    const answers = await Promise.all(
      [a, b].map((team) =>
        api.call('PUT', `/providers/${provider.providerId}/team`, {
          token: manager,
          body: { teamId: team.teamId, reason: 'Race' },
        }),
      ),
    );
    const after = await api.call<ProviderTeams>('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: c.teamId, reason: 'Settled' },
    });

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(after.body.current).toEqual([expect.objectContaining({ teamId: c.teamId })]);
    expect(after.body.history.filter((entry) => entry.to === null)).toHaveLength(1);
    expect(after.body.history).toHaveLength(statuses.filter((status) => status === 200).length + 1);
  });

  it('answers 404 for a provider nobody registered', async () => {
    const team = await aTeam();

    const answer = await api.call('PUT', `/providers/${ulid()}/team`, {
      token: manager,
      body: { teamId: team.teamId, reason: 'Nobody' },
    });

    expect(answer.status).toBe(404);
  });
});

describe('staff in teams', () => {
  it('registers a member of staff in a team, and refuses a team nobody created (400)', async () => {
    const team = await aTeam();

    const inTeam = await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ teamId: team.teamId }),
    });
    const refused = await api.call('POST', '/staff', { token: admin, body: aStaffMember({ teamId: ulid() }) });

    expect(inTeam.body).toMatchObject({ teamId: team.teamId, leftOn: null, absence: null });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { details: [{ path: 'body.teamId' }] } });
  });

  it('reads a member of staff stored before teams existed as in no team (migration)', async () => {
    const { staffId, name } = await aStaffMemberStoredBeforeTeams(['inspector']);

    const read = await api.call<Staff>('GET', `/staff/${staffId}`, { token: admin });

    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name, team: 'Old free-text team', teamId: null, leftOn: null, absence: null });
  });
});

describe("a team's dashboard (R-TEAM-3, R-TEAM-5)", () => {
  it('shows its providers, those lacking a holder the policy requires, absences with cover, and leavers’ work', async () => {
    const team = await aTeam();
    const [withHolder, without] = await Promise.all([aRegisteredProvider(), aRegisteredProvider()]);
    const [leaver, away, cover] = await Promise.all([
      api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ teamId: team.teamId }) }),
      api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ teamId: team.teamId }) }),
      staffWith(['inspector']),
    ]);
    for (const provider of [withHolder, without]) {
      await api.call('PUT', `/providers/${provider.providerId}/team`, {
        token: manager,
        body: { teamId: team.teamId, reason: 'In the area' },
      });
    }
    await api.call('PUT', `/providers/${withHolder.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: leaver.body.staffId, reason: 'Allocated' },
    });
    await api.call('PUT', `/staff/${away.body.staffId}/absence`, {
      token: manager,
      body: { from: '2026-01-01', to: '2099-01-01', coverStaffId: cover.staffId, reason: 'Secondment' },
    });
    await api.call('POST', `/staff/${leaver.body.staffId}/departure`, {
      token: manager,
      body: { leftOn: new Date().toISOString().slice(0, 10) },
    });

    const answer = await api.call<TeamDashboard>('GET', `/teams/${team.teamId}/dashboard`, {
      token: await api.tokenFor(['regulatory-coordinator']),
    });

    expect(answer.status).toBe(200);
    expect(answer.body.providers.map((p) => p.providerId).sort()).toEqual(
      [withHolder.providerId, without.providerId].sort(),
    );
    // The leaver still holds the first trust until it is reallocated (listed under leavers), so only the
    // second is missing the provider holder the policy in force requires (R-REL-1).
    expect(answer.body.providersMissingHolders.map((p) => p.providerId)).toEqual([without.providerId]);
    expect(answer.body.providersMissingHolders[0]?.missing).toContainEqual(
      expect.objectContaining({ kind: 'relationship-holder', level: 'provider' }),
    );
    expect(answer.body.absences).toEqual([
      expect.objectContaining({
        staffId: away.body.staffId,
        absence: expect.objectContaining({ coverStaffId: cover.staffId }),
      }),
    ]);
    expect(answer.body.leavers).toEqual([
      expect.objectContaining({
        staffId: leaver.body.staffId,
        toReallocate: expect.objectContaining({
          relationships: [expect.objectContaining({ providerId: withHolder.providerId })],
        }),
      }),
    ]);
  });

  it('lists open meetings past due as overdue and future planned ones as unbooked, but not held ones', async () => {
    const [team, provider] = await Promise.all([aTeam(), aRegisteredProvider()]);
    await api.call('PUT', `/providers/${provider.providerId}/team`, {
      token: manager,
      body: { teamId: team.teamId, reason: 'In the area' },
    });
    const meetings = new DynamoMeetingStore(process.env.MEETINGS_TABLE ?? '', process.env.PROVIDERS_TABLE ?? '');
    const [overdue, unbooked, held] = [
      aMeeting(provider, '2025-03-31', 'planned'),
      aMeeting(provider, '2099-03-31', 'planned'),
      aMeeting(provider, '2025-06-30', 'held'),
    ];
    for (const meeting of [overdue, unbooked, held]) await meetings.planSlot(meeting, meeting.meetingId, []);

    const answer = await api.call<TeamDashboard>('GET', `/teams/${team.teamId}/dashboard`, { token: manager });

    expect(answer.body.overdueMeetings.map((m) => m.meetingId)).toEqual([overdue.meetingId]);
    expect(answer.body.unbookedMeetings.map((m) => m.meetingId)).toEqual([unbooked.meetingId]);
  });

  it('answers 404 for a team nobody created', async () => {
    const answer = await api.call('GET', `/teams/${ulid()}/dashboard`, { token: admin });

    expect(answer.status).toBe(404);
  });
});

/** A staff item as stored before teams existed: no teamId, leftOn or absence. */
async function aStaffMemberStoredBeforeTeams(roles: Staff['roles']) {
  const staffId = ulid();
  const name = uniqueName('Before teams');
  const profile = {
    staffId,
    name,
    email: `${staffId.toLowerCase()}@regulator.test`,
    roles,
    team: 'Old free-text team',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'staff:legacy',
    updatedAt: '2024-01-01T00:00:00.000Z',
    updatedBy: 'staff:legacy',
  };
  const put = (item: Record<string, unknown>) =>
    documentClient.send(new PutCommand({ TableName: process.env.PROVIDERS_TABLE, Item: item }));
  await put({
    ...staffKey(staffId),
    kind: 'staff',
    gsi1pk: 'STAFF',
    gsi1sk: `${name.toLowerCase()}#${staffId}`,
    ...profile,
  });
  for (const role of roles) {
    await put({
      pk: `STAFF#${staffId}`,
      sk: `ROLE#${role}`,
      kind: 'staff-role',
      gsi2pk: `ROLE#${role}`,
      gsi2sk: `${name.toLowerCase()}#${staffId}`,
      ...profile,
    });
  }
  return { staffId, name };
}

describe('migration: staff and providers from before teams keep working', () => {
  it('allocates a pre-teams member of staff as holder of a provider with no team, reads its plan, and changes them', async () => {
    const { staffId } = await aStaffMemberStoredBeforeTeams(['inspector']);
    const provider = await aRegisteredProvider();

    const allocated = await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId, reason: 'Allocated before teams' },
    });
    const plan = await api.call('GET', `/providers/${provider.providerId}/engagement-plan`, { token: admin });
    const moved = await api.call<Staff>('PATCH', `/staff/${staffId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { roles: ['inspector', 'inspection-manager'] },
    });

    expect([allocated.status, plan.status, moved.status]).toEqual([200, 200, 200]);
    expect(moved.body).toMatchObject({ teamId: null, team: 'Old free-text team' });
  });
});

/** A meeting as the planner stores it, due on `dueBy`, for the dashboard's meeting lists. */
function aMeeting(provider: Provider, dueBy: string, status: Meeting['status']): Meeting {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    meetingId: ulid(),
    providerId: provider.providerId,
    providerName: provider.name,
    type: 'engagement',
    level: 'provider',
    locationId: null,
    ruleId: 'R-CAD-4',
    policyId: 'assessment-framework-2023',
    summary: 'Quarterly engagement meeting',
    period: dueBy.slice(0, 7),
    dueBy,
    status,
    startsAt: null,
    durationMinutes: null,
    mode: null,
    venue: null,
    holderStaffId: null,
    lead: null,
    regulatorAttendees: [],
    providerAttendees: [],
    groupsToMeet: [],
    requirements: { leadRoles: [], regulatorAttendees: [], providerAttendees: [], modes: [] },
    cancelReason: null,
    heldAt: status === 'held' ? '2025-06-01T10:00:00+01:00' : null,
    notes: null,
    actions: [],
    // Marked as already alerted, so daily-run tests sharing this DynamoDB Local send nothing for it (R-CAD-8).
    overdueNotifiedAt: at,
    share: null,
    inviteSequence: 0,
    version: 1,
    createdAt: at,
    createdBy: 'system:test',
    updatedAt: at,
    updatedBy: 'system:test',
  };
}
