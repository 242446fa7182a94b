import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env.ts';
import {
  EMAIL_TEMPLATES,
  physicalTemplateName,
  STAFF_EMAIL_TEMPLATES,
} from '../../shared/definitions/email-templates.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { DAILY_RUN_METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/definitions/metrics.ts';
import { SCHEDULES, type ScheduledJobInput } from '../../shared/definitions/schedules.ts';
import {
  type CfnResourceJson,
  cdkJsonContext,
  logicalIdOf,
  mentions,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

const synthesized = synthesizedForThisFile();

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

  /**
   * SES renders template data into the HTML part unescaped ("SES doesn't escape HTML content when rendering
   * the HTML template for a message": https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html),
   * so the deployed HTML part reads only the adapter's escaped copy of the data (`html.*`).
   */
  it('names no API path in its copy: people read it (dates in words, names, what to do next)', () => {
    for (const part of [definition.subject, definition.text, definition.html]) {
      expect(part).not.toMatch(/\b(GET|POST|PUT|PATCH|DELETE) \//);
    }
  });

  it('reads every value of its HTML part from the escaped copy, html.*, and none raw', () => {
    const stage = String(cdkJsonContext().stage);
    const deployed = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SES::Template'))
      .map((template) => template.Properties.Template as { TemplateName: string; HtmlPart: string })
      .find((template) => template.TemplateName === physicalTemplateName(stage, definition.name));
    const expressions = [...(deployed?.HtmlPart ?? '').matchAll(/\{\{\{?\s*([^}]*?)\s*\}\}/g)].map((match) => match[1]);

    // Inside {{#each html.rows}} a row's fields read as this.<field>: the rows came from html.*, escaped field
    // by field (shared/adapters/ses/template-data.ts; SES iterates lists and reads nested attributes, same page).
    const raw = expressions.filter(
      (expression) =>
        !/^(html\.\w+|this|this\.\w+|else|\/\w+|#if (html\.)?\w+|#each html\.\w+)$/.test(expression ?? ''),
    );
    expect(expressions.length).toBeGreaterThan(0);
    expect(raw).toEqual([]);
    expect(deployed?.HtmlPart).not.toContain('{{{');
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

describe('bounces and complaints', () => {
  it('the configuration set sends bounces, complaints, rendering failures and rejects to the default event bus', () => {
    const destinations = Object.values(
      resourcesOfType(synthesized.statelessTemplate, 'AWS::SES::ConfigurationSetEventDestination'),
    );

    expect(destinations).toHaveLength(1);
    const destination = destinations[0]?.Properties.EventDestination as Record<string, unknown>;
    expect([...(destination.MatchingEventTypes as string[])].sort()).toEqual([
      'bounce',
      'complaint',
      'reject',
      'renderingFailure',
    ]);
    expect(JSON.stringify(destination.EventBridgeDestination)).toContain(':event-bus/default');
  });

  /**
   * The detail-types are AWS's (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html):
   * a complaint is "Email Complaint Received", not "Email Complained".
   */
  it('rules on the default bus hand SES bounces, complaints, rendering failures and rejects to the notifications function', () => {
    const rules = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Events::Rule')).filter((rule) =>
      mentions(rule.Properties.EventPattern, '"aws.ses"'),
    );

    expect(rules.map((rule) => rule.Properties.EventPattern)).toEqual(
      expect.arrayContaining([
        { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
        { source: ['aws.ses'], 'detail-type': ['Email Rendering Failed', 'Email Rejected'] },
      ]),
    );
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.EventBusName).toBe('default');
      expect(
        mentions(rule.Properties.Targets, logicalIdOf(synthesized.stateless.functions.notifications.function)),
      ).toBe(true);
    }
  });
});

describe('the "expected but not sent" alarms of the daily run (R-REM-4)', () => {
  const alarms = () => Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm'));
  const dimensions = () => [
    { Name: 'service', Value: SERVICE_NAME },
    { Name: 'stage', Value: String(cdkJsonContext().stage) },
  ];

  it('watches for a day with no completed daily run, per day, in the stage (the gate on the jobs function is in alarms-and-limits)', () => {
    const found = alarms().filter((alarm) => mentions(alarm.Properties.Metrics ?? null, DAILY_RUN_METRICS.completed));

    expect(found).toHaveLength(1);
    const queries = (found[0]?.Properties.Metrics ?? []) as { Id: string; MetricStat?: Record<string, unknown> }[];
    const completed = queries.find((query) => query.Id === 'completed')?.MetricStat;
    expect(completed).toMatchObject({
      Metric: { Namespace: METRICS_NAMESPACE, MetricName: DAILY_RUN_METRICS.completed, Dimensions: dimensions() },
      Period: 86_400,
      Stat: 'Sum',
    });
  });

  it('fires when a day’s runs sent fewer emails than they owed', () => {
    const found = alarms().filter((alarm) => mentions(alarm.Properties.Metrics ?? null, 'expected - sent'));

    expect(found).toHaveLength(1);
    const metrics = found[0]?.Properties.Metrics as { Id: string; MetricStat?: { Metric: { MetricName: string } } }[];
    expect(
      metrics
        .map((metric) => metric.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual([DAILY_RUN_METRICS.expected, DAILY_RUN_METRICS.sent].sort());
    expect(found[0]?.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('the jobs function may read the SES account (its sending rate) and signs links to the API', () => {
    const jobs = resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions.jobs.function));
    const variables = (jobs.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(mentions(variables.PUBLIC_BASE_URL, logicalIdOf(synthesized.stateless.api))).toBe(true);
    expect(variables.LINK_SIGNING_KEY_SECRET_ARN).toBeDefined();
  });

  it('no deployed function may run a job as a day after today: FUTURE_RUNS is the local twin’s alone (issue 12 item 6)', () => {
    const functions = Object.values(
      synthesized.statelessTemplate.toJSON().Resources as Record<
        string,
        { Type: string; Properties: Record<string, unknown> }
      >,
    ).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    const variables = functions.map(
      (fn) => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
    );

    expect(functions.length).toBeGreaterThan(0);
    expect(variables.filter((each) => 'FUTURE_RUNS' in each)).toEqual([]);
  });
});

describe('emails to staff link to the workspace (issue 15)', () => {
  const variablesOf = (id: FunctionId) =>
    (
      resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[id].function)).Properties
        .Environment as { Variables: Record<string, unknown> }
    ).Variables;
  const staffMailers = Object.values(FUNCTIONS)
    .filter((definition) => definition.linksToWorkspace)
    .map((definition) => definition.id);

  it('marks every function that emails staff (jobs, notifications, respond, contact)', () => {
    expect([...staffMailers].sort()).toEqual(['contact', 'jobs', 'notifications', 'respond']);
  });

  it.each(staffMailers)('gives the %s function the workspace’s own origin as WORKSPACE_ORIGIN', (id) => {
    const origin = variablesOf('workspace')[ENV.workspaceOrigin];

    expect(origin).toMatch(/^https:\/\//);
    expect(variablesOf(id)[ENV.workspaceOrigin]).toBe(origin);
  });

  it.each(STAFF_EMAIL_TEMPLATES)(
    'creates the %s template with a workspace link and no id for a person to look up',
    (name) => {
      const template = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SES::Template'))
        .map((resource) => resource.Properties.Template as { TemplateName: string; TextPart: string; HtmlPart: string })
        .find((each) => each.TemplateName === physicalTemplateName(String(cdkJsonContext().stage), name));

      expect(template?.TextPart).toContain('{{workspaceLink}}');
      expect(template?.HtmlPart).toContain('href="{{html.workspaceLink}}"');
      expect(`${template?.TextPart}${template?.HtmlPart}`).not.toMatch(/meetingId|providerId|reference: \{\{/i);
    },
  );
});
