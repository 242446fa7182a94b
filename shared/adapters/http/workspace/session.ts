import { createHash, timingSafeEqual } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '../../../domain/vocabulary.ts';
import {
  endedBySignOut,
  needsTouch,
  SESSION_ABSOLUTE_SECONDS,
  SIGN_IN_ATTEMPT_SECONDS,
  type SignInAttempt,
  safeReturnPath,
  sessionState,
  type WorkspaceSession,
} from '../../../domain/workspace/session.ts';
import { logger } from '../../../observability/logger.ts';
import { loggableError } from '../../../observability/redact.ts';
import type { StaffDirectory } from '../../../use-cases/staff-directory.ts';
import type { SessionStore } from '../../dynamodb/session-store.ts';
import type { ApiEvent } from '../api-function.ts';
import {
  accountStillActive,
  authorizeUrl,
  type OpenIdSettings,
  randomToken,
  redeemCode,
  refreshAccess,
  revoke,
  SignInRefused,
  signOutUrl,
} from './open-id.ts';

/**
 * The workspace's session (issue 15): a random id in a `__Host-` cookie (HttpOnly; Secure;
 * SameSite=Lax; Path=/), the session in DynamoDB under a hash of that id, ended when idle or too
 * old. Every request also asks whether the person may still sign in: their staff record still
 * exists (a leaver's is removed) and the identity provider still honours their token (an
 * administrator disabling a Cognito user revokes its tokens), so a leaver is out at the next request.
 *
 * Locally over http the same attributes work: browsers treat http://localhost as a secure context
 * and accept `Secure` (and so `__Host-`) cookies from it (Chromium 89+, Firefox 75+).
 */
export const SESSION_COOKIE = '__Host-workspace-session';
export const SIGN_IN_COOKIE = '__Host-workspace-sign-in';

