import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoImportLedger } from '../../shared/adapters/dynamodb/import-ledger.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { ImportsBucket } from '../../shared/adapters/s3/imports-bucket.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { logger } from '../../shared/observability/logger.ts';
import { indexRegisterForSearch } from '../../shared/use-cases/index-register-for-search.ts';
import { runUploadedImport } from '../../shared/use-cases/run-register-import.ts';

/**
 * Target of the rule on S3's "Object Created" events of the imports bucket (EventBridge, default
 * bus): an admin's upload of CQC's locations file starts its import (issue 16). Errors fail the
 * invocation; the asynchronous retry re-runs it, which finishes the job without duplicates.
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

export const handler = middy<EventBridgeEvent<'Object Created', ObjectCreated> | Reindex>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    if ('reindex' in event) {
      // Providers and locations stored before search existed get their index entries; a re-run writes nothing.
      const done = await indexRegisterForSearch(deps.store);
      logger.info('Register indexed for search', { ...done });
      return done;
    }
    logger.appendKeys({ eventId: event.id, key: event.detail.object.key });
    if (event.detail.bucket.name !== config.IMPORTS_BUCKET) return { outcome: 'ignored' };
    const outcome = await runUploadedImport(deps, event.detail.object.key, { now: () => new Date(), newId: ulid });
    logger.info('Register import finished', { outcome });
    return { outcome };
  });
