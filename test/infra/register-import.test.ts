import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
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
  it('is told the bucket and may read and write objects under uploads/ and reports/ only', () => {
    const environment = (fn(id).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const s3 = statementsOf(id).filter((statement) => statement.actions.some((action) => action.startsWith('s3:')));

    expect(environment[ENV.importsBucket]).toBeDefined();
    expect(s3).toHaveLength(1);
    expect(s3[0]?.actions.sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.stringify(s3[0]?.resources)).toMatch(/uploads\/\*.*reports\/\*/);
  });

  it('runs the handler its definition names', () => {
    expect(FUNCTIONS[id].entry).toMatch(/^functions\/.+\/handler\.ts$/);
    expect(fn(id).Properties.Handler).toBe('index.handler');
  });
});

describe('starting an import from an upload', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html ("Object Created", source aws.s3, default bus)
  it('runs the register-import function for objects created under uploads/ in the imports bucket', () => {
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
    const targets = rule.Properties.Targets as Array<{
      Arn: unknown;
      RetryPolicy?: unknown;
      DeadLetterConfig?: unknown;
    }>;
    expect(JSON.stringify(targets[0]?.Arn)).toContain(
      logicalIdOf(synthesized.stateless.functions['register-import'].function),
    );
    expect(targets[0]?.DeadLetterConfig).toBeDefined();
  });

  it('gives the import a whole Lambda invocation (15 minutes) and memory to stream the file', () => {
    expect(fn('register-import').Properties).toMatchObject({ Timeout: 900, MemorySize: 1769 });
  });
});
