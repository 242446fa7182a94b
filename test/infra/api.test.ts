import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../shared/definitions/routes.ts';
import { STAFF_ROLES } from '../../shared/domain/vocabulary.ts';
import {
  type CfnResourceJson,
  exportNameOf,
  logicalIdOf,
  mentions,
  resourceOf,
  resourcesOfType,
  synthesizedForThisFile,
} from './app-under-test.ts';

const synthesized = synthesizedForThisFile();
let routesByKey: Map<string, CfnResourceJson>;

beforeAll(() => {
  routesByKey = new Map(
    Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Route')).map((route) => [
      String(route.Properties.RouteKey),
      route,
    ]),
  );
});

const routeFor = (key: string): CfnResourceJson => {
  const route = routesByKey.get(key);
  if (!route) throw new Error(`No route ${key}`);
  return route;
};

/** The Lambda function logical id a route's integration invokes. */
const functionBehind = (route: CfnResourceJson): unknown => {
  const target = JSON.stringify(route.Properties.Target);
  const integrationId = /"Ref":"([A-Za-z0-9]+)"/.exec(target)?.[1];
  if (!integrationId) throw new Error(`Route target ${target} names no integration`);
  const integration = resourceOf(synthesized.statelessTemplate, integrationId);
  expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  return integration.Properties.IntegrationUri;
};

const authorizerId = (): string => {
  const authorizers = Object.keys(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
  expect(authorizers).toHaveLength(1);
  return authorizers[0] ?? '';
};

describe.each(ROUTES)('$method $path', (route) => {
  it(`invokes the ${route.functionId} function`, () => {
    const functionId = logicalIdOf(synthesized.stateless.functions[route.functionId].function);

    expect(functionBehind(routeFor(routeKey(route)))).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
  });

  it(route.auth === 'staff' ? 'requires a staff JWT checked by the authorizer' : 'is public: no authorizer', () => {
    const properties = routeFor(routeKey(route)).Properties;

    if (route.auth === 'staff') {
      expect(properties.AuthorizationType).toBe('JWT');
      expect(properties.AuthorizerId).toEqual({ Ref: authorizerId() });
    } else {
      expect(properties.AuthorizationType).toBe('NONE');
      expect(properties.AuthorizerId).toBeUndefined();
    }
  });
});

describe('the HTTP API', () => {
  it('has a route for every ROUTES entry and $default, and no other', () => {
    expect([...routesByKey.keys()].sort()).toEqual([...ROUTES.map(routeKey), '$default'].sort());
  });

  it('sends every request no route matches ($default) to the fallback function, without an authorizer', () => {
    const fallback = routeFor('$default');
    const fallbackId = logicalIdOf(synthesized.stateless.functions.fallback.function);

    expect(functionBehind(fallback)).toEqual({ 'Fn::GetAtt': [fallbackId, 'Arn'] });
    expect(fallback.Properties.AuthorizationType).toBe('NONE');
  });

  it("checks staff JWTs against the stateful stack's user pool issuer and web client audience", () => {
    const authorizer = resourceOf(synthesized.statelessTemplate, authorizerId());
    const poolId = logicalIdOf(synthesized.stateful.staffPool.userPool);
    const clientId = logicalIdOf(synthesized.stateful.staffPool.client);
    const imported = (value: unknown): unknown => ({
      'Fn::ImportValue': exportNameOf(synthesized.statefulTemplate, value),
    });

    expect(synthesized.stateless.staffPool).toBe(synthesized.stateful.staffPool);
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [imported({ Ref: clientId })],
        Issuer: imported({ 'Fn::GetAtt': [poolId, 'ProviderURL'] }),
      },
    });
  });

  it('throttles the default stage and writes JSON access logs to a log group', () => {
    const stage = resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.apiStage));
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };

    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: expect.any(Number),
      ThrottlingBurstLimit: expect.any(Number),
    });
    expect(mentions(settings.DestinationArn, 'Fn::GetAtt')).toBe(true);
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('raises an alarm on any 5xx answer of the default stage', () => {
    const apiId = logicalIdOf(synthesized.stateless.api);
    const alarms = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === '5xx' && mentions(alarm.Properties.Dimensions, `"${apiId}"`),
    );

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 1 });
  });

  it('publishes its URL, the user pool id and the client id as outputs', () => {
    const outputs = synthesized.statelessTemplate.toJSON().Outputs;

    expect(mentions(outputs.ApiUrl.Value, `{"Ref":"${logicalIdOf(synthesized.stateless.api)}"}`)).toBe(true);
    expect(mentions(outputs.ApiUrl.Value, '.execute-api.')).toBe(true);
    expect(outputs.UserPoolId.Value).toEqual({
      'Fn::ImportValue': exportNameOf(synthesized.statefulTemplate, {
        Ref: logicalIdOf(synthesized.stateful.staffPool.userPool),
      }),
    });
    expect(outputs.UserPoolClientId.Value).toEqual({
      'Fn::ImportValue': exportNameOf(synthesized.statefulTemplate, {
        Ref: logicalIdOf(synthesized.stateful.staffPool.client),
      }),
    });
  });
});

describe('the staff user pool', () => {
  const pool = (): CfnResourceJson =>
    resourceOf(synthesized.statefulTemplate, logicalIdOf(synthesized.stateful.staffPool.userPool));

  it('lives in the stateful stack, with its groups and web client; the stateless stack has no Cognito resource', () => {
    const cognitoTypes = (template: typeof synthesized.statefulTemplate): string[] =>
      Object.values(template.toJSON().Resources as Record<string, CfnResourceJson>)
        .map((resource) => resource.Type)
        .filter((type) => type.startsWith('AWS::Cognito::'));

    expect(new Set(cognitoTypes(synthesized.statefulTemplate))).toEqual(
      new Set([
        'AWS::Cognito::UserPool',
        'AWS::Cognito::UserPoolGroup',
        'AWS::Cognito::UserPoolClient',
        // The staff workspace's managed login (issue 15; test/infra/workspace.test.ts).
        'AWS::Cognito::UserPoolDomain',
        'AWS::Cognito::ManagedLoginBranding',
      ]),
    );
    expect(cognitoTypes(synthesized.statelessTemplate)).toEqual([]);
  });

  it('has one group per staff role, and no other', () => {
    const groups = Object.values(resourcesOfType(synthesized.statefulTemplate, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );

    expect(groups.sort()).toEqual([...STAFF_ROLES].sort());
  });

  it('takes the staff id as user name, which tokens carry as username, and lets staff sign in by email', () => {
    const properties = pool().Properties;

    // UsernameAttributes would make Cognito generate every user name, so no token could name a staff id.
    expect(properties.UsernameAttributes).toBeUndefined();
    expect(properties.AliasAttributes).toEqual(['email']);
  });

  it('lets only administrators create accounts', () => {
    expect(pool().Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
  });

  it('requires a TOTP second factor and a long password mixing cases, digits and symbols', () => {
    const properties = pool().Properties;

    expect(properties.MfaConfiguration).toBe('ON');
    expect(properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(properties.Policies).toMatchObject({
      PasswordPolicy: { RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
    });
    const { PasswordPolicy } = properties.Policies as { PasswordPolicy: { MinimumLength: number } };
    expect(PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('keeps staff accounts when the stack goes away', () => {
    expect(pool().DeletionPolicy).toBe('Retain');
    expect(pool().Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('gives the web client SRP sign-in without a secret or OAuth flows', () => {
    const client = resourceOf(synthesized.statefulTemplate, logicalIdOf(synthesized.stateful.staffPool.client));

    expect(client.Properties).toMatchObject({
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});
