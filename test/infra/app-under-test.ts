import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll } from 'vitest';
import { composeApp } from '../../infra/app.ts';
import type { StatefulStack } from '../../infra/stateful-stack.ts';
import type { StatelessStack } from '../../infra/stateless-stack.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The context the CLI would read from cdk.json, so tests synthesize what `npm run synth` synthesizes. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
  if (typeof cdkJson !== 'object' || cdkJson === null || !('context' in cdkJson))
    throw new Error('cdk.json has no context');
  const { context } = cdkJson;
  if (typeof context !== 'object' || context === null) throw new Error('cdk.json context is not an object');
  return { ...context };
}

export interface AppUnderTest {
  app: App;
  /** The cloud assembly directory: bundled function code lands in asset.<hash>/ here. */
  outdir: string;
  stateful: StatefulStack;
  stateless: StatelessStack;
  statefulTemplate: Template;
  statelessTemplate: Template;
}

/** The real app (both stacks, cdk-nag plugin included), synthesized into a fresh temporary directory. */
export function synthesizeApp(): AppUnderTest {
  const outdir = mkdtempSync(join(tmpdir(), 'provider-engagement-infra-'));
  const app = new App({ outdir, context: cdkJsonContext() });
  const { stateful, stateless } = composeApp(app);
  return {
    app,
    outdir,
    stateful,
    stateless,
    statefulTemplate: Template.fromStack(stateful),
    statelessTemplate: Template.fromStack(stateless),
  };
}

/**
 * The app synthesized once for a test file (before its tests) and its assembly removed after them.
 * The fields are filled by the time a test runs.
 */
export function synthesizedForThisFile(): AppUnderTest {
  const synthesized = {} as AppUnderTest;
  beforeAll(() => {
    Object.assign(synthesized, synthesizeApp());
  });
  afterAll(() => removeAssembly(synthesized.outdir));
  return synthesized;
}

/** Deletes a synthesized assembly: each holds every bundle and its source map (tens of MB). */
export function removeAssembly(outdir: string): void {
  rmSync(outdir, { recursive: true, force: true });
}

/** The logical id CloudFormation knows a construct's resource by. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const resolved: unknown = Stack.of(resource).resolve(resource.logicalId);
  if (typeof resolved !== 'string') throw new Error(`Unresolved logical id for ${construct.node.path}`);
  return resolved;
}

export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

export function resourcesOfType(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>;
}

export function resourceOf(template: Template, logicalId: string): CfnResourceJson {
  const resource: CfnResourceJson | undefined = template.toJSON().Resources?.[logicalId];
  if (!resource) throw new Error(`No resource ${logicalId} in template`);
  return resource;
}

export interface PolicyStatementJson {
  effect: string;
  actions: string[];
  resources: unknown[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function statementsOf(policyDocument: unknown): PolicyStatementJson[] {
  if (typeof policyDocument !== 'object' || policyDocument === null || !('Statement' in policyDocument)) return [];
  return asList(policyDocument.Statement).map((raw) => {
    const statement = raw as { Effect: string; Action: unknown; Resource: unknown };
    return {
      effect: statement.Effect,
      actions: asList(statement.Action).map(String),
      resources: asList(statement.Resource),
    };
  });
}

/** Every statement that applies to a role: its inline policies and every AWS::IAM::Policy attached to it. */
export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatementJson[] {
  const inline = asList(resourceOf(template, roleLogicalId).Properties.Policies ?? []).flatMap((policy) =>
    statementsOf((policy as { PolicyDocument?: unknown }).PolicyDocument),
  );
  const attached = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => statementsOf(policy.Properties.PolicyDocument));
  return [...inline, ...attached];
}

/** Every identity-policy statement in a template (roles' inline policies and AWS::IAM::Policy). */
export function allIdentityStatements(template: Template): PolicyStatementJson[] {
  const fromRoles = Object.values(resourcesOfType(template, 'AWS::IAM::Role')).flatMap((role) =>
    asList(role.Properties.Policies ?? []).flatMap((policy) =>
      statementsOf((policy as { PolicyDocument?: unknown }).PolicyDocument),
    ),
  );
  const fromPolicies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).flatMap((policy) =>
    statementsOf(policy.Properties.PolicyDocument),
  );
  return [...fromRoles, ...fromPolicies];
}

/** The export name under which the producing stack publishes `value` (e.g. { Ref: tableId }). */
export function exportNameOf(producer: Template, value: unknown): string {
  const outputs: Record<string, { Value: unknown; Export?: { Name: string } }> = producer.toJSON().Outputs ?? {};
  const wanted = JSON.stringify(value);
  // Plain outputs for operators may carry the same value; the export is the one with a name.
  const output = Object.values(outputs).find(
    (candidate) => candidate.Export !== undefined && JSON.stringify(candidate.Value) === wanted,
  );
  if (!output?.Export) throw new Error(`Nothing exported for ${wanted}`);
  return output.Export.Name;
}

export const mentions = (value: unknown, fragment: string): boolean => JSON.stringify(value).includes(fragment);
