import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links for providers, who never log in (../shared/API.md): HMAC-SHA256 over the
 * claims, scoped to one provider, one meeting, one share and one purpose. Pure: the key and the
 * time are passed in. `verifyLink` tells only "refused" or "expired" (expired only once the
 * signature is good), so a caller never learns which check failed on a forged or altered link.
 */
export interface LinkClaims {
  purpose: 'respond' | 'contact';
  providerId: string;
  meetingId: string | null;
  shareId: string | null;
  contactId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const mac = (payload: string, key: Buffer) => createHmac('sha256', key).update(`v1.${payload}`).digest();

export function signLink(claims: LinkClaims, key: Buffer): string {
  if (key.length < 32) throw new RangeError('key: a link signing key has at least 32 bytes');
  const payload = encode(JSON.stringify(claims));
  return `v1.${payload}.${encode(mac(payload, key))}`;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'refused' | 'expired'; claims?: LinkClaims };

export function verifyLink(token: string, key: Buffer, now: Date): LinkCheck {
  const match = /^v1\.([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'refused' };
  const expected = mac(match[1], key);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'refused' };
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    return { ok: false, reason: 'refused' };
  }
  if (typeof claims.expiresAt !== 'number' || typeof claims.contactId !== 'string')
    return { ok: false, reason: 'refused' };
  if (now.getTime() >= claims.expiresAt * 1000) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/**
 * Whether a secret a caller sent equals the expected one, in time that does not depend on where they
 * differ. Compares UTF-8 bytes, whose count is checked first: `timingSafeEqual` throws on buffers of
 * different byte length, and a string of the right length with one non-ASCII character has more bytes
 * than characters (issue 12 item 7: a forged form token answered 500, not 403).
 */
export function sameSecret(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

/** A per-link token for the form, so a post must come from a page this service rendered for that link. */
export const formToken = (token: string, key: Buffer): string =>
  createHmac('sha256', key).update(`form.${token}`).digest('base64url');
