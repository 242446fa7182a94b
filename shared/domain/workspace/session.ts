import type { StaffRole } from '../vocabulary.ts';

/**
 * A staff workspace session (issue 15): who signed in, with what roles, and the tokens the
 * workspace refreshes and revokes. Pure: no clock reads (pass `now`), no AWS.
 */
export interface WorkspaceSession {
  /** SHA-256 of the cookie's random id: the table never holds a value that would sign anyone in. */
  idHash: string;
  staffId: string;
  name: string;
  roles: StaffRole[];
  /** Checked on every POST (a per-session form token against cross-site posts). */
  formToken: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** When it was created, in milliseconds: a sign-out everywhere ends the sessions created before it. */
  createdAtMs?: number;
}

/** A sign-in under way: what the callback must find to accept the code (state, nonce, PKCE verifier). */
export interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

/** Idle and absolute lifetimes, in seconds. Absolute matches the app client's refresh token validity. */
export const SESSION_IDLE_SECONDS = 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
export const SIGN_IN_ATTEMPT_SECONDS = 10 * 60;
/** A session's last-seen time is written at most this often: one write per request would double the cost. */
export const TOUCH_EVERY_SECONDS = 5 * 60;

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

export type SessionState = 'live' | 'idle' | 'expired';

/** Whether a session may still be used at `now`: idle past SESSION_IDLE_SECONDS or older than the absolute limit ends it. */
export function sessionState(session: Pick<WorkspaceSession, 'createdAt' | 'lastSeenAt'>, now: Date): SessionState {
  const at = seconds(now);
  if (at - session.createdAt >= SESSION_ABSOLUTE_SECONDS) return 'expired';
  if (at - session.lastSeenAt >= SESSION_IDLE_SECONDS) return 'idle';
  return 'live';
}

/** When DynamoDB may delete the item: the earlier of its idle and absolute ends. */
export const sessionExpiresAt = (session: Pick<WorkspaceSession, 'createdAt' | 'lastSeenAt'>): number =>
  Math.min(session.createdAt + SESSION_ABSOLUTE_SECONDS, session.lastSeenAt + SESSION_IDLE_SECONDS);

export const needsTouch = (session: Pick<WorkspaceSession, 'lastSeenAt'>, now: Date): boolean =>
  seconds(now) - session.lastSeenAt >= TOUCH_EVERY_SECONDS;

/**
 * Where to go after signing in: only a path of the workspace itself, never another origin
 * (`//evil.example`, `/\evil`, `https:…`), so the sign-in cannot be used as an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate) return '/workspace';
  if (!/^\/workspace(?:[/?#]|$)/.test(candidate)) return '/workspace';
  if (/[\\\r\n\t]|\/\//.test(candidate)) return '/workspace';
  return candidate.length > 512 ? '/workspace' : candidate;
}

/**
 * Whether a sign-out everywhere (at `signedOutAtMs`) ended this session: it did if the session was made
 * before it. Sessions made before `createdAtMs` was recorded count from the start of their second.
 */
export const endedBySignOut = (
  session: Pick<WorkspaceSession, 'createdAt' | 'createdAtMs'>,
  signedOutAtMs: number | null,
): boolean => signedOutAtMs !== null && (session.createdAtMs ?? session.createdAt * 1000) <= signedOutAtMs;
