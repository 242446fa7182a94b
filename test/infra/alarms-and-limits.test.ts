import { describe, expect, it } from 'vitest';
import { PUBLIC_ROUTE_THROTTLE, SES_REPUTATION_THRESHOLDS } from '../../infra/stateless-stack.ts';
import { EVENT_RULES } from '../../shared/definitions/events.ts';
import { FUNCTION_IDS, type FunctionId } from '../../shared/definitions/functions.ts';
import { API_METRICS, DAILY_RUN_METRICS, METRICS_NAMESPACE } from '../../shared/definitions/metrics.ts';
import { ROUTES } from '../../shared/definitions/routes.ts';
import { SCHEDULES } from '../../shared/definitions/schedules.ts';
import { TABLES } from '../../shared/definitions/tables.ts';
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

const alarms = (): CfnResourceJson[] =>
  Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm'));
const topicRef = () => ({ Ref: logicalIdOf(synthesized.stateless.alarmTopic) });
const functionId = (id: FunctionId) => logicalIdOf(synthesized.stateless.functions[id].function);
const lambdaAlarms = (metricName: string, id: FunctionId) =>
  alarms().filter(
    (alarm) =>
      alarm.Properties.Namespace === 'AWS/Lambda' &&
      alarm.Properties.MetricName === metricName &&
      mentions(alarm.Properties.Dimensions, `"${functionId(id)}"`),
  );

describe('the alarm topic', () => {
  // enforceSSL gives the topic a policy holding only a Deny; without an Allow, CloudWatch cannot publish and an
  // alarm changes state silently (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger;
  // conditions as in https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
  const topicStatements = (): Record<string, unknown>[] => {
    const policies = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::SNS::TopicPolicy')).filter(
      (policy) => mentions(policy.Properties.Topics, `"${topicRef().Ref}"`),
    );
    expect(policies).toHaveLength(1);
    const document = policies[0]?.Properties.PolicyDocument as { Statement: Record<string, unknown>[] };
    return document.Statement;
  };

  it('lets CloudWatch publish, for this account only and only for the alarms of this stack', () => {
    const allows = topicStatements().filter((statement) => statement.Effect === 'Allow');

    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicRef(),
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const condition = allows[0]?.Condition as { ArnEquals?: { 'aws:SourceArn'?: unknown[] } } | undefined;
    const sourceArns = condition?.ArnEquals?.['aws:SourceArn'];
    const alarmIds = Object.keys(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    expect(sourceArns).toEqual(expect.arrayContaining(alarmIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))));
    expect(sourceArns).toHaveLength(alarmIds.length);
  });

  it('still refuses publishing without TLS', () => {
    const denies = topicStatements().filter((statement) => statement.Effect === 'Deny');

    expect(denies).toEqual([expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
  });

  it('is the action of every alarm', () => {
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([topicRef()]);
  });
});

describe('asynchronously invoked functions', () => {
  // Scheduler's and EventBridge's retries and dead-letter queues cover failures to invoke; a function that throws
  // is retried by Lambda and then lost unless the function has an on-failure destination
  // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html,
  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
  const invokeConfigOf = (id: FunctionId): CfnResourceJson => {
    const configs = Object.values(
      resourcesOfType(synthesized.statelessTemplate, 'AWS::Lambda::EventInvokeConfig'),
    ).filter((config) => mentions(config.Properties.FunctionName, `"${functionId(id)}"`));
    expect(configs).toHaveLength(1);
    return configs[0] as CfnResourceJson;
  };
  const queueArn = (queue: 'schedule' | 'event') => ({
    'Fn::GetAtt': [
      logicalIdOf(
        queue === 'schedule'
          ? synthesized.stateless.scheduleDeadLetterQueue
          : synthesized.stateless.eventDeadLetterQueue,
      ),
      'Arn',
    ],
  });
  const scheduled = [...new Set(SCHEDULES.map((definition) => definition.functionId))];
  const eventTargets = [...new Set(EVENT_RULES.map((rule) => rule.targetFunctionId))];

  it.each(scheduled)(
    'the scheduled %s function: a run that throws is retried twice, then recorded in the schedule dead-letter queue',
    (id) => {
      expect(invokeConfigOf(id).Properties).toEqual({
        FunctionName: { Ref: functionId(id) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 60 * 60,
        DestinationConfig: { OnFailure: { Destination: queueArn('schedule') } },
      });
    },
  );

  it.each(scheduled)('the scheduled %s function may send to the schedule dead-letter queue', (id) => {
    const role = synthesized.stateless.functions[id].function.role;
    if (!role) throw new Error(`The ${id} function has no role`);
    const roleId = logicalIdOf(role);
    const sends = statementsOfRole(synthesized.statelessTemplate, roleId).filter((statement) =>
      statement.actions.includes('sqs:SendMessage'),
    );

    expect(sends.flatMap((statement) => statement.resources)).toEqual([queueArn('schedule')]);
  });

  it.each(eventTargets)('the event target %s: a failed event ends in the event dead-letter queue', (id) => {
    expect(invokeConfigOf(id).Properties.DestinationConfig).toEqual({
      OnFailure: { Destination: queueArn('event') },
    });
  });

  it.each([...scheduled, ...eventTargets])(
    '%s: an alarm fires when Lambda drops one of its events (AsyncEventsDropped)',
    (id) => {
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (asynchronous invocation metrics)
      const found = lambdaAlarms('AsyncEventsDropped', id);

      expect(found).toHaveLength(1);
      expect(found[0]?.Properties).toMatchObject({ Statistic: 'Sum', Threshold: 1, Period: 300 });
    },
  );
});

describe('the alarms on limits', () => {
  it.each(FUNCTION_IDS)('the %s function: an alarm on Lambda throttling it, beside the one on its errors', (id) => {
    expect(lambdaAlarms('Throttles', id)).toHaveLength(1);
    expect(lambdaAlarms('Errors', id)).toHaveLength(1);
  });

  it.each(TABLES.map((table) => table.id))(
    'the %s table: an alarm on throttled requests of every operation the functions use',
    (id) => {
      const found = alarms().filter(
        (alarm) =>
          mentions(alarm.Properties.Metrics ?? null, '"ThrottledRequests"') &&
          String(alarm.Properties.AlarmDescription).includes(`the ${id} table`),
      );

      expect(found).toHaveLength(1);
      for (const operation of ['PutItem', 'UpdateItem', 'Query', 'TransactWriteItems', 'GetItem'])
        expect(mentions(found[0]?.Properties.Metrics, `"${operation}"`)).toBe(true);
    },
  );

  it('an alarm on every 429 the API answers, counted from its access log', () => {
    // HTTP APIs publish 4xx and 5xx but no 429 count (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html).
    const filters = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(1);
    expect(filters[0]?.Properties).toMatchObject({
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [
        {
          MetricNamespace: METRICS_NAMESPACE,
          MetricName: API_METRICS.throttled,
          MetricValue: '1',
          Dimensions: [{ Key: 'apiId', Value: '$.apiId' }],
        },
      ],
    });
    const found = alarms().filter((alarm) => alarm.Properties.MetricName === API_METRICS.throttled);
    expect(found).toHaveLength(1);
    expect(found[0]?.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: 'apiId', Value: { Ref: logicalIdOf(synthesized.stateless.api) } }],
      Threshold: 1,
    });
  });

  it.each([
    ['Reputation.BounceRate', SES_REPUTATION_THRESHOLDS.bounceRate],
    ['Reputation.ComplaintRate', SES_REPUTATION_THRESHOLDS.complaintRate],
  ])('an alarm when the SES account %s reaches %s, where SES starts a review', (metricName, threshold) => {
    // https://docs.aws.amazon.com/ses/latest/DeveloperGuide/reputationdashboard-cloudwatch-alarm.html
    const found = alarms().filter((alarm) => alarm.Properties.MetricName === metricName);

    expect(found).toHaveLength(1);
    expect(found[0]?.Properties).toMatchObject({
      Namespace: 'AWS/SES',
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(found[0]?.Properties.Dimensions).toBeUndefined();
  });
});

