import { copyFileSync, createReadStream, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ulid } from 'ulid';
import { localEnvironment } from './environment.ts';
import { repoRoot } from './paths.ts';
import { runningStackPorts } from './stack-ports.ts';

/**
 * `npm run import -- <file.csv> [--dry-run] [--reindex]`: imports CQC's published locations file
 * into the running local stack (`npm start`) through the same use case the import function runs
 * (issue 16), with a progress bar on a terminal. The report is written as JSON and CSV under
 * .cache/imports/. `--reindex` instead makes items stored before search existed searchable.
 */
const usage =
  'Usage: npm run import -- <file.csv> [--dry-run]  |  npm run import -- --reindex   (with npm start running)';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, reindex: { type: 'boolean', default: false } },
});
const file = positionals[0];
if ((!file && !values.reindex) || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
let size = 0;
if (file) {
  try {
    size = statSync(file).size;
  } catch {
    console.error(`No file "${file}".`);
    process.exit(2);
  }
}

// The running stack's ports, as npm start recorded them (infra/local/stack-ports.ts); a variable set here wins.
const { ports: running } = runningStackPorts();
Object.assign(
  process.env,
  localEnvironment({
    stage: 'local',
    dynamoDbEndpoint: `http://127.0.0.1:${running.dynamodb}`,
    sesEndpoint: `http://127.0.0.1:${running.ses}`,
  }),
  { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
);
const table = process.env.PROVIDERS_TABLE ?? '';
const auditTable = process.env.AUDIT_TABLE ?? '';
const { tableProbe } = await import('../../shared/adapters/dynamodb/table-probe.ts');
try {
  await tableProbe(table)();
} catch {
  console.error(`The local stack's DynamoDB does not answer on port ${running.dynamodb}: is \`npm start\` running?`);
  process.exit(1);
}
const { DynamoRegisterStore } = await import('../../shared/adapters/dynamodb/register-store.ts');
const { DynamoRelationshipStore } = await import('../../shared/adapters/dynamodb/relationship-store.ts');
const { DynamoRegisterLists } = await import('../../shared/adapters/dynamodb/register-lists.ts');
const { policyFromEnvironment } = await import('../../shared/config/policy.ts');
const store = new DynamoRegisterStore(table, auditTable);

if (values.reindex) {
  const { indexRegisterForSearch } = await import('../../shared/use-cases/index-register-for-search.ts');
  const done = await indexRegisterForSearch(store);
  console.log(`Indexed ${done.providers} providers for search: ${done.itemsWritten} items written.`);
  process.exit(0);
}

const { importRegisterInSequence } = await import('../../shared/use-cases/register-import-steps.ts');
const { LocalWorkArea } = await import('../../shared/adapters/register-file/local-work-area.ts');
const { SpillFiles } = await import('../../shared/adapters/register-file/spill-files.ts');
const lists = new DynamoRegisterLists(table, auditTable);

/** One line redrawn in place on a terminal; a line every 10 % otherwise (CI logs). */
const terminal = process.stderr.isTTY;
let lastTenth = -1;
function drawProgress(phase: string, fraction: number, detail: string) {
  const width = 30;
  const filled = Math.round(Math.min(1, fraction) * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)
    .toString()
    .padStart(3)} % ${phase} ${detail}`;
  if (terminal) process.stderr.write(`\r${bar.padEnd(90)}`);
  else if (Math.floor(fraction * 10) !== lastTenth) {
    lastTenth = Math.floor(fraction * 10);
    process.stderr.write(`${bar}\n`);
  }
}

const started = Date.now();
// Shards, parts and the report's pieces on local disk: one shard in memory at a time (issue 16).
const scratch = SpillFiles.scratch('register-import');
const dryRun = values['dry-run'] ?? false;
const report = await importRegisterInSequence(
  {
    store,
    relationships: new DynamoRelationshipStore(table, auditTable),
    policy: policyFromEnvironment(),
    nationalMentalHealth: async () => (await lists.mentalHealthProviders()).map((entry) => entry.registrationId),
  },
  createReadStream(String(file)),
  new LocalWorkArea(join(scratch, 'work')),
  {
    dryRun,
    bytes: size,
    scratch,
    onProgress: (progress) => {
      if (progress.phase === 'reading') {
        drawProgress('reading', size ? progress.bytesRead / size : 0, `${progress.rowsRead} rows`);
      } else if (progress.phase === 'applying') {
        drawProgress(
          'applying',
          progress.rowsApplied / (progress.rowsTotal || 1),
          `${progress.rowsApplied} of ${progress.rowsTotal} rows`,
        );
      } else if (progress.phase === 'deregistering') {
        drawProgress('deregistering', 1, 'providers missing from the file');
      }
    },
  },
  { now: new Date(), newId: ulid },
);
if (terminal) process.stderr.write('\n');

const out = join(repoRoot, '.cache', 'imports');
mkdirSync(out, { recursive: true });
const { londonDate } = await import('../../shared/domain/calendar.ts');
const stem = join(
  out,
  `${londonDate(new Date(started))}-${basename(String(file)).replace(/\W+/g, '-')}${dryRun ? '-dry-run' : ''}`,
);
copyFileSync(report.files.json, `${stem}.json`);
copyFileSync(report.files.csv, `${stem}.csv`);
SpillFiles.remove(scratch);
if (report.error) {
  console.error(`Refused: ${report.error.message}. Nothing was changed.`);
  process.exit(1);
}
const { providers, locations } = report.counts;
console.log(
  [
    `${dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.rowsRead} rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    `Providers: ${providers.added} added, ${providers.changed} changed, ${providers.deregistered} deregistered, ${providers.unchanged} unchanged.`,
    `Locations: ${locations.added} added, ${locations.changed} changed, ${locations.deregistered} deregistered, ${locations.unchanged} unchanged.`,
    `Refused rows: ${report.counts.refused}. Corporate band changes: ${report.counts.bandChanges}. Sector corrections kept: ${report.counts.sectorDifferences}.`,
    `Report: ${stem}.json and .csv`,
  ].join('\n'),
);
