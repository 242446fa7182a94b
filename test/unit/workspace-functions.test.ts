import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageTable } from '../../functions/workspace/context.ts';
import { localEnvironment } from '../../infra/local/environment.ts';
import { FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';

/**
 * Issue 17: the staff workspace is split into functions by group of pages, each bundling only its own. API
 * Gateway sends each route to the function its definition names (functionId); a page that function's table
 * does not hold would answer 404 in AWS while its twin worked locally in another table. So each workspace
 * function's table holds exactly the routes that name it, no more and no fewer, and every route is held once.
 */
const WORKSPACE_FUNCTIONS = Object.values(FUNCTIONS).filter((definition) => definition.workspace);

beforeAll(() => {
  for (const [name, value] of Object.entries({
    ...localEnvironment({
      stage: 'workspace-functions',
      dynamoDbEndpoint: 'http://127.0.0.1:9',
      sesEndpoint: 'http://127.0.0.1:9',
      linkSigningKey: Buffer.alloc(32, 7).toString('base64'),
      publicBaseUrl: 'http://localhost:3000',
    }),
    IMPORTS_BUCKET: 'workspace-functions-imports',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  })) {
    vi.stubEnv(name, value);
  }
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const pagesOf = async (id: FunctionId): Promise<PageTable> => {
  const module = (await import(/* @vite-ignore */ new URL(`../../${FUNCTIONS[id].entry}`, import.meta.url).href)) as {
    PAGES: PageTable;
  };
  return module.PAGES;
};

const routesOf = (id: FunctionId) =>
  Object.entries(WORKSPACE_ROUTE)
    .filter(([, route]) => route.functionId === id)
    .map(([name, route]) => `${route.method} ${name}`)
    .sort();

describe('the workspace functions', () => {
  it('are three, one per group of pages: sign-in, providers and the register; meetings and casework; admin', () => {
    expect(WORKSPACE_FUNCTIONS.map((definition) => definition.id)).toEqual([
      'workspace',
      'workspace-meetings',
      'workspace-admin',
    ]);
  });

  it('serve every workspace route between them', () => {
    const served = new Set(WORKSPACE_FUNCTIONS.map((definition) => definition.id));

    expect(Object.values(WORKSPACE_ROUTE).filter((route) => !served.has(route.functionId))).toEqual([]);
  });

  it.each(WORKSPACE_FUNCTIONS.map((definition) => definition.id))(
    'the %s function’s pages are exactly the routes that name it',
    async (id) => {
      const pages = await pagesOf(id);
      const held = [
        ...Object.keys(pages.open ?? {}).map((name) => `GET ${name}`),
        ...Object.keys(pages.get).map((name) => `GET ${name}`),
        ...Object.keys(pages.post).map((name) => `POST ${name}`),
      ].sort();

      expect(held).toEqual(routesOf(id));
    },
  );

  it('leaves sign-in, sign-out and the assets to the workspace function alone', () => {
    const names = ['workspaceSignIn', 'workspaceCallback', 'workspaceSignOut', 'workspaceSignedOut', 'workspaceAsset'];

    expect(names.map((name) => WORKSPACE_ROUTE[name as keyof typeof WORKSPACE_ROUTE].functionId)).toEqual(
      names.map(() => 'workspace'),
    );
  });

  it('each carry the stylesheet and scripts its layout names by a hash of their content', () => {
    // In Lambda there is no node_modules: a page's layout reads the files beside the bundle (assets.ts).
    for (const definition of WORKSPACE_FUNCTIONS) {
      expect(definition.bundledFiles, definition.id).toEqual(FUNCTIONS.workspace.bundledFiles);
    }
    expect(FUNCTIONS.workspace.bundledFiles?.length).toBe(4);
  });
});
