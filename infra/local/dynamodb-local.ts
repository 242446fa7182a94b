import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableDefinition } from '../../shared/definitions/tables.ts';
import { cacheDir } from './paths.ts';

/**
 * DynamoDB Local: AWS's official jar, as shipped inside the npm package amplify-dynamodb-simulator,
 * run with the machine's Java. The package is fetched once with `npm pack` (no install of its
 * 283 dependencies) and only its emulator/ folder is kept in .cache/.
 */
const SIMULATOR = 'amplify-dynamodb-simulator@2.9.30';
const emulatorDir = join(cacheDir, 'dynamodb-local', 'emulator');

export function ensureDynamoDbLocal(): string {
  if (existsSync(join(emulatorDir, 'DynamoDBLocal.jar'))) return emulatorDir;
  mkdirSync(join(cacheDir, 'dynamodb-local'), { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'dynamodb-local', 'fetch-'));
  try {
    const tarball = execFileSync('npm', ['pack', SIMULATOR, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['-xzf', join(work, tarball.split('\n').pop() ?? ''), '-C', work, 'package/emulator']);
    // Another process may have finished first; either copy is the same.
    if (!existsSync(emulatorDir)) renameSync(join(work, 'package', 'emulator'), emulatorDir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return emulatorDir;
}

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(endpoint: string, process: ChildProcess): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (process.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${process.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error('DynamoDB Local did not answer within 30 s');
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local on loopback; in memory unless `dbPath` names a folder to keep data in. */
export async function startDynamoDbLocal(options: { port: number; dbPath?: string }): Promise<RunningDynamoDb> {
  const dir = ensureDynamoDbLocal();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const java = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      // No telemetry from a machine with no network; its metadata file stays in .cache/.
      '-disableTelemetry',
      '-port',
      String(options.port),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: join(cacheDir, 'dynamodb-local') },
  );
  // Never outlive the process that started it, however that process ends.
  const killJava = () => java.kill('SIGKILL');
  process.once('exit', killJava);
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilAnswering(endpoint, java);
  } catch (error) {
    killJava();
    throw error;
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', killJava);
        if (java.exitCode !== null) return resolve();
        java.once('exit', () => resolve());
        java.kill('SIGTERM');
      }),
  };
}

/** Creates each table of shared/definitions/tables.ts (keys, indexes, TTL) under the given names. */
export async function createTables(
  client: DynamoDBClient,
  names: Readonly<Record<TableDefinition['id'], string>>,
): Promise<void> {
  for (const table of TABLES) {
    const attributes = new Set([
      table.partitionKey,
      table.sortKey,
      ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: names[table.id],
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: table.partitionKey, KeyType: 'HASH' },
            { AttributeName: table.sortKey, KeyType: 'RANGE' },
          ],
          // DynamoDB refuses an empty index list: a table without indexes (sessions, the audit trail) names none.
          ...(table.indexes.length > 0
            ? {
                GlobalSecondaryIndexes: table.indexes.map((index) => ({
                  IndexName: index.indexName,
                  KeySchema: [
                    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
                  ],
                  Projection: { ProjectionType: 'ALL' as const },
                })),
              }
            : {}),
        }),
      );
    } catch (error) {
      // Kept data (-dbPath) already has its tables.
      if (!(error instanceof ResourceInUseException)) throw error;
      continue;
    }
    if (table.ttlAttribute === undefined) continue;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: names[table.id],
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  }
}
