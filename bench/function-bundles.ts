import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptionsFor, FUNCTION_NODE_OPTIONS, filesBesideBundle } from '../infra/constructs/function-bundling.ts';
import { cacheDir, repoRoot } from '../infra/local/paths.ts';
import { FUNCTION_IDS, FUNCTIONS, type FunctionId } from '../shared/definitions/functions.ts';

/**
 * Each function's bundle, built with the options the stack gives NodejsFunction
 * (infra/constructs/function-bundling.ts), weighed minified and gzipped, and its cold start timed:
 * a fresh `node` that imports the bundle (which builds its clients at module scope). Beside it, a
 * baseline bundle built the same way that only builds the AWS SDK clients the function's bundle
 * holds, so the ratio says what the project's own code and libraries add to the SDK's own cost.
 * Bundles go to .cache/bench-bundles/, never into git.
 */
export interface BundleRow {
  functionId: FunctionId;
  /** The SDK clients found in the bundle (from esbuild's metafile), which the baseline builds too. */
  clients: string[];
  /** The largest contributions beyond the AWS SDK, minified bytes by package. */
  largest: { name: string; bytes: number }[];
  bytes: number;
  gzipBytes: number;
  baselineBytes: number;
  baselineGzipBytes: number;
  /** Median milliseconds to import the bundle in a fresh process. */
  initMs: number;
  baselineInitMs: number;
  /** Median CPU milliseconds (user + system) the import took: steadier than the clock on a shared machine. */
  initCpuMs: number;
  baselineInitCpuMs: number;
  runs: number;
  /** The machine's 1-minute load average when the section started: other work shares its cores. */
  loadAverage: number;
}

/** The SDK packages a function may use, and how the baseline builds a client of each. */
const SDK_CLIENTS: Readonly<Record<string, { imports: string; build: string }>> = {
  '@aws-sdk/client-dynamodb': {
    imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    build: 'new DynamoDBClient({})',
  },
  '@aws-sdk/lib-dynamodb': {
    imports: "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    build: 'DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } })',
  },
  '@aws-sdk/client-sesv2': {
    imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    build: 'new SESv2Client({})',
  },
  '@aws-sdk/client-eventbridge': {
    imports: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
    build: 'new EventBridgeClient({})',
  },
  '@aws-sdk/client-secrets-manager': {
    imports: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    build: 'new SecretsManagerClient({})',
  },
  '@aws-sdk/client-s3': {
    imports: "import { S3Client } from '@aws-sdk/client-s3';",
    build: 'new S3Client({})',
  },
  // Presigned upload URLs (shared/adapters/s3/imports-bucket.ts): no client of its own, imported as the function does.
  '@aws-sdk/s3-request-presigner': {
    imports: "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
    build: 'getSignedUrl',
  },
  // The workspace's admin pages hand a real job run to the jobs function (shared/adapters/jobs/lambda-job-starter.ts).
  '@aws-sdk/client-lambda': {
    imports: "import { LambdaClient } from '@aws-sdk/client-lambda';",
    build: 'new LambdaClient({})',
  },
  '@aws-sdk/client-cognito-identity-provider': {
    imports: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    build: 'new CognitoIdentityProviderClient({})',
  },
};

const bundlesDir = join(cacheDir, 'bench-bundles');

/** Where the bench records each bundle's size, read by the CI check of growth (test/infra/functions.test.ts). */
export const BUNDLE_SIZES_FILE = join(repoRoot, 'bench', 'results', 'bundle-sizes.json');

export interface BundleSizes {
  /** What the numbers are, for someone who opens the file. */
  about: string;
  /** Minified bytes of each function's index.mjs, as the stack bundles it. */
  bytes: Partial<Record<FunctionId, number>>;
}

/** Writes the sizes of a bench run: the CI check fails when a bundle grows more than 10 % over these. */
export function recordBundleSizes(rows: readonly BundleRow[]): void {
  const sizes: BundleSizes = {
    about:
      'Minified bytes of each function bundle (index.mjs), written by `npm run bench -- --only bundles`. ' +
      'test/infra/functions.test.ts fails when a synthesized bundle grows more than 10 % over its size here: ' +
      'a growth that is meant is recorded by running the bench again.',
    bytes: Object.fromEntries(rows.map((row) => [row.functionId, row.bytes])),
  };
  writeFileSync(BUNDLE_SIZES_FILE, `${JSON.stringify(sizes, null, 2)}\n`);
}

/** `node_modules/@scope/name/…` → `@scope/name`; the project's own files → `(project)`. */
const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? '(project)';
};

