import { join } from 'node:path';
import {
  importReportCsvHead,
  importReportCsvSections,
  importReportCsvTail,
} from '../adapters/register-file/import-report-csv.ts';
import { LocalWorkArea } from '../adapters/register-file/local-work-area.ts';
import { RegisterFileError, readRegisterFile } from '../adapters/register-file/read-register-file.ts';
import { readJsonFile, readJsonLines, SpillFiles, stitchFiles } from '../adapters/register-file/spill-files.ts';
import { londonDate } from '../domain/calendar.ts';
import {
  duplicateSightings,
  duplicatesOfShard,
  type LocationSighting,
  type RefusedRow,
  type ShardRecord,
  shardCountFor,
  shardOf,
} from '../domain/register/shard-plan.ts';
import type { Provider } from '../schemas/provider.ts';
import {
  emptyReport,
  type ImportDeps,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  mergeInto,
  registerWriter,
} from './import-register.ts';

/**
 * The register import in steps (issue 16), so that memory stays flat in the file's size and
 * each step fits one Lambda invocation. In AWS a state machine runs them (split, then a
 * distributed map over the shards, then finish); locally `importRegisterInSequence` runs the
 * same steps one after another in one process.
 * Course: 1. split: stream the file once, checking every row; each row goes to the shard of its
 *         Provider ID and a sighting of its Location ID to a location shard (on local disk); a
 *         file that cannot be read as a whole stops here and nothing is written to the register;
 *         the location shards give the duplicate Location IDs; the provider shards and a manifest
 *         (row total, duplicates, the import's clock) are saved to the work area
 *  2. per shard (any order, in parallel): group its rows by provider and apply them (see
 *         registerWriter); save the shard's part of the report. A shard whose part is saved is done:
 *         a re-run skips it, so its report is not lost
 *  3. finish: list the providers we hold; those the file does not list (by shard) are deregistered,
 *         shard by shard, each shard's sweep saved as a part; then the report (JSON, CSV) is written
 *         from the parts one at a time, never the whole report in memory.
 * Idempotent and crash-safe: every write follows a read that says it is needed, so re-running any
 * step (or all) finishes the job without duplicates; a dry run writes nothing to the register.
 */

/** Where a run keeps its shards and parts: S3 under work/<importId>/ in AWS, a directory locally. */
export interface ImportWorkArea {
  saveShard(shard: number, fromFile: string): Promise<void>;
  readShard(shard: number): Promise<AsyncIterable<Uint8Array | string>>;
  savePart(name: string, value: unknown): Promise<void>;
  /** Null when it was never saved. */
  readPart<T>(name: string): Promise<T | null>;
}

export interface ImportManifest {
  /** The import's clock: every step stamps its writes and audit entries with it. */
  now: string;
  dryRun: boolean;
  shardCount: number;
  rowsTotal: number;
  /** The file could not be read as a whole: nothing is written, the report says why. */
  error: ImportReport['error'];
  /** Rows repeating a Location ID seen on an earlier line (refused; each reported by its provider's shard). */
  duplicates: RefusedRow[];
}

/** A shard's share of the import, saved once it is done. */
export interface ShardPart {
  rows: number;
  /** Provider IDs the shard's rows name, refused or not: never deregistered on this file's word. */
  providersInFile: string[];
  report: ImportReport;
}

export interface ImportSummary {
  rowsRead: number;
  error: ImportReport['error'];
  counts: ImportReport['counts'];
  /** The report, written to local files (JSON and CSV) for the caller to keep or upload. */
  files: { json: string; csv: string };
}

const MANIFEST = 'manifest';
const shardPartName = (shard: number) => `shard-${shard}`;
const sweepPartName = (shard: number) => `sweep-${shard}`;

