import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import type { ApiEvent } from '../../shared/adapters/http/api-function.ts';
import { staffWithRoles } from '../../shared/adapters/http/staff-identity.ts';
import type { SafeHtml } from '../../shared/adapters/http/workspace/html.ts';
import { htmlAnswer, pageHeaders, type Viewer, workspacePage } from '../../shared/adapters/http/workspace/layout.ts';
import type { OpenIdSettings } from '../../shared/adapters/http/workspace/open-id.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { ForbiddenError } from '../../shared/domain/errors.ts';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import type { WorkspaceSession } from '../../shared/domain/workspace/session.ts';
import type { ChangeContext } from '../../shared/use-cases/ports.ts';

/**
 * What a workspace page handler gets: the request, the signed-in person, and helpers that answer
 * HTML with the workspace's headers. Role checks go through the API's own `staffActor` with the API
 * route's own role list, so a page allows exactly whom the API allows (no second copy of a rule).
 */
export interface PageRequest {
  event: ApiEvent;
  session: WorkspaceSession;
  settings: OpenIdSettings;
  path: Record<string, string>;
  now: Date;
}

/** A page answered before any session check: sign-in, its callback, the signed-out page, the assets. */
export type OpenPage = (
  event: ApiEvent,
  settings: OpenIdSettings,
  now: Date,
) => Promise<APIGatewayProxyStructuredResultV2>;
export type GetPage = (request: PageRequest) => Promise<APIGatewayProxyStructuredResultV2>;
export type PostPage = (request: PageRequest, form: URLSearchParams) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The pages one workspace function serves, by route name (shared/definitions/workspace-routes.ts): exactly the
 * routes whose functionId is that function's (test/unit/workspace-functions.test.ts), issue 17.
 */
export interface PageTable {
  open?: Readonly<Record<string, OpenPage>>;
  get: Readonly<Record<string, GetPage>>;
  post: Readonly<Record<string, PostPage>>;
}

export const viewerOf = (session: WorkspaceSession): Viewer => ({
  name: session.name,
  roles: session.roles,
  formToken: session.formToken,
});

/**
 * The actor for a use case, if the session's roles pass the API route's check (ForbiddenError otherwise): `allowed`
 * is that route's roles, `ROUTE_ROLES.<operationId>` (shared/definitions/route-roles.ts).
 */
export function changeAs(
  request: PageRequest,
  allowed: readonly StaffRole[],
): ChangeContext & { actor: Extract<Actor, { type: 'staff' }> } {
  // The session was started from an access token verified against the JWKS at sign-in (and is checked with
  // the identity provider on every request): only the route's role check is left to make.
  const actor = staffWithRoles(request.session.staffId, request.session.roles, allowed);
  return { actor, now: request.now, newId: ulid };
}

export const authOrigin = (settings: OpenIdSettings): string => new URL(settings.authBaseUrl).origin;

export function render(
  request: PageRequest,
  statusCode: number,
  page: {
    title: string;
    section?: 'my-work' | 'providers' | 'admin';
    main: SafeHtml;
    problems?: readonly { href: string; text: string }[];
  },
): APIGatewayProxyStructuredResultV2 {
  return htmlAnswer(
    statusCode,
    workspacePage({ ...page, viewer: viewerOf(request.session) }),
    pageHeaders(authOrigin(request.settings)),
  );
}

export const redirect = (location: string, cookies: string[] = []): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  ...(cookies.length ? { cookies } : {}),
});

/**
 * The record's version a form carried (standing for If-Match): digits only, else NaN, so a missing or
 * mangled one is refused as "open the page again" (400) rather than read as version 0 and answered 409.
 */
export function formVersion(form: URLSearchParams): number {
  const typed = form.get('version') ?? '';
  return /^\d{1,15}$/.test(typed) ? Number(typed) : Number.NaN;
}

/** Whether the session's roles pass an API route's check, to show or leave out its form or link. */
export function mayUse(request: PageRequest, allowed: readonly StaffRole[]): boolean {
  try {
    changeAs(request, allowed);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError) return false;
    throw error;
  }
}

/**
 * The error summary's lines for the fields a schema or use case named: each path's field id and words from
 * the page's table (the fallback for a path it does not know), one line per field however many paths name it.
 */
export function fieldProblems(
  paths: readonly string[],
  fields: Readonly<Record<string, readonly [string, string]>>,
  fallback: readonly [string, string],
): { href: string; text: string }[] {
  const seen = new Set<string>();
  return paths.flatMap((path) => {
    const [field, text] = fields[path] ?? fallback;
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ href: `#${field}`, text }];
  });
}
