import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_REGION, tableNamesFor } from '../../infra/local/environment.ts';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { importReportCsv } from '../../shared/adapters/register-file/import-report-csv.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';
import { allocateCorporateLead } from '../../shared/use-cases/allocate-relationship.ts';
import { changeProvider } from '../../shared/use-cases/change-provider.ts';
import type { ImportReport } from '../../shared/use-cases/import-register.ts';
import { markMentalHealthProvider } from '../../shared/use-cases/mark-mental-health-provider.ts';
import { importRegister } from '../../shared/use-cases/register-import-steps.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * The register import (issue 16) against DynamoDB Local. The import deregisters whatever the
 * file leaves out, so each test imports into a register (tables) of its own.
 */
const NOW = new Date('2026-11-29T10:00:00Z');
const staffActor: Actor = { type: 'staff', id: ulid(), roles: ['admin'] };

async function aRegister() {
  const names = tableNamesFor(`import-${randomUUID().slice(0, 8)}`);
  await createTables(
    new DynamoDBClient({ region: LOCAL_REGION, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
    names,
  );
  const store = new DynamoRegisterStore(names.providers, names.audit);
  const relationships = new DynamoRelationshipStore(names.providers, names.audit);
  const lists = new DynamoRegisterLists(names.providers, names.audit);
  const policy = policyCatalogue();
  const deps = {
    store,
    relationships,
    policy,
    nationalMentalHealth: async () => (await lists.mentalHealthProviders()).map((entry) => entry.registrationId),
  };
  const run = (csv: string | Uint8Array, options: { dryRun?: boolean; now?: Date } = {}) =>
    importRegister(deps, chunksOf(csv), { dryRun: options.dryRun ?? false }, { now: options.now ?? NOW, newId: ulid });
  const items = async () => (await documentClient.send(new ScanCommand({ TableName: names.providers }))).Items ?? [];
  const provider = async (registrationId: string) =>
    (await store.providersRegistered(registrationId, { limit: 5 })).items;
  return { names, store, relationships, lists, policy, deps, run, items, provider };
}

async function* chunksOf(content: string | Uint8Array) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  for (let start = 0; start < bytes.length; start += 4096) yield bytes.slice(start, start + 4096);
}

const HEADER = [...REQUIRED_COLUMNS, 'Location City'];
const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
interface RowInput {
  locationId: string;
  providerId: string;
  name?: string;
  providerName?: string;
  sector?: string;
  postcode?: string;
  street?: string;
  start?: string;
}
const row = (input: RowInput) => {
  const values: Record<string, string> = {
    'Location ID': input.locationId,
    'Location HSCA start date': input.start ?? '01/04/2011',
    'Location Name': input.name ?? `Location ${input.locationId}`,
    'Location Type/Sector': input.sector ?? 'Social Care Org',
    'Location Postal Code': input.postcode ?? 'LL57 2PW',
    'Location Street Address': input.street ?? '1 High Street',
    'Location City': 'Bangor',
    'Provider ID': input.providerId,
    'Provider Name': input.providerName ?? `Provider ${input.providerId}`,
    'Provider Type/Sector': input.sector ?? 'Social Care Org',
  };
  return HEADER.map((column) => quote(values[column] ?? '')).join(',');
};
const csv = (rows: RowInput[]) => `\uFEFF${HEADER.join(',')}\r\n${rows.map(row).join('\r\n')}\r\n`;
/** CQC ids unique to a test. */
const cqcId = () => `1-${Math.floor(Math.random() * 1e12)}`;

/** Counts DynamoDB write requests made while `work` runs (reads are free to happen). */
async function writesDuring(work: () => Promise<unknown>): Promise<number> {
  let writes = 0;
  const name = `count-writes-${randomUUID()}`;
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      if (/Put|Update|Delete|TransactWrite|BatchWrite/.test(String(context.commandName))) writes += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    documentClient.middlewareStack.remove(name);
  }
  return writes;
}

const care = (count: number, providerId = cqcId(), extra: Partial<RowInput> = {}) =>
  Array.from({ length: count }, () => ({ locationId: cqcId(), providerId, ...extra }));

