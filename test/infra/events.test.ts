import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env.ts';
import { EVENT_RULES, EVENT_SOURCE, type EventRule } from '../../shared/definitions/events.ts';
import { FUNCTIONS, type FunctionDefinition, type FunctionId } from '../../shared/definitions/functions.ts';
import {
  type CfnResourceJson,
  logicalIdOf,
  mentions,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

const synthesized = synthesizedForThisFile();

const DEFINITIONS = Object.values(FUNCTIONS);
const TARGET_FUNCTION_IDS = [...new Set(EVENT_RULES.map((rule) => rule.targetFunctionId))];

const busId = (): string => logicalIdOf(synthesized.stateless.eventBus);
const deadLetterQueueId = (): string => logicalIdOf(synthesized.stateless.eventDeadLetterQueue);
const functionId = (id: FunctionId): string => logicalIdOf(synthesized.stateless.functions[id].function);

const ruleResources = (rule: EventRule): [string, CfnResourceJson][] =>
  Object.entries(resourcesOfType(synthesized.statelessTemplate, 'AWS::Events::Rule')).filter(
    ([, resource]) => resource.Properties.Description === rule.description,
  );

const ruleFor = (rule: EventRule): { id: string; resource: CfnResourceJson } => {
  const found = ruleResources(rule);
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] as [string, CfnResourceJson];
  return { id, resource };
};

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Principal?: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The raw statements of a role's attached policies, conditions included. */
const rawStatementsOf = (definition: FunctionDefinition): RawStatement[] => {
  const role = synthesized.stateless.functions[definition.id].function.role;
  if (!role) throw new Error(`${definition.id} has no role`);
  const roleId = logicalIdOf(role);
  return statementsOfPolicies(
    Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::IAM::Policy')).filter((policy) =>
      mentions(policy.Properties.Roles, `"${roleId}"`),
    ),
  );
};

const deadLetterQueuePolicies = (): CfnResourceJson[] =>
  Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SQS::QueuePolicy')).filter((policy) =>
    mentions(policy.Properties.Queues, `"${deadLetterQueueId()}"`),
  );

const statementsOfPolicies = (policies: CfnResourceJson[]): RawStatement[] =>
  policies.flatMap((policy) => asList((policy.Properties.PolicyDocument as { Statement: RawStatement[] }).Statement));

const environmentOf = (definition: FunctionDefinition): Record<string, unknown> => {
  const resource = resourceOf(synthesized.statelessTemplate, functionId(definition.id));
  return (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

describe.each(EVENT_RULES)('the $id rule', (rule) => {
  it(`matches source ${rule.source} and detail types ${rule.detailTypes.join(', ')} on the ${rule.bus} bus`, () => {
    const { resource } = ruleFor(rule);

    expect(resource.Properties).toMatchObject({
      // The stack's own bus for domain events; the account's default bus, where SES puts its events.
      EventBusName: rule.bus === 'app' ? { Ref: busId() } : 'default',
      State: 'ENABLED',
    });
    expect(resource.Properties.EventPattern).toEqual({ source: [rule.source], 'detail-type': [...rule.detailTypes] });
  });

  it(`targets the ${rule.targetFunctionId} function only, retries as its definition says, then dead-letters`, () => {
    const targets = ruleFor(rule).resource.Properties.Targets as Record<string, unknown>[];

    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [functionId(rule.targetFunctionId), 'Arn'] },
      RetryPolicy: {
        MaximumRetryAttempts: rule.retry.retryAttempts,
        MaximumEventAgeInSeconds: rule.retry.maximumEventAgeSeconds,
      },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] } },
    });
  });

  it('may invoke its target: EventBridge is allowed to, from this rule only', () => {
    const { id } = ruleFor(rule);
    const permissions = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Lambda::Permission')).filter(
      (permission) => permission.Properties.Principal === 'events.amazonaws.com',
    );

    expect(permissions).toContainEqual(
      expect.objectContaining({
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [functionId(rule.targetFunctionId), 'Arn'] },
          Principal: 'events.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [id, 'Arn'] },
        },
      }),
    );
  });

  it('may dead-letter into the event dead-letter queue, from this rule only', () => {
    const { id } = ruleFor(rule);
    const statements = statementsOfPolicies(deadLetterQueuePolicies());

    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } } },
      }),
    );
  });
});

