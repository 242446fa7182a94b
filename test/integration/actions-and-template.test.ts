import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * R-CAD-9: an agreed action is marked done; R-TPL-1: the next meeting's draft template carries the last
 * meeting's notes and its actions still open, and the good practice found.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const meetingsOf = async (providerId: string) =>
  (await api.call<{ items: Meeting[] }>('GET', `/providers/${providerId}/meetings?limit=100`, { token: admin })).body
    .items;

async function aHeldMeetingAndTheNext() {
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: aProvider() })).body;
  await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2026-07-01' } });
  const [first] = (await meetingsOf(trust.providerId)).filter((meeting) => meeting.period === '2026-Q3');
  const held = await api.call<Meeting>('POST', `/meetings/${first?.meetingId}/outcome`, {
    token: admin,
    body: {
      heldAt: '2026-09-10T10:00:00+01:00',
      notes: 'Discussed the winter plan.',
      actions: [
        { description: 'Send the staffing review', owner: 'The trust', dueDate: '2026-10-15' },
        { description: 'Share the falls audit', owner: 'The trust', dueDate: '2026-11-30' },
      ],
    },
  });
  await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2026-10-01' } });
  const [next] = (await meetingsOf(trust.providerId)).filter((meeting) => meeting.period === '2026-Q4');
  if (!next) throw new Error('no next meeting');
  return { trust, held: held.body, next };
}

const markAction = (meeting: Meeting, actionId: string, status: string, version = meeting.version) =>
  api.call<Meeting>('PATCH', `/meetings/${meeting.meetingId}/actions/${actionId}`, {
    token: admin,
    headers: { 'if-match': `"${version}"` },
    body: { status },
  });

const lastMeetingSection = async (meeting: Meeting) =>
  (await api.call<Template>('GET', `/meetings/${meeting.meetingId}/template`, { token: admin })).body.sections.find(
    (section) => section.sectionId === 'last-meeting',
  );

describe('agreed actions and the next template (R-CAD-9, R-TPL-1)', () => {
  it('marks an action done, audited with who and when, and the next template carries only the open one', async () => {
    const { held, next } = await aHeldMeetingAndTheNext();
    const [staffing, falls] = held.actions;

    const before = await lastMeetingSection(next);
    const done = await markAction(held, staffing?.actionId ?? '', 'done');
    const after = await lastMeetingSection(next);

    expect(before?.items.map((item) => item.text)).toEqual([
      'Notes of the meeting held on 10 September 2026: Discussed the winter plan.',
      'Open action from 10 September 2026: Send the staffing review (The trust, due 15 October 2026)',
      'Open action from 10 September 2026: Share the falls audit (The trust, due 30 November 2026)',
    ]);
    expect(done.status).toBe(200);
    expect(done.body.actions.find((action) => action.actionId === staffing?.actionId)).toMatchObject({
      status: 'done',
      doneBy: expect.stringContaining('staff:'),
    });
    expect(after?.items.map((item) => item.text)).toEqual([
      'Notes of the meeting held on 10 September 2026: Discussed the winter plan.',
      `Open action from 10 September 2026: ${falls?.description} (The trust, due 30 November 2026)`,
    ]);
  });

  it('refuses a stale If-Match (412), an action of no such id (404) and a meeting not yet held (409)', async () => {
    const { held, next } = await aHeldMeetingAndTheNext();
    const actionId = held.actions[0]?.actionId ?? '';

    const stale = await markAction(held, actionId, 'done', held.version + 3);
    const unknown = await markAction(held, '01J0000000000000000000ZZZZ', 'done');
    const notHeld = await markAction(next, actionId, 'done');
    const wrongStatus = await markAction(held, actionId, 'finished');

    expect([stale.status, unknown.status, notHeld.status, wrongStatus.status]).toEqual([412, 404, 409, 400]);
  });

  it('puts good practice found in its own section of the draft (R-TPL-1, seed 004)', async () => {
    const { trust, next } = await aHeldMeetingAndTheNext();
    await api.call('POST', `/providers/${trust.providerId}/information`, {
      token: admin,
      body: {
        kind: 'good-practice',
        occurredOn: '2026-10-02',
        source: 'Inspection of ward 9',
        summary: 'Family liaison on every ward',
      },
    });

    const template = await api.call<Template>('GET', `/meetings/${next.meetingId}/template`, { token: admin });

    expect(template.body.sections.find((section) => section.sectionId === 'good-practice')?.items).toEqual([
      expect.objectContaining({ text: expect.stringContaining('Family liaison on every ward') }),
    ]);
  });
});
