import type { AuditEntry } from '../../domain/audit.ts';
import type { Inspection } from '../../schemas/inspection.ts';
import type { InspectionStore, Page, PageRequest } from '../../use-cases/ports.ts';
import { commitWithAudit } from './accountable-write.ts';
import { providerKey } from './keys.ts';
import { queryPage } from './paged-query.ts';

/**
 * Inspections (R-REL-5) in the provider's item collection on the providers table: sort key
 * `INSPECTION#{inspectedOn}#{inspectionId}`, so one Query lists them newest first.
 */
const PREFIX = 'INSPECTION#';

export class DynamoInspectionStore implements InspectionStore {
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail (shared/definitions/tables.ts): entries are put there, never here. */
    private readonly auditTableName: string,
  ) {}

  async recordInspection(inspection: Inspection, audit: AuditEntry[]): Promise<void> {
    await commitWithAudit(
      this.auditTableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: {
            pk: providerKey(inspection.providerId).pk,
            sk: `${PREFIX}${inspection.inspectedOn}#${inspection.inspectionId}`,
            kind: 'inspection',
            ...inspection,
          },
        },
      ],
      audit,
    );
  }

  listInspections(providerId: string, request: PageRequest): Promise<Page<Inspection>> {
    return queryPage(
      this.tableName,
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': PREFIX },
        ScanIndexForward: false,
      },
      request,
      ({ pk: _pk, sk: _sk, kind: _kind, ...inspection }) => inspection as Inspection,
    );
  }
}
