import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { IMPORT_SHARDS_AT_ONCE } from '../../shared/definitions/register-import.ts';

export interface RegisterImportWorkflowProps {
  /** The register-import function: it runs every step (split, shard, finish, failed). */
  fn: lambda.IFunction;
  bucket: IBucket;
  deadLetterQueue: sqs.IQueue;
}

/**
 * The register import as a state machine (issue 16): an upload under uploads/ starts it (S3's
 * "Object Created" on the default bus); the split step streams the file into shards in S3; a
 * distributed map imports each shard in its own invocation (a few at a time, so the writes stay
 * paced); the finish step deregisters what no shard saw and writes the report. A step that
 * fails after its retries marks the import failed; a new execution with the same input finishes it (each
 * step skips what is done). Locally the same steps run in sequence (shared/use-cases/run-register-import.ts).
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl-use-map-state-distributed.html
 */
export class RegisterImportWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: RegisterImportWorkflowProps) {
    super(scope, id);
    const step = (stateId: string, payload: Record<string, unknown>, resultPath?: string) =>
      new tasks.LambdaInvoke(this, stateId, {
        lambdaFunction: props.fn,
        ...(resultPath ? { resultPath } : {}),
        payload: sfn.TaskInput.fromObject(payload),
        payloadResponseOnly: true,
        // Each step is idempotent: a retry (a throttle, a timeout, a crash) finishes the job without duplicates.
        retryOnServiceExceptions: false,
      }).addRetry({
        errors: [sfn.Errors.ALL],
        interval: Duration.seconds(10),
        backoffRate: 2,
        maxAttempts: 3,
      });

    const failed = step('RecordFailure', { step: 'failed', 'key.$': '$.detail.object.key' }).next(
      new sfn.Fail(this, 'ImportFailed', { error: 'RegisterImportFailed', cause: 'A step failed after its retries' }),
    );
    // The split's answer lands at $.split, beside the upload's event (the failure step reads the key there).
    const split = step('Split', { step: 'split', 'key.$': '$.detail.object.key' }, '$.split');
    split.addCatch(failed, { resultPath: '$.failure' });
    const shards = new sfn.DistributedMap(this, 'ImportShards', {
      // The split answers one small item per shard (at most 256: shared/domain/register/shard-plan.ts), far
      // below the 256 KiB a state's input may hold, so no ItemReader: the items come from the state input.
      // https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskScheduledEventDetails.html
      itemsPath: sfn.JsonPath.stringAt('$.split.shards'),
      maxConcurrency: IMPORT_SHARDS_AT_ONCE,
      // A shard may take most of 15 minutes: Express child workflows stop at 5, Standard ones do not.
      mapExecutionType: sfn.StateMachineType.STANDARD,
      // No tolerated failures (the default): a shard that fails for good fails the map, and the import says so.
      resultPath: sfn.JsonPath.DISCARD,
    });
    shards.itemProcessor(step('ImportShard', { step: 'shard', 'importId.$': '$.importId', 'shard.$': '$.shard' }));
    shards.addCatch(failed, { resultPath: '$.failure' });
    const finish = step('Finish', { step: 'finish', 'importId.$': '$.split.importId' });
    finish.addCatch(failed, { resultPath: '$.failure' });

    const definition = split.next(
      new sfn.Choice(this, 'SplitIntoShards')
        .when(sfn.Condition.stringEquals('$.split.outcome', 'split'), shards.next(finish))
        .otherwise(new sfn.Succeed(this, 'NothingToImport')),
    );

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      comment: "Imports CQC's published locations file in shards (issue 16)",
      timeout: Duration.hours(6),
      tracingEnabled: true,
      // Every event logged, without the states' input and output (file names, provider names).
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_events_targets.SfnStateMachine.html
    // (the rule's role may states:StartExecution on this state machine only)
    this.rule = new events.Rule(this, 'UploadRule', {
      eventBus: events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      description: "An upload of CQC's locations file starts the register import",
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucket.bucketName] }, object: { key: [{ prefix: 'uploads/' }] } },
      },
      targets: [
        new SfnStateMachine(this.stateMachine, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });

    // Granted by CDK to this state machine's own role; each wildcard is scoped as far as IAM allows.
    const machineName = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(this).getLogicalId(this.stateMachine.node.defaultChild as sfn.CfnStateMachine)}"}]}]}`;
    const functionArn = `<${Stack.of(this).getLogicalId(props.fn.node.defaultChild as lambda.CfnFunction)}.Arn>`;
    const acknowledged: Array<[string, string]> = [
      [
        `${functionArn}:*`,
        'lambda:InvokeFunction on the register-import function and its versions: CDK grants the versions so a ' +
          'task may name one; no other function.',
      ],
      [
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${machineName}:*`,
        "The distributed map describes and stops its own map runs' executions: only this state machine's.",
      ],
      [
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${machineName}/*:*`,
        "The distributed map's child executions (named <map run>/<id>): only this state machine's.",
      ],
      [
        '*',
        'X-Ray (PutTraceSegments, PutTelemetryRecords, sampling) and CloudWatch Logs delivery (CreateLogDelivery …) ' +
          'take no resource, so IAM accepts only "*" (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).',
      ],
    ];
    for (const [resource, reason] of acknowledged) {
      Validations.of(this.stateMachine).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
    }
  }
}
