import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS, FUNCTIONS, type FunctionId } from '../../shared/definitions/functions.ts';

/**
 * Issue 17: a function's cold start builds the schemas of the routes it serves, no others. The bundle
 * size check (test/infra/functions.test.ts) catches large growth; this catches the cause early and
 * exactly: a module a handler reaches at start importing the aggregate route table (routes.ts), or
 * another function's route module. Only value imports count (`import type` is erased), and only static
 * ones: the fallback's dynamic import of routes.ts and the system function's of the OpenAPI generator are
 * dropped from their bundles at build time (the route table inlined, the document generated beside).
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const AGGREGATE = 'shared/definitions/routes.ts';
const ownModule = (id: FunctionId) => `shared/definitions/routes/${id}.ts`;

/**
 * Route modules a function may reach beyond its own: none. The workspace functions check the roles of the API
 * routes their pages stand for through shared/definitions/route-roles.ts (ROUTE_ROLES), which holds the roles
 * alone; importing a route module for its roles would bring that function's every schema into the workspace's
 * bundles (issue 17). The workspace functions have no route module of their own (their routes are in
 * workspace-routes.ts), so they may reach none.
 */
const ALSO_ALLOWED: Partial<Record<FunctionId, readonly string[]>> = {};

const VALUE_IMPORT = /^import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?'(\.[^']+)';/gms;

/** Every project module reached from `entry` through static value imports, as repository paths. */
function reachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(resolve(REPO, file), 'utf8');
    for (const match of source.matchAll(VALUE_IMPORT)) {
      const target = relative(REPO, resolve(REPO, dirname(file), match[1] ?? ''));
      if (target.endsWith('.ts')) pending.push(target);
    }
  }
  return seen;
}

describe.each(FUNCTION_IDS)('the %s function', (id) => {
  const reached = reachedFrom(FUNCTIONS[id].entry);

  it('never imports the aggregate route table, which would build every route’s schemas at its cold start', () => {
    expect(reached.has(AGGREGATE)).toBe(false);
  });

  it('imports no other function’s route module', () => {
    const routeModules = [...reached].filter((file) => file.startsWith('shared/definitions/routes/'));
    const allowed = [ownModule(id), ...(ALSO_ALLOWED[id] ?? [])];

    expect(routeModules.filter((file) => !allowed.includes(file))).toEqual([]);
  });
});
