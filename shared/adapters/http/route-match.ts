import type { RouteDefinition } from '../../definitions/route-definition.ts';

/**
 * Matches a request to a route the way API Gateway HTTP APIs do: literal segments exactly,
 * `{name}` as one whole segment. Used by the local HTTP adapter and by the fallback function
 * (which tells 405 from 404), so both answer alike.
 */
/** What matching needs of a route: the fallback function has only this (functions/fallback/handler.ts). */
export type RouteShape = Pick<RouteDefinition, 'method' | 'path'>;

export interface RouteMatch<R extends RouteShape = RouteDefinition> {
  route: R;
  pathParameters: Record<string, string>;
}

const segments = (path: string) => path.split('/').slice(1);

function matchPath(template: string, path: string): Record<string, string> | null {
  const want = segments(template);
  const got = segments(path);
  if (want.length !== got.length) return null;
  const parameters: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name !== undefined) {
      if (actual === '') return null;
      try {
        parameters[name] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return parameters;
}

export type MatchOutcome<R extends RouteShape = RouteDefinition> =
  | { kind: 'matched'; match: RouteMatch<R> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'no-route' };

/** Literal segments beat parameters, as in API Gateway: `/a/b` wins over `/a/{x}`. */
const literalSegments = (route: RouteShape) => segments(route.path).filter((part) => !part.startsWith('{')).length;

export function matchRoute<R extends RouteShape>(routes: readonly R[], method: string, path: string): MatchOutcome<R> {
  const allowed: string[] = [];
  const bySpecificity = [...routes].sort((a, b) => literalSegments(b) - literalSegments(a));
  for (const route of bySpecificity) {
    const parameters = matchPath(route.path, path);
    if (!parameters) continue;
    if (route.method === method) return { kind: 'matched', match: { route, pathParameters: parameters } };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'no-route' };
}
