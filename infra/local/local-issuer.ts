import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { GROUPS_CLAIM, isAccessToken } from '../../shared/adapters/http/staff-identity.ts';
import { ASSET_PREFIX, workspaceAssets } from '../../shared/adapters/http/workspace/assets.ts';
import { onSignOutEverywhere } from '../../shared/adapters/identity/local-sign-out.ts';
import { cacheDir } from './paths.ts';

/**
 * The local stand-in for Cognito: an RS256 key pair that signs staff access tokens shaped like
 * Cognito's (iss, client_id, token_use, username, cognito:groups), and the same checks the HTTP
 * API's JWT authorizer makes (signature, issuer, audience via aud or client_id, expiry), plus the one
 * the functions make because that authorizer cannot: only access tokens (token_use = access) pass.
 * It can also sign an ID token shaped like Cognito's (aud, token_use id, cognito:username), so tests
 * can show one is refused.
 */
export const LOCAL_ISSUER = 'http://localhost/local-issuer';
export const LOCAL_CLIENT_ID = 'provider-engagement-local';
const ALGORITHM = 'RS256';

export interface Issuer {
  sign(claims: {
    staffId: string;
    roles: readonly string[];
    lifetimeSeconds?: number;
    issuedAt?: Date;
    /** 'id' signs a token shaped like a Cognito ID token instead; default 'access'. */
    tokenUse?: 'access' | 'id';
  }): Promise<string>;
  verify(token: string): Promise<Record<string, string | number | boolean | string[]>>;
  /** An OpenID ID token as Cognito's managed login issues one (aud the client, nonce, cognito:username). */
  signIdToken(claims: {
    staffId: string;
    name: string;
    email: string;
    roles: readonly string[];
    nonce?: string;
  }): Promise<string>;
  publicJwk: JWK;
  /** What an administrator disabling the Cognito user does: tokens and refresh tokens stop working. */
  disable(staffId: string): void;
  isDisabled(staffId: string): boolean;
}

