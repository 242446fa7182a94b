import type { DynamoImportLedger } from '../adapters/dynamodb/import-ledger.ts';
import { MAX_FILE_BYTES } from '../adapters/register-file/read-register-file.ts';
import { SpillFiles } from '../adapters/register-file/spill-files.ts';
import type { ImportsBucket } from '../adapters/s3/imports-bucket.ts';
import { importIdOf, reportKey, uploadKey } from '../adapters/s3/imports-bucket.ts';
import { S3WorkArea } from '../adapters/s3/s3-work-area.ts';
import { describeActor } from '../domain/actor.ts';
import type { ImportRecord, StartImportInput } from '../schemas/register-import.ts';
import type { ImportDeps, ImportProgress } from './import-register.ts';

/** GET /imports/{id}'s use case lives in read-import.ts (the workspace reads it without the import's parser). */
export { readImport } from './read-import.ts';

import type { ChangeContext } from './ports.ts';
import {
  finishRegisterImport,
  type ImportManifest,
  importRegisterShard,
  splitAlreadyDone,
  splitRegisterFile,
} from './register-import-steps.ts';

/**
 * The register import through the API and S3 (issue 16).
 * Start (POST /imports): 1. record the import, awaiting its upload  2. answer a presigned PUT URL.
 * Run (the upload's S3 event starts the state machine; locally the steps run in sequence):
 *   split: 1. find the import its key names (unknown keys are ignored; a finished one is not run
 *     again)  2. mark it running  3. stream the object into shards (register-import-steps.ts),
 *     writing rows read every 5,000 rows  4. answer the shards for the map
 *   shard (one invocation each): import it; add its rows to the progress once, when it is first done
 *   finish: deregister what no shard saw, store the report (JSON, CSV) beside the upload, record done
 *     (or failed, with the reason); a step that fails for good records failed (recordImportFailure).
 * A re-run (a re-delivered event, a new execution with the same input) skips what is done and finishes the rest:
 * the import is idempotent, so without duplicates.
 */
type Ledger = Pick<DynamoImportLedger, 'create' | 'get' | 'list' | 'update' | 'addApplied'>;
type Bucket = Pick<ImportsBucket, 'uploadUrl' | 'downloadUrl' | 'read' | 'write' | 'writeFile' | 'readText'>;
type RunDeps = ImportDeps & { ledger: Ledger; bucket: Bucket };
type RunContext = { now: () => Date; newId: () => string };

/** What the state machine's map runs over: one item per shard. */
export interface ShardTask {
  importId: string;
  shard: number;
}
export type SplitOutcome =
  | { outcome: 'ignored' | 'failed'; importId: string | null; shards: [] }
  | { outcome: 'split'; importId: string; shards: ShardTask[] };

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

export async function splitUploadedImport(
  deps: RunDeps,
  key: string,
  context: RunContext,
  /** Shards regardless of the file's size (tests); otherwise one per SHARD_TARGET_BYTES. */
  options: { shardCount?: number } = {},
): Promise<SplitOutcome> {
  const importId = importIdOf(key);
  const record = importId ? await deps.ledger.get(importId) : null;
  if (!importId || !record || record.status === 'done') return { outcome: 'ignored', importId, shards: [] };
  const stamp = () => context.now().toISOString();
  await deps.ledger.update(importId, { status: 'running', error: null, updatedAt: stamp() });
  const work = new S3WorkArea(deps.bucket, importId);
  // A re-run after the split finished: the shards are saved, and the progress already counts the shards done.
  const resumed = await splitAlreadyDone(work);
  if (resumed) return { outcome: 'split', importId, shards: shardTasks(importId, resumed) };
  const object = await deps.bucket.read(key);
  if (object.bytes > MAX_FILE_BYTES) {
    const error = `The file is larger than ${Math.round(MAX_FILE_BYTES / 1024 / 1024)} MB: that is not CQC's locations file`;
    await deps.ledger.update(importId, { status: 'failed', error, updatedAt: stamp(), finishedAt: stamp() });
    return { outcome: 'failed', importId, shards: [] };
  }
  let lastWritten = 0;
  const progressWrites: Promise<void>[] = [];
  const onProgress = ({ rowsRead }: ImportProgress) => {
    if (rowsRead - lastWritten < 5_000) return;
    lastWritten = rowsRead;
    progressWrites.push(
      deps.ledger.update(importId, { progress: { rowsRead, rowsTotal: null, rowsApplied: 0 }, updatedAt: stamp() }),
    );
  };
  const scratch = SpillFiles.scratch(`split-${importId}`);
  try {
    const manifest = await splitRegisterFile(
      object.body,
      work,
      { dryRun: record.dryRun, bytes: object.bytes, scratch, onProgress, ...options },
      { now: context.now() },
    );
    await Promise.allSettled(progressWrites);
    const rowsTotal = manifest.rowsTotal;
    await deps.ledger.update(importId, {
      progress: { rowsRead: rowsTotal, rowsTotal, rowsApplied: 0 },
      updatedAt: stamp(),
    });
    return { outcome: 'split', importId, shards: shardTasks(importId, manifest) };
  } finally {
    SpillFiles.remove(scratch);
  }
}

