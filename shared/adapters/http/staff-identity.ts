import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/vocabulary.ts';
import { unauthenticated } from './http-problems.ts';

/**
 * Who the caller is, from the claims the JWT authorizer verified. Cognito puts groups in
 * `cognito:groups`; API Gateway hands array claims to Lambda as a string such as "[inspector admin]".
 * The staff id is the user name (Cognito access tokens carry `username`; the local issuer sets it too).
 */
export type Claims = Record<string, string | number | boolean | string[]>;

export const GROUPS_CLAIM = 'cognito:groups';

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
  const id = claims?.username ?? claims?.sub;
  if (typeof id !== 'string' || id.length === 0) throw unauthenticated();
  const roles = groupsOf(claims?.[GROUPS_CLAIM]).filter(isStaffRole);
  if (!roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError(`This needs one of these roles: ${allowed.join(', ')}`);
  }
  return { type: 'staff', id, roles };
}
