import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, repoRoot } from '../../infra/local/paths.ts';
import { uniqueName } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * A client generated from the served /openapi.json (openapi-typescript, as an API consumer would
 * generate one) type-checks against calls the integration tests make, and those calls then run
 * against the local API (issue 18). Generated into the git-ignored cache, never committed, so a
 * route or schema another change adds is in the next run's client without a regeneration step.
 */
const fixture = fileURLToPath(new URL('./openapi-client/calls.fixture.ts', import.meta.url));
// Inside the repository so the generated files resolve openapi-fetch and @types/node from node_modules.
const workDir = join(cacheDir, 'openapi-client', ulid());
const calls = join(workDir, 'calls.ts');

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
  const served = await api.call<OpenAPI3>('GET', '/openapi.json');
  expect(served.status).toBe(200);
  mkdirSync(workDir, { recursive: true });
  // As the README says to generate one: a request field with a default may be left out.
  writeFileSync(join(workDir, 'api.ts'), astToString(await openapiTS(served.body, { defaultNonNullable: false })));
  copyFileSync(fixture, calls);
});
afterAll(async () => {
  await api?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** The project's own compiler settings (strict, noUncheckedIndexedAccess), on the generated client and the calls. */
function typeErrors(file: string): string[] {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const program = ts.createProgram({ rootNames: [file], options });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (diagnostic) =>
        `${diagnostic.file?.fileName.replace(workDir, '') ?? ''}:${diagnostic.start ?? ''} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
}

describe('a client generated from /openapi.json', () => {
  it('type-checks against the calls the integration tests make, and refuses wrong ones', () => {
    expect(typeErrors(calls)).toEqual([]);
  });

  it('makes those calls against the local API and reads each answer, errors in the one error shape', async () => {
    const { registerReadChangeAndList } = (await import(pathToFileURL(calls).href)) as {
      registerReadChangeAndList: (
        baseUrl: string,
        token: string,
        name: string,
      ) => Promise<{
        providerId: string;
        contactIds: string[];
        readName?: string;
        marketOversight?: boolean;
        locationRisk?: boolean;
        listedIds: string[];
        stale: { status: number; code?: string };
        missing: { status: number; code?: string };
      }>;
    };
    const name = uniqueName('Generated client provider');

    const outcome = await registerReadChangeAndList(api.baseUrl, await api.tokenFor(['inspector']), name);

    expect(outcome).toMatchObject({
      readName: name,
      marketOversight: true,
      locationRisk: true,
      stale: { status: 412, code: 'stale_version' },
      missing: { status: 404, code: 'not_found' },
    });
    expect(outcome.contactIds).toHaveLength(1);
    expect(outcome.listedIds).toContain(outcome.providerId);
  });
});
