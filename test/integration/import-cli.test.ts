import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_REGION, tableNamesFor } from '../../infra/local/environment.ts';
import { repoRoot } from '../../infra/local/paths.ts';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';

/**
 * `npm run import -- <file> [--dry-run]` as a user types it (issue 16), against this run's DynamoDB
 * Local with the tables `npm start` makes (stage "local": no other test file uses them).
 */
const endpoint = String(process.env.AWS_ENDPOINT_URL_DYNAMODB);
const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));

beforeAll(async () => {
  await createTables(new DynamoDBClient({ region: LOCAL_REGION, endpoint }), tableNamesFor('local'));
});

function runImport(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/import.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DYNAMODB_PORT: new URL(endpoint).port, AWS_MAX_ATTEMPTS: '1' },
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

const fileWith = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const header = REQUIRED_COLUMNS.join(',');
const values = (locationId: string) =>
  REQUIRED_COLUMNS.map(
    (column) =>
      ({
        'Location ID': locationId,
        'Location HSCA start date': '01/04/2011',
        'Location Name': `"Tŷ Gwyn, Ward ""B"""`,
        'Location Type/Sector': 'Social Care Org',
        'Location Postal Code': 'LL57 2PW',
        'Provider ID': '1-900000001',
        'Provider Name': 'Gofal Cymru Ltd',
        'Provider Type/Sector': 'Social Care Org',
      })[column as string] ?? '',
  ).join(',');

describe('npm run import', () => {
  it('dry-runs, then imports a file into the running stack, and writes the report as JSON and CSV', async () => {
    const file = fileWith('register.csv', `${header}\n${values('1-900000101')}\n${values('1-900000102')}\n`);

    const dry = runImport(file, '--dry-run');
    const real = runImport(file);
    const again = runImport(file);

    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Dry run (nothing written): 2 rows');
    expect(real.stdout).toContain('Locations: 2 added');
    expect(again.stdout).toContain('Locations: 0 added, 0 changed, 0 deregistered, 2 unchanged');
    const report = real.stdout.match(/Report: (.+)\.json and \.csv/)?.[1] ?? '';
    expect(existsSync(`${report}.json`) && existsSync(`${report}.csv`)).toBe(true);
  });

  it('refuses a file that is not the register, saying nothing was changed (exit 1)', async () => {
    const file = fileWith('notes.csv', 'Name,Address\nA,B\n');

    const run = runImport(file);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The header row lacks "Location ID"');
    expect(run.stderr).toContain('Nothing was changed');
  });

  it.each([[[]], [['a.csv', 'b.csv']]])('prints the usage for %j (exit 2)', async (args) => {
    const run = runImport(...args);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run import');
  });
});
