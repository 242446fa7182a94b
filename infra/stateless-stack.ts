import {
  Aws,
  CfnOutput,
  CfnResource,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  STAFF_DIRECTORY_ACTIONS,
  STAFF_SIGN_OUT_ACTIONS,
} from '../shared/adapters/identity/cognito-staff-directory.ts';
import { ENV } from '../shared/config/env.ts';
import { EMAIL_TEMPLATES, physicalTemplateName } from '../shared/definitions/email-templates.ts';
import { EVENT_RULES } from '../shared/definitions/events.ts';
import { FUNCTIONS, type FunctionDefinition, type FunctionId } from '../shared/definitions/functions.ts';
import { API_METRICS, DAILY_RUN_METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '../shared/definitions/metrics.ts';
import { ROUTES } from '../shared/definitions/routes.ts';
import { SCHEDULES, type ScheduledJobInput } from '../shared/definitions/schedules.ts';
import { TABLES } from '../shared/definitions/tables.ts';
import { AppFunction } from './constructs/app-function.ts';
import { RegisterImportWorkflow } from './constructs/register-import-workflow.ts';
import type { StaffUserPool } from './constructs/staff-user-pool.ts';
import type { WorkspaceSignIn } from './constructs/workspace-sign-in.ts';
import { type AppTables, importsBucketName } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  stage: string;
  tables: AppTables;
  /** The From address of every email; must belong to senderDomain. */
  senderAddress: string;
  /** The SES identity (a verified domain) the functions may send as. */
  senderDomain: string;
  /** The key that signs provider links (held by the stateful stack). */
  linkSigningKey: ISecret;
  /** Staff sign-in: the user pool and its web client (held by the stateful stack); the JWT authorizer trusts them. */
  staffPool: StaffUserPool;
  /** The staff workspace's managed login domain and app client (held by the stateful stack), and its origin. */
  workspaceSignIn: WorkspaceSignIn;
  workspaceUrl: string;
  /** JSON {"policyId": "YYYY-MM-DD"}: moves policy versions' effective-from dates (the 2023 date is assumed). */
  policyEffectiveFrom?: string | undefined;
  /** The register import's bucket (held by the stateful stack; issue 16). */
  importsBucket: IBucket;
}

/** Stage-wide limits: generous for a staff tool, low enough to cap the bill of a runaway client. */
const API_THROTTLE: apigw.ThrottleSettings = { rateLimit: 50, burstLimit: 100 };
/**
 * Each public route (the provider pages, their stylesheet, health, the OpenAPI document) gets its own, lower
 * route limits: a flood of provider-page requests is answered 429 on those routes and cannot spend the
 * account's request budget that staff routes draw on. Route settings override the stage's default route
 * settings for that route alone (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html).
 */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;
/** How long a failed asynchronous invocation may wait for Lambda's retries (Lambda allows at most 6 hours). */
const ASYNC_MAX_EVENT_AGE = Duration.hours(6);
/** SES reviews an account at a 5% bounce rate and a 0.1% complaint rate (the thresholds its reputation page names). */
export const SES_REPUTATION_THRESHOLDS = { bounceRate: 0.05, complaintRate: 0.001 } as const;
const ALARM_PERIOD = Duration.minutes(5);
/** The operations the functions call; DynamoDB reports ThrottledRequests per operation. */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
  dynamodb.Operation.TRANSACT_GET_ITEMS,
];

/**
 * Everything that can be replaced without losing data: one Lambda per entry of FUNCTIONS, the HTTP
 * API from ROUTES behind a Cognito JWT authorizer (trusting the stateful stack's staff pool), the schedules from SCHEDULES, the SES
 * configuration set and templates from EMAIL_TEMPLATES, the event bus with the rules of EVENT_RULES,
 * and the alarms.
 * Every resource here is derived from shared/definitions; this file adds wiring, not rules.
 */
