import type { DynamoImportLedger } from '../adapters/dynamodb/import-ledger.ts';
import { importReportCsv } from '../adapters/register-file/import-report-csv.ts';
import { MAX_FILE_BYTES } from '../adapters/register-file/read-register-file.ts';
import type { ImportsBucket } from '../adapters/s3/imports-bucket.ts';
import { importIdOf, reportKey, uploadKey } from '../adapters/s3/imports-bucket.ts';
import { describeActor } from '../domain/actor.ts';
import type { ImportRecord, StartImportInput } from '../schemas/register-import.ts';
import { type ImportDeps, type ImportProgress, importRegister } from './import-register.ts';

/** GET /imports/{id}'s use case lives in read-import.ts (the workspace reads it without the import's parser). */
export { readImport } from './read-import.ts';

import type { ChangeContext } from './ports.ts';

/**
 * The register import through the API and S3 (issue 16).
 * Start (POST /imports): 1. record the import, awaiting its upload  2. answer a presigned PUT URL.
 * Run (the upload's S3 event): 1. find the import its key names (unknown keys are ignored; a
 *   finished one is not run again)  2. mark it running  3. stream the object through
 *   importRegister, writing progress every 5,000 rows  4. store the report (JSON, CSV) beside the
 *   upload  5. record done (or failed, with the reason). A re-delivered event re-runs it: the
 *   import is idempotent, so it finishes the job without duplicates.
 */
type Ledger = Pick<DynamoImportLedger, 'create' | 'get' | 'list' | 'update'>;
type Bucket = Pick<ImportsBucket, 'uploadUrl' | 'downloadUrl' | 'read' | 'write'>;

export async function startImport(
  deps: { ledger: Ledger; bucket: Bucket },
  input: StartImportInput,
  context: ChangeContext,
): Promise<{ import: ImportRecord; uploadUrl: string }> {
  const importId = context.newId();
  const at = context.now.toISOString();
  const record: ImportRecord = {
    importId,
    fileName: input.fileName,
    dryRun: input.dryRun,
    status: 'awaiting-upload',
    progress: { rowsRead: 0, rowsTotal: null, rowsApplied: 0 },
    counts: null,
    error: null,
    startedBy: describeActor(context.actor),
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
  await deps.ledger.create(record);
  return { import: record, uploadUrl: await deps.bucket.uploadUrl(uploadKey(importId, input.fileName)) };
}

export async function runUploadedImport(
  deps: ImportDeps & { ledger: Ledger; bucket: Bucket },
  key: string,
  context: { now: () => Date; newId: () => string },
): Promise<ImportRecord['status'] | 'ignored'> {
  const importId = importIdOf(key);
  const record = importId ? await deps.ledger.get(importId) : null;
  if (!importId || !record || record.status === 'done') return 'ignored';
  const stamp = () => context.now().toISOString();
  await deps.ledger.update(importId, { status: 'running', error: null, updatedAt: stamp() });
  let lastWritten = 0;
  const progressWrites: Promise<void>[] = [];
  const onProgress = (progress: ImportProgress) => {
    const rows = progress.rowsRead + progress.rowsApplied;
    if (rows - lastWritten < 5_000 && progress.phase !== 'deregistering') return;
    lastWritten = rows;
    const { rowsRead, rowsTotal, rowsApplied } = progress;
    progressWrites.push(
      deps.ledger.update(importId, { progress: { rowsRead, rowsTotal, rowsApplied }, updatedAt: stamp() }),
    );
  };
  const object = await deps.bucket.read(key);
  if (object.bytes > MAX_FILE_BYTES) {
    const error = `The file is larger than ${Math.round(MAX_FILE_BYTES / 1024 / 1024)} MB: that is not CQC's locations file`;
    await deps.ledger.update(importId, { status: 'failed', error, updatedAt: stamp(), finishedAt: stamp() });
    return 'failed';
  }
  const report = await importRegister(
    deps,
    object.body,
    { dryRun: record.dryRun, onProgress },
    {
      now: context.now(),
      newId: context.newId,
    },
  );
  await Promise.allSettled(progressWrites);
  await Promise.all([
    deps.bucket.write(reportKey(importId, 'json'), JSON.stringify(report), 'application/json'),
    deps.bucket.write(reportKey(importId, 'csv'), importReportCsv(report), 'text/csv; charset=utf-8'),
  ]);
  const status = report.error ? 'failed' : 'done';
  await deps.ledger.update(importId, {
    status,
    counts: report.counts,
    error: report.error ? report.error.message : null,
    progress: {
      rowsRead: report.rowsRead,
      rowsTotal: report.rowsRead,
      rowsApplied: report.error ? 0 : report.rowsRead,
    },
    updatedAt: stamp(),
    finishedAt: stamp(),
  });
  return status;
}
