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
  id: 'providers' | 'meetings' | 'sessions' | 'audit';
  /** The variable that carries the physical name to functions. */
  envVar: string;
  description: string;
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexDefinition[];
  /** Epoch seconds after which DynamoDB deletes the item; none where nothing may expire. */
  ttlAttribute?: string;
}

export const PROVIDERS_TABLE: TableDefinition = {
  id: 'providers',
  envVar: ENV.providersTable,
  description: 'Providers, locations, contacts, staff and relationships',
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

/**
 * The staff workspace's sessions (issue 15): one item per signed-in browser, keyed by a hash of the
 * cookie's random id, and short-lived sign-in attempts (state, nonce, PKCE verifier). DynamoDB's TTL
 * removes both after their absolute expiry; the workspace itself refuses an idle or expired session
 * before TTL gets to it (TTL deletion can lag by days).
 */
export const SESSIONS_TABLE: TableDefinition = {
  id: 'sessions',
  envVar: ENV.sessionsTable,
  description: 'Staff workspace sessions and sign-in attempts',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [],
  ttlAttribute: 'expiresAt',
};

/**
 * The audit trail, apart so it is append-only for every function: their roles may PutItem here and
 * nothing else (no UpdateItem, no DeleteItem), and each entry is put on condition that its key is new.
 * Entries keep the key layout they had on the providers table (PROVIDER#id or STAFF#id, AUDIT#at#id),
 * so entries written before the move copy across unchanged (infra/ops/migrate-audit.ts).
 * Retention: kept as long as the table, with no TTL; the table is retained and deletion-protected.
 */
export const AUDIT_TABLE: TableDefinition = {
  id: 'audit',
  envVar: ENV.auditTable,
  description: 'The audit trail: who changed what, when (append-only)',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [],
};

export const TABLES = [PROVIDERS_TABLE, MEETINGS_TABLE, SESSIONS_TABLE, AUDIT_TABLE] as const;
export type TableId = TableDefinition['id'];
