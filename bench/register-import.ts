import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { createTables } from '../infra/local/dynamodb-local.ts';
import { tableNamesFor } from '../infra/local/environment.ts';
import { LocalWorkArea } from '../shared/adapters/register-file/local-work-area.ts';
import { policyCatalogue } from '../shared/domain/policy/catalogue.ts';
import { shardCountFor } from '../shared/domain/register/shard-plan.ts';
import type { ImportReport } from '../shared/use-cases/import-register.ts';
import {
  finishRegisterImport,
  importRegisterInSequence,
  importRegisterShard,
  splitRegisterFile,
} from '../shared/use-cases/register-import-steps.ts';
import { type FileSize, writePublishedRegister } from './published-register-file.ts';
import { READ_APIS, type RequestCounter, totalRequests, totalUnits, WRITE_APIS } from './request-counter.ts';

/**
 * The register import (issue 16) on a generated file in the published layout: the first import,
 * a re-import of the same file (goal: no writes), a file with 1 % of rows changed (goal: writes
 * in proportion), each timed and counted; and the import process's peak memory at 1× and 10× the
 * file, measured in a fresh process per file with the DynamoDB side stubbed (the file side is what
 * grows with it).
 */
export const TODAY: FileSize = { locations: 57_000, providers: 30_000 };
const TEN_TIMES: FileSize = { locations: 570_000, providers: 300_000 };

export interface ImportRun {
  name: string;
  rows: number;
  seconds: number;
  reads: number;
  writes: number;
  writeUnits: number;
  report: ImportReport['counts'];
  shards: number;
  /** The longest step (split, one shard, or finish): what one Lambda invocation must fit. */
  longestStepSeconds: number;
}

export interface MemoryRun {
  name: string;
  rows: number;
  shards: number;
  megabytes: number;
  peakRssMiB: number;
  seconds: number;
}

