import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env.ts';
import { EVENT_SOURCE } from '../../shared/definitions/events.ts';
import type { FunctionDefinition, TableAccess } from '../../shared/definitions/functions.ts';
import {
  bundlingDefinesFor,
  FUNCTION_BUNDLING,
  FUNCTION_NODE_OPTIONS,
  filesBesideBundle,
} from './function-bundling.ts';

/** Writes a function's build-time files (filesBesideBundle) to a directory of their own; answers their paths. */
function writtenBesideBundle(functionId: FunctionDefinition['id']): string[] {
  const files = filesBesideBundle(functionId);
  if (files.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), `provider-engagement-${functionId}-`));
  return files.map(({ name, contents }) => {
    writeFileSync(join(dir, name), contents);
    return join(dir, name);
  });
}

/** Definitions give entry paths relative to the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Node version the tests and the local stack run (22, pinned through npm scripts). */
const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;

export interface AppFunctionProps {
  definition: FunctionDefinition;
  stage: string;
  /** POWERTOOLS_SERVICE_NAME: one service, so logs and metrics of all functions query together. */
  serviceName: string;
  /** POLICY_EFFECTIVE_FROM: JSON {"policyId": "YYYY-MM-DD"} moving policy versions' effective dates, when set. */
  policyEffectiveFrom?: string | undefined;
}

export interface TableBinding {
  table: ITableV2;
  access: TableAccess;
  /** The variable that carries the table's physical name, from shared/config/env.ts. */
  envVar: string;
  /** The table's global secondary indexes, each granted by its own ARN. */
  indexNames: readonly string[];
}

export interface EmailSending {
  senderAddress: string;
  configurationSetName: string;
  /** ARNs of the sending identity, the configuration set and every template. */
  resources: string[];
}

/**
 * Item reads, as CDK's grants.readData, less the stream actions (the tables have no streams) and
 * less Scan: no function scans (docs/access-patterns.md), so none may.
 */
export const TABLE_READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
];
/** Item writes, as CDK's grants.writeData; transactions are authorised per item by these same actions. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

/** What each kind of access grants: 'append' may add items and nothing else, so what is written stays written. */
export const TABLE_ACCESS_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: TABLE_READ_ACTIONS,
  readWrite: [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
  append: ['dynamodb:PutItem'],
  readAppend: [...TABLE_READ_ACTIONS, 'dynamodb:PutItem'],
};

/**
 * One Lambda function with the project's defaults: Node 22 on ARM64, an ESM bundle built by the
 * local esbuild (never Docker), source maps, active tracing, and its own log group with a retention.
 * The role is the function's own: it may write to that log group and nothing else until bound.
 */
export class AppFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;

    // Operational logs only (the audit trail lives in DynamoDB): a month is enough, and they go with the stack.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role scoped to this log group, instead of AWSLambdaBasicExecutionRole's logs:* on every group.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${definition.id} function`,
    });
    this.logGroup.grantWrite(role);

    const generated = writtenBesideBundle(definition.id);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: definition.description,
      entry: `${REPO_ROOT}${definition.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      ...(definition.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(definition.ephemeralStorageMb) } : {}),
      role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        [ENV.stage]: props.stage,
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...(props.policyEffectiveFrom ? { [ENV.policyEffectiveFrom]: props.policyEffectiveFrom } : {}),
      },
      bundling: {
        // Files the function reads at run time (shared/definitions/functions.ts), copied beside index.mjs,
        // and those generated at build time (written to a directory of their own, then copied the same way).
        ...(definition.bundledFiles?.length || generated.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  ...(definition.bundledFiles ?? []).map((file) => `cp "${inputDir}/${file}" "${outputDir}/"`),
                  ...generated.map((file) => `cp "${file}" "${outputDir}/"`),
                ],
              },
            }
          : {}),
        ...FUNCTION_BUNDLING,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        define: bundlingDefinesFor(definition.id),
      },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: it is the Node version the tests and the local stack run (npm scripts pin Node 22) ' +
        'and is inside Lambda support; move to the next runtime together with that toolchain.',
    });
    this.acknowledgeWildcard(
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource type, so IAM accepts only "*".',
    );
  }

  /** One finding id covers every "*" resource in this role's policy, so each cause states its own reason. */
  private acknowledgeWildcard(reason: string): void {
    Validations.of(this).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
  }

  /**
   * Sets the variable naming the table and grants exactly the access the definition asks for, together.
   * The grant names the table and each of its indexes rather than the `index/*` wildcard CDK's grants use.
   */
  bindTable({ table, access, envVar, indexNames }: TableBinding): void {
    this.function.addEnvironment(envVar, table.tableName);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...TABLE_ACCESS_ACTIONS[access]],
        resources: [table.tableArn, ...indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`)],
      }),
    );
  }

  /**
   * Sets the sender and configuration set variables and grants sending through SES v2, together; the grant
   * is limited to the sending identity, the configuration set and the templates.
   */
  allowSendingEmail({ senderAddress, configurationSetName, resources }: EmailSending): void {
    this.knowEmailSettings({ senderAddress, configurationSetName });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendBulkEmail'], resources }),
    );
  }

  /**
   * The sender address and configuration set alone, with no right to send: for a function that composes the
   * jobs' mailer for a dry run, which sends nothing (FunctionDefinition.composesEmail).
   */
  knowEmailSettings({ senderAddress, configurationSetName }: Omit<EmailSending, 'resources'>): void {
    this.function.addEnvironment(ENV.senderAddress, senderAddress);
    this.function.addEnvironment(ENV.sesConfigurationSet, configurationSetName);
  }

  /**
   * Sets the variable naming the bus and grants putting events on it, together: on that bus only, and only
   * with the project's source, so no function can pass its events off as another service's.
   */
  allowPublishingEvents(bus: IEventBus): void {
    this.function.addEnvironment(ENV.eventBusName, bus.eventBusName);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': EVENT_SOURCE } },
      }),
    );
  }

  /** Provider links are signed with a key kept in Secrets Manager: the function may read that secret and no other. */
  allowSigningLinks(secret: ISecret): void {
    this.function.addEnvironment(ENV.linkSigningKeySecretArn, secret.secretArn);
    secret.grantRead(this.function);
  }

  /** The health check reads the SES account state (sending enabled, quota). */
  allowReadingEmailAccount(): void {
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    this.acknowledgeWildcard('ses:GetAccount is account-level and has no resource type: IAM accepts only "*".');
  }
}
