import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalStaffDirectory } from '../../shared/adapters/identity/local-staff-directory.ts';
import { addDays, londonDate } from '../../shared/domain/calendar.ts';
import type { Submission } from '../../shared/schemas/contact.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { TeamDashboard } from '../../shared/schemas/team-dashboard.ts';
import { aStaffMember } from './support/builders.ts';
import { aContactableProvider, giveTeam, postContact, referenceIn } from './support/contact.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Routing by team and relationship (issue 14 item 4; R-REL-4, R-REL-6, R-TEAM-2, R-TEAM-4, R-TEAM-5), over the
 * wire on DynamoDB Local and SES local: the holder or whoever covers them, a Market Oversight provider's
 * corporate relationship manager too, the team's co-ordinator (kept while the provider stays), the admin queue.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const today = () => londonDate(new Date());
const aMember = async (roles: Staff['roles'], teamId?: string) =>
  (
    await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles, ...(teamId ? { teamId } : {}) }),
    })
  ).body;
const send = async (token: string, details = 'A question about our registration') => {
  const sent = await postContact(api, token, { kind: 'registration-question', details });
  expect(sent.status).toBe(303);
  const reference = referenceIn(sent.headers.get('location')) ?? '';
  return (await api.call<Submission>('GET', `/submissions/${reference}`, { token: admin })).body;
};
const mailTo = async (email: string) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));
type Dashboard = { openSubmissions: { reference: string }[] };
const dashboardOf = async (staff: Staff) =>
  (await api.call<Dashboard>('GET', '/me/dashboard', { token: await api.tokenFor(staff.roles, staff.staffId) })).body;

describe('to the holder, or whoever covers them (R-REL-4, R-TEAM-5)', () => {
  it('sends an independent healthcare provider’s submission to its holder, who is emailed and named to the provider', async () => {
    const { token, holder, contact } = await aContactableProvider(api, admin, 'independent-healthcare', {
      locations: 2,
      team: true,
    });

    const submission = await send(token);

    expect(submission.routedTo).toMatchObject({
      to: 'relationship-holder',
      staffId: holder?.staffId,
      ruleId: 'R-REL-4',
      coveringFor: null,
      also: [],
    });
    expect((await mailTo(holder?.email ?? '')).map((mail) => mail.subject)).toContainEqual(
      expect.stringContaining(submission.reference),
    );
    const [acknowledgement] = await mailTo(contact.email);
    expect(acknowledgement?.body.text).toContain(`${holder?.name} (your relationship holder) will handle it`);
  });

  it('sends it to the cover while the holder is away, names the cover to the provider, and shows it on the cover’s dashboard', async () => {
    const { token, holder, contact } = await aContactableProvider(api, admin, 'nhs-trust', { locations: 1 });
    const cover = await aMember(['inspector']);
    const away = await api.call('PUT', `/staff/${holder?.staffId}/absence`, {
      token: admin,
      body: {
        from: addDays(today(), -1),
        to: addDays(today(), 5),
        coverStaffId: cover.staffId,
        reason: 'Annual leave',
      },
    });
    expect(away.status).toBe(200);

    const submission = await send(token);

    expect(submission.routedTo).toMatchObject({
      to: 'relationship-holder',
      staffId: cover.staffId,
      staffName: cover.name,
      coveringFor: { staffId: holder?.staffId, staffName: holder?.name },
    });
    expect(submission.routedTo.why).toContain('R-TEAM-5');
    const [acknowledgement] = await mailTo(contact.email);
    expect(acknowledgement?.body.text).toContain(
      `${cover.name} (covering for your relationship holder, ${holder?.name}) will handle it`,
    );
    expect((await dashboardOf(cover)).openSubmissions.map((open) => open.reference)).toContain(submission.reference);
    expect(await mailTo(holder?.email ?? '')).toEqual([]);
  });

  it('keeps a submission’s recorded route after the relationship is handed over (history)', async () => {
    const { provider, token, holder } = await aContactableProvider(api, admin, 'nhs-trust', { locations: 1 });
    const before = await send(token);
    const next = await aMember(['inspector']);
    await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: next.staffId, reason: 'Handover' },
    });

    const after = await send(token);
    const reread = (await api.call<Submission>('GET', `/submissions/${before.reference}`, { token: admin })).body;

    expect(reread.routedTo.staffId).toBe(holder?.staffId);
    expect(after.routedTo.staffId).toBe(next.staffId);
  });
});

