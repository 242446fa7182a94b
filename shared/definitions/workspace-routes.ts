import { STAFF_ROLES } from '../domain/vocabulary.ts';
import type { HttpMethod, RouteDefinition } from './route-definition.ts';

/**
 * The staff workspace's routes (issue 15): HTML pages under /workspace, served by the workspace
 * function. API Gateway authorizes none of them (`auth: 'public'`): the workspace's own session
 * cookie authenticates, and each page checks the same roles as the API route it calls (see
 * functions/workspace/pages.ts). Signed out, every page answers 303 to /workspace/sign-in.
 */
const page = (
  operationId: string,
  method: HttpMethod,
  path: string,
  summary: string,
  statuses: Readonly<Record<number, string>> = { 200: 'The page' },
): RouteDefinition => ({
  operationId,
  method,
  path,
  functionId: 'workspace',
  summary,
  mediaType: 'text/html',
  auth: 'public',
  roles: STAFF_ROLES,
  request: {},
  responses: Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, { description }])),
  errors: method === 'POST' ? [400, 403, 404, 409, 413, 422] : [404],
});

const posted = { 303: 'Done: see the page (post, redirect, get)', 400: 'The form again, with an error summary' };

export const WORKSPACE_ROUTE = {
  workspaceSignIn: page(
    'workspaceSignIn',
    'GET',
    '/workspace/sign-in',
    'Starts sign-in: 302 to the identity provider',
    {
      302: 'To Cognito managed login (the local issuer locally)',
    },
  ),
  workspaceCallback: page(
    'workspaceCallback',
    'GET',
    '/workspace/auth/callback',
    'Where the identity provider returns: checks state, redeems the code with PKCE, verifies the tokens, starts a session',
    { 303: 'To the page asked for' },
  ),
  workspaceSignOut: page(
    'workspaceSignOut',
    'POST',
    '/workspace/sign-out',
    'Signs out: ends the session and revokes the tokens',
    {
      303: 'To the identity provider’s sign-out, then the signed-out page',
    },
  ),
  workspaceSignedOut: page('workspaceSignedOut', 'GET', '/workspace/sign-out', 'The signed-out page'),
  workspaceMyWork: page('workspaceMyWork', 'GET', '/workspace', 'My work'),
  workspaceProviders: page('workspaceProviders', 'GET', '/workspace/providers', 'Providers, a page at a time'),
  workspaceProvider: page('workspaceProvider', 'GET', '/workspace/providers/{providerId}', 'A provider: overview'),
  workspaceRelationships: page(
    'workspaceRelationships',
    'GET',
    '/workspace/providers/{providerId}/relationships',
    'A provider’s relationships, their history and the allocation forms',
  ),
  workspaceAllocate: page(
    'workspaceAllocate',
    'POST',
    '/workspace/providers/{providerId}/relationships',
    'Allocate the holder or corporate lead (rule errors in the error summary)',
    posted,
  ),
  workspacePlan: page(
    'workspacePlan',
    'GET',
    '/workspace/providers/{providerId}/plan',
    'Engagement plan for a chosen day',
  ),
  workspaceProviderMeetings: page(
    'workspaceProviderMeetings',
    'GET',
    '/workspace/providers/{providerId}/meetings',
    'A provider’s meetings',
  ),
  workspaceAudit: page('workspaceAudit', 'GET', '/workspace/providers/{providerId}/audit', 'A provider’s audit trail'),
  workspaceMeeting: page('workspaceMeeting', 'GET', '/workspace/meetings/{meetingId}', 'A meeting: book or change it'),
  workspaceBook: page(
    'workspaceBook',
    'POST',
    '/workspace/meetings/{meetingId}',
    'Book or reschedule a meeting',
    posted,
  ),
  workspaceCancel: page(
    'workspaceCancel',
    'POST',
    '/workspace/meetings/{meetingId}/cancel',
    'Cancel a meeting',
    posted,
  ),
  workspaceOutcome: page(
    'workspaceOutcome',
    'POST',
    '/workspace/meetings/{meetingId}/outcome',
    'Record a meeting’s outcome',
    posted,
  ),
  workspaceTemplate: page(
    'workspaceTemplate',
    'GET',
    '/workspace/meetings/{meetingId}/template',
    'A meeting’s pre-meeting template and the comments on it',
  ),
  workspaceSaveTemplate: page(
    'workspaceSaveTemplate',
    'POST',
    '/workspace/meetings/{meetingId}/template',
    'Save a template section as the next version',
    posted,
  ),
  workspaceShareTemplate: page(
    'workspaceShareTemplate',
    'POST',
    '/workspace/meetings/{meetingId}/template/share',
    'Share the template with the provider’s contacts',
    posted,
  ),
  workspaceAsset: page('workspaceAsset', 'GET', '/assets/workspace/{file}', 'The workspace’s stylesheet and script', {
    200: 'CSS or JavaScript, cached for a year (the name carries a hash of the content)',
  }),
} as const satisfies Record<string, RouteDefinition>;

export const WORKSPACE_ROUTES: readonly RouteDefinition[] = Object.values(WORKSPACE_ROUTE);
