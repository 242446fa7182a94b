import { describe, expect, it } from 'vitest';
import {
  adminQueueMain,
  meetingActionsSection,
  newerVersions,
  otherContactMain,
  periodInForce,
  policiesMain,
  policyMain,
} from '../../shared/adapters/http/workspace/views/engagement.ts';
import type { PolicyDescription } from '../../shared/domain/policy/engine.ts';
import type { Submission } from '../../shared/schemas/contact.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

/**
 * The engagement pages' views (issue 15): policy versions with their period in force and their rules by id,
 * and the admin queue (R-TEAM-4); whatever people typed comes out as text, never markup.
 */
const HOSTILE = '<script>alert(1)</script> & "O\'Brien"';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;O&#39;Brien&quot;';
const ADMIN = ['admin'];

const policy = (overrides: Partial<PolicyDescription>): PolicyDescription => ({
  policyId: 'adult-social-care' as PolicyDescription['policyId'],
  title: 'Adult social care',
  source: 'seed 004',
  effectiveFrom: null,
  sectors: ['adult-social-care'] as PolicyDescription['sectors'],
  rules: [],
  ...overrides,
});

const submission = (overrides: Partial<Submission> = {}): Submission =>
  ({
    reference: 'SUB-0001',
    providerId: '01ARZ3NDEKTSV4RRFFQ69G5FA1',
    providerName: HOSTILE,
    kind: 'concern',
    submittedAt: '2027-03-01T09:30:00.000Z',
    ...overrides,
  }) as Submission;

describe('a policy version’s period in force (rule by rule: correction 2 of 2026-11-29)', () => {
  const first = policy({ policyId: 'v1' as PolicyDescription['policyId'], effectiveFrom: null });
  const second = policy({
    policyId: 'v2' as PolicyDescription['policyId'],
    title: 'Second',
    effectiveFrom: '2027-04-01',
  });
  const otherSector = policy({
    policyId: 'nhs' as PolicyDescription['policyId'],
    effectiveFrom: '2027-02-01',
    sectors: ['nhs-trust'] as PolicyDescription['sectors'],
  });

  it.each([
    ['a version with no date', first, 'From the start of the service'],
    ['a version with a date', second, 'From Thursday 1 April 2027'],
  ])('reads %s in words', (_case, version, expected) => {
    expect(periodInForce(version)).toBe(expected);
  });

  it('names the newer versions of the same sectors, never another sector’s, on the older version’s page', () => {
    const page = String(policyMain(ADMIN, first, [first, second, otherSector]));

    expect(newerVersions(first, [first, second, otherSector]).map((other) => other.policyId)).toEqual(['v2']);
    expect(page).toContain('href="/workspace/admin/policies/v2"');
    expect(page).toContain('from thursday 1 april 2027');
    expect(page).not.toContain('href="/workspace/admin/policies/nhs"');
  });
});

describe('the policies pages', () => {
  const hostile = policy({
    title: HOSTILE,
    source: HOSTILE,
    rules: [
      { ruleId: 'R-CAD-4', topic: 'meetings' as never, sectors: ['adult-social-care'] as never, summary: HOSTILE },
    ],
  });

  it('lists each version with a link, its period and its number of rules, escaping the title', () => {
    const page = String(policiesMain(ADMIN, [hostile]));

    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
    expect(page).toContain('href="/workspace/admin/policies/adult-social-care"');
    expect(page).toContain('From the start of the service');
  });

  it('shows a version’s rules with their rule ids, in words, escaped', () => {
    const page = String(policyMain(ADMIN, hostile, [hostile]));

    expect(page).toContain('R-CAD-4');
    expect(page).toContain('Meetings');
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
  });

  it('says so when a version states no rules', () => {
    expect(String(policyMain(ADMIN, policy({}), [policy({})]))).toContain('This version states no rules.');
  });
});

describe('the admin queue page (R-TEAM-4)', () => {
  const now = new Date('2027-03-13T12:00:00.000Z');

  it('links each submission and the provider’s Team tab, with the wait in days and the time in words', () => {
    const page = String(adminQueueMain(ADMIN, [submission()], now, null, null));

    expect(page).toContain('href="/workspace/submissions/SUB-0001"');
    expect(page).toContain('href="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FA1/team"');
    expect(page).toContain('12 days');
    expect(page).toContain('Monday 1 March 2027 at 9:30am');
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
  });

  it('says nothing is waiting when the queue is empty, and offers the next page when there is one', () => {
    const page = String(adminQueueMain(ADMIN, [], now, '/workspace/admin/queue?from=abc', null));

    expect(page).toContain('Nothing is waiting in the admin queue.');
    expect(page).toContain('href="/workspace/admin/queue?from=abc"');
  });
});