describe('the daily-run alarm', () => {
  const notCompleted = (): CfnResourceJson => {
    const found = alarms().filter((alarm) => mentions(alarm.Properties.Metrics ?? null, DAILY_RUN_METRICS.completed));
    expect(found).toHaveLength(1);
    return found[0] as CfnResourceJson;
  };
  type MetricQuery = { Id: string; Expression?: string; MetricStat?: { Metric: Record<string, unknown> } };

  // A breaching alarm on a metric nothing has published yet sits in ALARM from deploy; a "missing" one stays OK
  // for the evaluation range after the last data point
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html).
  it('fires only on a day the jobs function ran without a completed daily run, so not before the first run', () => {
    const properties = notCompleted().Properties;
    const queries = properties.Metrics as MetricQuery[];

    expect(properties).toMatchObject({
      TreatMissingData: 'notBreaching',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topicRef()],
    });
    expect(queries.find((query) => query.Expression)?.Expression).toBe(
      'IF(FILL(invoked, 0) > 0 AND FILL(completed, 0) < 1, 1, 0)',
    );
    const invoked = queries.find((query) => query.Id === 'invoked')?.MetricStat?.Metric;
    expect(invoked).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Invocations' });
    expect(mentions(invoked?.Dimensions, `"${functionId('jobs')}"`)).toBe(true);
    expect(queries.find((query) => query.Id === 'completed')?.MetricStat?.Metric).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: DAILY_RUN_METRICS.completed,
    });
  });
});

describe('per-route throttling', () => {
  // Route settings override the stage's default limits for their route alone
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html).
  const stage = (): CfnResourceJson =>
    resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.apiStage));
  const publicRoutes = ROUTES.filter((route) => route.auth === 'public');

  it('gives every public route (the provider pages among them) its own lower limits', () => {
    const expected = Object.fromEntries(
      publicRoutes.map((route) => [
        `${route.method} ${route.path}`,
        {
          ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
          ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
        },
      ]),
    );

    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'GET /respond/{token}',
        'POST /respond/{token}',
        'GET /contact/{token}',
        'POST /contact/{token}',
      ]),
    );
    expect(stage().Properties.RouteSettings).toEqual(expected);
  });

  it('keeps the staff routes on the stage default, above the public routes', () => {
    const defaults = stage().Properties.DefaultRouteSettings as Record<string, number>;

    expect(defaults.ThrottlingRateLimit).toBeGreaterThan(PUBLIC_ROUTE_THROTTLE.rateLimit);
    expect(defaults.ThrottlingBurstLimit).toBeGreaterThan(PUBLIC_ROUTE_THROTTLE.burstLimit);
  });

  it('creates the public routes before the stage that names them', () => {
    const routeIds = Object.entries(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Route'))
      .filter(([, route]) =>
        publicRoutes.some((candidate) => route.Properties.RouteKey === `${candidate.method} ${candidate.path}`),
      )
      .map(([id]) => id);

    expect(routeIds).toHaveLength(publicRoutes.length);
    expect((stage() as CfnResourceJson & { DependsOn?: string[] }).DependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});
