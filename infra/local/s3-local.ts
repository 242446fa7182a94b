import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import { repoRoot } from './paths.ts';

/**
 * A real local S3 (s3rver, from npm) for the register import (issue 16): the imports bucket,
 * presigned PUTs checked against the local credentials (as S3 checks them), and each upload
 * handed to the register-import function as the "Object Created" event EventBridge delivers in AWS.
 */
const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: { Records: S3Record[] }) => void): void;
}
interface S3Record {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number } };
}

export const importsBucketFor = (stage: string) => `${stage}-imports`;

export interface RunningS3 {
  endpoint: string;
  bucket: string;
  /** Variables the functions read: where S3 is, and the bucket's name. */
  environment: Record<string, string>;
  /** Resolves when every upload handed to the import function so far has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Local(port: number, stage: string): Promise<RunningS3> {
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const account = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  // The local environment signs with local/local (infra/local/environment.ts): accept exactly that key.
  account.DUMMY_ACCOUNT.createKeyPair('local', 'local');
  const directory = mkdtempSync(join(tmpdir(), 's3-local-'));
  const bucket = importsBucketFor(stage);
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    resetOnClose: true,
    configureBuckets: [{ name: bucket }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const running = new Set<Promise<unknown>>();
  server.on('event', (event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) continue;
      if (!record.s3.object.key.startsWith('uploads/')) continue;
      const delivery = deliver(record).finally(() => running.delete(delivery));
      running.add(delivery);
    }
  });
  return {
    endpoint,
    bucket,
    environment: { AWS_ENDPOINT_URL_S3: endpoint, IMPORTS_BUCKET: bucket },
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    stop: async () => {
      await Promise.allSettled([...running]);
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The EventBridge envelope S3 puts on the default bus, to the import function's real handler. */
async function deliver(record: S3Record): Promise<void> {
  const entry = pathToFileURL(join(repoRoot, FUNCTIONS['register-import'].entry)).href;
  const { handler } = (await import(entry)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
  try {
    await handler(
      {
        version: '0',
        id: ulid(),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'eu-west-2',
        resources: [`arn:aws:s3:::${record.s3.bucket.name}`],
        detail: { version: '0', bucket: { name: record.s3.bucket.name }, object: record.s3.object },
      },
      { functionName: 'register-import', awsRequestId: ulid(), getRemainingTimeInMillis: () => 900_000 },
    );
  } catch (error) {
    // In AWS the asynchronous invocation would be retried; locally the import's record says it failed.
    console.error(`The register import of ${record.s3.object.key} failed:`, error);
  }
}
