import { tableProbe } from '../../shared/adapters/dynamodb/table-probe.ts';
import { apiFunction, publicRoute } from '../../shared/adapters/http/api-function.ts';
import { sesProbe } from '../../shared/adapters/ses/client.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { openApiDocument } from '../../shared/definitions/openapi.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';
import { checkHealth } from '../../shared/use-cases/check-health.ts';

/** Liveness with the state of each dependency, and the OpenAPI document. */
const config = readEnv([ENV.providersTable, ENV.meetingsTable]);
const probes = {
  providersTable: tableProbe(config.PROVIDERS_TABLE),
  meetingsTable: tableProbe(config.MEETINGS_TABLE),
  email: sesProbe,
};
// Built once per container: the document only changes with a deployment.
const document = openApiDocument();

export const handler = apiFunction([
  publicRoute(ROUTE.getHealth, async () => {
    const report = await checkHealth(probes);
    return { status: report.status === 'ok' ? 200 : 503, body: report };
  }),
  publicRoute(ROUTE.getOpenApi, async () => ({ status: 200, body: document })),
]);
