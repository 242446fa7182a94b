import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StatefulStack } from '../../infra/stateful-stack.ts';
import { TABLES } from '../../shared/definitions/tables.ts';
import { type CfnResourceJson, logicalIdOf, resourceOf } from './app-under-test.ts';

// The stateful stack alone: it bundles nothing, so this file synthesizes in well under a second.
const SENDER = 'engagement@regulator.example';
let stack: StatefulStack;
let template: Template;

beforeAll(() => {
  stack = new StatefulStack(new App(), 'Stateful', {
    workspace: { url: 'https://engagement.example.org', authDomainPrefix: 'provider-engagement-test' },
    senderAddress: SENDER,
    senderDomain: 'regulator.example',
  });
  template = Template.fromStack(stack);
});

const tableResource = (id: (typeof TABLES)[number]['id']): CfnResourceJson =>
  resourceOf(template, logicalIdOf(stack.tables[id]));

const onlyReplica = (table: CfnResourceJson): Record<string, unknown> => {
  const replicas = table.Properties.Replicas;
  expect(replicas).toHaveLength(1);
  return (replicas as Record<string, unknown>[])[0] ?? {};
};

describe.each(TABLES)('the $id table', (definition) => {
  it('keeps its data when the stack or the resource goes away (DeletionPolicy and UpdateReplacePolicy Retain)', () => {
    const table = tableResource(definition.id);

    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('has deletion protection and point-in-time recovery', () => {
    const replica = onlyReplica(tableResource(definition.id));

    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('is encrypted at rest and billed on demand', () => {
    const table = tableResource(definition.id);

    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('lets CloudFormation name it, so stages never collide', () => {
    expect(tableResource(definition.id).Properties.TableName).toBeUndefined();
  });

  it('has the string keys of its definition', () => {
    const table = tableResource(definition.id);

    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      { AttributeName: definition.sortKey, KeyType: 'RANGE' },
    ]);
    const keyNames = [
      definition.partitionKey,
      definition.sortKey,
      ...definition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it(
    definition.ttlAttribute ? `expires items by the ${definition.ttlAttribute} attribute` : 'never expires an item',
    () => {
      const ttl = tableResource(definition.id).Properties.TimeToLiveSpecification;

      if (definition.ttlAttribute) expect(ttl).toEqual({ AttributeName: definition.ttlAttribute, Enabled: true });
      else expect(ttl).toBeUndefined();
    },
  );

  it('has exactly the global secondary indexes of its definition, projecting all attributes', () => {
    const indexes = tableResource(definition.id).Properties.GlobalSecondaryIndexes;
    if (definition.indexes.length === 0) return expect(indexes).toBeUndefined();
    expect(indexes).toEqual(
      definition.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('the staff user pool', () => {
  // Cognito's default sender has a small daily cap and a generic From address; DEVELOPER mode sends through
  // the account's SES identity (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-emailconfiguration.html).
  it("sends invitations and password resets through SES as the stack's sender, from its verified domain", () => {
    const pool = resourceOf(template, logicalIdOf(stack.staffPool.userPool));

    expect(pool.Properties.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: `Provider Engagement <${SENDER}>`,
      SourceArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ses:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':identity/regulator.example',
          ],
        ],
      },
    });
  });
});
