import { readFile } from 'node:fs/promises';
import { tableProbe } from '../../shared/adapters/dynamodb/table-probe.ts';
import { apiFunction, publicRoute } from '../../shared/adapters/http/api-function.ts';
import { sesProbe } from '../../shared/adapters/ses/client.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import type { OpenApiDocument } from '../../shared/definitions/openapi.ts';
import { SYSTEM_ROUTE as ROUTE } from '../../shared/definitions/routes/system.ts';
import { checkHealth } from '../../shared/use-cases/check-health.ts';
import { docsPage, docsScript } from './docs-page.ts';

/** Liveness with the state of each dependency, the OpenAPI document and its reference page. */
const config = readEnv([ENV.stage, ENV.providersTable, ENV.meetingsTable]);
const probes = {
  providersTable: tableProbe(config.PROVIDERS_TABLE),
  meetingsTable: tableProbe(config.MEETINGS_TABLE),
  email: sesProbe,
};

/**
 * Where this stage answers: PUBLIC_BASE_URL when set (the local stack sets it), else the origin the
 * caller reached (HTTP APIs answer HTTPS only). Not link-key.ts's helper: that module brings the
 * Secrets Manager client into this bundle.
 */
const configuredBaseUrl = process.env[ENV.publicBaseUrl];
const stageUrl = (domainName: string) => (configuredBaseUrl ?? `https://${domainName}`).replace(/\/$/, '');

/**
 * The document, generated from every route's definition. In the bundle it was generated at build time
 * and sits beside index.mjs (infra/constructs/function-bundling.ts, filesBesideBundle), so this
 * function's cold start builds no route's schemas but its own (issue 17); unbundled (tests, the local
 * stack) it is generated here. Read or built on first request, then kept for the container.
 */
let document: OpenApiDocument | undefined;
const openApi = async (): Promise<OpenApiDocument> =>
  process.env.OPENAPI_DOCUMENT_BESIDE === 'yes'
    ? (JSON.parse(await readFile(new URL('./openapi.json', import.meta.url), 'utf8')) as OpenApiDocument)
    : (await import('../../shared/definitions/openapi.ts')).openApiDocument();

export const handler = apiFunction([
  publicRoute(ROUTE.getHealth, async () => {
    const report = await checkHealth(probes);
    return { status: report.status === 'ok' ? 200 : 503, body: report };
  }),
  publicRoute(ROUTE.getOpenApi, async ({ event }) => {
    document ??= await openApi();
    // The stage's own address first: where the caller reached this document is where the API is.
    const stage = { url: stageUrl(event.requestContext.domainName), description: `This stage (${config.STAGE})` };
    return { status: 200, body: { ...document, servers: [stage, ...document.servers] } };
  }),
  publicRoute(ROUTE.getDocs, async () => docsPage()),
  publicRoute(ROUTE.getDocsScript, async ({ event }) => docsScript(event.headers['accept-encoding'])),
]);