describe('the first import', () => {
  it('adds every provider and location, searchable at once, audited as the register import of the day', async () => {
    const register = await aRegister();
    const ysbyty = {
      locationId: cqcId(),
      providerId: cqcId(),
      name: 'Ysbyty Gwynedd',
      providerName: 'Betsi Cadwaladr University Health Board',
      sector: 'NHS Healthcare Organisation',
    };
    const rows = [ysbyty, ...care(2)];

    const report = await register.run(csv(rows));

    expect(report.error).toBeNull();
    expect(report.counts.providers.added).toBe(2);
    expect(report.counts.locations.added).toBe(3);
    const [provider] = await register.provider(ysbyty.providerId);
    expect(provider).toMatchObject({
      name: ysbyty.providerName,
      sector: 'nhs-trust',
      locationCount: 1,
      updatedBy: 'system:register import of 29 November 2026',
    });
    const named = await register.store.providersNamed({ lead: 'cadwaladr', others: [] }, { limit: 10 });
    expect(named.items.map((item) => item.providerId)).toEqual([provider?.providerId]);
    const located = await register.store.locationsAt({ outward: 'LL57', inward: '2PW' }, { limit: 10 });
    expect(located.items.map((location) => location.name)).toContain('Ysbyty Gwynedd');
    const audit = await register.store.listProviderAudit(String(provider?.providerId), { limit: 10 });
    expect(audit.items.map((entry) => entry.actor)).toContainEqual({
      type: 'system',
      id: 'register import of 29 November 2026',
    });
  });

  it('writes nothing when the same file is imported again, and reports everything unchanged', async () => {
    const register = await aRegister();
    const file = csv([...care(3), ...care(2)]);
    await register.run(file);

    let again: ImportReport | undefined;
    const writes = await writesDuring(async () => {
      again = await register.run(file, { now: new Date('2026-12-29T10:00:00Z') });
    });

    expect(writes).toBe(0);
    expect(again?.counts).toMatchObject({
      providers: { added: 0, changed: 0, deregistered: 0, unchanged: 2 },
      locations: { added: 0, changed: 0, deregistered: 0, unchanged: 5 },
    });
  });

  it('writes nothing on a dry run, yet reports what it would do', async () => {
    const register = await aRegister();

    const report = await register.run(csv(care(3)), { dryRun: true });

    expect(report.counts.locations.added).toBe(3);
    expect(report.dryRun).toBe(true);
    expect(await register.items()).toEqual([]);
  });
});