async function bundle(
  entry: string,
  outdir: string,
  functionId?: FunctionId,
): Promise<{ file: string; clients: string[]; largest: { name: string; bytes: number }[] }> {
  const result = await build({ ...esbuildOptionsFor(entry, outdir, repoRoot, functionId), metafile: true });
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const clients = Object.keys(SDK_CLIENTS).filter((name) => inputs.some((input) => input.includes(`/${name}/`)));
  // Minified bytes each package puts in the bundle, SDK (@aws-sdk, @smithy, @aws-crypto) left out.
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile?.outputs ?? {})) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      if (/^@(aws-sdk|smithy|aws-crypto|aws)\//.test(name) || name === 'tslib') continue;
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const largest = [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4);
  return { file: join(outdir, 'index.mjs'), clients, largest };
}

function weigh(file: string): { bytes: number; gzipBytes: number } {
  const code = readFileSync(file);
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/**
 * Milliseconds from before the import to after it, on the clock and in CPU time, in a fresh process
 * with the NODE_OPTIONS the stack gives every function (infra/constructs/function-bundling.ts).
 */
function timeImport(file: string, env: NodeJS.ProcessEnv): { ms: number; cpuMs: number } {
  const script =
    `const started = performance.now(); const cpu = process.cpuUsage(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'const used = process.cpuUsage(cpu); process.stdout.write(JSON.stringify([performance.now() - started, (used.user + used.system) / 1000]));';
  const run = spawnSync(process.execPath, [...FUNCTION_NODE_OPTIONS.split(' '), '--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  const [ms, cpuMs] = run.status === 0 ? (JSON.parse(run.stdout) as [number, number]) : [Number.NaN, Number.NaN];
  if (!Number.isFinite(ms) || !Number.isFinite(cpuMs)) {
    throw new Error(`Importing ${file} failed: ${run.stderr.slice(0, 500)}`);
  }
  return { ms, cpuMs };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Builds every function and its baseline, then times imports with the two interleaved run by run,
 * so a busy moment on the shared machine falls on both alike.
 */
export async function benchFunctionBundles(options: { env: NodeJS.ProcessEnv; runs: number }): Promise<BundleRow[]> {
  rmSync(bundlesDir, { recursive: true, force: true });
  const rows: BundleRow[] = [];
  const loadAverage = loadavg()[0] ?? 0;
  for (const functionId of FUNCTION_IDS) {
    const definition = FUNCTIONS[functionId];
    const outdir = join(bundlesDir, functionId);
    const built = await bundle(join(repoRoot, definition.entry), outdir, functionId);
    // Files the function reads at run time sit beside index.mjs, as the stack's afterBundling hook copies them.
    for (const file of definition.bundledFiles ?? []) copyFileSync(join(repoRoot, file), join(outdir, basename(file)));
    for (const file of filesBesideBundle(functionId)) writeFileSync(join(outdir, file.name), file.contents);

    const baselineDir = join(bundlesDir, `${functionId}-baseline`);
    mkdirSync(baselineDir, { recursive: true });
    const baselineEntry = join(baselineDir, 'entry.ts');
    const used = built.clients.flatMap((name) => (SDK_CLIENTS[name] ? [SDK_CLIENTS[name]] : []));
    // A document client wraps the one DynamoDB client, as shared/adapters/dynamodb/client.ts builds it.
    const builds = built.clients
      .filter((name) => !(name === '@aws-sdk/client-dynamodb' && built.clients.includes('@aws-sdk/lib-dynamodb')))
      .map((name) => SDK_CLIENTS[name]?.build ?? 'null');
    writeFileSync(
      baselineEntry,
      [
        ...used.map((client) => client.imports),
        `const clients = [${builds.join(', ')}];`,
        'export const handler = async () => clients.length;',
        '',
      ].join('\n'),
    );
    const baseline = await bundle(baselineEntry, baselineDir);

    const initRuns: { ms: number; cpuMs: number }[] = [];
    const baselineRuns: { ms: number; cpuMs: number }[] = [];
    for (let run = 0; run < options.runs; run++) {
      initRuns.push(timeImport(built.file, options.env));
      baselineRuns.push(timeImport(baseline.file, options.env));
    }
    const weight = weigh(built.file);
    const baselineWeight = weigh(baseline.file);
    rows.push({
      functionId,
      clients: built.clients,
      largest: built.largest,
      bytes: weight.bytes,
      gzipBytes: weight.gzipBytes,
      baselineBytes: baselineWeight.bytes,
      baselineGzipBytes: baselineWeight.gzipBytes,
      initMs: median(initRuns.map((run) => run.ms)),
      baselineInitMs: median(baselineRuns.map((run) => run.ms)),
      initCpuMs: median(initRuns.map((run) => run.cpuMs)),
      baselineInitCpuMs: median(baselineRuns.map((run) => run.cpuMs)),
      runs: options.runs,
      loadAverage,
    });
  }
  return rows;
}

/** What one library adds to a cold start, measured beside a DynamoDB document client (issue 17). */
export interface LibraryRow {
  library: string;
  /** How the functions use it: what the variant imports and builds at module scope. */
  usage: string;
  addedBytes: number;
  addedMs: number;
  addedCpuMs: number;
}

const DOCUMENT_CLIENT =
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
  "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n" +
  'const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });\n';

const project = (path: string) => JSON.stringify(join(repoRoot, path));

/**
 * The libraries beyond the SDK that functions load at a cold start, each as the functions use it (the
 * project's own logger and metrics modules, middy's core, the validator as the schema modules import it,
 * the workspace's JWT library, the import's CSV parser).
 */
const LIBRARIES: readonly { library: string; usage: string; code: string }[] = [
  {
    library: 'zod (zod/mini)',
    usage: 'shared/schemas/zod.ts (English messages installed), one schema built',
    code: `import * as z from ${project('shared/schemas/zod.ts')};\nconst used = z.object({ name: z.string() });\n`,
  },
  {
    library: '@aws-lambda-powertools/logger',
    usage: 'shared/observability/logger.ts (one Logger, built at import)',
    code: `import { logger as used } from ${project('shared/observability/logger.ts')};\n`,
  },
  {
    library: '@aws-lambda-powertools/metrics',
    usage: 'shared/observability/metrics.ts (one Metrics, built at import)',
    code: `import { metrics as used } from ${project('shared/observability/metrics.ts')};\n`,
  },
  {
    library: '@middy/core',
    usage: 'a handler wrapped by middy',
    code: "import middy from '@middy/core';\nconst used = middy().handler(async () => 1);\n",
  },
  {
    library: 'jose',
    usage: 'the workspace’s token checks (jwtVerify, createRemoteJWKSet)',
    code: "import { createRemoteJWKSet, jwtVerify } from 'jose';\nconst used = [createRemoteJWKSet, jwtVerify];\n",
  },
  {
    library: 'csv-parse',
    usage: 'the register import’s streaming parser',
    code: "import { parse } from 'csv-parse';\nconst used = parse;\n",
  },
];

/**
 * Each library bundled beside a DynamoDB document client, against that client alone, imports interleaved
 * run by run: the bytes and the init time (clock and CPU, medians) it adds. Says where a function's init
 * goes beyond the SDK, and what replacing or dropping a library would save (issue 17: "Powertools and
 * middy: import only what is used; check what each adds").
 */
export async function benchLibraries(options: { env: NodeJS.ProcessEnv; runs: number }): Promise<LibraryRow[]> {
  const dir = join(bundlesDir, 'libraries');
  const variant = async (name: string, code: string) => {
    const outdir = join(dir, name.replace(/[@/]/g, '_'));
    mkdirSync(outdir, { recursive: true });
    writeFileSync(
      join(outdir, 'entry.ts'),
      `${DOCUMENT_CLIENT}${code}export const handler = async () => [client, used];\n`,
    );
    return (await bundle(join(outdir, 'entry.ts'), outdir)).file;
  };
  const base = await variant('base', 'const used = null;\n');
  const files = await Promise.all(LIBRARIES.map((entry) => variant(entry.library, entry.code)));
  const times = [base, ...files].map(() => [] as { ms: number; cpuMs: number }[]);
  for (let run = 0; run < options.runs; run++) {
    [base, ...files].forEach((file, index) => {
      times[index]?.push(timeImport(file, options.env));
    });
  }
  const medianOf = (index: number, key: 'ms' | 'cpuMs') => median((times[index] ?? []).map((time) => time[key]));
  const baseBytes = weigh(base).bytes;
  return LIBRARIES.map((entry, index) => ({
    library: entry.library,
    usage: entry.usage,
    addedBytes: weigh(files[index] ?? base).bytes - baseBytes,
    addedMs: medianOf(index + 1, 'ms') - medianOf(0, 'ms'),
    addedCpuMs: medianOf(index + 1, 'cpuMs') - medianOf(0, 'cpuMs'),
  }));
}
