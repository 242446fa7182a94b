import { ulid } from 'ulid';
import type { AuditEntry } from '../../domain/audit.ts';
import type { MentalHealthProvider } from '../../schemas/register-import.ts';
import { commitWithAudit } from './accountable-write.ts';
import { auditSortKey } from './keys.ts';
import { queryAll } from './paged-query.ts';

/**
 * Lists staff keep for the register import (issue 16): the national independent mental health
 * providers. A few dozen items on one partition, written by hand: a constant key is fine here.
 * Its audit entries live beside it (it belongs to no provider).
 */
const LIST = 'REGISTER_LIST#national-mental-health';

export class DynamoRegisterLists {
  constructor(private readonly tableName: string) {}

  async mentalHealthProviders(): Promise<MentalHealthProvider[]> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': LIST, ':prefix': 'PROVIDER#' },
    });
    return items.map((item) => ({
      registrationId: String(item.registrationId),
      name: String(item.name),
      markedAt: String(item.markedAt),
      markedBy: String(item.markedBy),
    }));
  }

  /** Marks (or renames) a provider on the list, with its audit entry, in one transaction. */
  mark(entry: MentalHealthProvider, audit: AuditEntry): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: { pk: LIST, sk: `PROVIDER#${entry.registrationId}`, ...entry },
        },
        { kind: 'put', tableName: this.tableName, item: this.auditItem(audit) },
      ],
      [],
    );
  }

  unmark(registrationId: string, audit: AuditEntry): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        { kind: 'delete', tableName: this.tableName, key: { pk: LIST, sk: `PROVIDER#${registrationId}` } },
        { kind: 'put', tableName: this.tableName, item: this.auditItem(audit) },
      ],
      [],
    );
  }

  private auditItem(entry: AuditEntry) {
    return { pk: LIST, sk: auditSortKey(entry.at, entry.auditId || ulid()), kind: 'audit', ...entry };
  }
}