describe('a Market Oversight provider also reaches its corporate relationship manager (R-REL-4, R-CORP-4)', () => {
  it('routes to the team’s co-ordinator and the corporate relationship manager, both emailed, both with it on their dashboard until answered', async () => {
    const { provider, token, teamCoordinator } = await aContactableProvider(api, admin, 'adult-social-care', {
      locations: 3,
      holder: false,
      team: true,
      marketOversight: true,
    });
    const manager = await aMember(['corporate-relationship-manager']);
    const lead = await api.call('PUT', `/providers/${provider.providerId}/corporate-lead`, {
      token: admin,
      body: { staffId: manager.staffId, reason: 'Market Oversight' },
    });
    expect(lead.status).toBe(200);

    const submission = await send(token);

    expect(submission.routedTo).toMatchObject({
      to: 'regulatory-coordinator',
      staffId: teamCoordinator?.staffId,
      also: [
        { to: 'corporate-relationship-manager', staffId: manager.staffId, staffName: manager.name, ruleId: 'R-REL-4' },
      ],
    });
    const [notice] = await mailTo(manager.email);
    expect(notice?.body.text).toContain('Market Oversight');
    expect((await dashboardOf(manager)).openSubmissions.map((open) => open.reference)).toContain(submission.reference);

    const answered = await api.call('POST', `/submissions/${submission.reference}/answer`, {
      token: await api.tokenFor(['regulatory-coordinator'], teamCoordinator?.staffId),
      body: { text: 'Thank you: we will call you.' },
    });
    expect(answered.status).toBe(200);
    expect((await dashboardOf(manager)).openSubmissions.map((open) => open.reference)).not.toContain(
      submission.reference,
    );
    const listed = await api.call<{ items: Submission[] }>('GET', `/providers/${provider.providerId}/submissions`, {
      token: admin,
    });
    expect(listed.body.items.map((item) => item.reference)).toEqual([submission.reference]);
  });
});

describe('to the team’s regulatory co-ordinator, the same one while the provider stays (R-REL-6, R-TEAM-4)', () => {
  it('sends an adult social care provider’s submissions to its team’s co-ordinator, unmoved by co-ordinators added in the team or elsewhere', async () => {
    const { token, team, teamCoordinator } = await aContactableProvider(api, admin, 'adult-social-care', {
      locations: 1,
      holder: false,
      team: true,
    });
    const first = await send(token);
    const otherTeam = await aContactableProvider(api, admin, 'adult-social-care', { holder: false, team: true });
    await Promise.all([
      aMember(['regulatory-coordinator'], team?.teamId),
      aMember(['regulatory-coordinator'], team?.teamId),
      aMember(['regulatory-coordinator'], otherTeam.team?.teamId),
      aMember(['regulatory-coordinator']),
    ]);

    const second = await send(token);

    expect(first.routedTo).toMatchObject({
      to: 'regulatory-coordinator',
      staffId: teamCoordinator?.staffId,
      teamId: team?.teamId,
      ruleId: 'R-REL-6',
    });
    expect(second.routedTo.staffId).toBe(teamCoordinator?.staffId);
  });

  it('never sends it to a co-ordinator who has left: another of the team takes the provider on (R-TEAM-5)', async () => {
    const { token, team, teamCoordinator } = await aContactableProvider(api, admin, 'primary-medical-services', {
      holder: false,
      team: true,
    });
    await send(token);
    const successor = await aMember(['regulatory-coordinator'], team?.teamId);
    const left = await api.call('POST', `/staff/${teamCoordinator?.staffId}/departure`, {
      token: admin,
      body: { leftOn: today() },
    });
    expect(left.status).toBe(200);

    const after = await send(token);
    const again = await send(token);

    expect(after.routedTo.staffId).toBe(successor.staffId);
    expect(again.routedTo.staffId).toBe(successor.staffId);
  });

  it('gives one co-ordinator to a provider whose first submissions arrive at the same moment', async () => {
    const { token, team } = await aContactableProvider(api, admin, 'adult-social-care', { holder: false, team: true });
    await Promise.all([
      aMember(['regulatory-coordinator'], team?.teamId),
      aMember(['regulatory-coordinator'], team?.teamId),
    ]);

    const sent = await Promise.all([1, 2, 3, 4].map((n) => send(token, `Question ${n}`)));

    expect(new Set(sent.map((submission) => submission.routedTo.staffId)).size).toBe(1);
  });
});

