import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWorkArea } from '../../shared/adapters/register-file/local-work-area.ts';
import { SpillFiles } from '../../shared/adapters/register-file/spill-files.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { emptyReport, type ImportReport } from '../../shared/use-cases/import-register.ts';
import {
  finishRegisterImport,
  type ImportManifest,
  readReportFile,
  type ShardPart,
} from '../../shared/use-cases/register-import-steps.ts';

/**
 * The report of a sharded import (issue 16), stitched from the shards' saved parts one at a time:
 * counts summed, every entry once, refused rows in file order across shards. No DynamoDB: the
 * register holds nothing to deregister.
 */
const scratches: string[] = [];
afterEach(() => {
  for (const directory of scratches.splice(0)) SpillFiles.remove(directory);
});

const deps = {
  store: {
    providersRegistered: async () => ({ items: [], nextToken: null }),
    listProviders: async () => ({ items: [], nextToken: null }),
    allLocations: async () => [],
    applyImport: async () => undefined,
    auditWrittenAt: async () => [],
  },
  relationships: { getCorporateLead: async () => null },
  policy: policyCatalogue(),
  nationalMentalHealth: async () => [],
};

function aPart(shard: number, entries: { added: string[]; refusedLines: number[] }): ShardPart {
  const report: ImportReport = emptyReport('2026-11-29', false);
  for (const name of entries.added) {
    report.added.push({ kind: 'provider', registrationId: `1-${shard}${name.length}`, name });
    report.counts.providers.added += 1;
  }
  for (const line of entries.refusedLines) {
    report.refused.push({ line, locationId: `1-${line}`, providerId: null, reason: 'missing Provider ID' });
  }
  report.counts.locations.unchanged = 10 * (shard + 1);
  return { rows: 100, providersInFile: [], report };
}

async function finishWith(parts: ShardPart[]) {
  const scratch = SpillFiles.scratch('report-merge-test');
  scratches.push(scratch);
  const work = new LocalWorkArea(join(scratch, 'work'));
  const manifest: ImportManifest = {
    now: '2026-11-29T10:00:00.000Z',
    dryRun: false,
    shardCount: parts.length,
    rowsTotal: 300,
    error: null,
    duplicates: [],
  };
  await work.savePart('manifest', manifest);
  for (const [shard, part] of parts.entries()) await work.savePart(`shard-${shard}`, part);
  return finishRegisterImport(deps, work, { scratch: join(scratch, 'finish') }, { newId: () => 'unused' });
}

describe('the report of a sharded import', () => {
  it('sums the counts of every shard and lists every entry once', async () => {
    const summary = await finishWith([
      aPart(0, { added: ['Ysbyty Gwynedd', 'Café "Côte", Leeds'], refusedLines: [] }),
      aPart(1, { added: ['Oak House'], refusedLines: [] }),
      aPart(2, { added: [], refusedLines: [] }),
    ]);

    const report = readReportFile(summary.files.json);
    expect(report.counts.providers.added).toBe(3);
    expect(report.counts.locations.unchanged).toBe(60);
    expect(report.rowsRead).toBe(300);
    expect(report.added.map((entry) => entry.name).sort()).toEqual(
      ['Café "Côte", Leeds', 'Oak House', 'Ysbyty Gwynedd'].sort(),
    );
  });

  it('lists refused rows in file order across shards, in the JSON and the CSV', async () => {
    const summary = await finishWith([
      aPart(0, { added: [], refusedLines: [7, 250] }),
      aPart(1, { added: [], refusedLines: [3, 120, 301] }),
      aPart(2, { added: [], refusedLines: [90] }),
    ]);

    const report = readReportFile(summary.files.json);
    expect(report.refused.map((entry) => entry.line)).toEqual([3, 7, 90, 120, 250, 301]);
    expect(report.counts.refused).toBe(6);
    const csvLines = readFileSync(summary.files.csv, 'utf8').trim().split('\r\n');
    expect(csvLines.filter((line) => line.startsWith('refused')).map((line) => Number(line.split(',')[7]))).toEqual([
      3, 7, 90, 120, 250, 301,
    ]);
  });

  it('writes the CSV with its header first, quotes names with commas and quotes, and the unchanged counts last', async () => {
    const summary = await finishWith([aPart(0, { added: ['Café "Côte", Leeds'], refusedLines: [] })]);

    const csvLines = readFileSync(summary.files.csv, 'utf8').trim().split('\r\n');
    expect(csvLines[0]).toMatch(/^outcome,kind,registration id,name/);
    expect(csvLines).toContain('added,provider,1-018,"Café ""Côte"", Leeds"');
    expect(csvLines.slice(-2)).toEqual(['unchanged,provider,,0', 'unchanged,location,,10']);
  });

  it('refuses to write a report while a shard has not been imported', async () => {
    const scratch = SpillFiles.scratch('report-merge-test');
    scratches.push(scratch);
    const work = new LocalWorkArea(join(scratch, 'work'));
    await work.savePart('manifest', {
      now: '2026-11-29T10:00:00.000Z',
      dryRun: false,
      shardCount: 2,
      rowsTotal: 2,
      error: null,
      duplicates: [],
    } satisfies ImportManifest);
    await work.savePart('shard-0', aPart(0, { added: [], refusedLines: [] }));

    await expect(
      finishRegisterImport(deps, work, { scratch: join(scratch, 'finish') }, { newId: () => 'unused' }),
    ).rejects.toThrow('shard 1 of the import has not been imported');
  });
});