describe('keeping the register in step', () => {
  it('changes names and addresses field by field, deregisters what the file leaves out, deletes nothing', async () => {
    const register = await aRegister();
    const [kept, renamed, dropped] = care(3);
    const gone = care(1);
    await register.run(csv([kept, renamed, dropped, ...gone].filter((r) => r !== undefined) as RowInput[]));

    const report = await register.run(
      csv([kept as RowInput, { ...(renamed as RowInput), name: 'The Willows', street: '2 Low Road' }]),
    );

    expect(report.changed).toContainEqual({
      kind: 'location',
      registrationId: renamed?.locationId,
      name: 'The Willows',
      changes: [
        { field: 'name', before: `Location ${renamed?.locationId}`, after: 'The Willows' },
        { field: 'address', before: '1 High Street, Bangor, LL57 2PW', after: '2 Low Road, Bangor, LL57 2PW' },
      ],
    });
    expect(report.deregistered).toEqual(
      expect.arrayContaining([
        { kind: 'location', registrationId: dropped?.locationId, name: `Location ${dropped?.locationId}` },
        { kind: 'provider', registrationId: gone[0]?.providerId, name: `Provider ${gone[0]?.providerId}` },
      ]),
    );
    const [provider] = await register.provider(String(kept?.providerId));
    const locations = await register.store.allLocations(String(provider?.providerId));
    expect(locations).toHaveLength(3);
    expect(locations.find((location) => location.registrationId === dropped?.locationId)?.deregisteredAt).toBe(
      NOW.toISOString(),
    );
    expect(provider?.locationCount).toBe(2);
    const [former] = await register.provider(String(gone[0]?.providerId));
    expect(former).toMatchObject({ deregisteredAt: NOW.toISOString(), locationCount: 0 });
  });

  it('flags the corporate lead for review when the location count moves the band, exactly as an API edit does (R-CORP)', async () => {
    const register = await aRegister();
    const providerId = cqcId();
    const three = care(3, providerId);
    await register.run(csv(three));
    const [provider] = await register.provider(providerId);
    const inspector = await registerStaff(
      register.store,
      { name: 'Ifan Inspector', email: `ifan.${randomUUID().slice(0, 8)}@regulator.test`, roles: ['inspector'] },
      { actor: staffActor, now: NOW, newId: ulid },
    );
    await allocateCorporateLead(
      { register: register.store, relationships: register.relationships, policy: register.policy },
      String(provider?.providerId),
      { staffId: inspector.staffId, reason: 'Group of three' },
      { actor: staffActor, now: NOW, newId: ulid },
    );

    const report = await register.run(csv([...three, ...care(1, providerId)]));

    expect(report.bandChanges).toEqual([
      { registrationId: providerId, name: `Provider ${providerId}`, from: 'R-CORP-1', to: 'R-CORP-2' },
    ]);
    const lead = await register.relationships.getCorporateLead(String(provider?.providerId));
    expect(lead).toMatchObject({
      staffId: inspector.staffId,
      reviewNeeded: { fromRuleId: 'R-CORP-1', toRuleId: 'R-CORP-2' },
    });
  });

  it('keeps a sector staff corrected, and reports the difference instead of undoing it', async () => {
    const register = await aRegister();
    const rows = care(1, cqcId(), { sector: 'Independent Healthcare Org' });
    await register.run(csv(rows));
    const [provider] = await register.provider(String(rows[0]?.providerId));
    await changeProvider(
      { register: register.store, relationships: register.relationships, policy: register.policy },
      String(provider?.providerId),
      Number(provider?.version),
      { sector: 'independent-mental-health' },
      { actor: staffActor, now: NOW, newId: ulid },
    );

    const report = await register.run(csv(rows));

    const [after] = await register.provider(String(rows[0]?.providerId));
    expect(after?.sector).toBe('independent-mental-health');
    expect(report.sectorDifferences).toEqual([
      {
        registrationId: rows[0]?.providerId,
        name: provider?.name,
        kept: 'independent-mental-health',
        published: 'independent-healthcare',
      },
    ]);
  });

  it('places marked national mental health providers and community interest companies in their sectors', async () => {
    const register = await aRegister();
    const [marked, cic] = [cqcId(), cqcId()];
    await markMentalHealthProvider(register.lists, marked, 'Minds Nationwide', {
      actor: staffActor,
      now: NOW,
      newId: ulid,
    });

    await register.run(
      csv([
        { locationId: cqcId(), providerId: marked, sector: 'Independent Healthcare Org' },
        {
          locationId: cqcId(),
          providerId: cic,
          providerName: 'Bright Futures C.I.C.',
          sector: 'Independent Healthcare Org',
        },
      ]),
    );

    expect((await register.provider(marked))[0]?.sector).toBe('independent-mental-health');
    expect((await register.provider(cic))[0]?.sector).toBe('community-interest-company');
  });
});

