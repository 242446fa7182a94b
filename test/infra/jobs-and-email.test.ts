import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES, physicalTemplateName } from '../../shared/definitions/email-templates.ts';
import { SCHEDULES, type ScheduledJobInput } from '../../shared/definitions/schedules.ts';
import {
  type AppUnderTest,
  type CfnResourceJson,
  cdkJsonContext,
  logicalIdOf,
  mentions,
  removeAssembly,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizeApp,
} from './app-under-test.ts';

let synthesized: AppUnderTest;

beforeAll(() => {
  synthesized = synthesizeApp();
});

afterAll(() => removeAssembly(synthesized.outdir));

const scheduleFor = (description: string): CfnResourceJson => {
  const schedules = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Scheduler::Schedule')).filter(
    (schedule) => schedule.Properties.Description === description,
  );
  expect(schedules).toHaveLength(1);
  return schedules[0] as CfnResourceJson;
};

const deadLetterQueueId = (): string => logicalIdOf(synthesized.stateless.scheduleDeadLetterQueue);

describe.each(SCHEDULES)('the $job schedule', (definition) => {
  it(`fires on ${definition.expression} in Europe/London time`, () => {
    expect(scheduleFor(definition.description).Properties).toMatchObject({
      ScheduleExpression: definition.expression,
      ScheduleExpressionTimezone: definition.timeZone,
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it(`invokes the ${definition.functionId} function with { job: '${definition.job}' }`, () => {
    const target = scheduleFor(definition.description).Properties.Target as { Arn: unknown; Input: string };
    const functionId = logicalIdOf(synthesized.stateless.functions[definition.functionId].function);
    const expectedInput: ScheduledJobInput = { job: definition.job };

    expect(target.Arn).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    expect(JSON.parse(target.Input)).toEqual(expectedInput);
  });

  it('retries as its definition says, then sends the event to the dead-letter queue', () => {
    const target = scheduleFor(definition.description).Properties.Target as Record<string, unknown>;

    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: definition.retry.maximumAttempts,
      MaximumEventAgeInSeconds: definition.retry.maximumEventAgeSeconds,
    });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] } });
  });
});

describe('the schedules', () => {
  it('run as a role that may only invoke the scheduled functions and dead-letter to the queue', () => {
    const roleIds = new Set(
      Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Scheduler::Schedule')).map((schedule) =>
        JSON.stringify((schedule.Properties.Target as { RoleArn: unknown }).RoleArn),
      ),
    );
    expect(roleIds.size).toBe(1);
    const roleId = /"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/.exec([...roleIds][0] ?? '')?.[1] ?? '';
    const scheduledFunctionIds = [...new Set(SCHEDULES.map((schedule) => schedule.functionId))].map((id) =>
      logicalIdOf(synthesized.stateless.functions[id].function),
    );

    const statements = statementsOfRole(synthesized.statelessTemplate, roleId);

    expect(statements.flatMap((statement) => statement.actions).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
    for (const statement of statements) {
      for (const resource of statement.resources) {
        const target = JSON.stringify(resource);
        const allowed = [...scheduledFunctionIds, deadLetterQueueId()].some((id) => target.includes(`"${id}"`));
        expect(allowed, target).toBe(true);
      }
    }
  });

  it('dead-letter into an encrypted queue that refuses requests without TLS', () => {
    const queue = resourceOf(synthesized.statelessTemplate, deadLetterQueueId());
    const policies = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SQS::QueuePolicy')).filter(
      (policy) => mentions(policy.Properties.Queues, `"${deadLetterQueueId()}"`),
    );

    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.PolicyDocument).toMatchObject({
      Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
  });

  it('raise an alarm as soon as one message waits in the dead-letter queue', () => {
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

describe.each(EMAIL_TEMPLATES)('the $name email template', (definition) => {
  it('exists under the stage-prefixed name with the subject, text and HTML of its definition', () => {
    const stage = String(cdkJsonContext().stage);
    const templates = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SES::Template')).map(
      (template) => template.Properties.Template,
    );

    expect(templates).toContainEqual({
      TemplateName: physicalTemplateName(stage, definition.name),
      SubjectPart: definition.subject,
      TextPart: definition.text,
      HtmlPart: definition.html,
    });
  });
});

describe('email sending', () => {
  it('creates one template per definition, and no other', () => {
    expect(Object.keys(resourcesOfType(synthesized.statelessTemplate, 'AWS::SES::Template'))).toHaveLength(
      EMAIL_TEMPLATES.length,
    );
  });

  it('goes through a configuration set that requires TLS and suppresses bounces and complaints', () => {
    const configurationSet = resourceOf(
      synthesized.statelessTemplate,
      logicalIdOf(synthesized.stateless.configurationSet),
    );

    expect(configurationSet.Properties).toMatchObject({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });
});

describe('the event bus', () => {
  it('is a custom bus with a generated name unique to the stage, published as an output', () => {
    const bus = resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.eventBus));

    expect(bus.Type).toBe('AWS::Events::EventBus');
    expect(String(bus.Properties.Name)).toContain(String(cdkJsonContext().stage));
    expect(synthesized.statelessTemplate.toJSON().Outputs.EventBusName.Value).toEqual({
      Ref: logicalIdOf(synthesized.stateless.eventBus),
    });
  });
});
