import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createTables } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_REGION, tableNamesFor } from '../../infra/local/environment.ts';
import { DynamoImportLedger } from '../../shared/adapters/dynamodb/import-ledger.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { ImportsBucket, reportKey, uploadKey, workKey } from '../../shared/adapters/s3/imports-bucket.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';
import { shardOf } from '../../shared/domain/register/shard-plan.ts';
import type { ImportReport } from '../../shared/use-cases/import-register.ts';
import {
  finishUploadedImport,
  importUploadedShard,
  recordImportFailure,
  runUploadedImport,
  splitUploadedImport,
  startImport,
} from '../../shared/use-cases/run-register-import.ts';

/**
 * The register import in shards (issue 16), as the state machine runs it, on DynamoDB Local and the
 * local S3 server (s3rver): the upload split into shard objects under work/<importId>/, each shard
 * imported alone, then the finish step's sweep and report. Each test has a register (tables) of its own.
 */
const NOW = new Date('2026-11-29T10:00:00Z');
const SHARDS = 3;
const clock = { now: () => NOW, newId: ulid };
/**
 * A later import's clock. Every import has its own instant (its split's): a retried step knows its own
 * earlier writes by it (import-register.ts, writtenByThisImport), so two imports never share one.
 */
const LATER = new Date('2026-12-29T10:00:00Z');
const later = { now: () => LATER, newId: ulid };

