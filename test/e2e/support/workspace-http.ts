import { STAFF_ROLES, type StaffRole } from '../../../shared/domain/vocabulary.ts';
import type { Staff } from '../../../shared/schemas/staff.ts';
import { aStaffMember } from '../../integration/support/builders.ts';
import type { LocalApi } from '../../integration/support/local-api.ts';

/**
 * The workspace over plain HTTP, as a browser would drive it (no browser): sign in through the local
 * issuer's three steps, then GET pages and POST forms with the session cookie and the form token.
 */
/** The workspace runs on `localhost` (a secure context), so its `__Host-` cookie is kept over http. */
export const workspaceOrigin = (baseUrl: string) => baseUrl.replace('127.0.0.1', 'localhost');

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');

export function workspaceHttp(api: LocalApi) {
  const origin = workspaceOrigin(api.baseUrl);
  async function sessionCookie(staffId: string): Promise<string> {
    const start = await fetch(`${origin}/workspace/sign-in`, { redirect: 'manual' });
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
    const done = await fetch(`${origin}${callback.pathname}${callback.search}`, {
      headers: { cookie: cookiesOf(start).join('; ') },
      redirect: 'manual',
    });
    const session = cookiesOf(done).find((cookie) => cookie.startsWith('__Host-workspace-session='));
    if (!session) throw new Error(`no session for ${staffId}: ${done.status}`);
    return session;
  }
  const page = (path: string, cookie: string) => fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });
  const formTokenOf = async (cookie: string) =>
    /name="formToken" value="([^"]+)"/.exec(await (await page('/workspace', cookie)).text())?.[1] ?? '';
  const post = (path: string, cookie: string, form: Record<string, string> | URLSearchParams) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  /** A session cookie for a new staff member of each role, one after another: the role matrices' set-up. */
  async function cookiePerRole(adminToken: string): Promise<Map<StaffRole, string>> {
    const cookies = new Map<StaffRole, string>();
    for (const role of STAFF_ROLES) {
      const member = (
        await api.call<Staff>('POST', '/staff', { token: adminToken, body: aStaffMember({ roles: [role] }) })
      ).body;
      cookies.set(role, await sessionCookie(member.staffId));
    }
    return cookies;
  }
  return { sessionCookie, page, formTokenOf, post, cookiePerRole };
}