describe.each(TARGET_FUNCTION_IDS)('the %s function as an event target', (target) => {
  const rules = EVENT_RULES.filter((rule) => rule.targetFunctionId === target);

  it('retries a failed asynchronous invocation, then sends it to the event dead-letter queue', () => {
    const configs = Object.values(
      resourcesOfType(synthesized.statelessTemplate, 'AWS::Lambda::EventInvokeConfig'),
    ).filter((config) => mentions(config.Properties.FunctionName, `"${functionId(target)}"`));

    expect(configs).toHaveLength(1);
    expect(configs[0]?.Properties).toMatchObject({
      Qualifier: '$LATEST',
      MaximumRetryAttempts: Math.min(2, Math.max(...rules.map((rule) => rule.retry.retryAttempts))),
      MaximumEventAgeInSeconds: Math.max(...rules.map((rule) => rule.retry.maximumEventAgeSeconds)),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] } } },
    });
  });

  it('may send to the event dead-letter queue and to no other queue', () => {
    const role = synthesized.stateless.functions[target].function.role;
    if (!role) throw new Error(`${target} has no role`);
    const sqsStatements = statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role)).filter((statement) =>
      statement.actions.some((action) => action.startsWith('sqs:')),
    );

    expect(sqsStatements).toHaveLength(1);
    expect(sqsStatements[0]?.actions).toContain('sqs:SendMessage');
    expect(sqsStatements[0]?.resources).toEqual([{ 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] }]);
  });
});

describe('the event dead-letter queue', () => {
  it('is encrypted and refuses requests without TLS', () => {
    const queue = resourceOf(synthesized.statelessTemplate, deadLetterQueueId());
    const policies = deadLetterQueuePolicies();

    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(policies).toHaveLength(1);
    expect(statementsOfPolicies(policies)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('is apart from the dead-letter queue of the schedules, so each alarm can say how to recover', () => {
    expect(deadLetterQueueId()).not.toBe(logicalIdOf(synthesized.stateless.scheduleDeadLetterQueue));
  });

  it('raises an alarm as soon as one message waits in it', () => {
    const alarms = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        mentions(alarm.Properties.Dimensions, `"${deadLetterQueueId()}"`),
    );

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalIdOf(synthesized.stateless.alarmTopic) }],
    });
  });
});

describe('the event rules', () => {
  it("are one per entry of EVENT_RULES and the register import's upload rule (test/infra/register-import.test.ts), and no other", () => {
    expect(Object.keys(resourcesOfType(synthesized.statelessTemplate, 'AWS::Events::Rule'))).toHaveLength(
      EVENT_RULES.length + 1,
    );
  });
});

describe.each(DEFINITIONS)('the $id function and the event bus', (definition) => {
  const putEvents = () =>
    rawStatementsOf(definition).filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith('events:')),
    );

  it(
    definition.publishesEvents
      ? `may put events on the stack's bus only, with source ${EVENT_SOURCE} only, and is told its name`
      : 'may not put events on any bus and is not told the bus name',
    () => {
      if (!definition.publishesEvents) {
        expect(putEvents()).toEqual([]);
        expect(environmentOf(definition)[ENV.eventBusName]).toBeUndefined();
        return;
      }
      expect(putEvents()).toEqual([
        {
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: { 'Fn::GetAtt': [busId(), 'Arn'] },
          Condition: { StringEquals: { 'events:source': EVENT_SOURCE } },
        },
      ]);
      expect(environmentOf(definition)[ENV.eventBusName]).toEqual({ Ref: busId() });
    },
  );
});

describe('publishing functions', () => {
  // The provider page used to publish ProviderCommented after committing comments; a failure there lost the
  // holder's notice or made the provider post again (issue 12). The notice is now an outbox email written in
  // the comments' transaction, so no function may put events: the rule stays only for events already on the bus.
  it('are none: the holder’s notice of comments goes through the outbox, not the bus', () => {
    expect(DEFINITIONS.filter((definition) => definition.publishesEvents).map((definition) => definition.id)).toEqual(
      [],
    );
  });
});
