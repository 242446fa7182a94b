import { describe, expect, it } from 'vitest';
import {
  STAFF_DIRECTORY_ACTIONS,
  STAFF_SIGN_OUT_ACTIONS,
} from '../../shared/adapters/identity/cognito-staff-directory.ts';
import { ENV } from '../../shared/config/env.ts';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import { logicalIdOf, mentions, resourceOf, statementsOfRole, synthesizedForThisFile } from './app-under-test.ts';

/**
 * What the workspace asks of other services (issue 15), least privilege, as synthesized. Since the workspace
 * was split by page group (issue 17), each grant goes to the one workspace function whose pages need it: sign-out
 * to the workspace function (sign-in and sign-out), job runs and import reports to workspace-admin (the admin pages):
 * - sign-out signs the person out everywhere with AdminUserGlobalSignOut, authorised on the user pool ARN
 *   (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html:
 *   "you must use IAM credentials to authorize requests"); the workspace alone may, on the staff pool only;
 * - a real job run is handed to the jobs function with Invoke, InvocationType Event
 *   (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html), which needs lambda:InvokeFunction on that
 *   function and nothing else; the function's name reaches the workspace as JOBS_FUNCTION_NAME;
 * - an import's page links to its report with presigned GETs, which work only as far as the signing role's grant
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html): s3:GetObject under reports/ only.
 */
const synthesized = synthesizedForThisFile();
const fnOf = (id: keyof typeof FUNCTIONS) => synthesized.stateless.functions[id].function;
const statementsOf = (id: keyof typeof FUNCTIONS) => {
  const role = fnOf(id).role;
  if (!role) throw new Error(`no role for ${id}`);
  return statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role));
};
const variablesOf = (id: keyof typeof FUNCTIONS) =>
  (
    resourceOf(synthesized.statelessTemplate, logicalIdOf(fnOf(id))).Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe('signing out everywhere from the workspace (AdminUserGlobalSignOut)', () => {
  it('lets the workspace sign a user out globally on the staff user pool, and no other resource', () => {
    const grants = statementsOf('workspace').filter((statement) =>
      mentions(statement.actions, STAFF_SIGN_OUT_ACTIONS[0]),
    );

    expect(grants.length).toBeGreaterThan(0);
    for (const statement of grants) {
      expect(mentions(statement.resources, '*')).toBe(false);
      expect(JSON.stringify(statement.resources)).toContain('StaffUserPool');
    }
  });

  it.each(
    Object.values(FUNCTIONS)
      .filter((definition) => definition.id !== 'workspace')
      .map((d) => d.id),
  )('the %s function may not sign anyone out', (id) => {
    expect(statementsOf(id).some((statement) => mentions(statement.actions, STAFF_SIGN_OUT_ACTIONS[0]))).toBe(false);
  });

  it('is a separate action from the directory’s (role groups and leavers)', () => {
    expect(STAFF_DIRECTORY_ACTIONS as readonly string[]).not.toContain(STAFF_SIGN_OUT_ACTIONS[0]);
  });
});

describe('handing a real job run to the jobs function', () => {
  it('tells the admin pages’ function the jobs function’s name', () => {
    expect(JSON.stringify(variablesOf('workspace-admin')[ENV.jobsFunctionName])).toContain(logicalIdOf(fnOf('jobs')));
  });

  it('lets the admin pages’ function invoke the jobs function, and that function only', () => {
    const invokes = statementsOf('workspace-admin').filter((statement) =>
      mentions(statement.actions, 'lambda:InvokeFunction'),
    );

    expect(invokes.length).toBeGreaterThan(0);
    for (const statement of invokes) {
      expect(mentions(statement.resources, '"*"')).toBe(false);
      const named = [...JSON.stringify(statement.resources).matchAll(/"(\w+)","Arn"/g)].map((match) => match[1]);
      expect(new Set(named)).toEqual(new Set([logicalIdOf(fnOf('jobs'))]));
    }
  });

  it.each(
    Object.values(FUNCTIONS)
      .filter((definition) => definition.id !== 'workspace-admin')
      .map((d) => d.id),
  )('the %s function has no jobs function to hand runs to', (id) => {
    expect(ENV.jobsFunctionName in variablesOf(id)).toBe(false);
  });
});

describe('links to import reports from the workspace', () => {
  it('tells the admin pages’ function the imports bucket and lets it read objects under reports/ only, nothing else in S3', () => {
    const s3 = statementsOf('workspace-admin').filter((statement) =>
      statement.actions.some((action) => action.startsWith('s3:')),
    );

    expect(variablesOf('workspace-admin')[ENV.importsBucket]).toBeDefined();
    expect(s3).toHaveLength(1);
    expect(s3[0]?.actions).toEqual(['s3:GetObject']);
    expect(JSON.stringify(s3[0]?.resources)).toMatch(/-imports-.*\/reports\/\*/);
    expect(JSON.stringify(s3[0]?.resources)).not.toContain('uploads/');
  });

  // The imports and register-import functions write and read reports themselves (test/infra/register-import.test.ts).
  it.each(
    Object.values(FUNCTIONS)
      .filter((definition) => definition.workspace && definition.id !== 'workspace-admin')
      .map((d) => d.id),
  )('the other workspace function %s may read no import report', (id) => {
    const reports = statementsOf(id).filter((statement) => JSON.stringify(statement.resources).includes('/reports/'));

    expect(reports).toEqual([]);
  });
});
