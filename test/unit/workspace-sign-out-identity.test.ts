import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionStore } from '../../shared/adapters/dynamodb/session-store.ts';
import type { ApiEvent } from '../../shared/adapters/http/api-function.ts';
import type { OpenIdSettings } from '../../shared/adapters/http/workspace/open-id.ts';
import { SESSION_COOKIE, signOut } from '../../shared/adapters/http/workspace/session.ts';
import { onSignOutEverywhere } from '../../shared/adapters/identity/local-sign-out.ts';
import { LocalStaffDirectory } from '../../shared/adapters/identity/local-staff-directory.ts';
import type { WorkspaceSession } from '../../shared/domain/workspace/session.ts';
import { logger } from '../../shared/observability/logger.ts';

/**
 * Signing out of the workspace signs the person out at the identity provider too (issue 15): Cognito's
 * AdminUserGlobalSignOut in AWS, the local issuer's stand-in locally, through one port (StaffDirectory).
 * The order matters: the workspace's sessions end first, so an identity provider that fails (Cognito
 * throttling, an outage) can never leave the person signed in here; the failure is logged, not a 500.
 * The in-memory session store records the order only; DynamoDB's own behaviour is in the e2e journey.
 */
const settings: OpenIdSettings = {
  issuer: 'http://localhost/local-issuer',
  clientId: 'provider-engagement-local',
  // Nothing listens here: the single-token revoke fails quietly, as it did before.
  authBaseUrl: 'http://127.0.0.1:9/local-issuer',
  jwksUrl: 'http://127.0.0.1:9/local-issuer/.well-known/jwks.json',
  redirectUri: 'http://localhost/workspace/auth/callback',
  signOutUri: 'http://localhost/workspace/sign-out',
};
const session: WorkspaceSession = {
  idHash: 'hash',
  staffId: '01J0000000000000000000SIGN',
  name: 'Ada Lovelace',
  roles: ['inspector'],
  formToken: 'form-token',
  accessToken: 'access',
  accessExpiresAt: 0,
  refreshToken: null,
  createdAt: 0,
  lastSeenAt: 0,
};
const event = { cookies: [`${SESSION_COOKIE}=random-id`], headers: {} } as unknown as ApiEvent;

function recordingSessions(steps: string[]): SessionStore {
  const nothing = async () => undefined;
  return {
    create: nothing,
    find: async () => null,
    touch: nothing,
    replaceTokens: nothing,
    end: async () => void steps.push('session ended'),
    signOutEverywhere: async () => void steps.push('other sessions ended'),
    signedOutAt: async () => null,
    startAttempt: nothing,
    takeAttempt: async () => null,
  } as SessionStore;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('signing out everywhere at the identity provider (issue 15)', () => {
  it('ends the workspace sessions first, then signs the person out at the identity provider', async () => {
    const steps: string[] = [];
    const directory = { signOutEverywhere: async (staffId: string) => void steps.push(`identity: ${staffId}`) };

    const out = await signOut(
      { sessions: recordingSessions(steps), directory, stillOnStaff: async () => null },
      settings,
      event,
      session,
      new Date(),
    );

    expect(steps.slice(0, 2).sort()).toEqual(['other sessions ended', 'session ended']);
    expect(steps[2]).toBe(`identity: ${session.staffId}`);
    expect(out.cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });

  it('still signs the person out of the workspace, and logs the failure, when the identity provider fails', async () => {
    const steps: string[] = [];
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const directory = {
      signOutEverywhere: async () => {
        throw new Error('TooManyRequestsException');
      },
    };

    const out = await signOut(
      { sessions: recordingSessions(steps), directory, stillOnStaff: async () => null },
      settings,
      event,
      session,
      new Date(),
    );

    expect(steps.sort()).toEqual(['other sessions ended', 'session ended']);
    expect(out.location).toContain('/logout?');
    expect(logged).toHaveBeenCalledWith(
      'Signing out everywhere at the identity provider failed',
      expect.objectContaining({ staffId: session.staffId }),
    );
  });

  it('locally reaches the local issuer in the same process (its stand-in for AdminUserGlobalSignOut)', async () => {
    const heard: string[] = [];
    const stop = onSignOutEverywhere((staffId) => heard.push(staffId));

    await new LocalStaffDirectory().signOutEverywhere('01J0000000000000000000LOCL');
    stop();
    await new LocalStaffDirectory().signOutEverywhere('01J0000000000000000000LATE');

    expect(heard).toEqual(['01J0000000000000000000LOCL']);
  });
});
