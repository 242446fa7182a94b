import { parseArgs } from 'node:util';
import { backfillCoveringIndex } from '../../shared/adapters/dynamodb/covering-backfill.ts';
import { londonDate } from '../../shared/domain/calendar.ts';

/**
 * Run once after deploying the stack whose staff items carry the COVERING# key (R-TEAM-5), with credentials
 * for the account: keys the absences recorded before it, so each cover's dashboard shows them at once
 * (README, "Deploying to AWS"). Safe to re-run; --dry-run counts and writes nothing.
 *
 *   node --import tsx infra/ops/backfill-covering.ts --providers-table <ProvidersTableName> [--dry-run]
 */
const { values } = parseArgs({
  options: { 'providers-table': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const table = values['providers-table'];
if (!table) {
  process.stderr.write('Usage: backfill-covering --providers-table <name> [--dry-run] (the Stateful stack output)\n');
  process.exit(2);
}
const dryRun = values['dry-run'] ?? false;
const done = await backfillCoveringIndex({
  table,
  today: londonDate(new Date()),
  dryRun,
  onPage: (progress) => process.stdout.write(`… ${progress.read} staff read, ${progress.keyed} absences keyed\n`),
});
process.stdout.write(
  `${dryRun ? 'Dry run: would key' : 'Keyed'} ${done.keyed} absences (${done.alreadyKeyed} already keyed, ` +
    `${done.changedMeanwhile} changed meanwhile) of ${done.read} staff in ${table}\n`,
);
