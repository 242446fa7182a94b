import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { GROUPS_CLAIM, groupsOf } from '../staff-identity.ts';

/**
 * The workspace's side of OAuth 2.0 authorization code + PKCE with OpenID Connect (issue 15): against
 * Cognito managed login in AWS and the local issuer locally, which serves the same paths.
 * Cognito's endpoints: https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
 * (/oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout) and the pool's JWKS at
 * `<issuer>/.well-known/jwks.json`.
 */
export interface OpenIdSettings {
  issuer: string;
  clientId: string;
  /** Managed login's origin (https://<prefix>.auth.<region>.amazoncognito.com), or the local issuer's base. */
  authBaseUrl: string;
  jwksUrl: string;
  /** https://workspace.example/workspace/auth/callback */
  redirectUri: string;
  /** Where the provider sends the browser after signing out. */
  signOutUri: string;
}

export interface VerifiedSignIn {
  staffId: string;
  roles: string[];
  name: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string | null;
}

export class SignInRefused extends Error {}

const base64url = (bytes: Buffer) => bytes.toString('base64url');
export const randomToken = (bytes = 32): string => base64url(randomBytes(bytes));
/** RFC 7636 S256: the challenge sent to /authorize; the verifier only ever goes to /token, server to server. */
export const codeChallenge = (verifier: string): string => base64url(createHash('sha256').update(verifier).digest());

export function authorizeUrl(
  settings: OpenIdSettings,
  attempt: { state: string; nonce: string; codeVerifier: string },
) {
  const url = new URL(`${settings.authBaseUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: 'openid email profile',
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: codeChallenge(attempt.codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export function signOutUrl(settings: OpenIdSettings): string {
  const url = new URL(`${settings.authBaseUrl}/logout`);
  url.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: settings.signOutUri }).toString();
  return url.toString();
}

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const jwksOf = (url: string) => {
  let set = jwksCache.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000 });
    jwksCache.set(url, set);
  }
  return set;
};

async function postForm(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new SignInRefused(`The sign-in service refused: ${String(body.error ?? response.status)}`);
  return body;
}

/** The access token (Cognito: token_use access, client_id the app client's) checked against the JWKS. */
async function verifyAccessToken(settings: OpenIdSettings, token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, jwksOf(settings.jwksUrl), { issuer: settings.issuer });
  if (payload.token_use !== 'access' || payload.client_id !== settings.clientId) {
    throw new SignInRefused('The access token is not for this app client');
  }
  return payload;
}

/** Exchanges the code (with the PKCE verifier), verifies both tokens against the JWKS and the ID token's nonce. */
export async function redeemCode(
  settings: OpenIdSettings,
  code: string,
  attempt: { nonce: string; codeVerifier: string },
): Promise<VerifiedSignIn> {
  const tokens = await postForm(`${settings.authBaseUrl}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: attempt.codeVerifier,
  });
  const idToken = typeof tokens.id_token === 'string' ? tokens.id_token : '';
  const accessToken = typeof tokens.access_token === 'string' ? tokens.access_token : '';
  const { payload: id } = await jwtVerify(idToken, jwksOf(settings.jwksUrl), {
    issuer: settings.issuer,
    audience: settings.clientId,
  }).catch(() => {
    throw new SignInRefused('The ID token did not verify');
  });
  if (id.nonce !== attempt.nonce) throw new SignInRefused('The ID token was not issued for this sign-in (nonce)');
  const access = await verifyAccessToken(settings, accessToken).catch(() => {
    throw new SignInRefused('The access token did not verify');
  });
  const staffId = typeof access.username === 'string' ? access.username : '';
  if (!staffId || id['cognito:username'] !== staffId) throw new SignInRefused('The tokens name different people');
  return {
    staffId,
    roles: groupsOf(access[GROUPS_CLAIM] as string[] | undefined),
    name: typeof id.name === 'string' ? id.name : staffId,
    accessToken,
    accessExpiresAt: access.exp ?? 0,
    refreshToken: typeof tokens.refresh_token === 'string' ? tokens.refresh_token : null,
  };
}

/** A new access token from the refresh token; refused once the user is disabled or signed out everywhere. */
export async function refreshAccess(
  settings: OpenIdSettings,
  refreshToken: string,
): Promise<{ accessToken: string; accessExpiresAt: number; roles: string[] }> {
  const tokens = await postForm(`${settings.authBaseUrl}/oauth2/token`, {
    grant_type: 'refresh_token',
    client_id: settings.clientId,
    refresh_token: refreshToken,
  });
  const accessToken = typeof tokens.access_token === 'string' ? tokens.access_token : '';
  const access = await verifyAccessToken(settings, accessToken);
  return {
    accessToken,
    accessExpiresAt: access.exp ?? 0,
    roles: groupsOf(access[GROUPS_CLAIM] as string[] | undefined),
  };
}

/**
 * Whether the account still stands: the userInfo endpoint answers only for a live access token, and
 * Cognito revokes a user's tokens when an administrator disables the user (AdminDisableUser:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html).
 */
export async function accountStillActive(settings: OpenIdSettings, accessToken: string): Promise<boolean> {
  const response = await fetch(`${settings.authBaseUrl}/oauth2/userInfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(3000),
  });
  await response.body?.cancel();
  return response.ok;
}

/** Revokes the refresh token and every access token issued from it (sign out everywhere this session reached). */
export async function revoke(settings: OpenIdSettings, refreshToken: string): Promise<void> {
  await postForm(`${settings.authBaseUrl}/oauth2/revoke`, { token: refreshToken, client_id: settings.clientId }).catch(
    () => undefined,
  );
}