const cookie = (name: string, value: string, maxAgeSeconds: number) =>
  `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
export const clearCookie = (name: string) => cookie(name, '', 0);

export function cookieValue(event: ApiEvent, name: string): string | null {
  for (const entry of event.cookies ?? []) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at).trim() === name) return entry.slice(at + 1).trim();
  }
  return null;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
const seconds = (now: Date) => Math.floor(now.getTime() / 1000);
const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

export interface SessionDeps {
  sessions: SessionStore;
  /** The staff record: a leaver's is gone (or, once departures land, marked departed). */
  stillOnStaff(staffId: string): Promise<{ name: string } | null>;
  /** Where staff sign in: Cognito in AWS, the local issuer locally (one port, StaffDirectory). */
  directory: Pick<StaffDirectory, 'signOutEverywhere'>;
}

export type SessionCheck =
  | { kind: 'signed-in'; session: WorkspaceSession; cookies: string[] }
  | { kind: 'signed-out'; cookies: string[] };

/** The session of this request, or why there is none (an ended one's cookie is cleared). */
export async function currentSession(
  // Every workspace function checks sessions; only the one that signs people out needs the directory (issue 17).
  deps: Omit<SessionDeps, 'directory'>,
  settings: OpenIdSettings,
  event: ApiEvent,
  now: Date,
): Promise<SessionCheck> {
  const id = cookieValue(event, SESSION_COOKIE);
  if (!id || !/^[\w-]{20,100}$/.test(id)) return { kind: 'signed-out', cookies: [] };
  const idHash = hashId(id);
  const session = await deps.sessions.find(idHash, now);
  const out = async (why: string) => {
    logger.info('Workspace session ended', { why });
    await deps.sessions.end(idHash);
    return { kind: 'signed-out' as const, cookies: [clearCookie(SESSION_COOKIE)] };
  };
  if (!session) return { kind: 'signed-out', cookies: [clearCookie(SESSION_COOKIE)] };
  if (sessionState(session, now) !== 'live') return out('idle or expired');
  const [staff, signedOutAt] = await Promise.all([
    deps.stillOnStaff(session.staffId),
    deps.sessions.signedOutAt(session.staffId, now),
  ]);
  if (!staff) return out('no longer on the staff register');
  if (endedBySignOut(session, signedOutAt)) return out('signed out everywhere');
  let current = session;
  if (session.accessExpiresAt - 60 <= seconds(now)) {
    if (!session.refreshToken) return out('access token expired');
    try {
      const refreshed = await refreshAccess(settings, session.refreshToken);
      await deps.sessions.replaceTokens(idHash, refreshed);
      current = { ...session, ...refreshed, roles: refreshed.roles.filter(isStaffRole) };
    } catch {
      return out('refresh refused');
    }
  } else if (!(await accountStillActive(settings, session.accessToken).catch(() => false))) {
    return out('account disabled or token revoked');
  }
  if (needsTouch(current, now)) await deps.sessions.touch(idHash, seconds(now), current.createdAt);
  return { kind: 'signed-in', session: current, cookies: [] };
}

/** Step 1: remember state, nonce and the PKCE verifier server-side; bind the attempt to this browser. */
export async function startSignIn(
  deps: SessionDeps,
  settings: OpenIdSettings,
  returnTo: string | undefined,
  now: Date,
): Promise<{ location: string; cookies: string[] }> {
  const attempt: SignInAttempt = {
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: randomToken(48),
    returnTo: safeReturnPath(returnTo),
    createdAt: seconds(now),
  };
  await deps.sessions.startAttempt(attempt);
  return {
    location: authorizeUrl(settings, attempt),
    cookies: [cookie(SIGN_IN_COOKIE, attempt.state, SIGN_IN_ATTEMPT_SECONDS)],
  };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Step 2 (the callback): the state must be this browser's and unused; then the code is redeemed and a session made. */
export async function finishSignIn(
  deps: SessionDeps,
  settings: OpenIdSettings,
  event: ApiEvent,
  now: Date,
): Promise<{ location: string; cookies: string[] }> {
  const state = event.queryStringParameters?.state ?? '';
  const code = event.queryStringParameters?.code ?? '';
  const bound = cookieValue(event, SIGN_IN_COOKIE) ?? '';
  if (!state || !code || !same(state, bound)) throw new SignInRefused('This sign-in was not started in this browser');
  const attempt = await deps.sessions.takeAttempt(state, now);
  if (!attempt) throw new SignInRefused('This sign-in has expired or was already used');
  const signedIn = await redeemCode(settings, code, attempt);
  const staff = await deps.stillOnStaff(signedIn.staffId);
  if (!staff) throw new SignInRefused('You are not on the staff register');
  const id = randomToken(32);
  const at = seconds(now);
  await deps.sessions.create({
    idHash: hashId(id),
    staffId: signedIn.staffId,
    name: staff.name,
    roles: signedIn.roles.filter(isStaffRole),
    formToken: randomToken(32),
    accessToken: signedIn.accessToken,
    accessExpiresAt: signedIn.accessExpiresAt,
    refreshToken: signedIn.refreshToken,
    createdAt: at,
    lastSeenAt: at,
    createdAtMs: now.getTime(),
  });
  return {
    location: attempt.returnTo,
    cookies: [cookie(SESSION_COOKIE, id, SESSION_ABSOLUTE_SECONDS), clearCookie(SIGN_IN_COOKIE)],
  };
}

/** Ends the session here and every other of this person's, revokes its refresh token (and the access tokens issued from it), then the provider's own sign-out. */
export async function signOut(
  deps: SessionDeps,
  settings: OpenIdSettings,
  event: ApiEvent,
  session: WorkspaceSession,
  now: Date,
): Promise<{ location: string; cookies: string[] }> {
  const id = cookieValue(event, SESSION_COOKIE) ?? '';
  // Everywhere: this session now, and every other one of theirs (another browser) at its next request.
  // Sessions end first, so a failure at the identity provider never leaves the person signed in here.
  await Promise.all([deps.sessions.end(hashId(id)), deps.sessions.signOutEverywhere(session.staffId, now)]);
  if (session.refreshToken) await revoke(settings, session.refreshToken);
  // Then every refresh token of theirs, whichever browser or script holds it. A failure is logged, not shown:
  // the workspace has already signed them out, and their access tokens expire within the hour.
  try {
    await deps.directory.signOutEverywhere(session.staffId);
  } catch (error) {
    logger.error('Signing out everywhere at the identity provider failed', {
      staffId: session.staffId,
      error: loggableError(error),
    });
  }
  return { location: signOutUrl(settings), cookies: [clearCookie(SESSION_COOKIE)] };
}

/** A POST must carry the session's form token and, when the browser says where it came from, come from this host. */
export function postedFromOurPage(event: ApiEvent, form: URLSearchParams, session: WorkspaceSession): boolean {
  const origin = event.headers.origin;
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== event.headers.host) return false;
    } catch {
      return false;
    }
  }
  return same(form.get('formToken') ?? '', session.formToken);
}
