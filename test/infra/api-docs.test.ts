import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';
import { logicalIdOf, resourceOf, resourcesOfType, synthesizedForThisFile } from './app-under-test.ts';

/**
 * The API reference (issue 18): its renderer ships only with the system function, as a file beside
 * the bundle read on first request, so no function's code (and no cold start) carries Redoc; and its
 * routes are public routes of the HTTP API like /openapi.json.
 */
const synthesized = synthesizedForThisFile();
const RENDERER = 'redoc.standalone.js';

const assetDirOf = (id: FunctionId) => {
  const fn = resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[id].function));
  const { S3Key } = fn.Properties.Code as { S3Key: string };
  return join(synthesized.outdir, `asset.${S3Key.replace(/\.zip$/, '')}`);
};

describe('the reference page’s renderer', () => {
  it('is a file beside the system function’s bundle, not code inside it', () => {
    const dir = assetDirOf('system');
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');

    expect(statSync(join(dir, RENDERER)).size).toBeGreaterThan(500_000);
    // Redoc's own markers: its bundle is not in the handler's code.
    expect(bundle).not.toContain('redoc-wrap');
    expect(bundle.length).toBeLessThan(statSync(join(dir, RENDERER)).size);
  });

  it.each(Object.keys(FUNCTIONS).filter((id) => id !== 'system'))('is not shipped with the %s function', (id) => {
    expect(existsSync(join(assetDirOf(id as FunctionId), RENDERER))).toBe(false);
  });
});

describe('the reference page’s routes', () => {
  it.each([ROUTE.getDocs, ROUTE.getDocsScript, ROUTE.getOpenApi])(
    '$method $path is public, on the system function',
    (route) => {
      const routes = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
      const found = routes.find((resource) => resource.Properties.RouteKey === `${route.method} ${route.path}`);

      expect(found?.Properties.AuthorizationType).toBe('NONE');
      expect(route.functionId).toBe('system');
    },
  );
});
