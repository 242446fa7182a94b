import { ENV } from '../config/env.ts';

/**
 * The tables, declared once. infra/stateful-stack.ts turns them into DynamoDB tables and
 * infra/local/dynamodb-local.ts creates the same tables in DynamoDB Local.
 * Every attribute named here is a string; items use generic key names (single-table design)
 * so new entities need no new tables. Access patterns: docs/access-patterns.md.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  id: 'providers' | 'meetings';
  /** The variable that carries the physical name to functions. */
  envVar: string;
  description: string;
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexDefinition[];
  /** Epoch seconds after which DynamoDB deletes the item. */
  ttlAttribute: string;
}

export const PROVIDERS_TABLE: TableDefinition = {
  id: 'providers',
  envVar: ENV.providersTable,
  description: 'Providers, locations, contacts, staff, relationships and the audit trail',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Register search and the import's look-ups (issue 16): registration ids, name words.
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  ttlAttribute: 'expiresAt',
};

export const MEETINGS_TABLE: TableDefinition = {
  id: 'meetings',
  envVar: ENV.meetingsTable,
  description: 'Meetings, templates, comments, reminders and job runs',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  ttlAttribute: 'expiresAt',
};

export const TABLES = [PROVIDERS_TABLE, MEETINGS_TABLE] as const;
export type TableId = TableDefinition['id'];
