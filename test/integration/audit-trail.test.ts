import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditItem, commitWithAudit } from '../../shared/adapters/dynamodb/accountable-write.ts';
import { migrateLegacyAudit } from '../../shared/adapters/dynamodb/audit-migration.ts';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import { ConflictError } from '../../shared/domain/errors.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import { aProvider } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Issue 12 item 15: the audit trail has its own table, which functions may only add to (the IAM side is
 * asserted in test/infra/functions.test.ts). Entries written before the move, on the providers table,
 * are moved by the migration and read again after it.
 */
type Page<T> = { items: T[]; nextToken: string | null };

const tables = () => ({ providers: process.env.PROVIDERS_TABLE ?? '', audit: process.env.AUDIT_TABLE ?? '' });
let api: LocalApi;
let editor: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const register = async (): Promise<Provider> => {
  const answer = await api.call<Provider>('POST', '/providers', { token: editor, body: aProvider() });
  expect(answer.status).toBe(201);
  return answer.body;
};
const trailOf = async (providerId: string) =>
  (await api.call<Page<AuditEntry>>('GET', `/providers/${providerId}/audit`, { token: editor })).body.items;
const auditItemsIn = async (tableName: string, providerId: string) =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `PROVIDER#${providerId}`, ':audit': 'AUDIT#' },
      }),
    )
  ).Items ?? [];

/** An entry as the code before the move wrote it: on the providers table, beside the provider. */
const aLegacyEntry = (providerId: string, at: string): AuditEntry => ({
  auditId: ulid(),
  providerId,
  entityType: 'provider',
  entityId: providerId,
  action: 'updated',
  actor: { type: 'staff', id: 'S-BEFORE-THE-MOVE' },
  at,
  before: { name: 'Old name' },
  after: { name: 'Ünïcode name – with a dash' },
});

describe('where audit entries are written', () => {
  it('puts a change’s entry on the audit table and none on the providers table', async () => {
    const provider = await register();

    expect(await auditItemsIn(tables().audit, provider.providerId)).toHaveLength(1);
    expect(await auditItemsIn(tables().providers, provider.providerId)).toHaveLength(0);
    expect(await trailOf(provider.providerId)).toEqual([
      expect.objectContaining({ action: 'created', entityId: provider.providerId }),
    ]);
  });

  it('never replaces an entry already written: a second put of the same entry is refused and changes nothing', async () => {
    const provider = await register();
    const entry = aLegacyEntry(provider.providerId, '2026-01-01T09:00:00.000Z');
    await commitWithAudit(tables().audit, [], [entry]);

    const replay = commitWithAudit(tables().audit, [], [{ ...entry, after: { name: 'Rewritten history' } }]);

    await expect(replay).rejects.toThrow(ConflictError);
    const stored = (await trailOf(provider.providerId)).find((item) => item.auditId === entry.auditId);
    expect(stored?.after).toEqual({ name: 'Ünïcode name – with a dash' });
  });
});

describe('entries written before the audit table existed', () => {
  it('read again, in order with the new ones, once the migration has moved them; a second run moves nothing of theirs', async () => {
    const provider = await register();
    const legacy = [
      aLegacyEntry(provider.providerId, '2025-03-31T23:59:59.999Z'),
      aLegacyEntry(provider.providerId, '2024-02-29T12:00:00.000Z'),
    ];
    for (const entry of legacy)
      await documentClient.send(new PutCommand({ TableName: tables().providers, Item: auditItem(entry) }));

    await migrateLegacyAudit(tables());

    const trail = await trailOf(provider.providerId);
    expect(trail.map((entry) => entry.at)).toEqual([
      expect.stringMatching(/^20\d\d-/),
      '2025-03-31T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
    ]);
    expect(trail.slice(1)).toEqual(legacy);
    expect(await auditItemsIn(tables().providers, provider.providerId)).toHaveLength(0);

    await migrateLegacyAudit(tables());

    expect(await trailOf(provider.providerId)).toHaveLength(3);
  });
});