async function aRegister() {
  const names = tableNamesFor(`shards-${randomUUID().slice(0, 8)}`);
  await createTables(
    new DynamoDBClient({ region: LOCAL_REGION, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
    names,
  );
  const store = new DynamoRegisterStore(names.providers, names.audit);
  const lists = new DynamoRegisterLists(names.providers, names.audit);
  const ledger = new DynamoImportLedger(names.providers);
  const bucket = new ImportsBucket(String(process.env.IMPORTS_BUCKET));
  const deps = {
    store,
    relationships: new DynamoRelationshipStore(names.providers, names.audit),
    policy: policyCatalogue(),
    nationalMentalHealth: async () => (await lists.mentalHealthProviders()).map((entry) => entry.registrationId),
    ledger,
    bucket,
  };
  /** POST /imports's use case, then the file PUT where the presigned URL points. */
  const upload = async (content: string, dryRun = false) => {
    const started = await startImport(
      { ledger, bucket },
      { fileName: 'HSCA Active Locations.csv', dryRun },
      { actor: { type: 'staff', id: ulid(), roles: ['admin'] }, now: NOW, newId: ulid },
    );
    const importId = started.import.importId;
    const key = uploadKey(importId, 'HSCA Active Locations.csv');
    await bucket.write(key, content, 'text/csv');
    return { importId, key };
  };
  const report = async (importId: string) =>
    JSON.parse(String(await bucket.readText(reportKey(importId, 'json')))) as ImportReport;
  const stored = async (registrationId: string) =>
    (await store.providersRegistered(registrationId, { limit: 5 })).items;
  /** An upload imported to the end, as the state machine runs it. */
  const run = async (content: string) => {
    const { importId, key } = await upload(content);
    await runUploadedImport(deps, key, clock, { shardCount: SHARDS });
    return report(importId);
  };
  return { deps, ledger, bucket, upload, report, stored, run };
}

const cqcId = () => `1-${Math.floor(Math.random() * 1e12)}`;
interface RowInput {
  locationId: string;
  providerId: string;
  start?: string;
  providerName?: string;
}
const row = (input: RowInput) => {
  const values: Record<string, string> = {
    'Location ID': input.locationId,
    'Location HSCA start date': input.start ?? '01/04/2011',
    'Location Name': `Location ${input.locationId}`,
    'Location Type/Sector': 'Social Care Org',
    'Location Postal Code': 'LL57 2PW',
    'Location Street Address': '1 High Street',
    'Provider ID': input.providerId,
    'Provider Name': input.providerName ?? `Provider ${input.providerId}`,
    'Provider Type/Sector': 'Social Care Org',
  };
  return REQUIRED_COLUMNS.map((column) => values[column] ?? '').join(',');
};
const csv = (rows: RowInput[]) => `\uFEFF${REQUIRED_COLUMNS.join(',')}\r\n${rows.map(row).join('\r\n')}\r\n`;
/** `providers` providers of two locations each, spread (by hash) over the shards. */
const aFile = (providers: number) => {
  const providerIds = Array.from({ length: providers }, cqcId);
  return {
    providerIds,
    rows: providerIds.flatMap((providerId) => [0, 1].map(() => ({ locationId: cqcId(), providerId }))),
  };
};

describe('an upload imported in shards', () => {
  it('imports every row once, and the progress and report add up across the shards', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(9);
    const first = rows[0] as RowInput;
    const withRefusals = [
      ...rows,
      { locationId: first.locationId, providerId: String(providerIds[1]) },
      { locationId: cqcId(), providerId: String(providerIds[2]), start: '31/02/2020' },
    ];
    const { importId, key } = await register.upload(csv(withRefusals));

    const status = await runUploadedImport(register.deps, key, clock, { shardCount: SHARDS });

    expect(status).toBe('done');
    expect(await register.ledger.get(importId)).toMatchObject({
      status: 'done',
      progress: { rowsRead: 20, rowsTotal: 20, rowsApplied: 20 },
      counts: { providers: { added: 9 }, locations: { added: 18 }, refused: 2 },
    });
    const report = await register.report(importId);
    expect(report.refused.map((entry) => [entry.line, entry.reason.slice(0, 20)])).toEqual([
      [20, 'duplicate Location I'],
      [21, 'bad date "31/02/2020'],
    ]);
    expect(new Set(report.added.map((entry) => entry.registrationId)).size).toBe(report.added.length);
    for (let shard = 0; shard < SHARDS; shard += 1) {
      expect(await register.bucket.readText(workKey(importId, `shard-${shard}.json`))).not.toBeNull();
    }
    for (const providerId of providerIds) expect(await register.stored(providerId)).toHaveLength(1);
  });

  it('finishes the job on a re-run after a shard crashes part of the way, keeping the report of the shards done', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(24);
    const { importId, key } = await register.upload(csv(rows));
    const split = await splitUploadedImport(register.deps, key, clock, { shardCount: SHARDS });
    await importUploadedShard(register.deps, { importId, shard: 0 }, clock);
    let applied = 0;
    const crashing = {
      ...register.deps,
      store: Object.assign(Object.create(register.deps.store) as DynamoRegisterStore, {
        applyImport: async (write: Parameters<DynamoRegisterStore['applyImport']>[0]) => {
          applied += 1;
          if (applied === 2) throw new Error('the function ran out of time');
          return register.deps.store.applyImport(write);
        },
      }),
    };
    await expect(importUploadedShard(crashing, { importId, shard: 1 }, clock)).rejects.toThrow('ran out of time');
    // The state machine's catch, after the step's retries.
    await recordImportFailure(register.deps, importId, clock);
    const failed = await register.ledger.get(importId);

    const status = await runUploadedImport(register.deps, key, clock, { shardCount: SHARDS });

    expect(split.shards).toHaveLength(SHARDS);
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('running it again finishes the job'),
    });
    expect(status).toBe('done');
    for (const providerId of providerIds) expect(await register.stored(providerId)).toHaveLength(1);
    const report = await register.report(importId);
    const inShard0 = providerIds.filter((providerId) => shardOf(providerId, SHARDS) === 0);
    const added = report.added.filter((entry) => entry.kind === 'provider').map((entry) => entry.registrationId);
    expect(added).toEqual(expect.arrayContaining(inShard0));
    // The crashed shard's provider written before the crash is reported as added, as the attempt did it,
    // not as unchanged: the report says what this import did, whichever attempt did it.
    expect([...added].sort()).toEqual([...providerIds].sort());
    expect(report.counts).toMatchObject({
      providers: { added: 24, changed: 0, unchanged: 0 },
      locations: { added: 48, changed: 0, unchanged: 0 },
    });
    expect(await register.ledger.get(importId)).toMatchObject({
      status: 'done',
      progress: { rowsRead: 48, rowsTotal: 48, rowsApplied: 48 },
    });
    const again = await register.upload(csv(rows));
    await runUploadedImport(register.deps, again.key, later, { shardCount: SHARDS });
    expect((await register.report(again.importId)).counts).toMatchObject({
      providers: { added: 0, changed: 0, deregistered: 0, unchanged: 24 },
      locations: { added: 0, changed: 0, deregistered: 0, unchanged: 48 },
    });
  });

  it('reports each change once, field by field, when a shard that changed names is run again after a crash', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(12);
    await register.run(csv(rows));
    const renamed = rows.map((r) => ({ ...r, providerName: `Renamed ${r.providerId}` }));
    const { importId, key } = await register.upload(csv(renamed));
    await splitUploadedImport(register.deps, key, later, { shardCount: SHARDS });
    let applied = 0;
    const crashing = {
      ...register.deps,
      store: Object.assign(Object.create(register.deps.store) as DynamoRegisterStore, {
        applyImport: async (write: Parameters<DynamoRegisterStore['applyImport']>[0]) => {
          applied += 1;
          if (applied === 2) throw new Error('the function ran out of time');
          return register.deps.store.applyImport(write);
        },
      }),
    };
    // The shard with the most providers: the crash comes after its first provider's change is stored.
    const perShard = [0, 1, 2].map((n) => providerIds.filter((id) => shardOf(id, SHARDS) === n).length);
    const shard = perShard.indexOf(Math.max(...perShard));
    expect(perShard[shard]).toBeGreaterThanOrEqual(2);
    await expect(importUploadedShard(crashing, { importId, shard }, later)).rejects.toThrow('ran out of time');

    await runUploadedImport(register.deps, key, later, { shardCount: SHARDS });

    const report = await register.report(importId);
    expect(report.counts.providers).toEqual({ added: 0, changed: 12, deregistered: 0, unchanged: 0 });
    expect(report.changed.map((entry) => entry.registrationId).sort()).toEqual([...providerIds].sort());
    for (const entry of report.changed) {
      expect(entry.changes).toEqual([
        { field: 'name', before: `Provider ${entry.registrationId}`, after: `Renamed ${entry.registrationId}` },
      ]);
    }
    expect(report.counts.locations.unchanged).toBe(24);
  });

  it('reports a band each crashed write moved, once, when its shard is run again (R-CORP-1..4)', async () => {
    const register = await aRegister();
    const providerIds = Array.from({ length: 4 }, cqcId);
    const three = providerIds.flatMap((providerId) => [0, 1, 2].map(() => ({ locationId: cqcId(), providerId })));
    await register.run(csv(three));
    // A fourth location each: three to four locations moves an adult social care group from R-CORP-1 to R-CORP-2.
    const four = [...three, ...providerIds.map((providerId) => ({ locationId: cqcId(), providerId }))];
    const { importId, key } = await register.upload(csv(four));
    await splitUploadedImport(register.deps, key, later, { shardCount: SHARDS });
    let applied = 0;
    const crashing = {
      ...register.deps,
      store: Object.assign(Object.create(register.deps.store) as DynamoRegisterStore, {
        applyImport: async (write: Parameters<DynamoRegisterStore['applyImport']>[0]) => {
          applied += 1;
          if (applied === 2) throw new Error('the function ran out of time');
          return register.deps.store.applyImport(write);
        },
      }),
    };
    const perShard = [0, 1, 2].map((n) => providerIds.filter((id) => shardOf(id, SHARDS) === n).length);
    const shard = perShard.indexOf(Math.max(...perShard));
    expect(perShard[shard]).toBeGreaterThanOrEqual(2);
    await expect(importUploadedShard(crashing, { importId, shard }, later)).rejects.toThrow('ran out of time');

    await runUploadedImport(register.deps, key, later, { shardCount: SHARDS });

    const report = await register.report(importId);
    expect(report.bandChanges.map((entry) => entry.registrationId).sort()).toEqual([...providerIds].sort());
    expect(new Set(report.bandChanges.map((entry) => `${entry.from} → ${entry.to}`))).toEqual(
      new Set(['R-CORP-1 → R-CORP-2']),
    );
    expect(report.counts).toMatchObject({ bandChanges: 4, providers: { changed: 4, unchanged: 0 } });
  });

  it('reports every provider deregistered once when the finish step is run again after a crash', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(6);
    await register.run(csv(rows));
    const gone = providerIds.slice(0, 3).map(String);
    const { importId, key } = await register.upload(csv(rows.filter((r) => !gone.includes(r.providerId))));
    const split = await splitUploadedImport(register.deps, key, later, { shardCount: SHARDS });
    for (const task of split.shards) await importUploadedShard(register.deps, task, later);
    let first: Promise<void> | undefined;
    const crashing = {
      ...register.deps,
      store: Object.assign(Object.create(register.deps.store) as DynamoRegisterStore, {
        // The first deregistration is stored; the next ones fail once it has been.
        applyImport: async (write: Parameters<DynamoRegisterStore['applyImport']>[0]) => {
          if (!first) {
            first = register.deps.store.applyImport(write);
            return first;
          }
          await first;
          throw new Error('the function ran out of time');
        },
      }),
    };
    await expect(finishUploadedImport(crashing, importId, later)).rejects.toThrow('ran out of time');

    await runUploadedImport(register.deps, key, later, { shardCount: SHARDS });

    const report = await register.report(importId);
    expect(report.counts.providers).toMatchObject({ deregistered: 3, unchanged: 3 });
    expect(report.counts.locations).toMatchObject({ deregistered: 6, unchanged: 6 });
    const deregistered = report.deregistered.filter((entry) => entry.kind === 'provider');
    expect(deregistered.map((entry) => entry.registrationId).sort()).toEqual([...gone].sort());
    for (const id of gone) expect((await register.stored(id))[0]?.deregisteredAt).toBe(LATER.toISOString());
  });

  it('deregisters a provider no shard lists, and no other', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(6);
    const gone = String(providerIds[4]);
    const first = await register.upload(csv(rows));
    await runUploadedImport(register.deps, first.key, clock, { shardCount: SHARDS });

    const next = await register.upload(csv(rows.filter((input) => input.providerId !== gone)));
    await runUploadedImport(register.deps, next.key, later, { shardCount: SHARDS });

    const report = await register.report(next.importId);
    expect(report.deregistered).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'provider', registrationId: gone })]),
    );
    expect(report.counts.providers).toMatchObject({ deregistered: 1, unchanged: 5 });
    expect((await register.stored(gone))[0]?.deregisteredAt).toBe(LATER.toISOString());
  });

  it('writes nothing to the register on a dry run, and still reports across the shards', async () => {
    const register = await aRegister();
    const { providerIds, rows } = aFile(5);
    const { importId, key } = await register.upload(csv(rows), true);

    await runUploadedImport(register.deps, key, clock, { shardCount: SHARDS });

    expect((await register.report(importId)).counts.providers.added).toBe(5);
    for (const providerId of providerIds) expect(await register.stored(providerId)).toEqual([]);
  });
});
