import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../shared/adapters/http/http-problems.ts';
import { groupsOf, staffActor, staffWithRoles } from '../../shared/adapters/http/staff-identity.ts';
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
    const actor = staffActor(
      { token_use: 'access', username: 'S1', sub: 'uuid', 'cognito:groups': '[inspector beta-testers]' },
      ['inspector'],
    );

    expect(actor).toEqual({ type: 'staff', id: 'S1', roles: ['inspector'] });
  });

  it('refuses a caller with none of the allowed roles (403)', () => {
    expect(() =>
      staffActor({ token_use: 'access', username: 'S1', 'cognito:groups': ['assessor'] }, ['admin']),
    ).toThrow(ForbiddenError);
  });

  it('refuses claims with no identity (401)', () => {
    expect(() => staffActor({ token_use: 'access', 'cognito:groups': ['admin'] }, ['admin'])).toThrow(HttpProblem);
  });

  // API Gateway's JWT authorizer lets a Cognito ID token of the same client through (its aud is the client id:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html); only access tokens may call.
  it('refuses an ID token (token_use id) with 401, even naming a user and an allowed group', () => {
    const idToken = {
      token_use: 'id',
      aud: 'client',
      'cognito:username': 'S1',
      sub: 'uuid',
      'cognito:groups': ['admin'],
    };

    expect(() => staffActor(idToken, ['admin'])).toThrow(HttpProblem);
  });

  it('refuses a token that does not say what it is (no token_use) with 401', () => {
    expect(() => staffActor({ username: 'S1', 'cognito:groups': ['admin'] }, ['admin'])).toThrow(HttpProblem);
  });

  it('never falls back to sub for the staff id: an access token without username is refused (401)', () => {
    expect(() => staffActor({ token_use: 'access', sub: 'uuid', 'cognito:groups': ['admin'] }, ['admin'])).toThrow(
      HttpProblem,
    );
  });

  it('checks a workspace session’s roles as a route does: its staff roles only, 403 without an allowed one', () => {
    expect(staffWithRoles('S1', ['inspector', 'beta-testers'], ['inspector', 'admin'])).toEqual({
      type: 'staff',
      id: 'S1',
      roles: ['inspector'],
    });
    expect(() => staffWithRoles('S1', ['assessor'], ['admin'])).toThrow(ForbiddenError);
  });
});
