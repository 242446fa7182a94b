import { createHmac } from 'node:crypto';
import { linkKeyFromEnvironment } from '../../config/link-key.ts';
import { ValidationError } from '../../domain/errors.ts';
import { sameSecret } from '../../domain/links/provider-link.ts';

/**
 * Opaque pagination tokens, signed (issue 12 item 8). A token carries DynamoDB's LastEvaluatedKey
 * and an HMAC-SHA256 over it and over the query it continues (table, index and key values), so
 * a caller can neither craft a start key that reaches DynamoDB nor carry one query's token to
 * another (a token of `GET /providers?sector=nhs-trust` does not page `GET /providers`, nor one
 * provider's audit another's). Anything else is the caller's error, 400, never a 500.
 *
 * The key is derived from the provider-link key (shared/config/link-key.ts: the stack's secret in
 * AWS, LINK_SIGNING_KEY locally), under a label of its own, so a page token's MAC is never a valid
 * link's MAC or the reverse. Format: `p1.<base64url JSON key>.<base64url MAC>`.
 */
export interface PageScope {
  tableName: string;
  indexName?: string | undefined;
  /** The Query's key condition values: they name the partition (and list) the token continues. */
  values?: Record<string, unknown> | undefined;
}

const LABEL = 'provider-engagement/page-token/v1';
const FORMAT = /^p1\.([A-Za-z0-9_-]{1,1800})\.([A-Za-z0-9_-]{43})$/;

/** The page-token key of a link key: HMAC(link key, label). */
export const pageTokenKey = (linkKey: Buffer): Buffer => createHmac('sha256', linkKey).update(LABEL).digest();

const scopeOf = (scope: PageScope) =>
  JSON.stringify([scope.tableName, scope.indexName ?? '', Object.entries(scope.values ?? {}).sort()]);
const macOf = (key: Buffer, scope: PageScope, payload: string) =>
  createHmac('sha256', key)
    .update(`${scopeOf(scope)}\n${payload}`)
    .digest('base64url');

const refused = () =>
  new ValidationError('nextToken is not a token this API issued for this list', [
    { path: 'query.nextToken', message: 'not a token this API issued for this list: start again without it' },
  ]);

/** Signs a LastEvaluatedKey for the query `scope`; null when there is no next page. Pure. */
export function signPageToken(
  key: Buffer,
  scope: PageScope,
  lastKey: Record<string, unknown> | undefined,
): string | null {
  if (!lastKey) return null;
  const payload = Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
  return `p1.${payload}.${macOf(key, scope, payload)}`;
}

/** The start key a token signed for `scope` carries; throws ValidationError (400) for any other string. Pure. */
export function readPageToken(
  key: Buffer,
  scope: PageScope,
  token: string | undefined,
): Record<string, string> | undefined {
  if (token === undefined) return undefined;
  const match = FORMAT.exec(token);
  if (!match?.[1] || !match[2] || !sameSecret(match[2], macOf(key, scope, match[1]))) throw refused();
  try {
    const parsed: unknown = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((value) => typeof value === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through: a signed token always parses, so this is not one of ours
  }
  throw refused();
}

/** Read once per container, when the first token is made or checked. */
let keyOfThisContainer: Promise<Buffer> | undefined;
const containerKey = () => {
  keyOfThisContainer ??= linkKeyFromEnvironment().then(pageTokenKey);
  return keyOfThisContainer;
};

export async function encodePageToken(
  lastKey: Record<string, unknown> | undefined,
  scope: PageScope,
): Promise<string | null> {
  return lastKey ? signPageToken(await containerKey(), scope, lastKey) : null;
}

export async function decodePageToken(
  token: string | undefined,
  scope: PageScope,
): Promise<Record<string, string> | undefined> {
  return token === undefined ? undefined : readPageToken(await containerKey(), scope, token);
}
