/**
 * The names under which the fallback function's bundle gets every route's method and path inlined at
 * build time (infra/constructs/function-bundling.ts, esbuild `define`), so it carries no route
 * definitions and no schemas (issue 17). Run unbundled (tests, the local stack) the flag is unset and
 * the fallback reads the definitions themselves.
 */
export const ROUTE_TABLE_INLINED = {
  /** Replaced by the string `value` in a bundle: esbuild then drops the branch that imports the definitions. */
  flag: 'process.env.ROUTE_TABLE_INLINED',
  value: 'yes',
  /** Replaced by the route keys, e.g. ["GET /health", …]. */
  table: 'INLINED_ROUTE_KEYS',
} as const;

/**
 * The same for each workspace function (issue 17): the route key → page name of its own pages, inlined at
 * build time, so its bundle carries no workspace route definitions (their summaries and responses, for the
 * OpenAPI document, were 13 KiB of each workspace bundle). Unbundled, the definitions are read, once.
 */
export const WORKSPACE_ROUTES_INLINED = {
  flag: 'process.env.WORKSPACE_ROUTES_INLINED',
  value: 'yes',
  /** Replaced by `{"GET /workspace": "workspaceMyWork", …}`: this function's pages only. */
  table: 'INLINED_WORKSPACE_PAGE_NAMES',
} as const;
