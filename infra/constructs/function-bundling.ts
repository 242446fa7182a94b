import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import type { FunctionId } from '../../shared/definitions/functions.ts';
import { openApiDocument } from '../../shared/definitions/openapi.ts';
import { ROUTE_TABLE_INLINED, WORKSPACE_ROUTES_INLINED } from '../../shared/definitions/route-table.ts';
import { ROUTES, routeKey } from '../../shared/definitions/routes.ts';
import { WORKSPACE_ROUTES } from '../../shared/definitions/workspace-routes.ts';

/** Makes `require` available to CommonJS dependencies bundled into the ESM output. */
const ESM_REQUIRE_SHIM = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every function is bundled, declared once: AppFunction hands these to NodejsFunction (which
 * runs the local esbuild, never Docker), and the bench builds the same bundles with esbuild
 * directly to weigh them and time their cold start (bench/function-bundles.ts).
 */
export const FUNCTION_BUNDLING = {
  format: nodejs.OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  // Parsed at every cold start with --enable-source-maps: names and positions suffice for a stack trace.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_SHIM,
  // Ship the SDK version the tests ran against rather than whatever the runtime carries.
  bundleAwsSDK: true,
  forceDockerBundling: false,
} as const satisfies nodejs.BundlingOptions;

/**
 * NODE_OPTIONS of every function, which the bench's cold imports run with too. Source maps stay on, so a
 * stack trace in the logs names the TypeScript file and line; AWS pairs the two the same way (SAM's
 * esbuild build adds `NODE_OPTIONS: --enable-source-maps` when Sourcemap is true:
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html).
 * Node reads and parses a bundle's whole map when it loads the bundle with this flag, so the map leaves out
 * the sources' text (FUNCTION_BUNDLING.sourcesContent): the trace needs only names and positions, and the
 * measured init cost of the flag halves (README, "Benchmarks"; bench/results/latest.md).
 */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/**
 * Constants inlined into one function's bundle at build time (esbuild `define`). The fallback
 * function tells 404 from 405 from every route's method and path (issue 17): inlined, its bundle
 * holds the table and none of the routes' schemas. Values are JavaScript source, as esbuild takes them;
 * NodejsFunction passes them on as they are (it spawns esbuild with an argument array, no shell between:
 * quoting them for a shell made the fallback bundle every route again, which test/infra/functions.test.ts
 * now catches).
 */
export function bundlingDefinesFor(functionId: FunctionId): Record<string, string> {
  if (functionId === 'system') return { 'process.env.OPENAPI_DOCUMENT_BESIDE': JSON.stringify('yes') };
  const pages = WORKSPACE_ROUTES.filter((route) => route.functionId === functionId);
  if (pages.length > 0) {
    // A workspace function: its own pages' route keys and names (functions/workspace/serve-pages.ts).
    return {
      [WORKSPACE_ROUTES_INLINED.flag]: JSON.stringify(WORKSPACE_ROUTES_INLINED.value),
      [WORKSPACE_ROUTES_INLINED.table]: JSON.stringify(
        Object.fromEntries(pages.map((route) => [routeKey(route), route.operationId])),
      ),
    };
  }
  if (functionId !== 'fallback') return {};
  return {
    [ROUTE_TABLE_INLINED.flag]: JSON.stringify(ROUTE_TABLE_INLINED.value),
    [ROUTE_TABLE_INLINED.table]: JSON.stringify(ROUTES.map(routeKey)),
  };
}

/**
 * Files generated at build time and put beside a function's index.mjs (AppFunction, and the bench, write
 * them there). The system function reads the OpenAPI document from beside it rather than generating it
 * from every route's schemas, which it would otherwise import and build at each cold start (issue 17).
 */
export function filesBesideBundle(functionId: FunctionId): { name: string; contents: string }[] {
  if (functionId !== 'system') return [];
  return [{ name: 'openapi.json', contents: JSON.stringify(openApiDocument()) }];
}

/**
 * FUNCTION_BUNDLING as esbuild's own options, the way NodejsFunction turns them into esbuild CLI
 * arguments (aws-cdk-lib/aws-lambda-nodejs bundling.js, buildEsbuildArgs): `--bundle`, platform
 * node, `index.mjs` for ESM, the source map (without the sources' text), and no externals, as bundleAwsSDK
 * leaves none. Run from the project root, as CDK runs it.
 */
export function esbuildOptionsFor(
  entry: string,
  outdir: string,
  projectRoot: string,
  functionId?: FunctionId,
): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    outfile: `${outdir}/${FUNCTION_BUNDLING.format === nodejs.OutputFormat.ESM ? 'index.mjs' : 'index.js'}`,
    bundle: true,
    platform: 'node',
    target: FUNCTION_BUNDLING.target,
    format: FUNCTION_BUNDLING.format,
    minify: FUNCTION_BUNDLING.minify,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent,
    external: [],
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    banner: { js: FUNCTION_BUNDLING.banner },
    define: functionId ? bundlingDefinesFor(functionId) : {},
    logLevel: 'warning',
  };
}