export class StatelessStack extends Stack {
  readonly functions: Readonly<Record<FunctionId, AppFunction>>;
  readonly api: apigw.HttpApi;
  readonly apiStage: apigw.HttpStage;
  /** The stateful stack's staff pool, as passed in props: the authorizer and the outputs refer to it. */
  readonly staffPool: StaffUserPool;
  readonly eventBus: events.EventBus;
  readonly configurationSet: ses.ConfigurationSet;
  readonly scheduleDeadLetterQueue: sqs.Queue;
  /** The register import's state machine and its upload rule (issue 16). */
  readonly registerImport: RegisterImportWorkflow;
  readonly eventDeadLetterQueue: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Strong (Fn::ImportValue): the stateful stack cannot drop a table (or the user pool) while this stack uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const templateArns = EMAIL_TEMPLATES.map((template) => {
      const templateName = physicalTemplateName(props.stage, template.name);
      new ses.CfnTemplate(this, `Template-${template.name}`, {
        template: { templateName, subjectPart: template.subject, textPart: template.text, htmlPart: template.html },
      });
      return this.formatArn({ service: 'ses', resource: 'template', resourceName: templateName });
    });
    const emailResources = [
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderDomain }),
      this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
      ...templateArns,
    ];

    // Domain events (shared/definitions/events.ts): the functions that publish may put events on this bus only.
    this.eventBus = new events.EventBus(this, 'EventBus', { description: 'Provider Engagement domain events' });

    const build = (definition: FunctionDefinition): AppFunction => {
      const fn = new AppFunction(this, `Function-${definition.id}`, {
        definition,
        stage: props.stage,
        serviceName: SERVICE_NAME,
        policyEffectiveFrom: props.policyEffectiveFrom,
      });
      for (const table of TABLES) {
        const access = definition.tables[table.id];
        if (!access) continue;
        fn.bindTable({
          table: props.tables[table.id],
          access,
          envVar: table.envVar,
          indexNames: table.indexes.map((index) => index.indexName),
        });
      }
      if (definition.sendsEmail) {
        fn.allowSendingEmail({
          senderAddress: props.senderAddress,
          configurationSetName: this.configurationSet.configurationSetName,
          resources: emailResources,
        });
      } else if (definition.composesEmail) {
        fn.knowEmailSettings({
          senderAddress: props.senderAddress,
          configurationSetName: this.configurationSet.configurationSetName,
        });
      }
      if (definition.readsEmailAccount) fn.allowReadingEmailAccount();
      if (definition.publishesEvents) fn.allowPublishingEvents(this.eventBus);
      if (definition.signsLinks) fn.allowSigningLinks(props.linkSigningKey);
      if (definition.managesSignIn) {
        // R-TEAM-5: role changes move Cognito groups; a leaver's user is disabled (this pool only).
        fn.function.addEnvironment(ENV.staffUserPoolId, props.staffPool.userPool.userPoolId);
        props.staffPool.userPool.grant(fn.function, ...STAFF_DIRECTORY_ACTIONS);
      }
      if (definition.usesImportsBucket) this.bindImportsBucket(fn, props.importsBucket, props.stage);
      return fn;
    };
    this.functions = Object.fromEntries(
      Object.values(FUNCTIONS).map((definition) => [definition.id, build(definition)]),
    ) as Record<FunctionId, AppFunction>;

    this.staffPool = props.staffPool;
    const { api, stage } = this.httpApi(props.stage);
    this.api = api;
    this.apiStage = stage;
    for (const definition of Object.values(FUNCTIONS)) {
      const fn = this.functions[definition.id];
      // Links in emails a schedule sends (no request to take the domain from) point at the API.
      if (definition.signsLinks) fn.function.addEnvironment(ENV.publicBaseUrl, api.apiEndpoint);
      // Emails to staff link to the workspace page where the work is done, never the API (issue 15).
      if (definition.linksToWorkspace) fn.function.addEnvironment(ENV.workspaceOrigin, props.workspaceUrl);
      // The staff workspace (issue 15), one function per group of pages (issue 17): each checks sessions against
      // managed login with the workspace's own app client, and gets only what its own pages do.
      if (definition.workspace) this.servesWorkspace(fn, definition.workspace, props);
    }

    this.scheduleDeadLetterQueue = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.scheduleDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules; nothing consumes it but an operator.',
    });
    this.schedules();
    // Scheduler invokes Lambda asynchronously: its retries and dead-letter queue cover failures to invoke only.
    // A run that throws is retried by Lambda, then recorded in the same queue by the on-failure destination.
    for (const functionId of new Set(SCHEDULES.map((definition) => definition.functionId))) {
      this.functions[functionId].function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: ASYNC_MAX_EVENT_AGE,
        onFailure: new SqsDestination(this.scheduleDeadLetterQueue),
      });
    }

    this.eventDeadLetterQueue = new sqs.Queue(this, 'EventDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.eventDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the event rules; nothing consumes it but an operator.',
    });
    this.eventRules();
    this.registerImport = this.registerImportWorkflow(props.importsBucket, props.stage);

    // Alarm notifications name a resource and a metric, no personal data: SSE-KMS would add a key for nothing.
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Provider Engagement alarms',
      enforceSSL: true,
    });
    this.alarms(props);

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    // Published here too (imported from the stateful stack) so one stack's outputs configure the web client.
    new CfnOutput(this, 'UserPoolId', { value: this.staffPool.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.staffPool.client.userPoolClientId });
    new CfnOutput(this, 'WorkspaceSignInUrl', {
      value: `${props.workspaceUrl}/workspace/sign-in`,
      description: 'Staff sign in to the workspace here',
    });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe operators here' });
  }

  /** One route per entry of ROUTES; staff routes behind the JWT authorizer; $default to the fallback. */
  private httpApi(stageName: string): { api: apigw.HttpApi; stage: apigw.HttpStage } {
    const api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `${SERVICE_NAME}-${stageName}`,
      description: 'Provider Engagement API',
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            apiId: '$context.apiId',
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    // HTTP APIs publish 4xx but not 429 alone: count the 429s from the access log.
    new logs.MetricFilter(this, 'ApiThrottledFilter', {
      logGroup: accessLogs,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: API_METRICS.throttled,
      metricValue: '1',
      dimensions: { apiId: '$.apiId' },
    });

    const authorizer = new HttpJwtAuthorizer('StaffJwt', this.staffPool.userPool.userPoolProviderUrl, {
      jwtAudience: [this.staffPool.client.userPoolClientId],
    });
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    const integrationOf = (functionId: FunctionId): HttpLambdaIntegration => {
      const existing = integrations.get(functionId);
      if (existing) return existing;
      const created = new HttpLambdaIntegration(`${functionId}-integration`, this.functions[functionId].function);
      integrations.set(functionId, created);
      return created;
    };

    // RouteSettings is a JSON map in CloudFormation: its values keep CloudFormation's own property names.
    const publicRouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const cfnStage = stage.node.defaultChild;
    if (!(cfnStage instanceof apigw.CfnStage)) throw new Error('The API stage has no CloudFormation resource');
    for (const route of ROUTES) {
      const httpRoute = new apigw.HttpRoute(this, `Route-${route.operationId}`, {
        httpApi: api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: integrationOf(route.functionId),
        authorizer: route.auth === 'staff' ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (route.auth === 'public') {
        publicRouteSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
          ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
        };
        // Route settings name a route key that must exist before the stage is updated.
        const cfnRoute = httpRoute.node.defaultChild;
        if (cfnRoute instanceof apigw.CfnRoute) cfnStage.addDependency(cfnRoute);
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is declared auth: 'public' in shared/definitions/routes.ts: ${route.summary}.`,
        });
      }
    }

    cfnStage.routeSettings = publicRouteSettings;

    const fallback = new apigw.HttpRoute(this, 'Route-default', {
      httpApi: api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: integrationOf('fallback'),
    });
    Validations.of(fallback).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        '$default only reaches the fallback function, which answers 404 or 405 and touches no data; ' +
        'a token check would turn every unknown path into 401 and hide the real answer.',
    });

    return { api, stage };
  }

  /** One schedule per entry of SCHEDULES, in UK time, retried as the definition says, then dead-lettered. */
  private schedules(): void {
    // One role for every schedule instead of CDK's hashed per-target role, so its findings can be acknowledged here.
    const role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the scheduled jobs and dead-letter what fails',
    });
    const targets = new Set(SCHEDULES.map((definition) => definition.functionId));
    for (const functionId of targets) {
      const cfnFunction = this.functions[functionId].function.node.defaultChild;
      if (!(cfnFunction instanceof CfnResource)) throw new Error(`No CloudFormation resource for ${functionId}`);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.resolve(this.getLogicalId(cfnFunction))}.Arn>:*]`,
        reason: `LambdaInvoke grants the ${functionId} function and its versions and aliases (":*"), that function only.`,
      });
    }
    for (const definition of SCHEDULES) {
      const input: ScheduledJobInput = { job: definition.job };
      new scheduler.Schedule(this, `Schedule-${definition.job}`, {
        description: definition.description,
        schedule: scheduler.ScheduleExpression.expression(definition.expression, TimeZone.of(definition.timeZone)),
        target: new LambdaInvoke(this.functions[definition.functionId].function, {
          input: scheduler.ScheduleTargetInput.fromObject(input),
          retryAttempts: definition.retry.maximumAttempts,
          maxEventAge: Duration.seconds(definition.retry.maximumEventAgeSeconds),
          deadLetterQueue: this.scheduleDeadLetterQueue,
          role,
        }),
      });
    }
  }

  /**
   * One rule per entry of EVENT_RULES on the stack's bus, matching the project's source and the rule's detail
   * types. EventBridge invokes the target asynchronously: its retries cover failures to invoke, Lambda's
   * asynchronous retries cover the function failing; both end in the event dead-letter queue.
   */
  private eventRules(): void {
    // SES sends a configuration set's events to the account's default bus only.
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('DeliverabilityToEventBridge', {
      destination: ses.EventDestination.eventBus(defaultBus),
      // Bounces and complaints (the address is undeliverable); rendering failures and rejects (that email was
      // never sent: recorded against its delivery record). Matched by the rules of EVENT_RULES by detail-type.
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.RENDERING_FAILURE,
        ses.EmailSendingEvent.REJECT,
      ],
    });
    for (const rule of EVENT_RULES) {
      const { retryAttempts, maximumEventAgeSeconds } = rule.retry;
      new events.Rule(this, `Rule-${rule.id}`, {
        eventBus: rule.bus === 'app' ? this.eventBus : defaultBus,
        description: rule.description,
        eventPattern: { source: [rule.source], detailType: [...rule.detailTypes] },
        targets: [
          new LambdaFunction(this.functions[rule.targetFunctionId].function, {
            retryAttempts,
            maxEventAge: Duration.seconds(maximumEventAgeSeconds),
            deadLetterQueue: this.eventDeadLetterQueue,
          }),
        ],
      });
    }
    // A function's asynchronous invoke settings are its own, not a rule's: the most patient rule targeting it wins.
    const targets = new Set(EVENT_RULES.map((rule) => rule.targetFunctionId));
    for (const functionId of targets) {
      const rules = EVENT_RULES.filter((rule) => rule.targetFunctionId === functionId);
      this.functions[functionId].function.configureAsyncInvoke({
        // Lambda retries a failed asynchronous invocation at most twice.
        retryAttempts: Math.min(2, Math.max(...rules.map((rule) => rule.retry.retryAttempts))),
        maxEventAge: Duration.seconds(Math.max(...rules.map((rule) => rule.retry.maximumEventAgeSeconds))),
        onFailure: new SqsDestination(this.eventDeadLetterQueue),
      });
    }
  }

  // --- The register import (issue 16): bucket access and the upload rule. Kept apart from the rest. ---
  /** The bucket's name and object access together: uploads read, reports written, nothing else. */
  private bindImportsBucket(fn: AppFunction, bucket: IBucket, stage: string): void {
    fn.function.addEnvironment(ENV.importsBucket, bucket.bucketName);
    // Built from the bucket's name (as the stateful stack names it), so cdk-nag sees the prefixes themselves.
    const objects = (prefix: string) => `arn:${Aws.PARTITION}:s3:::${importsBucketName(stage)}/${prefix}*`;
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [objects('uploads/'), objects('reports/')],
      }),
    );
    for (const prefix of ['uploads/', 'reports/']) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::provider-engagement-${stage}-imports-<AWS::AccountId>/${prefix}*]`,
        reason:
          'Object keys are made per import (uploads/<importId>/<file>, reports/<importId>.*): the grant names the ' +
          'imports bucket and these two prefixes only.',
      });
    }
  }

  /** A workspace function's sign-in settings, and the grants its own pages need (FunctionDefinition.workspace). */
  private servesWorkspace(
    fn: AppFunction,
    needs: NonNullable<FunctionDefinition['workspace']>,
    props: StatelessStackProps,
  ): void {
    const workspace = fn.function;
    workspace.addEnvironment(ENV.workspaceIssuer, this.staffPool.userPool.userPoolProviderUrl);
    workspace.addEnvironment(ENV.workspaceClientId, props.workspaceSignIn.client.userPoolClientId);
    workspace.addEnvironment(ENV.workspaceAuthBaseUrl, props.workspaceSignIn.domain.baseUrl());
    workspace.addEnvironment(ENV.workspaceOrigin, props.workspaceUrl);
    if (needs.signsIn) {
      // Its sign-out signs the person out everywhere (AdminUserGlobalSignOut), on this pool only.
      workspace.addEnvironment(ENV.staffUserPoolId, this.staffPool.userPool.userPoolId);
      this.staffPool.userPool.grant(workspace, ...STAFF_SIGN_OUT_ACTIONS);
    }
    // Its import pages link to the reports (short-lived presigned GETs): read, under reports/ only.
    if (needs.readsImportReports) this.bindImportReports(fn, props.importsBucket, props.stage);
    if (needs.startsJobs) {
      // A real job run started on its admin page is handed to the jobs function (asynchronous invoke): that function only.
      const jobs = this.functions.jobs.function;
      workspace.addEnvironment(ENV.jobsFunctionName, jobs.functionName);
      // The unqualified function ARN only (grantInvoke would add its versions, ":*", which nothing here invokes).
      workspace.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [jobs.functionArn] }),
      );
    }
    if (needs.previewsEmail) {
      // The template page's preview renders the share's email through SES, sending nothing (TestRenderEmailTemplate).
      workspace.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:TestRenderEmailTemplate'],
          resources: [
            this.formatArn({
              service: 'ses',
              resource: 'template',
              resourceName: physicalTemplateName(props.stage, 'template-shared'),
            }),
          ],
        }),
      );
    }
  }

  /** The workspace's import pages (the workspace-admin function): presigned GETs of reports/ (a link signed by a role works only as far as its grant). */
  private bindImportReports(fn: AppFunction, bucket: IBucket, stage: string): void {
    fn.function.addEnvironment(ENV.importsBucket, bucket.bucketName);
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::${importsBucketName(stage)}/reports/*`],
      }),
    );
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::provider-engagement-${stage}-imports-<AWS::AccountId>/reports/*]`,
      reason:
        'Reports are named per import (reports/<importId>.json|csv): the workspace-admin function, whose import pages link to them, may read that prefix only.',
    });
  }

  /**
   * S3 puts "Object Created" on the default bus (the bucket has EventBridge enabled); an upload under
   * uploads/ starts the register import's state machine, which runs the register-import function once
   * per step: split, one per shard (a distributed map), finish (infra/constructs/register-import-workflow.ts).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
   */
  private registerImportWorkflow(bucket: IBucket, stage: string): RegisterImportWorkflow {
    const target = this.functions['register-import'];
    const workflow = new RegisterImportWorkflow(this, 'RegisterImport', {
      fn: target.function,
      bucket,
      deadLetterQueue: this.eventDeadLetterQueue,
    });
    // Its shards and report parts, between steps: work/<importId>/ (the bucket's 30-day expiry removes them).
    const work = `arn:${Aws.PARTITION}:s3:::${importsBucketName(stage)}/work/*`;
    target.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [work] }),
    );
    Validations.of(target).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::provider-engagement-${stage}-imports-<AWS::AccountId>/work/*]`,
      reason:
        "The import's shards and report parts are keyed per import (work/<importId>/…): the grant names the " +
        'imports bucket and this prefix only.',
    });
    return workflow;
  }

  /**
   * Every alarm notifies the alarm topic. The topic's policy must allow CloudWatch to publish: enforceSSL
   * leaves it holding only a Deny, and an alarm whose action cannot publish changes state silently
   * (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger). The Allow names the
   * account and each alarm's ARN, so no other account's or resource's alarms can use the topic.
   */
  private alarms(props: StatelessStackProps): void {
    const action = new SnsAction(this.alarmTopic);
    const alarms: cloudwatch.Alarm[] = [];
    const alarmOn = (id: string, description: string, metric: cloudwatch.IMetric, threshold = 1): cloudwatch.Alarm => {
      const alarm = new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms.push(alarm);
      return alarm;
    };
    const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };

    for (const fn of Object.values(this.functions)) {
      const { id } = fn.definition;
      alarmOn(
        `Alarm-${id}-errors`,
        `The ${id} function failed (uncaught error or timeout)`,
        fn.function.metricErrors(sum),
      );
      alarmOn(
        `Alarm-${id}-throttles`,
        `Lambda refused to run the ${id} function (account or reserved concurrency used up)`,
        fn.function.metricThrottles(sum),
      );
    }
    // Asynchronously invoked functions: an event Lambda dropped (too old, or retries exhausted with no destination).
    const asyncFunctions = new Set<FunctionId>([
      ...SCHEDULES.map((definition) => definition.functionId),
      ...EVENT_RULES.map((rule) => rule.targetFunctionId),
    ]);
    for (const functionId of asyncFunctions) {
      alarmOn(
        `Alarm-${functionId}-async-events-dropped`,
        `Lambda dropped an asynchronous event for the ${functionId} function without running it to completion`,
        this.functions[functionId].function.metric('AsyncEventsDropped', sum),
      );
    }
    alarmOn(
      'Alarm-schedule-dead-letters',
      'A scheduled job failed after its retries (Scheduler could not invoke it, or the run itself failed): re-run it by invoking its function with { job, runAs }',
      this.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    );
    alarmOn(
      'Alarm-event-dead-letters',
      'A domain event was dead-lettered after its retries: its message names the event and the error',
      this.eventDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    );
    alarms.push(...this.dailyRunAlarms(action, props.stage));
    // Handlers map their own failures to 500 without erroring the function, so 5xx is watched at the API too.
    alarmOn('Alarm-api-5xx', 'The API answered with a server error', this.apiStage.metricServerError(sum));
    alarmOn(
      'Alarm-api-throttled',
      'The API answered 429: a route, the stage or the account request limit was reached',
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: API_METRICS.throttled,
        dimensionsMap: { apiId: this.api.apiId },
        ...sum,
      }),
    );
    for (const table of TABLES) {
      alarmOn(
        `Alarm-${table.id}-table-throttled`,
        `DynamoDB throttled requests to the ${table.id} table (a hot partition, or an index write held back)`,
        props.tables[table.id].metricThrottledRequestsForOperations({
          operations: TABLE_OPERATIONS,
          ...sum,
        }),
      );
    }
    // The register import (issue 16): an execution that failed or timed out leaves its import failed or running.
    const importMachine = this.registerImport.stateMachine;
    alarmOn(
      'Alarm-register-import-failed',
      'A register import stopped (failed or timed out): fix the cause, then start a new execution with its input to finish it',
      new cloudwatch.MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: importMachine.metricFailed({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          timedOut: importMachine.metricTimedOut({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        },
        period: Duration.minutes(5),
      }),
    );
    // Account-level reputation metrics: SES reviews (and may pause) the account on these, whatever the sender.
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      });
    alarmOn(
      'Alarm-ses-bounce-rate',
      `The account's SES bounce rate reached ${SES_REPUTATION_THRESHOLDS.bounceRate * 100}%, where SES puts an account under review`,
      reputation('Reputation.BounceRate'),
      SES_REPUTATION_THRESHOLDS.bounceRate,
    );
    alarmOn(
      'Alarm-ses-complaint-rate',
      `The account's SES complaint rate reached ${SES_REPUTATION_THRESHOLDS.complaintRate * 100}%, where SES puts an account under review`,
      reputation('Reputation.ComplaintRate'),
      SES_REPUTATION_THRESHOLDS.complaintRate,
    );

    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisStacksAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnEquals: { 'aws:SourceArn': alarms.map((alarm) => alarm.alarmArn) },
        },
      }),
    );
  }

  /**
   * R-REM-3, R-REM-4: "expected but not sent". The daily run emits DailyRunCompleted once it has done
   * its work, and how many emails it owed and sent (shared/definitions/metrics.ts). One alarm watches
   * for a day with no completed run, another for a day whose runs sent fewer emails than they owed
   * (what is left stays due for the next run).
   *
   * "Not completed" must not sit in ALARM from deploy until the first run, as a plain breaching alarm on the
   * missing metric does; and treating a missing day as missing would stay OK on the last day that had data
   * for the length of the alarm's evaluation range, days late
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html). So it
   * fires on a day when the jobs function ran (the schedule invoked it, or it was asked to) and no daily run
   * completed: before the stage's first invocation both series are empty, and the alarm is OK.
   */
  private dailyRunAlarms(action: SnsAction, stage: string): cloudwatch.Alarm[] {
    const jobs = this.functions.jobs.function;
    const dimensionsMap = { service: SERVICE_NAME, stage };
    const daily = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap,
        period: Duration.days(1),
        statistic: cloudwatch.Stats.SUM,
      });
    const notCompleted = new cloudwatch.Alarm(this, 'Alarm-daily-run-not-completed', {
      alarmDescription:
        'The jobs function ran today but no daily run completed: reminders and overdue alerts are not going out. See the jobs function errors and the schedule dead-letter queue; re-run with POST /jobs/daily/runs.',
      metric: new cloudwatch.MathExpression({
        expression: 'IF(FILL(invoked, 0) > 0 AND FILL(completed, 0) < 1, 1, 0)',
        usingMetrics: {
          invoked: jobs.metricInvocations({ period: Duration.days(1), statistic: cloudwatch.Stats.SUM }),
          completed: daily(DAILY_RUN_METRICS.completed),
        },
        period: Duration.days(1),
        label: 'Days the jobs function ran without a completed daily run',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    notCompleted.addAlarmAction(action);
    const unsent = new cloudwatch.Alarm(this, 'Alarm-daily-emails-not-sent', {
      alarmDescription:
        "A daily run sent fewer emails than it owed (SES refused or throttled them past its retries, or it ran out of time). What is left stays due and the next run sends it; GET /jobs/daily/runs shows each run's counts.",
      metric: new cloudwatch.MathExpression({
        expression: 'expected - sent',
        usingMetrics: { expected: daily(DAILY_RUN_METRICS.expected), sent: daily(DAILY_RUN_METRICS.sent) },
        period: Duration.days(1),
        label: 'Emails owed but not sent',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    unsent.addAlarmAction(action);
    return [notCompleted, unsent];
  }
}
