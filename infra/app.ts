import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { policyFromEnvironment } from '../shared/config/policy.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface DeploymentConfig {
  stage: string;
  senderAddress: string;
  senderDomain: string;
  /** Optional JSON {"policyId": "YYYY-MM-DD"}, e.g. -c policyEffectiveFrom='{"assessment-framework-2023":"2024-01-01"}'. */
  policyEffectiveFrom: string | undefined;
  /** The staff workspace's origin (https, no path): its callback and sign-out URLs are made from it. */
  workspaceUrl: string;
  /** Cognito managed login's domain prefix (globally unique per region); default provider-engagement-<stage>. */
  authDomainPrefix: string;
}

/** Reads the deployment settings from CDK context (cdk.json, or -c on the command line); fails loudly. */
export function readDeploymentConfig(app: App): DeploymentConfig {
  const read = (key: string, fallback?: string): string => {
    const value: unknown = app.node.tryGetContext(key) ?? fallback;
    if (typeof value !== 'string' || value.length === 0) {
      throw new Error(`CDK context "${key}" is required (set it in cdk.json or pass -c ${key}=...)`);
    }
    return value;
  };
  const overrides: unknown = app.node.tryGetContext('policyEffectiveFrom');
  const config = {
    stage: read('stage', 'dev'),
    senderAddress: read('senderAddress'),
    senderDomain: read('senderDomain'),
    // The functions parse and check it at cold start (shared/config/policy.ts); synthesis checks it too.
    policyEffectiveFrom:
      overrides === undefined ? undefined : typeof overrides === 'string' ? overrides : JSON.stringify(overrides),
  };
  const stage = read('stage', 'dev');
  const workspace = {
    workspaceUrl: read('workspaceUrl').replace(/\/$/, ''),
    authDomainPrefix: read('authDomainPrefix', `provider-engagement-${stage}`),
  };
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(workspace.workspaceUrl)) {
    throw new Error(
      `workspaceUrl ${workspace.workspaceUrl} must be an https origin with no path, e.g. https://engagement.example.org`,
    );
  }
  if (
    !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(workspace.authDomainPrefix) ||
    /aws|amazon|cognito/.test(workspace.authDomainPrefix)
  ) {
    throw new Error(
      `authDomainPrefix ${workspace.authDomainPrefix} must be lower-case letters, digits and hyphens, without aws, amazon or cognito`,
    );
  }
  Object.assign(config, workspace);
  if (config.policyEffectiveFrom !== undefined)
    policyFromEnvironment({ POLICY_EFFECTIVE_FROM: config.policyEffectiveFrom });
  // The stage prefixes stack and SES template names, so it must be valid in both.
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(config.stage)) {
    throw new Error(`stage "${config.stage}" must be lower-case letters, digits and hyphens, at most 20 characters`);
  }
  if (!config.senderAddress.endsWith(`@${config.senderDomain}`)) {
    throw new Error(`senderAddress ${config.senderAddress} is not an address of senderDomain ${config.senderDomain}`);
  }
  return config as DeploymentConfig;
}

/** The stacks of one stage, checked by cdk-nag's AWS Solutions pack: synthesis fails on any unacknowledged finding. */
export function composeApp(app: App): { stateful: StatefulStack; stateless: StatelessStack } {
  const { stage, senderAddress, senderDomain, policyEffectiveFrom, workspaceUrl, authDomainPrefix } =
    readDeploymentConfig(app);
  const prefix = `ProviderEngagement-${stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    description: 'Provider Engagement: tables, link signing key and staff user pool (retained)',
    workspace: { url: workspaceUrl, authDomainPrefix },
    senderAddress,
    senderDomain,
    stage,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    description: 'Provider Engagement: functions, API and its JWT authorizer, schedules, email and alarms',
    stage,
    tables: stateful.tables,
    linkSigningKey: stateful.linkSigningKey,
    staffPool: stateful.staffPool,
    workspaceSignIn: stateful.workspaceSignIn,
    workspaceUrl,
    importsBucket: stateful.importsBucket,
    senderAddress,
    senderDomain,
    policyEffectiveFrom,
  });

  Tags.of(app).add('project', 'provider-engagement');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
}

const runByCdk = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runByCdk) {
  const app = new App();
  composeApp(app);
  app.synth();
}
