import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.ts';
import type { Relationship, RelationshipHistoryEntry } from '../../schemas/relationship.ts';
import type { Allocation, RelationshipStore, StoredRelationships } from '../../use-cases/ports.ts';
import { commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import { holderList, providerKey, relationshipHistoryKey, relationshipKey } from './keys.ts';
import { queryAll } from './paged-query.ts';

/**
 * Relationship holders and corporate leads on the providers table. A current relationship is
 * one item per scope (provider, each location, corporate lead); every allocation also writes a
 * history entry and closes the previous one, in the same transaction (R-REL-2).
 */
const HIDDEN = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'kind'];

function entity<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of HIDDEN) delete copy[key];
  return copy as T;
}

/** A current relationship as stored; the bench writes the same items. */
export const relationshipItem = (relationship: Relationship) => ({
  ...relationshipKey(relationship.providerId, relationship.scope, relationship.locationId),
  kind: 'relationship',
  gsi2pk: holderList(relationship.staffId),
  gsi2sk: `${relationship.providerId}#${relationship.scope}#${relationship.locationId ?? ''}`,
  ...relationship,
});

/** A history entry as stored, found again from its relationship's `since` and staff id. */
export const relationshipHistoryItem = (relationship: Relationship, history: RelationshipHistoryEntry) => ({
  ...relationshipHistoryKey(
    relationship.providerId,
    relationship.scope,
    relationship.locationId,
    history.from,
    history.staffId,
  ),
  kind: 'relationship-history',
  ...history,
});

export class DynamoRelationshipStore implements RelationshipStore {
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail (shared/definitions/tables.ts): entries are put there, never here. */
    private readonly auditTableName: string,
  ) {}

  /** Every item of a provider's partition whose sort key starts with `prefix`, all pages. */
  private itemsOf(providerId: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': prefix },
    });
  }

  /** The current holders and lead only (sk begins `REL#`): what planning and allocation need, without the history. */
  async currentRelationships(providerId: string): Promise<Relationship[]> {
    return (await this.itemsOf(providerId, 'REL#')).map((item) => entity<Relationship>(item));
  }

  /** Current relationships and the whole history (`REL#` and `RELHIST#`): one Query. */
  async getRelationships(providerId: string): Promise<StoredRelationships> {
    const current: Relationship[] = [];
    const history: RelationshipHistoryEntry[] = [];
    for (const item of await this.itemsOf(providerId, 'REL')) {
      if (item.kind === 'relationship') current.push(entity<Relationship>(item));
      else history.push(entity<RelationshipHistoryEntry>(item));
    }
    history.sort((a, b) => b.from.localeCompare(a.from));
    return { current, history };
  }

  async getCorporateLead(providerId: string): Promise<Relationship | null> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: relationshipKey(providerId, 'corporate-lead', null) }),
    );
    return result.Item ? entity<Relationship>(result.Item) : null;
  }

  async listHeldBy(staffId: string): Promise<Relationship[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :holder',
      ExpressionAttributeValues: { ':holder': holderList(staffId) },
    });
    return items.map((item) => entity<Relationship>(item));
  }

  async allocate(allocation: Allocation): Promise<void> {
    const { next, previous, history, providerVersion, band } = allocation;
    const concurrent = () =>
      new ConflictError('This relationship was changed by someone else at the same moment: read it again and retry');
    const operations: WriteOperation[] = [
      {
        kind: 'check',
        tableName: this.tableName,
        key: providerKey(next.providerId),
        // R-CORP: the band the allocation was checked against is the band the provider is in at commit.
        condition: {
          expression:
            'version = :providerVersion AND locationCount = :locationCount AND marketOversight = :marketOversight',
          values: {
            ':providerVersion': providerVersion,
            ':locationCount': band.locationCount,
            ':marketOversight': band.marketOversight,
          },
          onFailure: () =>
            new ConflictError('The provider changed while this was being allocated: read it again and retry'),
        },
      },
      {
        kind: 'put',
        tableName: this.tableName,
        item: relationshipItem(next),
        condition: previous
          ? {
              expression: 'version = :previousVersion',
              values: { ':previousVersion': previous.version },
              onFailure: concurrent,
            }
          : { expression: 'attribute_not_exists(pk)', onFailure: concurrent },
      },
      {
        kind: 'put',
        tableName: this.tableName,
        item: relationshipHistoryItem(next, history),
      },
    ];
    if (previous) {
      operations.push({
        kind: 'update',
        tableName: this.tableName,
        key: relationshipHistoryKey(
          previous.providerId,
          previous.scope,
          previous.locationId,
          previous.since,
          previous.staffId,
        ),
        update: 'SET #to = :to, endReason = :endReason',
        names: { '#to': 'to' },
        values: { ':to': history.from, ':endReason': next.reason },
      });
    }
    await commitWithAudit(this.auditTableName, operations, allocation.audit);
  }
}
