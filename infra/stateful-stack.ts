import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLES, type TableDefinition, type TableId } from '../shared/definitions/tables.ts';

export type AppTables = Readonly<Record<TableId, dynamodb.ITableV2>>;

const stringAttribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * Everything that holds data: the tables of shared/definitions/tables.ts. Kept apart from the
 * stateless stack so functions, API and schedules can be replaced or destroyed without touching data.
 *
 * TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: it is the construct AWS now recommends, and
 * adding a replica region later is a property change, whereas a Table would have to be migrated.
 */
export class StatefulStack extends Stack {
  readonly tables: AppTables;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tables = Object.fromEntries(TABLES.map((definition) => [definition.id, this.table(definition)])) as Record<
      TableId,
      dynamodb.TableV2
    >;
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
