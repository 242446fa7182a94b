import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * Latency of the local API under a bounded load, beside what DynamoDB Local alone takes for the one
 * request the route makes. autocannon runs in its own process (so its work does not share the
 * API's event loop); the GetItem loop runs here with the same concurrency for the same time.
 */
export interface LatencySample {
  label: string;
  requests: number;
  /** Answers that were not 2xx, and connection errors or timeouts. */
  failures: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LatencyRun {
  connections: number;
  seconds: number;
  api: LatencySample;
  getItem: LatencySample;
  autocannonVersion: string;
}

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's CLI with JSON output; spawned, never spawnSync: the API answering it runs in this process. */
function autocannon(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise<AutocannonResult>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(out) as AutocannonResult);
      } catch (error) {
        reject(new Error(`autocannon failed (${String(error)}): ${err.slice(0, 500)}`));
      }
    });
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** `connections` loops of GetItem on one key, each starting its next request when the last answered. */
async function getItemLoop(
  client: DynamoDBClient,
  input: { TableName: string; Key: Record<string, { S: string }> },
  connections: number,
  seconds: number,
): Promise<LatencySample> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const answer = await client.send(new GetItemCommand(input));
          if (!answer.Item) failures += 1;
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    label: 'GetItem on DynamoDB Local (SDK, same key)',
    requests: latencies.length,
    failures,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

export async function benchApiLatency(options: {
  url: string;
  token: string;
  route: string;
  dynamoDbEndpoint: string;
  getItem: { TableName: string; Key: Record<string, { S: string }> };
  connections: number;
  seconds: number;
}): Promise<LatencyRun> {
  const headers = { authorization: `Bearer ${options.token}` };
  // A short warm-up of each, so neither pays for first imports, JIT or connection set-up.
  await autocannon(options.url, headers, options.connections, 1);
  const result = await autocannon(options.url, headers, options.connections, options.seconds);
  const client = new DynamoDBClient({
    endpoint: options.dynamoDbEndpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await getItemLoop(client, options.getItem, options.connections, 1);
    const getItem = await getItemLoop(client, options.getItem, options.connections, options.seconds);
    const { version } = require('autocannon/package.json') as { version: string };
    return {
      connections: options.connections,
      seconds: options.seconds,
      autocannonVersion: version,
      api: {
        label: `${options.route} through the local API (autocannon)`,
        requests: result.requests.total,
        failures: result.non2xx + result.errors + result.timeouts,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
      },
      getItem,
    };
  } finally {
    client.destroy();
  }
}
