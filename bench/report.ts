import { cpus } from 'node:os';
import type { LatencyRun } from './api-latency.ts';
import type { OperationRow } from './api-operations.ts';
import type { BundleRow, LibraryRow } from './function-bundles.ts';
import type { GeneratedRegister } from './generated-register.ts';
import { type Tallies, tallyOf, totalUnits } from './request-counter.ts';

/** The bench's results as Markdown: one row per scenario, then what the numbers show, then the machine. */
export interface ScenarioRow {
  scenario: string;
  providersInRegister: number;
  /** Providers the run read (its summary's providersRead); null for the overdue sweep, which reads meetings. */
  providersRead: number | null;
  tallies: Tallies;
  /** Meetings created; null for the overdue sweep. */
  created: number | null;
  seconds: number;
  details: string[];
}

export interface ScaleReport {
  label: string;
  /** How this register was scaled, in a sentence. */
  about: string;
  register: GeneratedRegister;
  seedSeconds: number;
  rows: ScenarioRow[];
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  java: string;
  dynamoDbLocal: string;
}

export const LAMBDA_TIMEOUT_SECONDS = 900;

const count = (value: number) => value.toLocaleString('en-GB');
const units = (value: number) => value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds = (value: number) => value.toFixed(1);
const orDash = (value: number | null) => (value === null ? '—' : count(value));

function scenarioLine(scale: string, row: ScenarioRow): string {
  const cells = [
    `${scale}: ${row.scenario}`,
    count(row.providersInRegister),
    orDash(row.providersRead),
    count(tallyOf(row.tallies, 'Query').requests),
    count(tallyOf(row.tallies, 'Query').itemsReturned),
    count(tallyOf(row.tallies, 'GetItem').requests),
    count(tallyOf(row.tallies, 'TransactWriteItems').requests),
    units(totalUnits(row.tallies, 'readUnits')),
    units(totalUnits(row.tallies, 'writeUnits')),
    orDash(row.created),
    seconds(row.seconds),
  ];
  return `| ${cells.join(' | ')} |`;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
const providersIn = (register: GeneratedRegister) => sum(Object.values(register.providersBySector));

export function registerLine(scale: ScaleReport): string {
  const sectors = Object.entries(scale.register.providersBySector)
    .map(([sector, providers]) => `${count(providers)} ${sector}`)
    .join(', ');
  return (
    `- **${scale.label}** (${scale.about}): ${count(providersIn(scale.register))} providers (${sectors}); ` +
    `${count(scale.register.locations)} independent healthcare locations, ${count(scale.register.significantRiskLocations)} at significant risk; ` +
    `${count(scale.register.relationships)} current relationships (each with a history entry); ${count(scale.register.staff)} staff. ` +
    `${count(scale.register.items)} items seeded with BatchWriteItem in ${seconds(scale.seedSeconds)} s (not part of any run).`
  );
}

export interface PlanningReport {
  scales: ScaleReport[];
  notScaled: string | null;
  findings: string[];
}

function planningSection(input: PlanningReport): string[] {
  return [
    '## Planning runs at the regulator’s scale',
    '',
    '| scenario | providers in register | relevant providers read | Query requests | Query items returned | GetItem requests | TransactWrite requests | read capacity units | write capacity units | meetings created | wall time (s) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...input.scales.flatMap((scale) => scale.rows.map((row) => scenarioLine(scale.label, row))),
    '',
    '### Registers',
    '',
    ...input.scales.map(registerLine),
    ...(input.notScaled ? [`- **10×**: not run. ${input.notScaled}`] : []),
    '',
    '### Each scenario',
    '',
    ...input.scales.flatMap((scale) =>
      scale.rows.map((row) => `- **${scale.label}: ${row.scenario}**: ${row.details.join('; ')}.`),
    ),
    '',
    '### What the numbers show',
    '',
    ...input.findings.map((finding) => `- ${finding}`),
    '',
    '### Notes',
    '',
    '- "Relevant providers read" is the run’s own `providersRead`; "Query items returned" sums the `Count` of every Query, so for the overdue sweep it is the items read against the meetings due.',
    '- Capacity is what DynamoDB Local reports with `ReturnConsumedCapacity: TOTAL`, summed over every request of the run (Query, GetItem, TransactWriteItems). A cancelled transaction (a slot already planned) answers with an error that carries no consumed capacity, so a repeated run’s write units read 0 here: what the attempts cost in AWS is not visible to this bench.',
    '- DynamoDB Local’s own accounting: it reports 4 write units for each item of up to 1 KB written in a transaction (the AWS documentation says 2), counts every index an item is on, and reports 0 read units for a Query that finds nothing. Compare runs with each other, not with an AWS bill.',
    '- The overdue sweep runs with a mailer stub that only counts calls: there is no SES here. This is a measurement, not a test.',
    '- Wall time is DynamoDB Local on loopback, on the machine below, with the JVM sharing its two cores with Node. In AWS each request crosses the network (a few milliseconds), so the request counts, not these seconds, are what carry over.',
    '',
  ];
}

const kib = (bytes: number) => (bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 });
const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** The init goal of issues 8 and 17: a function starts no slower than 1.25× the SDK clients it uses, alone. */
export const INIT_GOAL_RATIO = 1.25;
/** Issue 17: a function with no SDK client (fallback) starts at most this many ms after an empty Node process. */
export const INIT_GOAL_EMPTY_MS = 25;

