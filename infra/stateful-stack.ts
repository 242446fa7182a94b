import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLES, type TableDefinition, type TableId } from '../shared/definitions/tables.ts';
import { STAFF_ROLES } from '../shared/domain/vocabulary.ts';
import { StaffUserPool } from './constructs/staff-user-pool.ts';
import { WorkspaceSignIn } from './constructs/workspace-sign-in.ts';

export interface StatefulStackProps extends StackProps {
  /** The staff workspace's origin and managed login domain prefix (issue 15). */
  workspace: { url: string; authDomainPrefix: string };
  /** Names the imports bucket (issue 16); 'dev' when left out. */
  stage?: string;
  /** The From address of staff sign-in emails (invitations, password resets); must belong to senderDomain. */
  senderAddress: string;
  /** The SES identity (a verified domain) Cognito sends as. */
  senderDomain: string;
}

export type AppTables = Readonly<Record<TableId, dynamodb.ITableV2>>;

/**
 * The imports bucket's name (issue 16): the stage's, unique per account. Named (not generated) so
 * the functions' grants can name its objects without a cross-stack token in the policy.
 */
export const importsBucketName = (stage: string): string => `provider-engagement-${stage}-imports-${Aws.ACCOUNT_ID}`;

const stringAttribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * Everything that holds data: the tables of shared/definitions/tables.ts, the link signing key and the staff
 * user pool (its accounts, groups and TOTP enrolments). Kept apart from the
 * stateless stack so functions, API and schedules can be replaced or destroyed without touching data.
 *
 * TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: it is the construct AWS now recommends, and
 * adding a replica region later is a property change, whereas a Table would have to be migrated.
 */
export class StatefulStack extends Stack {
  readonly tables: AppTables;
  /** Signs provider links (R-TPL-2). State: a new key would break every link already emailed. */
  readonly linkSigningKey: secretsmanager.ISecret;
  /**
   * Staff sign-in. State: the pool holds the staff accounts, their groups and their TOTP enrolments.
   * Its web client stays with it in this stack: the client is configuration, not data, but its id is baked
   * into the web app's settings, and keeping it beside the pool means redeploying or replacing the stateless
   * stack never issues a new client id (nor makes the pool depend on a client defined downstream).
   */
  readonly staffPool: StaffUserPool;
  /** The workspace's managed login domain and app client, beside the pool for the same reason as its web client. */
  readonly workspaceSignIn: WorkspaceSignIn;
  /** The register import's uploads and reports (issue 16). */
  readonly importsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.tables = Object.fromEntries(TABLES.map((definition) => [definition.id, this.table(definition)])) as Record<
      TableId,
      dynamodb.TableV2
    >;
    const key = new secretsmanager.Secret(this, 'LinkSigningKey', {
      description: 'HMAC key of the signed links emailed to providers',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(key).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the key would break every provider link already emailed and still open. It is rotated by hand ' +
        '(put a new value, then re-share open templates), which the deploy guide describes.',
    });
    this.linkSigningKey = key;

    // Named for operators (the audit migration reads them); the functions get the names from the stateless stack.
    new CfnOutput(this, 'ProvidersTableName', { value: this.tables.providers.tableName });
    new CfnOutput(this, 'AuditTableName', { value: this.tables.audit.tableName });

    this.staffPool = new StaffUserPool(this, 'StaffUserPool', {
      groups: STAFF_ROLES,
      senderAddress: props.senderAddress,
      senderDomain: props.senderDomain,
    });

    // Staff workspace sign-in (issue 15): managed login and the workspace's app client, kept apart from the pool's own settings.
    this.workspaceSignIn = new WorkspaceSignIn(this, 'WorkspaceSignIn', {
      userPool: this.staffPool.userPool,
      workspaceUrl: props.workspace.url,
      domainPrefix: props.workspace.authDomainPrefix,
    });

    this.importsBucket = this.registerImportBucket(props.stage ?? 'dev');
  }

  // --- The register import (issue 16): its bucket. Kept apart from the rest of this stack. ---
  /**
   * Uploads of CQC's published locations file and the import reports: encrypted, never public, TLS
   * only, gone after 30 days (the register itself is in the providers table). S3 sends "Object
   * Created" events to EventBridge, where the stateless stack's rule starts the import function
   * (a bucket notification straight to the function would make the two stacks depend on each other).
   */
  private registerImportBucket(stage: string): s3.Bucket {
    const bucket = new s3.Bucket(this, 'ImportsBucket', {
      bucketName: importsBucketName(stage),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      eventBridgeEnabled: true,
      lifecycleRules: [{ expiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Objects are the public register file and its import report, kept 30 days; each import is recorded ' +
        'with who started it (GET /imports) and each change it makes is audited in the providers table.',
    });
    // eventBridgeEnabled is set by CDK's one bucket-notifications custom resource, whose role is CDK's own.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's bucket-notifications handler (it turns on the imports bucket's EventBridge events) runs with the " +
        'basic execution role CDK gives it; none of our functions uses a managed policy.',
    });
    return bucket;
  }

  private table(definition: TableDefinition): dynamodb.TableV2 {
    return new dynamodb.TableV2(this, `${definition.id}-table`, {
      partitionKey: stringAttribute(definition.partitionKey),
      sortKey: stringAttribute(definition.sortKey),
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringAttribute(index.partitionKey),
        sortKey: stringAttribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: definition.ttlAttribute,
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
