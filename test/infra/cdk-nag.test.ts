import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../infra/app.ts';
import type { StatelessStack } from '../../infra/stateless-stack.ts';
import { cdkJsonContext, logicalIdOf, removeAssembly } from './app-under-test.ts';

const freshOutdir = (): string => mkdtempSync(join(tmpdir(), 'provider-engagement-nag-'));

interface ValidationReport {
  pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

/**
 * Synthesizes and returns the unacknowledged findings as "rule at path". cdk-nag 3 makes app.synth() throw
 * "Validation failed" naming only the report file; the rule ids are in <outdir>/validation-report.json.
 */
function synthFindings(target: App): string[] {
  try {
    target.synth();
    return [];
  } catch (error) {
    const reportPath = join(target.outdir, 'validation-report.json');
    if (!existsSync(reportPath)) throw error;
    const report: ValidationReport = JSON.parse(readFileSync(reportPath, 'utf8'));
    return report.pluginReports.flatMap((plugin) =>
      plugin.violations.flatMap((violation) =>
        violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`),
      ),
    );
  }
}

let app: App;
let stateless: StatelessStack;

beforeAll(() => {
  app = new App({ outdir: freshOutdir(), context: cdkJsonContext() });
  ({ stateless } = composeApp(app));
});

afterAll(() => removeAssembly(app.outdir));

/** Every acknowledgement recorded with Validations.of(...).acknowledge, with where it was made. */
const acknowledgements = (root: IConstruct): { path: string; id: string; reason: unknown }[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );

const IMPORTS_NOTIFICATIONS_ROLE =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
const stageOf = (stack: StatelessStack): string => stack.stackName.replace(/^ProviderEngagement-|-Stateless$/g, '');

describe('cdk-nag AwsSolutions checks', () => {
  it('synthesize the app with every finding fixed or acknowledged', () => {
    expect(synthFindings(app)).toEqual([]);
  });

  it('fail synthesis on an unacknowledged finding (the plugin really runs)', () => {
    const failing = new App({ outdir: freshOutdir() });
    const stack = new Stack(failing, 'Failing');
    new sqs.Queue(stack, 'QueueWithoutTls', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    Validations.of(failing).addPlugins(new AwsSolutionsChecks(failing));

    const findings = synthFindings(failing);
    removeAssembly(failing.outdir);

    expect(findings).toContain('AwsSolutions-SQS4 at Failing/QueueWithoutTls/Resource');
  });

  it('give a reason with every acknowledgement', () => {
    const recorded = acknowledgements(app);

    expect(recorded.length).toBeGreaterThan(0);
    for (const { path, id, reason } of recorded) {
      expect(typeof reason, `${path} ${id}`).toBe('string');
      expect(String(reason).length, `${path} ${id}`).toBeGreaterThan(40);
    }
  });

  it('acknowledge in the stateful stack only the unrotated link key and the user pool without the Plus tier: the tables meet every rule', () => {
    const stateful = app.node.children.find((child) => child.node.id.endsWith('-Stateful'));
    expect(stateful).toBeDefined();

    expect(
      (stateful ? acknowledgements(stateful) : []).map(({ id }) => id.replace(/^Annotation::/i, '')).sort(),
    ).toEqual([
      'AwsSolutions-COG8',
      // The register import's bucket (issue 16): CDK's notifications handler role, and no access logs.
      IMPORTS_NOTIFICATIONS_ROLE,
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
  });

  it('acknowledge no Cognito finding in the stateless stack: it holds no user pool', () => {
    const ruleIds = acknowledgements(stateless).map(({ id }) => id.replace(/^Annotation::/i, ''));

    expect(ruleIds.filter((id) => id.startsWith('AwsSolutions-COG'))).toEqual([]);
  });

  it('acknowledge only public routes, the Plus tier, unscopable or version wildcards, the runtime, the DLQ and key rotation', () => {
    const ruleIds = acknowledgements(app).map(({ id }) => id.replace(/^Annotation::/i, ''));

    expect([...new Set(ruleIds)].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-COG8',
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stateless.functions.jobs.function)}.Arn>:*]`,
        'AwsSolutions-L1',
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
        // The register import (issue 16): its bucket, and object grants under two prefixes.
        IMPORTS_NOTIFICATIONS_ROLE,
        'AwsSolutions-S1',
        ...['uploads/', 'reports/', 'work/'].map(
          (prefix) =>
            `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::provider-engagement-${stageOf(stateless)}-imports-<AWS::AccountId>/${prefix}*]`,
        ),
        // Its state machine (issue 16): invoking the import function's versions, and its distributed map's own
        // child executions (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl-use-map-state-distributed.html).
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stateless.functions['register-import'].function)}.Arn>:*]`,
        ...[':*', '/*:*'].map(
          (suffix) =>
            `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalIdOf(stateless.registerImport.stateMachine)}"}]}]}${suffix}]`,
        ),
      ].sort(),
    );
  });
});