/** A row meets the goal: within the ratio of its SDK baseline, or, with no SDK client, within the ms of empty Node. */
export const meetsInitGoal = (row: BundleRow): boolean =>
  row.clients.length === 0
    ? row.initMs - row.baselineInitMs <= INIT_GOAL_EMPTY_MS
    : row.initMs / row.baselineInitMs <= INIT_GOAL_RATIO;

/** Replaces the bundles section of an earlier report (`--only bundles`), leaving the other sections as they were. */
export function withBundlesSection(report: string, rows: BundleRow[], libraries: LibraryRow[] = []): string {
  const section = bundlesSection(rows, libraries).join('\n');
  const start = report.indexOf('## Function bundles and cold init');
  if (start < 0) return report;
  const next = report.indexOf('\n## ', start + 1);
  return `${report.slice(0, start)}${section}${next < 0 ? '' : report.slice(next)}`;
}

export function bundlesSection(rows: BundleRow[], libraries: LibraryRow[] = []): string[] {
  const runs = rows[0]?.runs ?? 0;
  return [
    '## Function bundles and cold init',
    '',
    `Each function bundled with esbuild with the options the stack gives NodejsFunction (\`infra/constructs/function-bundling.ts\`), beside a baseline bundle built the same way that only builds the AWS SDK clients found in the function’s bundle. Init: median of ${runs} fresh \`node --enable-source-maps\` processes importing the bundle (the function’s module scope builds its clients and reads its configuration), run interleaved with the baseline’s. Goal: init ≤ ${INIT_GOAL_RATIO}× the baseline’s; for a function with no SDK client, ≤ ${INIT_GOAL_EMPTY_MS} ms above an empty Node process. \`bench/results/bundle-sizes.json\` records each bundle’s size for the CI check of growth (test/infra/functions.test.ts).`,
    '',
    '| function | SDK clients | minified KiB | gzip KiB | baseline minified KiB | baseline gzip KiB | init ms | baseline init ms | init ratio | goal | init CPU ms | baseline CPU ms | CPU ratio | largest beyond the SDK (minified KiB) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|---|',
    ...rows.map((row) => {
      const initRatio = row.initMs / row.baselineInitMs;
      const cells = [
        row.functionId,
        row.clients.map((name) => name.replace('@aws-sdk/', '')).join(', ') || 'none',
        kib(row.bytes),
        kib(row.gzipBytes),
        kib(row.baselineBytes),
        kib(row.baselineGzipBytes),
        ms(row.initMs),
        ms(row.baselineInitMs),
        ratio(initRatio),
        meetsInitGoal(row) ? 'PASS' : 'MISS',
        ms(row.initCpuMs),
        ms(row.baselineInitCpuMs),
        ratio(row.initCpuMs / row.baselineInitCpuMs),
        row.largest.map((entry) => `${entry.name} ${kib(entry.bytes)}`).join(', '),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
    `- ${rows.filter(meetsInitGoal).length} of ${rows.length} functions meet the goal.`,
    `- Load average (1 minute) when the section started: ${(rows[0]?.loadAverage ?? 0).toFixed(1)} on ${cpus().length} cores. Other work on the machine lengthens the clock times of a function and its baseline unevenly; CPU times move far less, so compare CPU ratios between runs.`,
    '- Sizes are of `index.mjs` alone. The source map beside it (names and positions, not the sources’ text) is read and parsed by Node when it loads the bundle with `--enable-source-maps`, so its cost is in the init times; without the flag both a function and its baseline start about 10 % sooner and their ratio stays the same (measured in CPU time for providers, issue 17). gzip is level 9, close to what the deployment zip holds.',
    `- A function with no SDK client (fallback) has an empty baseline: its ratio compares with starting Node and importing nothing, and its goal is ${INIT_GOAL_EMPTY_MS} ms above that.`,
    '- Locally the link key comes from an environment variable; in AWS the functions that sign links also call Secrets Manager once at cold start, a network round trip this does not include.',
    '',
    ...librariesTable(libraries, rows[0]?.runs ?? 0),
  ];
}

/** What each library beyond the SDK adds to a cold start (issue 17), when the bench measured it. */
function librariesTable(libraries: LibraryRow[], runs: number): string[] {
  if (libraries.length === 0) return [];
  return [
    `What each library beyond the SDK adds to a cold start: bundled as the functions use it beside a DynamoDB document client, against that client alone (medians of ${runs} interleaved imports each; differences of medians, so a few tenths of a millisecond either way is noise):`,
    '',
    '| library | as the functions use it | adds minified KiB | adds init ms | adds CPU ms |',
    '|---|---|--:|--:|--:|',
    ...libraries.map(
      (row) =>
        `| ${row.library} | ${row.usage} | ${kib(row.addedBytes)} | ${ms(row.addedMs)} | ${ms(row.addedCpuMs)} |`,
    ),
    '',
  ];
}

function operationsSection(rows: OperationRow[]): string[] {
  const fmt = (value: number) => value.toLocaleString('en-GB');
  return [
    '## DynamoDB work per API operation',
    '',
    'Every route called once with a representative successful request, through the local HTTP adapter onto the real handlers and DynamoDB Local, counting requests with an SDK middleware that asks for `ReturnConsumedCapacity: TOTAL` (bench/request-counter.ts). Goal: every read one request, every write one request or one transaction; where a route needs more, what and why, from docs/access-patterns.md.',
    '',
    '| operation | route | status | GetItem | Query | PutItem | TransactWrite | other | RCU | WCU | verdict | why |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
    ...rows.map((row) => {
      const known = ['GetItem', 'Query', 'PutItem', 'TransactWriteItems'];
      const other = Object.entries(row.tallies)
        .filter(([name]) => !known.includes(name))
        .map(([name, tally]) => `${tally.requests} ${name}`)
        .join(', ');
      const cells = [
        row.operation,
        `\`${row.route}\``,
        String(row.status),
        fmt(tallyOf(row.tallies, 'GetItem').requests),
        fmt(tallyOf(row.tallies, 'Query').requests),
        fmt(tallyOf(row.tallies, 'PutItem').requests),
        fmt(tallyOf(row.tallies, 'TransactWriteItems').requests),
        other || '0',
        units(totalUnits(row.tallies, 'readUnits')),
        units(totalUnits(row.tallies, 'writeUnits')),
        row.verdict,
        row.why,
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
    `- ${rows.filter((row) => row.verdict === 'meets').length} operations meet the rule as it stands, ${rows.filter((row) => row.verdict === 'documented').length} need more for a documented reason, ${rows.filter((row) => row.verdict === 'MISS').length} miss, ${rows.filter((row) => row.verdict === 'failed').length} calls failed.`,
    '- The Queries of each operation that made more than one read, by index and key condition:',
    ...rows
      .filter((row) => row.reads > 1 && Object.keys(row.shapes).length > 0)
      .map(
        (row) =>
          `  - ${row.operation}: ${Object.entries(row.shapes)
            .map(([shape, requests]) => `${requests} × \`${shape}\``)
            .join(', ')}`,
      ),
    '- RCU/WCU are DynamoDB Local’s accounting (see the planning notes: 4 WCU per transactional item of up to 1 KB where AWS documents 2, every index counted).',
    '',
  ];
}

function latencySection(run: LatencyRun, machine: MachineFacts): string[] {
  return [
    '## Local API latency under load',
    '',
    `autocannon ${run.autocannonVersion} on loopback, ${run.connections} connections for ${run.seconds} s (after a 1 s warm-up), in its own process; beside it ${run.connections} loops of GetItem on the same item of the same DynamoDB Local for the same time, in the bench’s process. The route makes one GetItem, so the ratio is what the adapter, the handler (middy, zod, the JWT check of the local adapter) and Node’s HTTP add to that one request.`,
    '',
    '| what | requests | failures | p50 ms | p99 ms |',
    '|---|--:|--:|--:|--:|',
    ...[run.api, run.getItem].map(
      (sample) =>
        `| ${sample.label} | ${sample.requests.toLocaleString('en-GB')} | ${sample.failures} | ${ms(sample.p50Ms)} | ${ms(sample.p99Ms)} |`,
    ),
    `| ratio API / GetItem | | | ${ratio(run.api.p50Ms / run.getItem.p50Ms)} | ${ratio(run.api.p99Ms / run.getItem.p99Ms)} |`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}, Java ${machine.java}. The API server, the handlers and the GetItem loop share one Node process and the two cores with DynamoDB Local’s JVM and autocannon, so these are ratios for this machine, not AWS latencies.`,
    '',
  ];
}

export function markdownReport(input: {
  date: string;
  planning: PlanningReport | null;
  bundles: BundleRow[] | null;
  libraries?: LibraryRow[] | null;
  operations: OperationRow[] | null;
  latency: LatencyRun | null;
  /** Markdown lines of the register import section (bench/register-import.ts), when it ran. */
  registerImport?: string[] | null;
  machine: MachineFacts;
  totalSeconds: number;
}): string {
  const lines = [
    '# Benchmarks',
    '',
    `\`npm run bench\`, ${input.date}. DynamoDB Local in memory on this machine; every number below is measured, none is asserted. Sections: planning runs, function bundles and cold init, DynamoDB work per API operation, local API latency.`,
    '',
    ...(input.planning ? planningSection(input.planning) : []),
    ...(input.bundles ? bundlesSection(input.bundles, input.libraries ?? []) : []),
    ...(input.operations ? operationsSection(input.operations) : []),
    ...(input.latency ? latencySection(input.latency, input.machine) : []),
    ...(input.registerImport ?? []),
    `Whole bench, including DynamoDB Local start, seeding and tables: ${seconds(input.totalSeconds)} s.`,
    '',
    '## Machine',
    '',
    '| CPU | cores | memory | Node | Java | DynamoDB Local |',
    '|---|--:|--:|---|---|---|',
    `| ${input.machine.cpu} | ${input.machine.cores} | ${input.machine.memoryGiB.toFixed(1)} GiB | ${input.machine.node} | ${input.machine.java} | ${input.machine.dynamoDbLocal} |`,
    '',
  ];
  return lines.join('\n');
}