/** 1. Split the file into provider shards; returns the manifest (also saved). */
export async function splitRegisterFile(
  source: AsyncIterable<Uint8Array | string>,
  work: ImportWorkArea,
  options: {
    dryRun: boolean;
    /** The upload's size in bytes: sets the shard count. */
    bytes: number;
    shardCount?: number;
    maxBytes?: number;
    scratch: string;
    onProgress?: (progress: ImportProgress) => void;
  },
  context: { now: Date },
): Promise<ImportManifest> {
  const existing = await work.readPart<ImportManifest>(MANIFEST);
  if (existing) return existing;
  const shardCount = options.shardCount ?? shardCountFor(options.bytes);
  const shards = new SpillFiles(options.scratch, shardCount, 'provider-shard');
  const locations = new SpillFiles(options.scratch, shardCount, 'location-shard');
  const progress: ImportProgress = { phase: 'reading', bytesRead: 0, rowsRead: 0, rowsTotal: null, rowsApplied: 0 };
  const tell = () => options.onProgress?.({ ...progress });
  const manifest: ImportManifest = {
    now: context.now.toISOString(),
    dryRun: options.dryRun,
    shardCount,
    rowsTotal: 0,
    error: null,
    duplicates: [],
  };
  try {
    for await (const { line, checked } of readRegisterFile(source, {
      today: londonDate(context.now),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      onBytes: (bytes) => {
        progress.bytesRead = bytes;
      },
    })) {
      progress.rowsRead += 1;
      if (progress.rowsRead % 1000 === 0) tell();
      if (!checked.ok) {
        const providerId = checked.providerId ?? null;
        const refused: RefusedRow = {
          line,
          locationId: checked.locationId ?? null,
          providerId,
          reason: checked.reason,
        };
        shards.append(shardOf(providerId ?? '', shardCount), { refused } satisfies ShardRecord);
        continue;
      }
      const { row } = checked;
      shards.append(shardOf(row.providerId, shardCount), { row } satisfies ShardRecord);
      const sighting: LocationSighting = { locationId: row.locationId, line, providerId: row.providerId };
      locations.append(shardOf(row.locationId, shardCount), sighting);
    }
  } catch (error) {
    if (!(error instanceof RegisterFileError)) throw error;
    manifest.error = { message: error.message, line: error.line };
  }
  manifest.rowsTotal = progress.rowsRead;
  if (!manifest.error) {
    shards.flush();
    locations.flush();
    for (let shard = 0; shard < shardCount; shard += 1) {
      const sightings: LocationSighting[] = [];
      for await (const sighting of locations.read<LocationSighting>(shard)) sightings.push(sighting);
      manifest.duplicates.push(...duplicateSightings(sightings));
    }
    for (let shard = 0; shard < shardCount; shard += 1) await work.saveShard(shard, shards.path(shard));
  }
  // Saved last: a manifest means every shard is saved, so a re-run after a crash here splits again.
  await work.savePart(MANIFEST, manifest);
  progress.rowsTotal = progress.rowsRead;
  tell();
  return manifest;
}

/** The manifest of a split already done (a re-run resumes after it), or null. */
export function splitAlreadyDone(work: ImportWorkArea): Promise<ImportManifest | null> {
  return work.readPart<ImportManifest>(MANIFEST);
}

export async function readManifest(work: ImportWorkArea): Promise<ImportManifest> {
  const manifest = await work.readPart<ImportManifest>(MANIFEST);
  if (!manifest) throw new Error('the import has no manifest: its split step has not finished');
  return manifest;
}

/** 2. Import one shard; a shard already done answers its saved part and writes nothing. */
export async function importRegisterShard(
  deps: ImportDeps,
  work: ImportWorkArea,
  shard: number,
  options: { concurrency?: number; onApplied?: (rows: number) => void },
  context: { newId: () => string },
): Promise<{ part: ShardPart; alreadyDone: boolean }> {
  const done = await work.readPart<ShardPart>(shardPartName(shard));
  if (done) return { part: done, alreadyDone: true };
  const manifest = await readManifest(work);
  const writer = registerWriter(
    deps,
    { dryRun: manifest.dryRun, ...(options.concurrency ? { concurrency: options.concurrency } : {}) },
    { now: new Date(manifest.now), newId: context.newId },
  );
  const report = writer.emptyReport();
  let rows = 0;
  const records = (async function* () {
    for await (const record of readJsonLines<ShardRecord>(await work.readShard(shard))) {
      rows += 1;
      yield record;
    }
  })();
  const { groups, inFile } = await writer.groupRecords(
    records,
    duplicatesOfShard(manifest.duplicates, shard, manifest.shardCount),
    report,
  );
  await writer.applyGroups(groups, report, (applied) => options.onApplied?.(applied));
  // Rows refused while reading (no provider, or a bad field) were read too: they count as done.
  const grouped = [...groups.values()].reduce((sum, group) => sum + group.rows.length, 0);
  if (rows > grouped) options.onApplied?.(rows - grouped);
  const part: ShardPart = { rows, providersInFile: [...inFile], report };
  await work.savePart(shardPartName(shard), part);
  return { part, alreadyDone: false };
}

