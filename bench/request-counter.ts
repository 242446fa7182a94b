import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts what a run asks of DynamoDB: requests per command, the capacity DynamoDB reports for them
 * and the items Queries return. Attached to the shared document client from the bench only, so
 * production code carries no measuring middleware.
 */
export interface CommandTally {
  requests: number;
  /** Requests that ended in an error (a cancelled transaction is how a slot already planned shows). */
  failed: number;
  readUnits: number;
  writeUnits: number;
  /** Items a Query returned (its Count), summed. */
  itemsReturned: number;
  /** Attempts the SDK made beyond the first (throttling, conflicts), from each answer's $metadata. */
  retries: number;
}

export type Tallies = Record<string, CommandTally>;

/** Queries by shape (index and key condition), so a run's reads can be told apart: lists, locations, relationships. */
export type QueryShapes = Record<string, number>;

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

interface QueryShapeInput {
  IndexName?: string;
  KeyConditionExpression?: string;
}

interface Attempts {
  $metadata?: { attempts?: number };
}

interface MeasuredOutput extends Attempts {
  ConsumedCapacity?: Capacity | Capacity[];
  Count?: number;
}

const retriesOf = (answer: Attempts | undefined): number => Math.max(0, (answer?.$metadata?.attempts ?? 1) - 1);

/** Commands whose input takes ReturnConsumedCapacity, and which kind of capacity they use. */
const CAPACITY_KIND: Readonly<Record<string, 'read' | 'write'>> = {
  QueryCommand: 'read',
  GetCommand: 'read',
  GetItemCommand: 'read',
  TransactWriteCommand: 'write',
  TransactWriteItemsCommand: 'write',
  BatchWriteCommand: 'write',
  BatchWriteItemCommand: 'write',
  PutCommand: 'write',
  PutItemCommand: 'write',
  UpdateCommand: 'write',
  UpdateItemCommand: 'write',
  DeleteCommand: 'write',
  DeleteItemCommand: 'write',
  BatchGetCommand: 'read',
  BatchGetItemCommand: 'read',
};

/** DynamoDB's API names (GetItem, TransactWriteItems) whichever client the command came from. */
const API_NAME: Readonly<Record<string, string>> = {
  QueryCommand: 'Query',
  GetCommand: 'GetItem',
  GetItemCommand: 'GetItem',
  TransactWriteCommand: 'TransactWriteItems',
  TransactWriteItemsCommand: 'TransactWriteItems',
  BatchWriteCommand: 'BatchWriteItem',
  BatchWriteItemCommand: 'BatchWriteItem',
  PutCommand: 'PutItem',
  PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  DeleteItemCommand: 'DeleteItem',
  BatchGetCommand: 'BatchGetItem',
  BatchGetItemCommand: 'BatchGetItem',
};

/** DynamoDB's read and write APIs; anything else (DescribeTable) is control plane. */
export const READ_APIS: ReadonlySet<string> = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
export const WRITE_APIS: ReadonlySet<string> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

const emptyTally = (): CommandTally => ({
  requests: 0,
  failed: 0,
  readUnits: 0,
  writeUnits: 0,
  itemsReturned: 0,
  retries: 0,
});

export class RequestCounter {
  private tallies = new Map<string, CommandTally>();
  private shapes = new Map<string, number>();

  attach(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const commandName = context.commandName ?? 'unknown';
        const kind = CAPACITY_KIND[commandName];
        if (kind) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        if (commandName === 'QueryCommand') this.countShape(args.input as QueryShapeInput);
        const tally = this.tallyOf(API_NAME[commandName] ?? commandName.replace(/Command$/, ''));
        tally.requests += 1;
        try {
          const result = await next(args);
          const output = result.output as MeasuredOutput;
          const consumed = output.ConsumedCapacity;
          for (const capacity of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
            const total = capacity.CapacityUnits ?? 0;
            tally.readUnits += capacity.ReadCapacityUnits ?? (kind === 'read' ? total : 0);
            tally.writeUnits += capacity.WriteCapacityUnits ?? (kind === 'write' ? total : 0);
          }
          tally.itemsReturned += output.Count ?? 0;
          tally.retries += retriesOf(output);
          return result;
        } catch (error) {
          tally.failed += 1;
          tally.retries += retriesOf(error as Attempts);
          throw error;
        }
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
  }

  reset(): void {
    this.tallies.clear();
    this.shapes.clear();
  }

  snapshot(): Tallies {
    return Object.fromEntries([...this.tallies].map(([name, tally]) => [name, { ...tally }]));
  }

  queryShapes(): QueryShapes {
    return Object.fromEntries(this.shapes);
  }

  private countShape(input: QueryShapeInput): void {
    const shape = `${input.IndexName ?? 'table'}: ${input.KeyConditionExpression ?? '?'}`;
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
  }

  private tallyOf(name: string): CommandTally {
    const existing = this.tallies.get(name);
    if (existing) return existing;
    const created = emptyTally();
    this.tallies.set(name, created);
    return created;
  }
}

export const tallyOf = (tallies: Tallies, command: string): CommandTally => tallies[command] ?? emptyTally();

export const totalUnits = (tallies: Tallies, kind: 'readUnits' | 'writeUnits'): number =>
  Object.values(tallies).reduce((sum, tally) => sum + tally[kind], 0);

export const totalRequests = (tallies: Tallies, apis?: ReadonlySet<string>): number =>
  Object.entries(tallies)
    .filter(([name]) => !apis || apis.has(name))
    .reduce((sum, [, tally]) => sum + tally.requests, 0);
