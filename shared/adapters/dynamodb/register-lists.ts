import { ulid } from 'ulid';
import type { AuditEntry } from '../../domain/audit.ts';
import type { MentalHealthProvider } from '../../schemas/register-import.ts';
import { auditPut, commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { auditSortKey } from './keys.ts';
import { queryAll } from './paged-query.ts';

/**
 * Lists staff keep for the register import (issue 16): the national independent mental health
 * providers. A few dozen items on one partition, written by hand: a constant key is fine here.
 * Its audit entries go to the append-only audit trail under the list's own key (it belongs to no provider).
 */
const LIST = 'REGISTER_LIST#national-mental-health';

export class DynamoRegisterLists {
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail (shared/definitions/tables.ts). */
    private readonly auditTableName: string,
  ) {}

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
      this.auditTableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: { pk: LIST, sk: `PROVIDER#${entry.registrationId}`, ...entry },
        },
        this.audited(audit),
      ],
      [],
    );
  }

  unmark(registrationId: string, audit: AuditEntry): Promise<void> {
    return commitWithAudit(
      this.auditTableName,
      [
        { kind: 'delete', tableName: this.tableName, key: { pk: LIST, sk: `PROVIDER#${registrationId}` } },
        this.audited(audit),
      ],
      [],
    );
  }

  private audited(entry: AuditEntry): WriteOperation {
    return auditPut(this.auditTableName, entry, {
      pk: LIST,
      sk: auditSortKey(entry.at, entry.auditId || ulid()),
      kind: 'audit',
      ...entry,
    });
  }
}
