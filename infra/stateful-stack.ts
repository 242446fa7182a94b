import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLES, type TableDefinition, type TableId } from '../shared/definitions/tables.ts';
import { STAFF_ROLES } from '../shared/domain/vocabulary.ts';
import { StaffUserPool } from './constructs/staff-user-pool.ts';
import { WorkspaceSignIn } from './constructs/workspace-sign-in.ts';

export interface StatefulStackProps extends StackProps {
  /** The staff workspace's origin and managed login domain prefix (issue 15). */
  workspace: { url: string; authDomainPrefix: string };
}

export interface StatefulStackProps extends StackProps {
  /** The From address of staff sign-in emails (invitations, password resets); must belong to senderDomain. */
  senderAddress: string;
  /** The SES identity (a verified domain) Cognito sends as. */
  senderDomain: string;
}

export type AppTables = Readonly<Record<TableId, dynamodb.ITableV2>>;

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
