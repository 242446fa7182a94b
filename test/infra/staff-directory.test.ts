import { describe, expect, it } from 'vitest';
import { STAFF_DIRECTORY_ACTIONS } from '../../shared/adapters/identity/cognito-staff-directory.ts';
import { ENV } from '../../shared/config/env.ts';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import { logicalIdOf, mentions, resourceOf, statementsOfRole, synthesizedForThisFile } from './app-under-test.ts';

/**
 * R-TEAM-5 in AWS: the functions that change roles or record leavers keep the staff user pool in step.
 * AdminAddUserToGroup, AdminRemoveUserFromGroup and AdminDisableUser are authorised on the user pool ARN
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html),
 * so the grant names that pool and no other resource. The idempotent sync (issue 14 loose end a) reads the
 * user's groups first with AdminListGroupsForUser, which needs its own IAM permission ("you must grant yourself
 * the corresponding IAM permission in a policy":
 * https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/CognitoIdentityProvider/TAdminListGroupsForUserRequest.html).
 */
const synthesized = synthesizedForThisFile();
const definitions = Object.values(FUNCTIONS);
const fnOf = (id: keyof typeof FUNCTIONS) => synthesized.stateless.functions[id].function;

describe('keeping sign-in in step with staff records (R-TEAM-5)', () => {
  it.each(definitions.map((definition) => [definition.id, Boolean(definition.managesSignIn)] as const))(
    'the %s function has the user pool id and the directory actions only if it manages sign-in: %s',
    (id, manages) => {
      const fn = fnOf(id);
      const variables = (
        resourceOf(synthesized.statelessTemplate, logicalIdOf(fn)).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      const role = fn.role;
      if (!role) throw new Error(`no role for ${id}`);
      const grants = statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role)).filter((statement) =>
        STAFF_DIRECTORY_ACTIONS.some((action) => mentions(statement.actions, action)),
      );

      // The workspace function's sign-out needs the pool's id too, with only AdminUserGlobalSignOut
      // (test/infra/workspace-hand-offs.test.ts).
      expect(ENV.staffUserPoolId in variables).toBe(manages || Boolean(FUNCTIONS[id].workspace?.signsIn));
      expect(grants.length > 0).toBe(manages);
      for (const statement of grants) {
        expect(mentions(statement.resources, '*')).toBe(false);
        expect(JSON.stringify(statement.resources)).toContain('StaffUserPool');
      }
    },
  );

  it('the staff and relationships functions (PATCH /staff, POST /staff/{id}/departure) and the workspace’s admin pages (issue 17: their own function) are the ones that do', () => {
    expect(definitions.filter((definition) => definition.managesSignIn).map((definition) => definition.id)).toEqual([
      'staff',
      'relationships',
      'workspace-admin',
    ]);
  });

  it.each(['staff', 'relationships'] as const)(
    'the %s function may read a user’s groups as well as change them, for the idempotent sync',
    (id) => {
      const role = fnOf(id).role;
      if (!role) throw new Error(`no role for ${id}`);
      const statements = statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role));

      for (const action of ['cognito-idp:AdminListGroupsForUser', ...STAFF_DIRECTORY_ACTIONS]) {
        expect(statements.some((statement) => mentions(statement.actions, action))).toBe(true);
      }
    },
  );
});