describe('no team yet: the admin queue (R-TEAM-2; issue 14 item 7, migration)', () => {
  it('puts a submission of a provider with no team in the admin queue, shown to admins and on team dashboards, and acknowledged in words', async () => {
    const { token, contact } = await aContactableProvider(api, admin, 'adult-social-care', {
      locations: 1,
      holder: false,
    });
    const { team } = await aContactableProvider(api, admin, 'adult-social-care', { holder: false, team: true });

    const submission = await send(token);
    const queue = await api.call<{ items: Submission[]; nextToken: string | null }>('GET', '/admin-queue?limit=100', {
      token: admin,
    });
    const teamView = await api.call<TeamDashboard>('GET', `/teams/${team?.teamId}/dashboard`, { token: admin });

    expect(submission.routedTo).toMatchObject({ to: 'admin-queue', staffId: null, teamId: null, ruleId: 'R-REL-6' });
    expect(submission.routedTo.why).toContain('R-TEAM-2');
    expect(await allQueued(queue.body)).toContain(submission.reference);
    expect(teamView.status).toBe(200);
    expect(teamView.body.adminQueue.length).toBeGreaterThan(0);
    const [acknowledgement] = await mailTo(contact.email);
    expect(acknowledgement?.body.text).toContain(
      'Our provider engagement team (until an assessment team is allocated to you) will handle it',
    );
  });

  it('keeps a provider and holder from before teams working: the holder still gets it; once given a team the next goes to its co-ordinator', async () => {
    const { provider, token, holder } = await aContactableProvider(api, admin, 'nhs-trust', { locations: 1 });
    const beforeTeams = await send(token);
    const asc = await aContactableProvider(api, admin, 'adult-social-care', { holder: false });
    const queued = await send(asc.token);
    const { team } = await aContactableProvider(api, admin, 'adult-social-care', { holder: false, team: true });
    await giveTeam(api, admin, asc.provider.providerId, team?.teamId ?? '');

    const teamed = await send(asc.token);

    expect(holder?.teamId).toBeNull();
    expect(beforeTeams.routedTo).toMatchObject({ to: 'relationship-holder', staffId: holder?.staffId, teamId: null });
    expect(provider.providerId).toBeTruthy();
    expect(queued.routedTo.to).toBe('admin-queue');
    expect(teamed.routedTo).toMatchObject({ to: 'regulatory-coordinator', teamId: team?.teamId });
    const reread = (await api.call<Submission>('GET', `/submissions/${queued.reference}`, { token: admin })).body;
    expect(reread.routedTo.to).toBe('admin-queue');
  });

  it('says on the contact page’s confirmation who will handle it, in words, for the admin queue', async () => {
    const queued = await aContactableProvider(api, admin, 'adult-social-care', { holder: false });
    const sent = await postContact(api, queued.token, { kind: 'feedback', details: 'Thank you' });

    const page = await api.call<string>(
      'GET',
      new URL(sent.headers.get('location') ?? '/', api.baseUrl).pathname +
        new URL(sent.headers.get('location') ?? '/', api.baseUrl).search,
    );

    expect(page.text).toContain(
      'Our provider engagement team, until an assessment team is allocated to you, will handle it.',
    );
    expect(page.text).not.toContain('The assessment team will handle it');
  });

  it('takes a submission out of the admin queue once it is closed', async () => {
    const { token } = await aContactableProvider(api, admin, 'community-interest-company', { holder: false });
    const submission = await send(token);

    await api.call('POST', `/submissions/${submission.reference}/close`, {
      token: admin,
      body: { reason: 'Answered by phone' },
    });

    const queue = await api.call<{ items: Submission[]; nextToken: string | null }>('GET', '/admin-queue?limit=100', {
      token: admin,
    });
    expect(await allQueued(queue.body)).not.toContain(submission.reference);
  });
});

