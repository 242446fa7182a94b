import { describe, expect, it } from 'vitest';
import { StepSchema } from '../../functions/register-import/steps.ts';
import { ENV } from '../../shared/config/env.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { IMPORT_SHARDS_AT_ONCE } from '../../shared/definitions/register-import.ts';
import {
  type CfnResourceJson,
  logicalIdOf,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

/** The register import's bucket, functions, upload rule and grants (issue 16), as synthesized. */
const synthesized = synthesizedForThisFile();

const bucket = (): CfnResourceJson =>
  resourceOf(synthesized.statefulTemplate, logicalIdOf(synthesized.stateful.importsBucket));
const fn = (id: FunctionId): CfnResourceJson =>
  resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[id].function));
const statementsOf = (id: FunctionId) => {
  const role = synthesized.stateless.functions[id].function.role;
  if (!role) throw new Error(`${id} has no role`);
  return statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role));
};

describe('the imports bucket', () => {
  it('is encrypted, blocks every kind of public access, and sends its events to EventBridge', () => {
    const properties = bucket().Properties;

    expect(properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    // CDK turns EventBridge on through its bucket-notifications custom resource.
    const notifications = Object.values(
      resourcesOfType(synthesized.statefulTemplate, 'Custom::S3BucketNotifications'),
    ).filter((resource) =>
      JSON.stringify(resource.Properties.BucketName).includes(logicalIdOf(synthesized.stateful.importsBucket)),
    );
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.Properties.NotificationConfiguration).toMatchObject({ EventBridgeConfiguration: {} });
  });

  it('deletes objects 30 days after they are written', () => {
    expect(bucket().Properties.LifecycleConfiguration).toMatchObject({
      Rules: [expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })],
    });
  });

  it('refuses every request not made over TLS', () => {
    const policies = Object.values(resourcesOfType(synthesized.statefulTemplate, 'AWS::S3::BucketPolicy'));
    const statements = policies.flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );

    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });
});

describe.each(['imports', 'register-import'] as const)('the %s function', (id) => {
  it('is told the bucket and may read and write objects under uploads/ and reports/', () => {
    const environment = (fn(id).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const s3 = statementsOf(id).filter((statement) => statement.actions.some((action) => action.startsWith('s3:')));

    expect(environment[ENV.importsBucket]).toBeDefined();
    expect(s3).toHaveLength(id === 'register-import' ? 2 : 1);
    expect(s3[0]?.actions.sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.stringify(s3[0]?.resources)).toMatch(/uploads\/\*.*reports\/\*/);
  });

  it('runs the handler its definition names', () => {
    expect(FUNCTIONS[id].entry).toMatch(/^functions\/.+\/handler\.ts$/);
    expect(fn(id).Properties.Handler).toBe('index.handler');
  });
});

/** The state machine's definition, its tokens (ARNs) written as "<token>". */
function definitionOf(machine: CfnResourceJson): {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
} {
  const body = machine.Properties.DefinitionString as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<token>')).join('');
  return JSON.parse(text);
}
const machine = (): CfnResourceJson =>
  resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.registerImport.stateMachine));
const machineRoleStatements = () =>
  statementsOfRole(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.registerImport.stateMachine.role));

describe('starting an import from an upload', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html ("Object Created", source aws.s3, default bus)
  // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_events_targets.SfnStateMachine.html (a role to StartExecution)
  it('starts the register import state machine for objects created under uploads/ in the imports bucket', () => {
    const rules = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.EventPattern).includes('aws.s3'),
    );

    expect(rules).toHaveLength(1);
    const rule = rules[0] as CfnResourceJson;
    expect(rule.Properties.EventBusName).toBe('default');
    expect(rule.Properties.EventPattern).toMatchObject({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { object: { key: [{ prefix: 'uploads/' }] } },
    });
    const targets = rule.Properties.Targets as Array<{ Arn: unknown; RoleArn?: unknown; DeadLetterConfig?: unknown }>;
    expect(targets[0]?.Arn).toEqual({ Ref: logicalIdOf(synthesized.stateless.registerImport.stateMachine) });
    expect(targets[0]?.DeadLetterConfig).toBeDefined();
    const roleArn = targets[0]?.RoleArn as { 'Fn::GetAtt': [string, string] } | undefined;
    const roleId = String(roleArn?.['Fn::GetAtt'][0]);
    expect(statementsOfRole(synthesized.statelessTemplate, roleId)).toEqual([
      expect.objectContaining({
        actions: ['states:StartExecution'],
        resources: [{ Ref: logicalIdOf(synthesized.stateless.registerImport.stateMachine) }],
      }),
    ]);
  });

  it('gives each step a whole Lambda invocation (15 minutes), memory to stream the file and /tmp to spill its shards', () => {
    expect(fn('register-import').Properties).toMatchObject({
      Timeout: 900,
      MemorySize: 1769,
      EphemeralStorage: { Size: 2048 },
    });
  });

  it('lets the import function keep its shards and parts under work/ in the imports bucket, and nowhere else new', () => {
    const s3 = statementsOf('register-import').filter((statement) =>
      statement.actions.some((action) => action.startsWith('s3:')),
    );

    expect(JSON.stringify(s3.map((statement) => statement.resources))).toMatch(/\/work\/\*/);
    expect(
      s3.flatMap((statement) => statement.actions).every((action) => ['s3:GetObject', 's3:PutObject'].includes(action)),
    ).toBe(true);
  });
});

