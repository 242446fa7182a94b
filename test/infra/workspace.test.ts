import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env.ts';
import { physicalTemplateName } from '../../shared/definitions/email-templates.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { SESSIONS_TABLE } from '../../shared/definitions/tables.ts';
import { WORKSPACE_ROUTES } from '../../shared/definitions/workspace-routes.ts';
import {
  cdkJsonContext,
  logicalIdOf,
  mentions,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

/**
 * The staff workspace's infrastructure (issue 15), as synthesized: Cognito managed login on the pool's
 * domain, the workspace's app client (authorization code only, no secret, the callback and sign-out URLs
 * from CDK context), the sessions table (TTL, encryption, point-in-time recovery), the workspace
 * function's settings, and its routes on the HTTP API without the JWT authorizer (the session
 * authenticates). cdk-nag runs on the whole app in cdk-nag.test.ts; this file's synthesis runs it too.
 */
const synthesized = synthesizedForThisFile();
const WORKSPACE_URL = 'https://engagement.example.org';

describe('workspace sign-in (Cognito managed login)', () => {
  it('gives the staff pool a managed login domain (the newer managed login)', () => {
    const domains = Object.values(resourcesOfType(synthesized.statefulTemplate, 'AWS::Cognito::UserPoolDomain'));

    expect(domains).toHaveLength(1);
    expect(domains[0]?.Properties).toMatchObject({ Domain: 'provider-engagement-dev', ManagedLoginVersion: 2 });
  });

  it('has an app client for the workspace: code grant only, OpenID scopes, no secret, revocation, the context URLs', () => {
    const client = resourceOf(
      synthesized.statefulTemplate,
      logicalIdOf(synthesized.stateful.workspaceSignIn.client),
    ).Properties;

    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(client.GenerateSecret).toBe(false);
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.CallbackURLs).toEqual([`${WORKSPACE_URL}/workspace/auth/callback`]);
    expect(client.LogoutURLs).toEqual([`${WORKSPACE_URL}/workspace/sign-out`]);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it("styles managed login for that client with Cognito's own values (the newer managed login shows nothing without)", () => {
    const branding = Object.values(resourcesOfType(synthesized.statefulTemplate, 'AWS::Cognito::ManagedLoginBranding'));

    expect(branding).toHaveLength(1);
    expect(branding[0]?.Properties.UseCognitoProvidedValues).toBe(true);
  });

  it('leaves the API web client and the JWT authorizer as they were', () => {
    const authorizers = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));

    expect(authorizers).toHaveLength(1);
    expect(JSON.stringify(authorizers[0]?.Properties.JwtConfiguration)).not.toContain('WorkspaceClient');
  });
});

describe('the sessions table', () => {
  const sessions = () =>
    resourceOf(synthesized.statefulTemplate, logicalIdOf(synthesized.stateful.tables.sessions)).Properties;

  it('expires sessions and sign-in attempts with TTL on expiresAt', () => {
    expect(sessions().TimeToLiveSpecification).toEqual({ AttributeName: SESSIONS_TABLE.ttlAttribute, Enabled: true });
  });

  it('is encrypted and has point-in-time recovery', () => {
    const replica = (sessions().Replicas as Record<string, unknown>[])[0];

    expect(sessions().SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(replica?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });
});

// Issue 17: the workspace is three functions, one per group of pages; each checks sessions the same way.
const WORKSPACE_FUNCTIONS = Object.values(FUNCTIONS)
  .filter((definition) => definition.workspace)
  .map((definition) => definition.id);
const roleStatementsOf = (id: FunctionId) => {
  const role = synthesized.stateless.functions[id].function.role;
  if (!role) throw new Error(`the ${id} function has no role`);
  return statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role));
};

describe('the workspace functions', () => {
  const environment = (id: FunctionId) => {
    const fn = resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[id].function));
    return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  it('are the workspace, its meeting pages’ and its admin pages’ functions', () => {
    expect(WORKSPACE_FUNCTIONS).toEqual(['workspace', 'workspace-meetings', 'workspace-admin']);
  });

  it.each(WORKSPACE_FUNCTIONS)(
    '%s knows the pool issuer, its app client, the managed login domain and its own origin',
    (id) => {
      const variables = environment(id);

      expect(JSON.stringify(variables[ENV.workspaceIssuer])).toContain('StaffUserPool');
      expect(JSON.stringify(variables[ENV.workspaceIssuer])).toContain('ProviderURL');
      expect(JSON.stringify(variables[ENV.workspaceClientId])).toContain('WorkspaceClient');
      expect(JSON.stringify(variables[ENV.workspaceAuthBaseUrl])).toContain('amazoncognito.com');
      expect(variables[ENV.workspaceOrigin]).toBe(WORKSPACE_URL);
      expect(variables[ENV.sessionsTable]).toBeDefined();
    },
  );

  it('serves every workspace route, none behind the JWT authorizer', () => {
    const routes = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
    const byKey = new Map(routes.map((route) => [route.Properties.RouteKey, route.Properties]));

    for (const route of WORKSPACE_ROUTES) {
      const found = byKey.get(`${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      expect(found?.AuthorizationType).toBe('NONE');
    }
  });

  it('the meeting pages’ function may render the share email through SES to preview it, and only that template (sending nothing)', () => {
    // TestRenderEmailTemplate's resource type is the template (its ARN, not "*"):
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html
    const rendering = roleStatementsOf('workspace-meetings').filter((statement) =>
      statement.actions.includes('ses:TestRenderEmailTemplate'),
    );

    expect(rendering).toHaveLength(1);
    expect(rendering[0]?.actions).toEqual(['ses:TestRenderEmailTemplate']);
    expect(rendering[0]?.resources).toHaveLength(1);
    const name = physicalTemplateName(String(cdkJsonContext().stage), 'template-shared');
    expect(mentions(rendering[0]?.resources, `:template/${name}"`)).toBe(true);
  });

  it.each(WORKSPACE_FUNCTIONS.filter((id) => id !== 'workspace-meetings'))(
    '%s, which serves no template page, may render no email',
    (id) => {
      expect(roleStatementsOf(id).some((statement) => mentions(statement.actions, 'ses:TestRenderEmailTemplate'))).toBe(
        false,
      );
    },
  );

  it.each(WORKSPACE_FUNCTIONS.filter((id) => !FUNCTIONS[id].sendsEmail && !FUNCTIONS[id].composesEmail))(
    '%s, whose pages email no one, may send no email and read no email account',
    (id) => {
      const actions = roleStatementsOf(id).flatMap((statement) => statement.actions);

      expect(actions.filter((action) => action.startsWith('ses:'))).toEqual([]);
      expect(ENV.senderAddress in environment(id)).toBe(false);
    },
  );

  it('workspace-admin composes a dry run’s mailer (sender settings, the account’s pace) and may send nothing', () => {
    const actions = roleStatementsOf('workspace-admin').flatMap((statement) => statement.actions);

    expect(actions.filter((action) => action.startsWith('ses:'))).toEqual(['ses:GetAccount']);
    expect(ENV.senderAddress in environment('workspace-admin')).toBe(true);
    expect(ENV.sesConfigurationSet in environment('workspace-admin')).toBe(true);
  });
});
