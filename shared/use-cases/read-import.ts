import type { DynamoImportLedger } from '../adapters/dynamodb/import-ledger.ts';
import { type ImportsBucket, reportKey } from '../adapters/s3/imports-bucket.ts';
import { NotFoundError } from '../domain/errors.ts';

/**
 * An import and, once it has one, short-lived links to its report (issue 16): GET /imports/{id} and the
 * workspace's import page (issue 15). Apart from run-register-import.ts so a reader does not bundle the parser.
 * Course: 1. read the import's record (404 if none)  2. when done (or failed after counting), presign GETs of
 *         its JSON and CSV report  3. answer both.
 */
type Ledger = Pick<DynamoImportLedger, 'get'>;
type Bucket = Pick<ImportsBucket, 'downloadUrl'>;

export async function readImport(deps: { ledger: Ledger; bucket: Bucket }, importId: string) {
  const record = await deps.ledger.get(importId);
  if (!record) throw new NotFoundError('No such import');
  const report =
    record.status === 'done' || (record.status === 'failed' && record.counts)
      ? {
          json: await deps.bucket.downloadUrl(reportKey(importId, 'json')),
          csv: await deps.bucket.downloadUrl(reportKey(importId, 'csv')),
        }
      : null;
  return { ...record, report };
}
