import { DynamoImportLedger } from '../../shared/adapters/dynamodb/import-ledger.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { staffDirectoryFor } from '../../shared/adapters/identity/staff-directory.ts';
import { type JobRunner, jobRunnerFromEnvironment } from '../../shared/adapters/jobs/job-runner.ts';
import { jobStarterFor } from '../../shared/adapters/jobs/local-job-starter.ts';
import type { ImportsBucket } from '../../shared/adapters/s3/imports-bucket.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import type { Team } from '../../shared/schemas/team.ts';
import type { JobStarter } from '../../shared/use-cases/hand-off-job-run.ts';
import { register, stores, wholeList } from './stores.ts';

/**
 * The admin pages' adapters (issue 15 item 7): the same team store, staff directory (Cognito groups in
 * AWS, the local issuer's locally), import ledger and register lists the staff, relationships, imports and
 * providers functions build. The job runner is built on first use, so other pages' cold starts do not pay for it.
 */
const config = readEnv([ENV.providersTable, ENV.auditTable]);
const teams = new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
export const adminDeps = {
  ...stores,
  teams,
  staffChanges: register,
  directory: staffDirectoryFor(process.env[ENV.staffUserPoolId]),
  imports: new DynamoImportLedger(config.PROVIDERS_TABLE),
  lists: new DynamoRegisterLists(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
};

let reports: Promise<ImportsBucket> | undefined;
/**
 * The imports bucket, for links to import reports (issue 16; the workspace may read reports/ only). Loaded on
 * first use, with the S3 client, so other pages' cold starts do not pay for it.
 */
export const importReports = (): Promise<ImportsBucket> => {
  reports ??= import('../../shared/adapters/s3/imports-bucket.ts').then(
    ({ ImportsBucket }) => new ImportsBucket(readEnv([ENV.importsBucket]).IMPORTS_BUCKET),
  );
  return reports;
};

let starter: Promise<JobStarter> | undefined;
/** Where a real run is handed over (issue 15): the jobs function in AWS, its local twin otherwise. */
export const jobStarter = (): Promise<JobStarter> => {
  starter ??= jobStarterFor(process.env[ENV.jobsFunctionName]);
  return starter;
};

let runner: Promise<JobRunner> | undefined;
export const jobRunner = (): Promise<JobRunner> => {
  runner ??= jobRunnerFromEnvironment();
  return runner;
};

/** Every team, by name (tens at most). */
export const allTeams = (): Promise<Team[]> => wholeList((request) => teams.listTeams(request));
