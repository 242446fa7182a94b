import { parseArgs } from 'node:util';
import { migrateLegacyAudit } from '../../shared/adapters/dynamodb/audit-migration.ts';

/**
 * Run once after deploying the stack that gave the audit trail its own table, with credentials for the
 * account: moves the entries written before that from the providers table (README, "Deploying to AWS").
 *
 *   node --import tsx infra/ops/migrate-audit.ts --providers-table <ProvidersTableName> --audit-table <AuditTableName>
 */
const { values } = parseArgs({
  options: { 'providers-table': { type: 'string' }, 'audit-table': { type: 'string' } },
});
const providers = values['providers-table'];
const audit = values['audit-table'];
if (!providers || !audit) {
  process.stderr.write(
    'Usage: migrate-audit --providers-table <name> --audit-table <name> (the Stateful stack outputs)\n',
  );
  process.exit(2);
}
const { moved } = await migrateLegacyAudit({ providers, audit });
process.stdout.write(`Moved ${moved} audit entries from ${providers} to ${audit}\n`);