/** 3. Deregister the providers no shard saw, then write the report from the parts. */
export async function finishRegisterImport(
  deps: ImportDeps,
  work: ImportWorkArea,
  options: { concurrency?: number; scratch: string },
  context: { newId: () => string },
): Promise<ImportSummary> {
  const manifest = await readManifest(work);
  const writer = registerWriter(
    deps,
    { dryRun: manifest.dryRun, ...(options.concurrency ? { concurrency: options.concurrency } : {}) },
    { now: new Date(manifest.now), newId: context.newId },
  );
  if (!manifest.error) await sweepMissingProviders(deps, work, manifest, writer, options.scratch);
  return writeReportFiles(work, manifest, writer.today, options.scratch);
}

async function sweepMissingProviders(
  deps: ImportDeps,
  work: ImportWorkArea,
  manifest: ImportManifest,
  writer: ReturnType<typeof registerWriter>,
  scratch: string,
): Promise<void> {
  // The providers we hold under a CQC id, spilled by shard: one shard's worth in memory at a time.
  const held = new SpillFiles(scratch, manifest.shardCount, 'held');
  let nextToken: string | undefined;
  do {
    const page = await deps.store.listProviders({ limit: 100, nextToken });
    for (const provider of page.items) {
      // One this import deregistered before a crash is swept again, to be reported (not written) this time.
      if (!provider.registrationId || (provider.deregisteredAt && provider.deregisteredAt !== manifest.now)) continue;
      held.append(shardOf(provider.registrationId, manifest.shardCount), provider);
    }
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  held.flush();
  for (let shard = 0; shard < manifest.shardCount; shard += 1) {
    if (await work.readPart(sweepPartName(shard))) continue;
    const part = await work.readPart<ShardPart>(shardPartName(shard));
    if (!part) throw new Error(`shard ${shard} of the import has not been imported`);
    const inFile = new Set(part.providersInFile);
    const missing: Provider[] = [];
    for await (const provider of held.read<Provider>(shard)) {
      if (!inFile.has(String(provider.registrationId))) missing.push(provider);
    }
    const report = writer.emptyReport();
    await writer.deregisterMissing(missing, report);
    await work.savePart(sweepPartName(shard), report);
  }
}

type Section = 'added' | 'changed' | 'deregistered' | 'refused' | 'bandChanges' | 'sectorDifferences';
const SECTIONS: readonly Section[] = [
  'added',
  'changed',
  'deregistered',
  'refused',
  'bandChanges',
  'sectorDifferences',
];

/** The report from the parts, one part in memory at a time: each section spilled, then stitched. */
async function writeReportFiles(
  work: ImportWorkArea,
  manifest: ImportManifest,
  today: string,
  scratch: string,
): Promise<ImportSummary> {
  const total = emptyReport(today, manifest.dryRun);
  total.error = manifest.error;
  total.rowsRead = manifest.rowsTotal;
  const json = new SpillFiles(join(scratch, 'report'), SECTIONS.length, 'json');
  const csv = new SpillFiles(join(scratch, 'report'), SECTIONS.length, 'csv');
  const first = SECTIONS.map(() => true);
  const appendEntry = (index: number, entry: unknown) => {
    json.appendText(index, `${first[index] ? '' : ','}${JSON.stringify(entry)}`);
    first[index] = false;
  };
  const refusedByLine = new SpillFiles(join(scratch, 'refused'), manifest.shardCount, 'lines');
  // Line numbers run a little past the row count (a header, quoted line breaks): the last range takes the rest.
  const refusedBucket = (line: number) =>
    Math.min(refusedByLine.count - 1, Math.floor((line * refusedByLine.count) / (manifest.rowsTotal + 2)));
  const noEntries = { added: [], changed: [], deregistered: [], refused: [], bandChanges: [], sectorDifferences: [] };
  if (!manifest.error) {
    for (let shard = 0; shard < manifest.shardCount; shard += 1) {
      for (const name of [shardPartName(shard), sweepPartName(shard)]) {
        const saved = await work.readPart<ShardPart | ImportReport>(name);
        if (!saved) throw new Error(`the import's part ${name} is missing`);
        const report = 'report' in saved ? saved.report : saved;
        mergeInto(total, { ...report, ...noEntries });
        total.counts.refused += report.refused.length;
        for (const entry of report.refused) refusedByLine.append(refusedBucket(entry.line), entry);
        const csvSections = importReportCsvSections({ ...report, refused: [] });
        SECTIONS.forEach((section, index) => {
          if (section !== 'refused') for (const entry of report[section]) appendEntry(index, entry);
          csv.appendText(index, csvSections[index] ?? '');
        });
      }
    }
    // Refused rows in file order across the shards: spilled by range of line, each range sorted alone.
    refusedByLine.flush();
    const index = SECTIONS.indexOf('refused');
    for (let bucket = 0; bucket < refusedByLine.count; bucket += 1) {
      const entries: RefusedRow[] = [];
      for await (const entry of refusedByLine.read<RefusedRow>(bucket)) entries.push(entry);
      entries.sort((a, b) => a.line - b.line);
      for (const entry of entries) appendEntry(index, entry);
      csv.appendText(index, importReportCsvSections({ ...noEntries, refused: entries })[index] ?? '');
    }
  }
  json.flush();
  csv.flush();
  const files = { json: join(scratch, 'report.json'), csv: join(scratch, 'report.csv') };
  const { added, changed, deregistered, refused, bandChanges, sectorDifferences, ...head } = total;
  await stitchFiles(
    files.json,
    `${JSON.stringify(head).slice(0, -1)},`,
    SECTIONS.map((section, index) => ({ before: `${index ? ',' : ''}"${section}":[`, path: json.path(index) })),
    '}',
    ']',
  );
  await stitchFiles(
    files.csv,
    importReportCsvHead(total),
    SECTIONS.map((_, index) => ({ before: '', path: csv.path(index) })),
    importReportCsvTail(total.counts),
  );
  return { rowsRead: total.rowsRead, error: total.error, counts: total.counts, files };
}

/**
 * The steps in sequence in one process (`npm run import`, the local stack's upload, the tests and
 * the bench): the same use case as the state machine, one shard in memory at a time.
 */
export async function importRegisterInSequence(
  deps: ImportDeps,
  source: AsyncIterable<Uint8Array | string>,
  work: ImportWorkArea,
  options: {
    dryRun: boolean;
    bytes: number;
    shardCount?: number;
    concurrency?: number;
    maxBytes?: number;
    scratch: string;
    onProgress?: (progress: ImportProgress) => void;
  },
  context: { now: Date; newId: () => string },
): Promise<ImportSummary> {
  const manifest = await splitRegisterFile(
    source,
    work,
    {
      dryRun: options.dryRun,
      bytes: options.bytes,
      scratch: join(options.scratch, 'split'),
      ...(options.shardCount ? { shardCount: options.shardCount } : {}),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
    context,
  );
  const progress: ImportProgress = {
    phase: 'applying',
    bytesRead: 0,
    rowsRead: manifest.rowsTotal,
    rowsTotal: manifest.rowsTotal,
    rowsApplied: 0,
  };
  const tell = () => options.onProgress?.({ ...progress });
  if (!manifest.error) {
    tell();
    for (let shard = 0; shard < manifest.shardCount; shard += 1) {
      const { part, alreadyDone } = await importRegisterShard(
        deps,
        work,
        shard,
        {
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          onApplied: (rows) => {
            const before = progress.rowsApplied;
            progress.rowsApplied += rows;
            if (Math.floor(before / 1000) !== Math.floor(progress.rowsApplied / 1000)) tell();
          },
        },
        context,
      );
      if (alreadyDone) progress.rowsApplied += part.rows;
    }
    progress.phase = 'deregistering';
    tell();
  }
  const summary = await finishRegisterImport(
    deps,
    work,
    { scratch: join(options.scratch, 'finish'), ...(options.concurrency ? { concurrency: options.concurrency } : {}) },
    context,
  );
  progress.phase = 'done';
  tell();
  return summary;
}

/** The whole report, read back from its JSON file: for callers that want it in memory (tests, small files). */
export function readReportFile(path: string): ImportReport {
  return readJsonFile<ImportReport>(path);
}

/**
 * The import with its report in memory, its work area in a temporary directory: for callers that
 * want the whole report (the tests, small files). Shards default to 4 whatever the size, so the
 * sharded path is the one exercised.
 */
export async function importRegister(
  deps: ImportDeps,
  source: AsyncIterable<Uint8Array | string>,
  options: ImportOptions & { shardCount?: number },
  context: { now: Date; newId: () => string },
): Promise<ImportReport> {
  const scratch = SpillFiles.scratch('register-import');
  try {
    const summary = await importRegisterInSequence(
      deps,
      source,
      new LocalWorkArea(join(scratch, 'work')),
      { ...options, bytes: 0, shardCount: options.shardCount ?? 4, scratch },
      context,
    );
    return readReportFile(summary.files.json);
  } finally {
    SpillFiles.remove(scratch);
  }
}
