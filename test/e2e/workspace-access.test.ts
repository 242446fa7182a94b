import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE } from '../../shared/definitions/routes.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import { contactToken, postContact, referenceIn } from '../integration/support/contact.ts';
import { type LocalApi, startLocalApi } from '../integration/support/local-api.ts';
import { aBookedMeeting } from '../integration/support/scenarios.ts';
import { workspaceOrigin } from './support/workspace.ts';

/**
 * Who gets into which workspace page (issue 15), over HTTP: the sign-in flow's checks (state bound to
 * the browser, one use of a code), the session's (form token, origin, a disabled account out at the
 * next request), the headers, and the role matrix: every page × every role × signed out, each page
 * allowing exactly the roles of the API route it calls.
 */
let api: LocalApi;
let admin: string;
let origin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  origin = workspaceOrigin(api.baseUrl);
});
afterAll(() => api?.close());

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');

/** The three steps a browser takes, by hand: sign-in → the local issuer's page → the callback. */
async function signInSteps(staffId: string, returnTo?: string) {
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
  const start = await fetch(`${origin}/workspace/sign-in${query}`, { redirect: 'manual' });
  const authorize = new URL(start.headers.get('location') ?? '');
  const form = new URLSearchParams(authorize.searchParams);
  form.delete('response_type');
  form.delete('scope');
  form.set('staffIdTyped', staffId);
  const chosen = await fetch(`${origin}/local-issuer/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const callback = new URL(chosen.headers.get('location') ?? '');
  return { start, authorize, callback: `${origin}${callback.pathname}${callback.search}`, bound: cookiesOf(start) };
}

async function sessionCookie(staffId: string): Promise<string> {
  const { callback, bound } = await signInSteps(staffId);
  const done = await fetch(callback, { headers: { cookie: bound.join('; ') }, redirect: 'manual' });
  const session = cookiesOf(done).find((cookie) => cookie.startsWith('__Host-workspace-session='));
  if (!session) throw new Error(`no session for ${staffId}: ${done.status}`);
  return session;
}

const newStaff = async (roles: StaffRole[]) =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles }) })).body;

const page = (path: string, cookie: string) => fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });
const formTokenOf = async (cookie: string) =>
  /name="formToken" value="([^"]+)"/.exec(await (await page('/workspace', cookie)).text())?.[1] ?? '';
const post = (path: string, cookie: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

describe('signing in', () => {
  it('sends a PKCE S256 challenge, a state and a nonce, and binds the state to the browser in a __Host- cookie', async () => {
    const { authorize, start } = await signInSteps((await newStaff(['inspector'])).staffId);

    expect(start.status).toBe(302);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(start.headers.getSetCookie()[0]).toMatch(
      /^__Host-workspace-sign-in=.+; Path=\/; Secure; HttpOnly; SameSite=Lax/,
    );
  });

  it('refuses a callback from another browser (no state cookie), and a code used twice', async () => {
    const { callback, bound } = await signInSteps((await newStaff(['inspector'])).staffId);

    const elsewhere = await fetch(callback, { redirect: 'manual' });
    const first = await fetch(callback, { headers: { cookie: bound.join('; ') }, redirect: 'manual' });
    const again = await fetch(callback, { headers: { cookie: bound.join('; ') }, redirect: 'manual' });

    expect(elsewhere.status).toBe(400);
    expect(first.status).toBe(303);
    expect(again.status).toBe(400);
  });

  it.each([
    ['//evil.example/', '/workspace'],
    ['https://evil.example/workspace', '/workspace'],
    ['/workspace/providers?from=x', '/workspace/providers?from=x'],
  ])('after signing in with returnTo %s, goes to %s (never another site)', async (returnTo, expected) => {
    const { callback, bound } = await signInSteps((await newStaff(['inspector'])).staffId, returnTo);

    const done = await fetch(callback, { headers: { cookie: bound.join('; ') }, redirect: 'manual' });

    expect(done.headers.get('location')).toBe(expected);
  });
});

describe('the session', () => {
  it('refuses a post without the form token, or from another origin, and changes nothing', async () => {
    const cookie = await sessionCookie((await newStaff(['admin'])).staffId);
    const token = await formTokenOf(cookie);

    const without = await post('/workspace/sign-out', cookie, {});
    const crossSite = await post(
      '/workspace/sign-out',
      cookie,
      { formToken: token },
      { origin: 'https://evil.example' },
    );
    const stillIn = await page('/workspace', cookie);

    expect(without.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect(stillIn.status).toBe(200);
  });

  it('puts out someone whose account is disabled at their next request', async () => {
    const leaver = await newStaff(['inspector']);
    const cookie = await sessionCookie(leaver.staffId);
    const before = await page('/workspace', cookie);

    api.issuer.disable(leaver.staffId);
    const after = await page('/workspace', cookie);
    const retried = await page('/workspace', cookie);

    expect(before.status).toBe(200);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/workspace\/sign-in/);
    expect(after.headers.getSetCookie()[0]).toMatch(/^__Host-workspace-session=; .*Max-Age=0/);
    expect(retried.status).toBe(303);
  });

  it('answers pages with a strict CSP and no caching; assets with a year of immutable caching', async () => {
    const cookie = await sessionCookie((await newStaff(['inspector'])).staffId);
    const answer = await page('/workspace', cookie);
    const stylesheet = /href="(\/assets\/workspace\/workspace-[0-9a-f]{12}\.css)"/.exec(await answer.text())?.[1];
    const asset = await fetch(`${origin}${stylesheet}`);
    const css = await asset.text();

    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css).toContain('govuk-summary-list');
    expect(css).toContain('moj-timeline');
    expect(css).not.toContain('GDS Transport');
  });
});

describe('the workspace role matrix', () => {
  const pages = [
    WORKSPACE_ROUTE.workspaceMyWork,
    WORKSPACE_ROUTE.workspaceProviders,
    WORKSPACE_ROUTE.workspaceProvider,
    WORKSPACE_ROUTE.workspaceRelationships,
    WORKSPACE_ROUTE.workspacePlan,
    WORKSPACE_ROUTE.workspaceProviderMeetings,
    WORKSPACE_ROUTE.workspaceAudit,
    WORKSPACE_ROUTE.workspaceMeeting,
    WORKSPACE_ROUTE.workspaceTemplate,
    WORKSPACE_ROUTE.workspaceSubmissions,
    WORKSPACE_ROUTE.workspaceSubmission,
    WORKSPACE_ROUTE.workspaceInformationRequests,
    WORKSPACE_ROUTE.workspaceInformation,
  ];
  /** Each form and the API route whose roles it must allow; an empty form is refused (400) once past the role check. */
  const forms = [
    [WORKSPACE_ROUTE.workspaceAllocate, ROUTE.allocateRelationshipHolder],
    [WORKSPACE_ROUTE.workspaceBook, ROUTE.bookMeeting],
    [WORKSPACE_ROUTE.workspaceCancel, ROUTE.cancelMeeting],
    [WORKSPACE_ROUTE.workspaceOutcome, ROUTE.recordMeetingOutcome],
    [WORKSPACE_ROUTE.workspaceAnswerSubmission, ROUTE.answerSubmission],
    [WORKSPACE_ROUTE.workspaceCloseSubmission, ROUTE.closeSubmission],
    [WORKSPACE_ROUTE.workspaceAskForInformation, ROUTE.createInformationRequest],
    [WORKSPACE_ROUTE.workspaceRecordInformation, ROUTE.recordInformation],
  ] as const;

  let providerId = '';
  let meetingId = '';
  let reference = '';
  const cookies = new Map<StaffRole, string>();
  beforeAll(async () => {
    const booked = await aBookedMeeting(api, admin);
    providerId = booked.trust.providerId;
    meetingId = booked.meeting.meetingId;
    // A submission from the trust's contact, for the submission page and its forms.
    const contactId = booked.trust.contacts[0]?.contactId ?? '';
    const sent = await postContact(api, contactToken(providerId, contactId), { kind: 'feedback', details: 'Thanks' });
    reference = referenceIn(sent.headers.get('location')) ?? '';
    for (const role of STAFF_ROLES) cookies.set(role, await sessionCookie((await newStaff([role])).staffId));
  }, 60_000);
  const pathOf = (path: string) =>
    path.replace('{providerId}', providerId).replace('{meetingId}', meetingId).replace('{reference}', reference);

  it.each(pages.map((route) => [route.path, route] as const))(
    'GET %s: every role sees it; signed out goes to sign-in',
    async (_path, route) => {
      const answers = await Promise.all(
        STAFF_ROLES.map(
          async (role) => [role, (await page(pathOf(route.path), cookies.get(role) ?? '')).status] as const,
        ),
      );
      const signedOut = await page(pathOf(route.path), '');

      expect(answers.filter(([, status]) => status !== 200)).toEqual([]);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe(
        `/workspace/sign-in?returnTo=${encodeURIComponent(pathOf(route.path))}`,
      );
    },
  );

  it.each(forms.map(([route, apiRoute]) => [route.path, route, apiRoute] as const))(
    'POST %s: the API route’s roles get past the role check, the others get 403; signed out goes to sign-in',
    async (_path, route, apiRoute) => {
      const outcomes = await Promise.all(
        STAFF_ROLES.map(async (role) => {
          const cookie = cookies.get(role) ?? '';
          const status = (await post(pathOf(route.path), cookie, { formToken: await formTokenOf(cookie) })).status;
          return [role, apiRoute.roles.includes(role) ? status === 400 : status === 403, status] as const;
        }),
      );
      const signedOut = await post(pathOf(route.path), '', {});

      expect(outcomes.filter(([, right]) => !right)).toEqual([]);
      expect(signedOut.status).toBe(303);
    },
  );
});

describe('fuzzing the workspace forms (signed in as an admin, with a good form token)', () => {
  const forms = [
    WORKSPACE_ROUTE.workspaceAllocate,
    WORKSPACE_ROUTE.workspaceBook,
    WORKSPACE_ROUTE.workspaceCancel,
    WORKSPACE_ROUTE.workspaceOutcome,
    WORKSPACE_ROUTE.workspaceSaveTemplate,
    WORKSPACE_ROUTE.workspaceShareTemplate,
  ];
  const FIELDS = [
    'scope',
    'staffId',
    'locationId',
    'reason',
    'starts-day',
    'starts-month',
    'starts-year',
    'time',
    'duration',
    'mode',
    'venue',
    'lead',
    'staff',
    'contacts',
    'notes',
    'action',
    'owner',
    'due-day',
    'due-month',
    'due-year',
    'version',
    'sectionId',
    'item-0',
    'flags-0',
    'new-item',
  ];
  // Human edges too: control characters, non-ASCII, far dates, huge numbers.
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '',
      '0',
      '-1',
      '99999999999999999999',
      '29',
      '2',
      '1800',
      '9999',
      '24:00',
      '1:30am',
      'video',
      'corporate-lead',
      'location',
      'remove',
      'sensitive',
      'Zoë Ångström',
      '\u0000\u001f',
      '<script>',
    ),
  );
  const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });

  let cookie = '';
  let token = '';
  let paths: string[] = [];
  beforeAll(async () => {
    const booked = await aBookedMeeting(api, admin);
    cookie = await sessionCookie((await newStaff(['admin'])).staffId);
    token = await formTokenOf(cookie);
    paths = forms.map((route) =>
      route.path.replace('{providerId}', booked.trust.providerId).replace('{meetingId}', booked.meeting.meetingId),
    );
  }, 60_000);

  it.each(forms.map((route, index) => [route.path, index] as const))(
    'POST %s never answers 5xx',
    async (_path, index) => {
      await fc.assert(
        fc.asyncProperty(body, async (fields) => {
          const answer = await post(paths[index] ?? '', cookie, { ...fields, formToken: token });
          expect(answer.status).toBeLessThan(500);
        }),
        { numRuns: 25 },
      );
    },
  );
});
