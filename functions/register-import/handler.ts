import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoImportLedger } from '../../shared/adapters/dynamodb/import-ledger.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { ImportsBucket, importIdOf } from '../../shared/adapters/s3/imports-bucket.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { logger } from '../../shared/observability/logger.ts';
import { indexRegisterForSearch } from '../../shared/use-cases/index-register-for-search.ts';
import {
  finishUploadedImport,
  importUploadedShard,
  recordImportFailure,
  runUploadedImport,
  splitUploadedImport,
} from '../../shared/use-cases/run-register-import.ts';
import { type Step, StepSchema } from './steps.ts';

/**
 * The register import's steps (issue 16), each invoked by the state machine an upload starts
 * (infra/constructs/register-import-workflow.ts): split, shard (one invocation per shard), finish,
 * failed. Errors fail the step; the state machine retries it, which finishes the job without
 * duplicates. Locally the S3 server hands the upload's "Object Created" event here, and the
 * steps run in sequence in this one invocation.
 */
const config = readEnv([ENV.providersTable, ENV.auditTable, ENV.importsBucket]);
const lists = new DynamoRegisterLists(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const deps = {
  store: new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  policy: policyFromEnvironment(),
  nationalMentalHealth: async () => (await lists.mentalHealthProviders()).map((entry) => entry.registrationId),
  ledger: new DynamoImportLedger(config.PROVIDERS_TABLE),
  bucket: new ImportsBucket(config.IMPORTS_BUCKET),
};

export interface ObjectCreated {
  bucket: { name: string };
  object: { key: string; size?: number };
}

/** Invoked by hand once after deploying issue 16 (`aws lambda invoke --payload '{"reindex":true}'`). */
interface Reindex {
  reindex: true;
}

const clock = { now: () => new Date(), newId: ulid };

async function runStep(step: Step) {
  switch (step.step) {
    case 'split':
      logger.appendKeys({ key: step.key });
      return splitUploadedImport(deps, step.key, clock);
    case 'shard':
      logger.appendKeys({ importId: step.importId, shard: step.shard });
      return { rows: await importUploadedShard(deps, step, clock) };
    case 'finish':
      logger.appendKeys({ importId: step.importId });
      return { status: await finishUploadedImport(deps, step.importId, clock) };
    case 'failed': {
      const importId = importIdOf(step.key);
      if (importId) await recordImportFailure(deps, importId, clock);
      return { importId };
    }
  }
}

export const handler = middy<EventBridgeEvent<'Object Created', ObjectCreated> | Reindex | Step>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    if ('reindex' in event) {
      // Providers and locations stored before search existed get their index entries; a re-run writes nothing.
      const done = await indexRegisterForSearch(deps.store);
      logger.info('Register indexed for search', { ...done });
      return done;
    }
    if ('step' in event) {
      const result = await runStep(StepSchema.parse(event));
      logger.info('Register import step finished', { step: event.step });
      return result;
    }
    logger.appendKeys({ eventId: event.id, key: event.detail.object.key });
    if (event.detail.bucket.name !== config.IMPORTS_BUCKET) return { outcome: 'ignored' };
    const outcome = await runUploadedImport(deps, event.detail.object.key, clock);
    logger.info('Register import finished', { outcome });
    return { outcome };
  });