describe('the register import state machine', () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl-use-map-state-distributed.html
  it('splits, imports each shard in a distributed map of Standard child executions a few at a time, then finishes', () => {
    const definition = definitionOf(machine());

    expect(definition.StartAt).toBe('Split');
    expect(definition.States.Split).toMatchObject({
      Type: 'Task',
      Parameters: { step: 'split', 'key.$': '$.detail.object.key' },
      ResultPath: '$.split',
      Next: 'SplitIntoShards',
    });
    expect(definition.States.SplitIntoShards).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.split.outcome', StringEquals: 'split', Next: 'ImportShards' }],
      Default: 'NothingToImport',
    });
    const map = definition.States.ImportShards as Record<string, unknown> & {
      ItemProcessor: { ProcessorConfig: unknown; StartAt: string; States: Record<string, Record<string, unknown>> };
    };
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.split.shards',
      MaxConcurrency: IMPORT_SHARDS_AT_ONCE,
      ResultPath: null,
      Next: 'Finish',
    });
    // Express child workflows stop at 5 minutes; a shard may take most of a Lambda's 15.
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemProcessor.States.ImportShard).toMatchObject({
      Parameters: { step: 'shard', 'importId.$': '$.importId', 'shard.$': '$.shard' },
    });
    expect(definition.States.Finish).toMatchObject({
      Parameters: { step: 'finish', 'importId.$': '$.split.importId' },
    });
  });

  it('retries every step (each is idempotent), and records the import failed when a step fails for good', () => {
    const definition = definitionOf(machine());
    const map = definition.States.ImportShards as {
      ItemProcessor: { States: Record<string, Record<string, unknown>> };
    };

    for (const step of [definition.States.Split, map.ItemProcessor.States.ImportShard, definition.States.Finish]) {
      expect(step?.Retry).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 })]);
    }
    for (const name of ['Split', 'ImportShards', 'Finish']) {
      expect(definition.States[name]?.Catch).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'RecordFailure' }),
      ]);
    }
    expect(definition.States.RecordFailure).toMatchObject({
      Parameters: { step: 'failed', 'key.$': '$.detail.object.key' },
      Next: 'ImportFailed',
    });
  });

  it('sends each step a payload the register-import handler accepts (the handler and the machine cannot drift)', () => {
    const definition = definitionOf(machine());
    const map = definition.States.ImportShards as {
      ItemProcessor: { States: Record<string, Record<string, unknown>> };
    };
    const samples: Record<string, unknown> = {
      '$.detail.object.key': 'uploads/01J0000000000000000000ZZZZ/HSCA-Active-Locations.csv',
      '$.split.importId': '01J0000000000000000000ZZZZ',
      '$.importId': '01J0000000000000000000ZZZZ',
      '$.shard': 3,
    };
    const payloads = [
      definition.States.Split,
      map.ItemProcessor.States.ImportShard,
      definition.States.Finish,
      definition.States.RecordFailure,
    ].map((state) =>
      Object.fromEntries(
        Object.entries(state?.Parameters as Record<string, unknown>).map(([name, value]) =>
          name.endsWith('.$') ? [name.slice(0, -2), samples[String(value)]] : [name, value],
        ),
      ),
    );

    expect(payloads.map((payload) => StepSchema.safeParse(payload).success)).toEqual([true, true, true, true]);
    expect(payloads.map((payload) => payload.step)).toEqual(['split', 'shard', 'finish', 'failed']);
  });

  it("logs every event without the states' data, and traces", () => {
    expect(machine().Properties).toMatchObject({
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('may invoke the register-import function only, and start its own child executions', () => {
    const statements = machineRoleStatements();
    const invoke = statements.filter((statement) => statement.actions.includes('lambda:InvokeFunction'));
    const fnId = logicalIdOf(synthesized.stateless.functions['register-import'].function);

    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]?.resources)).toContain(fnId);
    expect(JSON.stringify(invoke[0]?.resources.filter((resource) => !JSON.stringify(resource).includes(fnId)))).toBe(
      '[]',
    );
    const startsChildren = statements.filter((statement) => statement.actions.includes('states:StartExecution'));
    expect(startsChildren.length).toBeGreaterThan(0);
    expect(
      statements
        .flatMap((statement) => statement.actions)
        .filter((action) => action.startsWith('dynamodb:') || action.startsWith('s3:')),
    ).toEqual([]);
  });

  it('raises an alarm when an execution fails or times out', () => {
    const alarms = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => JSON.stringify(alarm.Properties.Metrics ?? null).includes('ExecutionsFailed'),
    );

    expect(alarms).toHaveLength(1);
    const metrics = JSON.stringify(alarms[0]?.Properties.Metrics);
    expect(metrics).toContain('ExecutionsTimedOut');
    expect(metrics).toContain(logicalIdOf(synthesized.stateless.registerImport.stateMachine));
    expect(alarms[0]?.Properties.AlarmActions).toBeDefined();
  });
});
