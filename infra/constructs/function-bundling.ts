import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_SHIM,
  // Ship the SDK version the tests ran against rather than whatever the runtime carries.
  bundleAwsSDK: true,
  forceDockerBundling: false,
} as const satisfies nodejs.BundlingOptions;

/**
 * FUNCTION_BUNDLING as esbuild's own options, the way NodejsFunction turns them into esbuild CLI
 * arguments (aws-cdk-lib/aws-lambda-nodejs bundling.js, buildEsbuildArgs): `--bundle`, platform
 * node, `index.mjs` for ESM, the source map with its sources, and no externals, as bundleAwsSDK
 * leaves none. Run from the project root, as CDK runs it.
 */
export function esbuildOptionsFor(entry: string, outdir: string, projectRoot: string): BuildOptions {
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
    sourcesContent: true,
    external: [],
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    banner: { js: FUNCTION_BUNDLING.banner },
    logLevel: 'warning',
  };
}
