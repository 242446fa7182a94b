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
  // Casework (issue 15 items 3 and 6): what providers send, what we ask of them, and the information held.
  workspaceSubmissions: page(
    'workspaceSubmissions',
    'GET',
    '/workspace/providers/{providerId}/submissions',
    'What a provider sent through “contact the regulator”, newest first',
  ),
  workspaceSubmission: page(
    'workspaceSubmission',
    'GET',
    '/workspace/submissions/{reference}',
    'A submission: what was sent, who handles it and why (the rule), its answers, and the answer and close forms',
  ),
  workspaceAnswerSubmission: page(
    'workspaceAnswerSubmission',
    'POST',
    '/workspace/submissions/{reference}/answer',
    'Answer a submission: the provider’s contact is emailed the answer (R-PRV-4)',
    posted,
  ),
  workspaceCloseSubmission: page(
    'workspaceCloseSubmission',
    'POST',
    '/workspace/submissions/{reference}/close',
    'Close a submission, with the reason',
    posted,
  ),
  workspaceInformationRequests: page(
    'workspaceInformationRequests',
    'GET',
    '/workspace/providers/{providerId}/information-requests',
    'A provider’s information requests with their due dates and answers, and the form to ask (R-PRV-5)',
  ),
  workspaceAskForInformation: page(
    'workspaceAskForInformation',
    'POST',
    '/workspace/providers/{providerId}/information-requests',
    'Ask a provider to explain, by a due date (R-PRV-5); every contact is emailed',
    posted,
  ),
  workspaceInformation: page(
    'workspaceInformation',
    'GET',
    '/workspace/providers/{providerId}/information',
    'Information held about a provider, and the form to add some',
  ),
  workspaceRecordInformation: page(
    'workspaceRecordInformation',
    'POST',
    '/workspace/providers/{providerId}/information',
    'Record information held about a provider',
    posted,
  ),
  // Admin (issue 15 item 7; the team features of issue 14): staff, teams, job runs, register imports and lists.
  workspaceStaffList: page('workspaceStaffList', 'GET', '/workspace/admin/staff', 'Staff: filter by name, role, team'),
  workspaceStaffMember: page(
    'workspaceStaffMember',
    'GET',
    '/workspace/admin/staff/{staffId}',
    'A member of staff, with the forms to change them, record an absence or their leaving',
  ),
  workspaceChangeStaff: page(
    'workspaceChangeStaff',
    'POST',
    '/workspace/admin/staff/{staffId}',
    'Change name, email, roles or team (PATCH /staff with the version read)',
    posted,
  ),
  workspaceRecordAbsence: page(
    'workspaceRecordAbsence',
    'POST',
    '/workspace/admin/staff/{staffId}/absence',
    'Record an absence and who covers it (R-TEAM-5)',
    posted,
  ),
  workspaceEndAbsence: page(
    'workspaceEndAbsence',
    'POST',
    '/workspace/admin/staff/{staffId}/absence/end',
    'End a recorded absence',
    posted,
  ),
  workspaceRecordDeparture: page(
    'workspaceRecordDeparture',
    'POST',
    '/workspace/admin/staff/{staffId}/departure',
    'Record the day someone leaves',
    posted,
  ),
  workspaceDeparture: page(
    'workspaceDeparture',
    'GET',
    '/workspace/admin/staff/{staffId}/departure',
    'What a leaver leaves to reallocate, each linked to where it is reallocated',
  ),
  workspaceTeams: page('workspaceTeams', 'GET', '/workspace/admin/teams', 'Teams, and the form to create one'),
  workspaceCreateTeam: page('workspaceCreateTeam', 'POST', '/workspace/admin/teams', 'Create a team', posted),
  workspaceTeam: page(
    'workspaceTeam',
    'GET',
    '/workspace/admin/teams/{teamId}',
    'A team’s view: providers missing a holder, overdue and unbooked meetings, open submissions, absences, leavers',
  ),
  workspaceEditTeam: page('workspaceEditTeam', 'GET', '/workspace/admin/teams/{teamId}/edit', 'Change a team'),
  workspaceChangeTeam: page(
    'workspaceChangeTeam',
    'POST',
    '/workspace/admin/teams/{teamId}/edit',
    'Change a team (PATCH /teams with the version read)',
    posted,
  ),
  workspaceProviderTeam: page(
    'workspaceProviderTeam',
    'GET',
    '/workspace/providers/{providerId}/team',
    'A provider’s team, its history, and the form to change it',
  ),
  workspaceAssignTeam: page(
    'workspaceAssignTeam',
    'POST',
    '/workspace/providers/{providerId}/team',
    'Make a team responsible for the provider, with a reason (R-TEAM-2)',
    posted,
  ),
  workspaceJobRuns: page('workspaceJobRuns', 'GET', '/workspace/admin/jobs', 'Job runs, and the form to start one'),
  workspaceStartJob: page(
    'workspaceStartJob',
    'POST',
    '/workspace/admin/jobs',
    'Start a run for a day; a dry run answers what it would do',
    { 200: 'What a dry run would do', ...posted },
  ),
  workspaceJobRun: page('workspaceJobRun', 'GET', '/workspace/admin/jobs/{job}/runs/{runId}', 'One job run'),
  workspaceImports: page('workspaceImports', 'GET', '/workspace/admin/imports', 'Register imports and their progress'),
  workspaceImport: page('workspaceImport', 'GET', '/workspace/admin/imports/{importId}', 'A register import’s report'),
  workspaceMentalHealth: page(
    'workspaceMentalHealth',
    'GET',
    '/workspace/admin/mental-health-providers',
    'National independent mental health providers, and the form to add one',
  ),
  workspaceMarkMentalHealth: page(
    'workspaceMarkMentalHealth',
    'POST',
    '/workspace/admin/mental-health-providers',
    'Add a provider to the list',
    posted,
  ),
  workspaceUnmarkMentalHealth: page(
    'workspaceUnmarkMentalHealth',
    'POST',
    '/workspace/admin/mental-health-providers/{registrationId}/remove',
    'Take a provider off the list',
    posted,
  ),
  workspaceTemplateVersions: page(
    'workspaceTemplateVersions',
    'GET',
    '/workspace/meetings/{meetingId}/template/versions',
    'Every saved version of a meeting’s template (R-TPL-3)',
  ),
  workspaceTemplateVersion: page(
    'workspaceTemplateVersion',
    'GET',
    '/workspace/meetings/{meetingId}/template/versions/{version}',
    'What changed in a version of the template since the one before, section by section',
  ),
  workspaceTemplatePreview: page(
    'workspaceTemplatePreview',
    'GET',
    '/workspace/meetings/{meetingId}/template/preview',
    'What sharing would send, without sending: the provider’s page and the email',
  ),
  // The register (issue 15: everything the API can do for staff): add a provider, find a location by postcode.
  workspaceAddProvider: page('workspaceAddProvider', 'GET', '/workspace/providers/new', 'The form to add a provider'),
  workspaceCreateProvider: page(
    'workspaceCreateProvider',
    'POST',
    '/workspace/providers/new',
    'Add a provider to the register',
    posted,
  ),
  workspaceFindLocation: page(
    'workspaceFindLocation',
    'GET',
    '/workspace/locations',
    'Locations by postcode (a full postcode or an outward code), a page at a time',
  ),
} as const satisfies Record<string, RouteDefinition>;

export const WORKSPACE_ROUTES: readonly RouteDefinition[] = Object.values(WORKSPACE_ROUTE);
