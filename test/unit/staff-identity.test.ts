import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../shared/adapters/http/http-problems.ts';
import { groupsOf, staffActor } from '../../shared/adapters/http/staff-identity.ts';
import { ForbiddenError } from '../../shared/domain/errors.ts';

describe('who the caller is, from verified claims', () => {
  it.each([
    ['an array (local issuer)', ['inspector', 'admin'], ['inspector', 'admin']],
    ['API Gateway’s string form', '[inspector admin]', ['inspector', 'admin']],
    ['a single group string', '[assessor]', ['assessor']],
    ['no claim', undefined, []],
  ])('reads groups given as %s', (_form, claim, groups) => {
    expect(groupsOf(claim)).toEqual(groups);
  });

  it('takes the staff id from username, and only the staff roles among the groups', () => {
    const actor = staffActor({ username: 'S1', sub: 'uuid', 'cognito:groups': '[inspector beta-testers]' }, [
      'inspector',
    ]);

    expect(actor).toEqual({ type: 'staff', id: 'S1', roles: ['inspector'] });
  });

  it('refuses a caller with none of the allowed roles (403)', () => {
    expect(() => staffActor({ username: 'S1', 'cognito:groups': ['assessor'] }, ['admin'])).toThrow(ForbiddenError);
  });

  it('refuses claims with no identity (401)', () => {
    expect(() => staffActor({ 'cognito:groups': ['admin'] }, ['admin'])).toThrow(HttpProblem);
  });
});