describe('a held meeting’s agreed actions (R-CAD-9)', () => {
  const meeting = {
    meetingId: '01ARZ3NDEKTSV4RRFFQ69G5FM1',
    version: 4,
    actions: [
      { actionId: 'a1', description: HOSTILE, owner: HOSTILE, dueDate: '2027-10-15', status: 'open' },
      {
        actionId: 'a2',
        description: 'Share the falls audit',
        owner: 'The trust',
        dueDate: '2027-11-30',
        status: 'done',
        doneAt: '2027-07-01T08:05:00.000Z',
        doneBy: 'staff:01ARZ3NDEKTSV4RRFFQ69G5FS1',
      },
    ],
  } as unknown as Meeting;
  const staff = [{ staffId: '01ARZ3NDEKTSV4RRFFQ69G5FS1', name: 'Priya Shah' }] as Staff[];

  it('shows each action’s owner and due date in words, escaped, with a form that sends the meeting’s version', () => {
    const page = String(meetingActionsSection(meeting, staff, 'token-1', []));

    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
    expect(page).toContain('Friday 15 October 2027');
    expect(page).toContain('action="/workspace/meetings/01ARZ3NDEKTSV4RRFFQ69G5FM1/actions/a1"');
    expect(page).toContain('name="version" value="4"');
    expect(page).toContain('name="formToken" value="token-1"');
    expect(page).toMatch(/name="status" value="done"[\s\S]*Mark as done/);
  });

  it('says when a done action was done and by whom, by name, in London time, and offers to open it again', () => {
    const page = String(meetingActionsSection(meeting, staff, 'token-1', []));

    expect(page).toContain('Done</strong> on Thursday 1 July 2027 at 9:05am by Priya Shah');
    expect(page).toContain('Open again');
  });

  it('shows a refusal beside the action it is about', () => {
    const page = String(
      meetingActionsSection(meeting, staff, 't', [{ href: '#action-a1', text: 'Someone changed it' }]),
    );

    expect(page).toContain('id="action-a1-error"');
    expect(page).toContain('aria-describedby="action-a1-error"');
  });

  it('says so when no action was agreed', () => {
    expect(String(meetingActionsSection({ ...meeting, actions: [] }, staff, 't', []))).toContain(
      'No actions were agreed.',
    );
  });
});

describe('the other contact forms (R-CAD-11, R-CAD-12)', () => {
  const provider = {
    providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
    name: HOSTILE,
    contacts: [
      { contactId: '01ARZ3NDEKTSV4RRFFQ69G5FC1', name: HOSTILE, email: 'x@y.test', roles: ['chief-executive'] },
    ],
  } as unknown as Provider;
  const staff = [
    { staffId: 'me', name: 'Priya Shah', leftOn: null },
    { staffId: 'other', name: HOSTILE, leftOn: null },
    { staffId: 'gone', name: 'Left Already', leftOn: '2026-01-01' },
  ] as Staff[];

  it('offers both forms with the form token, the provider’s contacts and present staff, everything escaped', () => {
    const page = String(otherContactMain({ provider, staff, me: 'me', formToken: 'tok', state: null, notice: null }));

    expect(page).toContain('action="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/other-contact/log"');
    expect(page).toContain('action="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/other-contact/meeting"');
    expect(page.match(/name="formToken" value="tok"/g)).toHaveLength(2);
    expect(page).toContain('value="01ARZ3NDEKTSV4RRFFQ69G5FC1"');
    expect(page).toContain('chief executive');
    expect(page).not.toContain('Left Already');
    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
    // The lead defaults to the person signed in.
    expect(page).toMatch(/<option value="me" selected>Priya Shah<\/option>/);
  });

  it('keeps what was typed and shows the problem beside the field of the form that was posted only', () => {
    const page = String(
      otherContactMain({
        provider,
        staff,
        me: 'me',
        formToken: 'tok',
        state: {
          form: 'log',
          values: { 'log-summary': HOSTILE, 'log-contacts': ['01ARZ3NDEKTSV4RRFFQ69G5FC1'] },
          problems: [{ href: '#log-when-day', text: 'Enter a real date, for example 27 3 2027' }],
        },
        notice: null,
      }),
    );

    expect(page).toContain('id="log-when-error"');
    expect(page).not.toContain('id="adhoc-when-error"');
    expect(page).toContain(`>${ESCAPED}</textarea>`);
    expect(page).toMatch(/id="log-contacts"[^>]*value="01ARZ3NDEKTSV4RRFFQ69G5FC1" checked/);
  });
});