describe('rows and files it refuses', () => {
  it('refuses rows with an unknown sector, a bad date or a duplicate Location ID, with line and reason, and imports the rest', async () => {
    const register = await aRegister();
    const good = care(1)[0] as RowInput;
    const rows: RowInput[] = [
      good,
      { locationId: cqcId(), providerId: cqcId(), sector: 'Hospice Services' },
      { locationId: cqcId(), providerId: cqcId(), start: '31/02/2020' },
      { ...good, providerId: cqcId() },
    ];

    const report = await register.run(csv(rows));

    expect(report.refused).toEqual([
      expect.objectContaining({ line: 3, reason: 'unknown sector "Hospice Services" in Provider Type/Sector' }),
      expect.objectContaining({ line: 4, reason: expect.stringContaining('bad date "31/02/2020"') }),
      expect.objectContaining({
        line: 5,
        locationId: good.locationId,
        reason: 'duplicate Location ID (first on line 2)',
      }),
    ]);
    expect(report.counts.locations.added).toBe(1);
    expect(importReportCsv(report)).toContain('refused,location,');
  });

  it.each([
    ['an empty file', ''],
    ['a missing column', 'Location ID,Provider ID\r\n1-1,1-2\r\n'],
    ['a row of the wrong width', `${csv(care(2))}1-5,1-6\r\n`],
  ])('stops at %s with a clear error and writes nothing', async (_case, content) => {
    const register = await aRegister();

    const report = await register.run(content);

    expect(report.error?.message).toMatch(/empty|lacks|fields where the header has/);
    expect(await register.items()).toEqual([]);
  });

  it('leaves a provider of the last import alone when a new file has none of its rows readable', async () => {
    const register = await aRegister();
    const rows = care(2);
    await register.run(csv(rows));

    const report = await register.run(csv(rows.map((r) => ({ ...r, start: 'yesterday' }))));

    expect(report.counts.refused).toBe(2);
    expect(report.counts.locations.deregistered).toBe(0);
    expect(report.counts.providers.deregistered).toBe(0);
  });
});

describe('a crash part of the way through', () => {
  it('finishes the job on a re-run, without duplicates', async () => {
    const register = await aRegister();
    const rows = [...care(3), ...care(3), ...care(3), ...care(3)];
    let applied = 0;
    const failing = {
      ...register.deps,
      store: Object.assign(Object.create(register.store) as DynamoRegisterStore, {
        applyImport: async (write: Parameters<DynamoRegisterStore['applyImport']>[0]) => {
          applied += 1;
          if (applied === 3) throw new Error('the function ran out of time');
          return register.store.applyImport(write);
        },
      }),
    };
    await expect(
      importRegister(failing, chunksOf(csv(rows)), { dryRun: false, concurrency: 1 }, { now: NOW, newId: ulid }),
    ).rejects.toThrow('ran out of time');

    const report = await register.run(csv(rows));

    expect(report.counts.providers.added + report.counts.providers.unchanged).toBe(4);
    const providers = await Promise.all(rows.map((r) => register.provider(r.providerId)));
    expect(providers.every((found) => found.length === 1)).toBe(true);
    const again = await writesDuring(() => register.run(csv(rows)));
    expect(again).toBe(0);
  });
});

describe('the list of national mental health providers, through the API', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  it('lets register editors mark and unmark a provider, and anyone read the list', async () => {
    const [editor, reader] = await Promise.all([api.tokenFor(['regulatory-coordinator']), api.tokenFor(['assessor'])]);
    const id = cqcId();

    const marked = await api.call('PUT', `/register/national-mental-health-providers/${id}`, {
      token: editor,
      body: { name: 'Minds Nationwide' },
    });
    const listed = await api.call<{ items: Array<{ registrationId: string }> }>(
      'GET',
      '/register/national-mental-health-providers',
      { token: reader },
    );
    const removed = await api.call('DELETE', `/register/national-mental-health-providers/${id}`, { token: editor });
    const removedAgain = await api.call('DELETE', `/register/national-mental-health-providers/${id}`, {
      token: editor,
    });

    expect(marked.status).toBe(200);
    expect(listed.body.items.map((entry) => entry.registrationId)).toContain(id);
    expect(removed.status).toBe(204);
    expect(removedAgain.status).toBe(404);
  });

  it.each([
    ['not a CQC id', 'hello', { name: 'X' }],
    ['no name', '1-123456', {}],
  ])('refuses %s with 400', async (_case, id, body) => {
    const editor = await api.tokenFor(['admin']);

    const answer = await api.call('PUT', `/register/national-mental-health-providers/${id}`, { token: editor, body });

    expect(answer.status).toBe(400);
  });
});
