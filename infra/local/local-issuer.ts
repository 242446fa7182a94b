import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { GROUPS_CLAIM, isAccessToken } from '../../shared/adapters/http/staff-identity.ts';
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
}

async function issuerFrom(privateJwk: JWK, publicJwk: JWK): Promise<Issuer> {
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
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
