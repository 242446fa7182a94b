import { DynamoImportLedger } from '../../shared/adapters/dynamodb/import-ledger.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { ImportsBucket } from '../../shared/adapters/s3/imports-bucket.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { IMPORTS_ROUTE as ROUTE } from '../../shared/definitions/routes/imports.ts';
import { readImport, startImport } from '../../shared/use-cases/run-register-import.ts';

/** The register import through the API (issue 16): start one (a presigned upload URL), follow it, list them. */
const config = readEnv([ENV.providersTable, ENV.importsBucket]);
const deps = {
  ledger: new DynamoImportLedger(config.PROVIDERS_TABLE),
  bucket: new ImportsBucket(config.IMPORTS_BUCKET),
};

export const handler = apiFunction([
  staffRoute(ROUTE.startImport, async ({ body, change }) => ({
    status: 201,
    body: await startImport(deps, body, change),
  })),
  staffRoute(ROUTE.getImport, async ({ path }) => ok(await readImport(deps, path.importId))),
  staffRoute(ROUTE.listImports, async ({ query }) => ok(await deps.ledger.list(query))),
]);
