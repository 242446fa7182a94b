import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/vocabulary.ts';
import { unauthenticated } from './http-problems.ts';

/**
 * Who the caller is, from the claims the JWT authorizer verified. Cognito puts groups in
 * `cognito:groups`; API Gateway hands array claims to Lambda as a string such as "[inspector admin]".
 *
 * Only access tokens are accepted. API Gateway's JWT authorizer cannot tell an access token from an ID
 * token of the same client (the ID token's `aud` is the client id, as is the access token's `client_id`:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), so the check
 * is made here, on `token_use`. The staff id is the user name, which the app client's access tokens carry
 * as `username` (the pool's user names are staff ids); nothing else stands in for it: `sub` is Cognito's
 * own id, and an ID token names the user in `cognito:username`.
 */
export type Claims = Record<string, string | number | boolean | string[]>;

export const GROUPS_CLAIM = 'cognito:groups';
/** Cognito marks each token `access` or `id`; the local issuer marks its tokens the same way. */
export const TOKEN_USE_CLAIM = 'token_use';
export const STAFF_ID_CLAIM = 'username';

/** True for an access token: the only kind that may call a staff route. */
export const isAccessToken = (claims: Claims | undefined): boolean => claims?.[TOKEN_USE_CLAIM] === 'access';

export function groupsOf(claim: Claims[string] | undefined): string[] {
  if (Array.isArray(claim)) return claim;
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
}

const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

export function staffActor(
  claims: Claims | undefined,
  allowed: readonly StaffRole[],
): Extract<Actor, { type: 'staff' }> {
  if (!isAccessToken(claims)) throw unauthenticated();
  const id = claims?.[STAFF_ID_CLAIM];
  if (typeof id !== 'string' || id.length === 0) throw unauthenticated();
  return staffWithRoles(id, groupsOf(claims?.[GROUPS_CLAIM]), allowed);
}

/**
 * The role check every staff route makes, once the person is known: from a verified access token (above),
 * or from a workspace session started from one. Unknown groups are ignored; none allowed is a 403.
 */
export function staffWithRoles(
  id: string,
  groups: readonly string[],
  allowed: readonly StaffRole[],
): Extract<Actor, { type: 'staff' }> {
  const roles = groups.filter(isStaffRole);
  if (!roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError(`This needs one of these roles: ${allowed.join(', ')}`);
  }
  return { type: 'staff', id, roles };
}