/** One task per shard; a file refused as a whole has none (the finish step writes its report). */
const shardTasks = (importId: string, manifest: ImportManifest): ShardTask[] =>
  manifest.error ? [] : Array.from({ length: manifest.shardCount }, (_, shard) => ({ importId, shard }));

export async function importUploadedShard(deps: RunDeps, task: ShardTask, context: RunContext): Promise<number> {
  const { part, alreadyDone } = await importRegisterShard(
    deps,
    new S3WorkArea(deps.bucket, task.importId),
    task.shard,
    {},
    context,
  );
  if (!alreadyDone) await deps.ledger.addApplied(task.importId, part.rows, context.now().toISOString());
  return part.rows;
}

export async function finishUploadedImport(
  deps: RunDeps,
  importId: string,
  context: RunContext,
): Promise<ImportRecord['status']> {
  const scratch = SpillFiles.scratch(`finish-${importId}`);
  try {
    const summary = await finishRegisterImport(deps, new S3WorkArea(deps.bucket, importId), { scratch }, context);
    await Promise.all([
      deps.bucket.writeFile(reportKey(importId, 'json'), summary.files.json, 'application/json'),
      deps.bucket.writeFile(reportKey(importId, 'csv'), summary.files.csv, 'text/csv; charset=utf-8'),
    ]);
    const status = summary.error ? 'failed' : 'done';
    const stamp = context.now().toISOString();
    await deps.ledger.update(importId, {
      status,
      counts: summary.counts,
      error: summary.error ? summary.error.message : null,
      progress: {
        rowsRead: summary.rowsRead,
        rowsTotal: summary.rowsRead,
        rowsApplied: summary.error ? 0 : summary.rowsRead,
      },
      updatedAt: stamp,
      finishedAt: stamp,
    });
    return status;
  } finally {
    SpillFiles.remove(scratch);
  }
}

/** A step failed after its retries (the state machine's catch): the import says so; a new execution with the same input finishes it. */
export async function recordImportFailure(deps: Pick<RunDeps, 'ledger'>, importId: string, context: RunContext) {
  const stamp = context.now().toISOString();
  await deps.ledger.update(importId, {
    status: 'failed',
    error: 'The import stopped before it finished; nothing it wrote is lost, and running it again finishes the job',
    updatedAt: stamp,
    finishedAt: stamp,
  });
}

/** The steps in sequence, in one process: the local stack's upload (no Step Functions locally). */
export async function runUploadedImport(
  deps: RunDeps,
  key: string,
  context: RunContext,
  options: { shardCount?: number } = {},
): Promise<ImportRecord['status'] | 'ignored'> {
  const split = await splitUploadedImport(deps, key, context, options);
  if (split.outcome !== 'split') return split.outcome;
  for (const task of split.shards) await importUploadedShard(deps, task, context);
  return finishUploadedImport(deps, split.importId, context);
}