/** Every reference in the admin queue (other files add to it too), following nextToken. */
async function allQueued(first: { items: Submission[]; nextToken: string | null }): Promise<string[]> {
  const references = first.items.map((item) => item.reference);
  let next = first.nextToken;
  while (next) {
    const page = await api.call<{ items: Submission[]; nextToken: string | null }>(
      'GET',
      `/admin-queue?limit=100&nextToken=${encodeURIComponent(next)}`,
      { token: admin },
    );
    references.push(...page.body.items.map((item) => item.reference));
    next = page.body.nextToken;
  }
  return references;
}

describe('a change whose sign-in sync fails is saved and recoverable (R-TEAM-5; issue 14 loose end a)', () => {
  it('answers 503 naming the retry when the directory fails after the record is stored; the retry brings it into step', async () => {
    const member = await aMember(['inspector']);
    const sync = vi.spyOn(LocalStaffDirectory.prototype, 'syncSignIn').mockRejectedValueOnce(new Error('throttled'));

    const changed = await api.call<{ error: { code: string; message: string } }>('PATCH', `/staff/${member.staffId}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { roles: ['inspector', 'inspection-manager'] },
    });
    const stored = await api.call<Staff>('GET', `/staff/${member.staffId}`, { token: admin });
    const retried = await api.call<Staff>('POST', `/staff/${member.staffId}/sign-in-groups`, { token: admin });

    expect(changed.status).toBe(503);
    expect(changed.body.error.code).toBe('sign_in_sync_pending');
    expect(changed.body.error.message).toContain('is saved');
    expect(changed.body.error.message).not.toContain('throttled');
    expect(stored.body.roles).toEqual(['inspector', 'inspection-manager']);
    expect(retried.status).toBe(200);
    expect(sync).toHaveBeenLastCalledWith(member.staffId, ['inspector', 'inspection-manager'], true);
  });

  it('answers 503 again while the directory still fails, and changes nothing stored', async () => {
    const member = await aMember(['inspector']);
    vi.spyOn(LocalStaffDirectory.prototype, 'syncSignIn').mockRejectedValue(new Error('unavailable'));

    const retried = await api.call('POST', `/staff/${member.staffId}/sign-in-groups`, { token: admin });
    const stored = await api.call<Staff>('GET', `/staff/${member.staffId}`, { token: admin });

    expect(retried.status).toBe(503);
    expect(stored.body.version).toBe(1);
  });

  it('records a leaver and says the sign-in will be disabled on retry when the directory fails', async () => {
    const member = await aMember(['inspector']);
    const sync = vi.spyOn(LocalStaffDirectory.prototype, 'syncSignIn').mockRejectedValueOnce(new Error('throttled'));

    const left = await api.call('POST', `/staff/${member.staffId}/departure`, {
      token: admin,
      body: { leftOn: today() },
    });
    const stored = await api.call<Staff>('GET', `/staff/${member.staffId}`, { token: admin });
    const retried = await api.call('POST', `/staff/${member.staffId}/sign-in-groups`, { token: admin });

    expect(left.status).toBe(503);
    expect(stored.body.leftOn).toBe(today());
    expect(retried.status).toBe(200);
    expect(sync).toHaveBeenLastCalledWith(member.staffId, ['inspector'], false);
  });

  it('answers 404 for a member of staff who does not exist', async () => {
    const answer = await api.call('POST', `/staff/${ulid()}/sign-in-groups`, { token: admin });

    expect(answer.status).toBe(404);
  });
});

describe('fuzzing the admin queue’s paging (fast-check)', () => {
  it('answers any limit and nextToken with 200 or a 400 in the one error shape, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.string({ maxLength: 12 })),
        fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ maxLength: 80 }), fc.constant('\u0000\u202e')),
        async (limit, nextToken) => {
          const answer = await api.call(
            'GET',
            `/admin-queue?limit=${encodeURIComponent(limit)}&nextToken=${encodeURIComponent(nextToken)}`,
            { token: admin },
          );
          expect(answer.status).toBeLessThan(500);
          if (answer.status !== 200) {
            expect(answer.status).toBe(400);
            expect(answer.body).toHaveProperty('error.code');
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