export async function benchRegisterImport(input: {
  adminClient: DynamoDBClient;
  counter: RequestCounter;
  log: (message: string) => void;
  /** Run the 10× file too: its three imports end to end and its memory (over an hour here). */
  tenTimes: boolean;
}): Promise<{ runs: ImportRun[]; memory: MemoryRun[] }> {
  const { DynamoRegisterStore } = await import('../shared/adapters/dynamodb/register-store.ts');
  const { DynamoRelationshipStore } = await import('../shared/adapters/dynamodb/relationship-store.ts');
  const dir = mkdtempSync(join(tmpdir(), 'register-import-'));
  const runs: ImportRun[] = [];
  const big = join(dir, 'ten-times.csv');
  /** The three runs at one scale, on fresh tables each time: a first import, the same file again, 1 % changed. */
  const trio = async (scale: string, size: FileSize) => {
    const tables = tableNamesFor(`bench-import-${scale === '1×' ? '1x' : '10x'}`);
    await createTables(input.adminClient, tables);
    const deps = {
      store: new DynamoRegisterStore(tables.providers, tables.audit),
      relationships: new DynamoRelationshipStore(tables.providers, tables.audit),
      policy: policyCatalogue(),
      nationalMentalHealth: async () => [],
    };
    const file = scale === '1×' ? join(dir, 'today.csv') : big;
    const changed = join(dir, `${scale === '1×' ? 'today' : 'ten-times'}-1pc-changed.csv`);
    input.log(`import: writing the ${scale} files`);
    await writePublishedRegister(file, size);
    await writePublishedRegister(changed, size, 100);
    const run = async (name: string, path: string, now: Date) => {
      input.log(`import: ${name}`);
      input.counter.reset();
      const started = performance.now();
      // The state machine's steps, in sequence, each timed: the longest is what one invocation must fit.
      const work = new LocalWorkArea(join(dir, `work-${runs.length}`));
      let longest = 0;
      const timed = async <T>(step: () => Promise<T>) => {
        const begun = performance.now();
        const result = await step();
        longest = Math.max(longest, (performance.now() - begun) / 1000);
        return result;
      };
      const manifest = await timed(() =>
        splitRegisterFile(
          createReadStream(path),
          work,
          { dryRun: false, bytes: statSync(path).size, scratch: join(dir, `split-${runs.length}`) },
          { now },
        ),
      );
      for (let shard = 0; shard < manifest.shardCount; shard += 1) {
        await timed(() => importRegisterShard(deps, work, shard, {}, { newId: ulid }));
        if (manifest.shardCount > 8) input.log(`import: ${name}: shard ${shard + 1} of ${manifest.shardCount}`);
      }
      const report = await timed(() =>
        finishRegisterImport(deps, work, { scratch: join(dir, `finish-${runs.length}`) }, { newId: ulid }),
      );
      const seconds = (performance.now() - started) / 1000;
      const tallies = input.counter.snapshot();
      runs.push({
        name,
        rows: report.rowsRead,
        seconds,
        reads: totalRequests(tallies, READ_APIS),
        writes: totalRequests(tallies, WRITE_APIS),
        writeUnits: totalUnits(tallies, 'writeUnits'),
        report: report.counts,
        shards: manifest.shardCount,
        longestStepSeconds: longest,
      });
      rmSync(join(dir, `work-${runs.length - 1}`), { recursive: true, force: true });
    };
    try {
      await run(`first import, ${scale}`, file, new Date('2026-11-01T09:00:00Z'));
      await run(`re-import of the same file, ${scale}`, file, new Date('2026-12-01T09:00:00Z'));
      await run(`1 % of rows changed, ${scale}`, changed, new Date('2027-01-01T09:00:00Z'));
    } finally {
      for (const table of Object.values(tables))
        await input.adminClient.send(new DeleteTableCommand({ TableName: table }));
    }
    return file;
  };
  try {
    const file = await trio('1×', TODAY);
    // 10× end to end (issue 16's closing measurements): over an hour on two shared cores, so only when asked.
    if (input.tenTimes) await trio('10×', TEN_TIMES);
    const memory: MemoryRun[] = [];
    const sizes = [
      ['1×', file],
      ['10×', big],
    ] as const;
    for (const [name, path] of sizes.slice(0, input.tenTimes ? 2 : 1)) {
      input.log(`import: peak memory reading the ${name} file in a fresh process`);
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', new URL(import.meta.url).pathname, '--measure', path],
        {
          encoding: 'utf8',
        },
      );
      const measured = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Omit<MemoryRun, 'name'>;
      memory.push({ ...measured, name, megabytes: statSync(path).size / 1024 ** 2 });
    }
    return { runs, memory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export function importSection(result: { runs: ImportRun[]; memory: MemoryRun[] }): string[] {
  const longest = (scale: string) =>
    result.runs
      .filter((run) => run.name.endsWith(scale))
      .reduce((max, run) => Math.max(max, run.longestStepSeconds), 0);
  const first = (scale: string) => result.runs.find((run) => run.name === `first import, ${scale}`);
  const scales = ['1×', '10×'].filter((scale) => first(scale));
  return [
    '## Register import (issue 16)',
    '',
    `A generated "HSCA Active Locations" file in the published layout (${fmt(TODAY.locations)} locations of ${fmt(TODAY.providers)} providers, realistic names and postcodes, quoted fields, a BOM)${scales.includes('10×') ? `, and the same at 10× (${fmt(TEN_TIMES.locations)} locations of ${fmt(TEN_TIMES.providers)} providers)` : ''}, imported through the same steps as the state machine and \`npm run import\` (split, each shard, finish, timed one by one), eight providers at a time, into empty tables on DynamoDB Local: at each scale a first import, a re-import of the same file, and a file with 1 % of rows changed, on fresh tables.`,
    '',
    '| run | rows | shards | wall time | longest step | rows/s | read requests | write requests | write units | added | changed | deregistered | unchanged (locations) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...result.runs.map(
      (run) =>
        `| ${run.name} | ${fmt(run.rows)} | ${run.shards} | ${run.seconds.toFixed(1)} s | ${run.longestStepSeconds.toFixed(1)} s | ${fmt(run.rows / run.seconds)} | ${fmt(run.reads)} | ${fmt(run.writes)} | ${fmt(run.writeUnits)} | ${fmt(run.report.providers.added + run.report.locations.added)} | ${fmt(run.report.providers.changed + run.report.locations.changed)} | ${fmt(run.report.providers.deregistered + run.report.locations.deregistered)} | ${fmt(run.report.locations.unchanged)} |`,
    ),
    '',
    'Peak memory of the import process (a fresh process per file, DynamoDB stubbed: what the file costs; split, every shard and finish in the one process, as `npm run import` runs them):',
    '',
    '| file | rows | size | shards | peak RSS | wall time |',
    '|---|--:|--:|--:|--:|--:|',
    ...result.memory.map(
      (run) =>
        `| ${run.name} | ${fmt(run.rows)} | ${run.megabytes.toFixed(0)} MB | ${run.shards} | ${run.peakRssMiB.toFixed(0)} MiB | ${run.seconds.toFixed(1)} s |`,
    ),
    '',
    ...scales.map(
      (scale) =>
        `The first import at ${scale} took ${first(scale)?.seconds.toFixed(0)} s here in ${first(scale)?.shards} shards, one after another; the longest step of the three runs at ${scale} (what one Lambda invocation runs: the split, one shard, or the finish) took ${longest(scale).toFixed(0)} s against a 900 s limit (${((longest(scale) / 900) * 100).toFixed(0)} %).`,
    ),
    'DynamoDB Local on two shared cores is slower per request than DynamoDB, so these are an upper bound on the work, not a forecast of AWS time.',
    '',
  ];
}

/** `--measure <file>`: one dry run with the DynamoDB side stubbed (nothing stored), printing peak RSS. */
const { values } = parseArgs({ options: { measure: { type: 'string' } }, strict: false });
if (typeof values.measure === 'string') {
  const path = values.measure;
  const started = performance.now();
  const empty = { items: [], nextToken: null };
  const scratch = mkdtempSync(join(tmpdir(), 'register-import-measure-'));
  const report = await importRegisterInSequence(
    {
      store: {
        providersRegistered: async () => empty,
        listProviders: async () => empty,
        allLocations: async () => [],
        applyImport: async () => undefined,
        auditWrittenAt: async () => [],
      },
      relationships: { getCorporateLead: async () => null },
      policy: policyCatalogue(),
      nationalMentalHealth: async () => [],
    },
    createReadStream(path),
    new LocalWorkArea(join(scratch, 'work')),
    { dryRun: true, bytes: statSync(path).size, scratch },
    { now: new Date('2026-11-01T09:00:00Z'), newId: ulid },
  );
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      rows: report.rowsRead,
      shards: shardCountFor(statSync(path).size),
      megabytes: statSync(path).size / 1024 ** 2,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      seconds: (performance.now() - started) / 1000,
    }),
  );
}