async function issuerFrom(privateJwk: JWK, publicJwk: JWK): Promise<Issuer> {
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  const disabled = new Set<string>();
  return {
    publicJwk: { ...publicJwk, kid: 'local', alg: ALGORITHM, use: 'sig' },
    disable: (staffId) => disabled.add(staffId),
    isDisabled: (staffId) => disabled.has(staffId),
    signIdToken: ({ staffId, name, email, roles, nonce }) =>
      new SignJWT({
        token_use: 'id',
        'cognito:username': staffId,
        [GROUPS_CLAIM]: [...roles],
        name,
        email,
        ...(nonce ? { nonce } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(staffId)
        .setAudience(LOCAL_CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    sign: ({ staffId, roles, lifetimeSeconds = 8 * 60 * 60, issuedAt = new Date(), tokenUse = 'access' }) =>
      new SignJWT(
        tokenUse === 'access'
          ? { client_id: LOCAL_CLIENT_ID, token_use: 'access', username: staffId, [GROUPS_CLAIM]: [...roles] }
          : { aud: LOCAL_CLIENT_ID, token_use: 'id', 'cognito:username': staffId, [GROUPS_CLAIM]: [...roles] },
      )
        .setProtectedHeader({ alg: ALGORITHM, kid: 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(staffId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.floor(issuedAt.getTime() / 1000) + lifetimeSeconds)
        .sign(privateKey),
    verify: async (token) => {
      const { payload } = await jwtVerify(token, publicKey, { issuer: LOCAL_ISSUER, algorithms: [ALGORITHM] });
      const audience = payload.aud ?? payload.client_id;
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.includes(LOCAL_CLIENT_ID)) throw new Error('audience');
      const claims = payload as Record<string, string | number | boolean | string[]>;
      if (!isAccessToken(claims)) throw new Error('not an access token');
      return claims;
    },
  };
}

/** A fresh key pair, kept in memory (tests). */
export async function ephemeralIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return issuerFrom(await exportJWK(privateKey), await exportJWK(publicKey));
}

const keyFile = join(cacheDir, 'local-issuer', 'keys.json');

/** The local stack's key pair, made once and kept in .cache so `npm run token` signs for the running stack. */
export async function persistentIssuer(): Promise<Issuer> {
  if (!existsSync(keyFile)) {
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    mkdirSync(dirname(keyFile), { recursive: true });
    const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  }
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  return issuerFrom(privateJwk, publicJwk);
}

const linkKeyFile = join(cacheDir, 'local-issuer', 'link-key');

/** The local stack's provider-link key (base64), made once and kept beside the signing keys. */
export function persistentLinkKey(): string {
  if (!existsSync(linkKeyFile)) {
    mkdirSync(dirname(linkKeyFile), { recursive: true });
    writeFileSync(linkKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(linkKeyFile, 'utf8').trim();
}

/**
 * The local issuer's sign-in endpoints, on the local API's origin under /local-issuer: the same paths
 * as Cognito managed login (/oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout,
 * /.well-known/jwks.json), so the workspace runs the same code against both. /oauth2/authorize shows a
 * page, marked LOCAL ONLY, listing the staff to sign in as: there are no passwords here.
 */
export const LOCAL_ISSUER_PATH = '/local-issuer';

export interface LocalStaff {
  staffId: string;
  name: string;
  email: string;
  roles: readonly string[];
}
export interface StaffDirectory {
  list(): Promise<LocalStaff[]>;
  find(staffId: string): Promise<LocalStaff | null>;
}

interface Grant {
  staff: LocalStaff;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  issuedAt: number;
}
const CODE_SECONDS = 300;

const escapeText = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Only the workspace's own callback, on a loopback origin, may receive a code here. */
const acceptableRedirect = (uri: string) => {
  try {
    const url = new URL(uri);
    return ['localhost', '127.0.0.1'].includes(url.hostname) && url.pathname === '/workspace/auth/callback';
  } catch {
    return false;
  }
};

function signInPage(staff: readonly LocalStaff[], hidden: Record<string, string>, problem?: string): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeText(name)}" value="${escapeText(value)}">`)
    .join('\n');
  const radios = staff
    .map(
      (member, index) => `<div class="govuk-radios__item">
<input class="govuk-radios__input" id="staff-${index}" name="staffId" type="radio" value="${escapeText(member.staffId)}">
<label class="govuk-label govuk-radios__label" for="staff-${index}">${escapeText(member.name)}</label>
<div class="govuk-hint govuk-radios__hint" id="staff-${index}-hint">${escapeText(member.roles.join(', '))}</div>
</div>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>${problem ? 'Error: ' : ''}Sign in (local only) – Provider engagement</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PREFIX}${workspaceAssets().stylesheet.name}"></head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
Local only: this stand-in for Cognito managed login signs you in as anyone, without a password. It exists only in the local stack.</strong></div>
${problem ? `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#staff-id">${escapeText(problem)}</a></li></ul></div></div></div>` : ''}
<form method="post" action="${LOCAL_ISSUER_PATH}/oauth2/authorize" novalidate>
${fields}
<div class="govuk-form-group"><fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">Sign in as</h1></legend>
<div class="govuk-radios" data-module="govuk-radios">${radios}</div></fieldset></div>
<div class="govuk-form-group"><label class="govuk-label" for="staff-id">Or a staff id</label>
<input class="govuk-input govuk-input--width-30" id="staff-id" name="staffIdTyped" type="text" spellcheck="false"></div>
<button type="submit" class="govuk-button">Sign in</button>
</form></main></div></body></html>`;
}

const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'";

export function localIssuerEndpoints(issuer: Issuer, directory: StaffDirectory) {
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, LocalStaff>();
  // AdminUserGlobalSignOut's stand-in: the workspace's sign-out (same process) forgets all of the member's tokens.
  onSignOutEverywhere((staffId) => {
    for (const [token, staff] of refreshTokens) if (staff.staffId === staffId) refreshTokens.delete(token);
  });
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  const page = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
    });
    response.end(body);
  };
  const tokensFor = async (staff: LocalStaff, nonce?: string) => ({
    token_type: 'Bearer',
    expires_in: 3600,
    access_token: await issuer.sign({ staffId: staff.staffId, roles: staff.roles, lifetimeSeconds: 3600 }),
    id_token: await issuer.signIdToken({ ...staff, ...(nonce ? { nonce } : {}) }),
  });

  /** Answers a request under /local-issuer; the body is the raw request body. */
  return async (request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer): Promise<void> => {
    const path = url.pathname.slice(LOCAL_ISSUER_PATH.length);
    const form = new URLSearchParams(body.toString('utf8'));
    if (path === '/.well-known/jwks.json') return json(response, 200, { keys: [issuer.publicJwk] });
    if (path === '/oauth2/authorize') {
      const params = request.method === 'POST' ? form : url.searchParams;
      const hidden = Object.fromEntries(
        ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'code_challenge_method'].map((name) => [
          name,
          params.get(name) ?? '',
        ]),
      ) as Record<string, string>;
      if (
        hidden.client_id !== LOCAL_CLIENT_ID ||
        !acceptableRedirect(hidden.redirect_uri ?? '') ||
        hidden.code_challenge_method !== 'S256' ||
        !hidden.code_challenge ||
        !hidden.state
      ) {
        return json(response, 400, { error: 'invalid_request' });
      }
      const staff = (await directory.list()).sort((a, b) => a.name.localeCompare(b.name));
      if (request.method !== 'POST') return page(response, 200, signInPage(staff, hidden));
      const chosen = (form.get('staffIdTyped') || form.get('staffId') || '').trim();
      const member = chosen ? await directory.find(chosen) : null;
      if (!member || issuer.isDisabled(member.staffId)) {
        return page(
          response,
          400,
          signInPage(staff, hidden, 'Choose who to sign in as, or enter a staff id that exists'),
        );
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        staff: member,
        clientId: hidden.client_id ?? '',
        redirectUri: hidden.redirect_uri ?? '',
        challenge: hidden.code_challenge ?? '',
        nonce: hidden.nonce ?? '',
        issuedAt: Date.now(),
      });
      const back = new URL(hidden.redirect_uri ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', hidden.state ?? '');
      response.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
      return void response.end();
    }
    if (path === '/oauth2/token' && request.method === 'POST') {
      if (form.get('client_id') !== LOCAL_CLIENT_ID) return json(response, 400, { error: 'invalid_client' });
      if (form.get('grant_type') === 'authorization_code') {
        const code = form.get('code') ?? '';
        const grant = codes.get(code);
        codes.delete(code); // one use, as Cognito
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          Date.now() - grant.issuedAt > CODE_SECONDS * 1000 ||
          grant.redirectUri !== form.get('redirect_uri') ||
          grant.challenge !== challenge
        ) {
          return json(response, 400, { error: 'invalid_grant' });
        }
        const refreshToken = randomBytes(32).toString('base64url');
        refreshTokens.set(refreshToken, grant.staff);
        return json(response, 200, { ...(await tokensFor(grant.staff, grant.nonce)), refresh_token: refreshToken });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const staff = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!staff || issuer.isDisabled(staff.staffId)) return json(response, 400, { error: 'invalid_grant' });
        const current = (await directory.find(staff.staffId)) ?? staff;
        return json(response, 200, await tokensFor(current));
      }
      return json(response, 400, { error: 'unsupported_grant_type' });
    }
    if (path === '/oauth2/userInfo') {
      const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const claims = await issuer.verify(token).catch(() => null);
      const staffId = typeof claims?.username === 'string' ? claims.username : '';
      if (!staffId || issuer.isDisabled(staffId)) return json(response, 401, { error: 'invalid_token' });
      return json(response, 200, { sub: staffId, username: staffId });
    }
    if (path === '/oauth2/revoke' && request.method === 'POST') {
      refreshTokens.delete(form.get('token') ?? '');
      return json(response, 200, {});
    }
    if (path === '/logout') {
      const target = url.searchParams.get('logout_uri') ?? '';
      if (
        url.searchParams.get('client_id') !== LOCAL_CLIENT_ID ||
        !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(target)
      ) {
        return json(response, 400, { error: 'invalid_request' });
      }
      response.writeHead(302, { location: target, 'cache-control': 'no-store' });
      return void response.end();
    }
    return json(response, 404, { error: 'not_found' });
  };
}

/** The register as the local issuer's directory: staff and their roles, as Cognito groups would hold them. */
export async function registerDirectory(): Promise<StaffDirectory> {
  const { DynamoRegisterStore } = await import('../../shared/adapters/dynamodb/register-store.ts');
  const store = new DynamoRegisterStore(process.env.PROVIDERS_TABLE ?? '', process.env.AUDIT_TABLE ?? '');
  return {
    list: async () => (await store.listStaff({ limit: 100 })).items,
    find: (staffId) => store.getStaff(staffId),
  };
}
