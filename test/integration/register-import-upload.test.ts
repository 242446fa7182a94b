import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';
import type { ImportRecord } from '../../shared/schemas/register-import.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * The register import end to end (issue 16): POST /imports, PUT the file to the presigned URL on
 * the local S3 server (s3rver, checking the signature), the upload's event runs the import
 * function, GET /imports/{id} follows it to the report. Dry runs only: the shared test register
 * must not be deregistered by a file that lists none of it.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

type Followed = ImportRecord & { report: { json: string; csv: string } | null };

async function follow(importId: string): Promise<Followed> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await api.call<Followed>('GET', `/imports/${importId}`, { token: admin });
    if (answer.body.status === 'done' || answer.body.status === 'failed') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the import did not finish');
}

const csv = () => {
  const id = Math.floor(Math.random() * 1e9);
  const values: Record<string, string> = {
    'Location ID': `1-${id}`,
    'Location HSCA start date': '01/04/2011',
    'Location Name': 'Ysbyty Gwynedd',
    'Location Type/Sector': 'NHS Healthcare Organisation',
    'Location Postal Code': 'LL57 2PW',
    'Provider ID': `1-${id + 1}`,
    'Provider Name': 'Betsi Cadwaladr',
    'Provider Type/Sector': 'NHS Healthcare Organisation',
  };
  return `\uFEFF${REQUIRED_COLUMNS.join(',')}\r\n${REQUIRED_COLUMNS.map((column) => values[column] ?? '').join(',')}\r\n`;
};

const start = (body: unknown) =>
  api.call<{ import: ImportRecord; uploadUrl: string }>('POST', '/imports', { token: admin, body });

describe('importing through an upload', () => {
  it('runs the uploaded file and answers its progress, counts and a report to download', async () => {
    const started = await start({ fileName: 'HSCA Active Locations.csv', dryRun: true });
    expect(started.status).toBe(201);
    expect(started.body.import.status).toBe('awaiting-upload');

    const upload = await fetch(started.body.uploadUrl, {
      method: 'PUT',
      body: csv(),
      headers: { 'content-type': 'text/csv' },
    });
    const done = await follow(started.body.import.importId);

    expect(upload.status).toBe(200);
    expect(done).toMatchObject({
      status: 'done',
      dryRun: true,
      progress: { rowsRead: 1, rowsTotal: 1 },
      counts: { providers: { added: 1 }, locations: { added: 1 } },
    });
    const report = await fetch(String(done.report?.csv));
    expect(await report.text()).toContain('added,location,');
    const listed = await api.call<{ items: ImportRecord[] }>('GET', '/imports?limit=100', { token: admin });
    expect(listed.body.items.map((item) => item.importId)).toContain(started.body.import.importId);
  });

  it('records a file that is not the register as failed, with the reason, and writes nothing', async () => {
    const started = await start({ fileName: 'notes.csv', dryRun: false });

    await fetch(started.body.uploadUrl, {
      method: 'PUT',
      body: 'Name,Address\nA,B\n',
      headers: { 'content-type': 'text/csv' },
    });
    const failed = await follow(started.body.import.importId);

    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('The header row lacks "Location ID"');
  });

  // s3rver checks the presigned URL's access key but not its SigV4 signature ("Signature version 4
  // calculation is unimplemented" in its source); S3 checks both:
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/PresignedUrlUploadObject.html
  it('refuses an upload signed with a key S3 does not know (403)', async () => {
    const started = await start({ fileName: 'register.csv', dryRun: true });

    const forged = started.body.uploadUrl.replace(/X-Amz-Credential=local/, 'X-Amz-Credential=nobody');
    const upload = await fetch(forged, { method: 'PUT', body: csv(), headers: { 'content-type': 'text/csv' } });

    expect(upload.status).toBe(403);
  });

  it.each([
    ['a file name that is not .csv', { fileName: 'register.xlsx', dryRun: false }],
    ['a path as the file name', { fileName: '../secrets/x.csv' }],
    ['no file name', { dryRun: true }],
  ])('refuses %s with 400', async (_case, body) => {
    const answer = await start(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('answers 404 for an import nobody started, and 403 to anyone but an admin', async () => {
    const inspector = await api.tokenFor(['inspector']);

    const missing = await api.call('GET', '/imports/01J0000000000000000000ZZZZ', { token: admin });
    const forbidden = await api.call('POST', '/imports', { token: inspector, body: { fileName: 'a.csv' } });

    expect(missing.status).toBe(404);
    expect(forbidden.status).toBe(403);
  });
});

describe('the one-off search backfill in AWS', () => {
  it('runs when the register-import function is invoked with {"reindex": true}', async () => {
    const registered = await api.call('POST', '/providers', {
      token: admin,
      body: { name: 'Backfill Trust', sector: 'nhs-trust', contacts: [] },
    });
    expect(registered.status).toBe(201);
    const { handler } = await import('../../functions/register-import/handler.ts');

    const done = (await handler({ reindex: true }, {} as never)) as { providers: number; itemsWritten: number };

    expect(done.providers).toBeGreaterThan(0);
    expect(done.itemsWritten).toBeGreaterThanOrEqual(0);
  });
});
