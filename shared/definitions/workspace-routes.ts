import { STAFF_ROLES } from '../domain/vocabulary.ts';
import type { FunctionId } from './functions.ts';
import type { HttpMethod, RouteDefinition } from './route-definition.ts';

/**
 * The staff workspace's routes (issue 15): HTML pages under /workspace, served by the three workspace
 * functions (issue 17). API Gateway authorizes none of them (`auth: 'public'`): the workspace's own session
 * cookie authenticates, and each page checks the same roles as the API route it calls (see
 * functions/workspace/context.ts). Signed out, every page answers 303 to /workspace/sign-in.
 */
const pageOf =
  (functionId: FunctionId) =>
  (
    operationId: string,
    method: HttpMethod,
    path: string,
    summary: string,
    statuses: Readonly<Record<number, string>> = { 200: 'The page' },
  ): RouteDefinition => ({
    operationId,
    method,
    path,
    functionId,
    summary,
    mediaType: 'text/html',
    auth: 'public',
    roles: STAFF_ROLES,
    request: {},
    responses: Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, { description }])),
    errors: method === 'POST' ? [400, 403, 404, 409, 413, 422] : [404],
  });

// Issue 17: the workspace is three functions, one per group of pages, so each bundle holds only its own pages
// (functions/workspace/, functions/workspace-meetings/, functions/workspace-admin/). Sign-in, sign-out and the
// assets are the workspace function's; a page's group is the function whose pages table holds it
// (test/unit/workspace-functions.test.ts).
/** Sign-in and sign-out, the assets, my work, providers and their register details. */
const page = pageOf('workspace');
/** Meetings and their templates, other contact, casework, the policies and the admin queue. */
const meetingsPage = pageOf('workspace-meetings');
/** Staff, teams, job runs, register imports and the mental health providers list. */
const adminPage = pageOf('workspace-admin');

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
  workspaceMeeting: meetingsPage(
    'workspaceMeeting',
    'GET',
    '/workspace/meetings/{meetingId}',
    'A meeting: book or change it',
  ),
  workspaceBook: meetingsPage(
    'workspaceBook',
    'POST',
    '/workspace/meetings/{meetingId}',
    'Book or reschedule a meeting',
    posted,
  ),
  workspaceCancel: meetingsPage(
    'workspaceCancel',
    'POST',
    '/workspace/meetings/{meetingId}/cancel',
    'Cancel a meeting',
    posted,
  ),
  workspaceOutcome: meetingsPage(
    'workspaceOutcome',
    'POST',
    '/workspace/meetings/{meetingId}/outcome',
    'Record a meeting’s outcome',
    posted,
  ),
  workspaceTemplate: meetingsPage(
    'workspaceTemplate',
    'GET',
    '/workspace/meetings/{meetingId}/template',
    'A meeting’s pre-meeting template and the comments on it',
  ),
  workspaceSaveTemplate: meetingsPage(
    'workspaceSaveTemplate',
    'POST',
    '/workspace/meetings/{meetingId}/template',
    'Save a template section as the next version',
    posted,
  ),
  workspaceShareTemplate: meetingsPage(
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
  workspaceSubmissions: meetingsPage(
    'workspaceSubmissions',
    'GET',
    '/workspace/providers/{providerId}/submissions',
    'What a provider sent through “contact the regulator”, newest first',
  ),
  workspaceSubmission: meetingsPage(
    'workspaceSubmission',
    'GET',
    '/workspace/submissions/{reference}',
    'A submission: what was sent, who handles it and why (the rule), its answers, and the answer and close forms',
  ),
  workspaceAnswerSubmission: meetingsPage(
    'workspaceAnswerSubmission',
    'POST',
    '/workspace/submissions/{reference}/answer',
    'Answer a submission: the provider’s contact is emailed the answer (R-PRV-4)',
    posted,
  ),
  workspaceCloseSubmission: meetingsPage(
    'workspaceCloseSubmission',
    'POST',
    '/workspace/submissions/{reference}/close',
    'Close a submission, with the reason',
    posted,
  ),
  workspaceInformationRequests: meetingsPage(
    'workspaceInformationRequests',
    'GET',
    '/workspace/providers/{providerId}/information-requests',
    'A provider’s information requests with their due dates and answers, and the form to ask (R-PRV-5)',
  ),
  workspaceAskForInformation: meetingsPage(
    'workspaceAskForInformation',
    'POST',
    '/workspace/providers/{providerId}/information-requests',
    'Ask a provider to explain, by a due date (R-PRV-5); every contact is emailed',
    posted,
  ),
  workspaceInformation: meetingsPage(
    'workspaceInformation',
    'GET',
    '/workspace/providers/{providerId}/information',
    'Information held about a provider, and the form to add some',
  ),
  workspaceRecordInformation: meetingsPage(
    'workspaceRecordInformation',
    'POST',
    '/workspace/providers/{providerId}/information',
    'Record information held about a provider',
    posted,
  ),
  // Admin (issue 15 item 7; the team features of issue 14): staff, teams, job runs, register imports and lists.
  workspaceStaffList: adminPage(
    'workspaceStaffList',
    'GET',
    '/workspace/admin/staff',
    'Staff: filter by name, role, team',
  ),
  workspaceStaffMember: adminPage(
    'workspaceStaffMember',
    'GET',
    '/workspace/admin/staff/{staffId}',
    'A member of staff, with the forms to change them, record an absence or their leaving',
  ),
  workspaceChangeStaff: adminPage(
    'workspaceChangeStaff',
    'POST',
    '/workspace/admin/staff/{staffId}',
    'Change name, email, roles or team (PATCH /staff with the version read)',
    posted,
  ),
  workspaceRecordAbsence: adminPage(
    'workspaceRecordAbsence',
    'POST',
    '/workspace/admin/staff/{staffId}/absence',
    'Record an absence and who covers it (R-TEAM-5)',
    posted,
  ),
  workspaceEndAbsence: adminPage(
    'workspaceEndAbsence',
    'POST',
    '/workspace/admin/staff/{staffId}/absence/end',
    'End a recorded absence',
    posted,
  ),
  workspaceRecordDeparture: adminPage(
    'workspaceRecordDeparture',
    'POST',
    '/workspace/admin/staff/{staffId}/departure',
    'Record the day someone leaves',
    posted,
  ),
  workspaceDeparture: adminPage(
    'workspaceDeparture',
    'GET',
    '/workspace/admin/staff/{staffId}/departure',
    'What a leaver leaves to reallocate, each linked to where it is reallocated',
  ),
  workspaceTeams: adminPage('workspaceTeams', 'GET', '/workspace/admin/teams', 'Teams, and the form to create one'),
  workspaceCreateTeam: adminPage('workspaceCreateTeam', 'POST', '/workspace/admin/teams', 'Create a team', posted),
  workspaceTeam: adminPage(
    'workspaceTeam',
    'GET',
    '/workspace/admin/teams/{teamId}',
    'A team’s view: providers missing a holder, overdue and unbooked meetings, open submissions, absences, leavers',
  ),
  workspaceEditTeam: adminPage('workspaceEditTeam', 'GET', '/workspace/admin/teams/{teamId}/edit', 'Change a team'),
  workspaceChangeTeam: adminPage(
    'workspaceChangeTeam',
    'POST',
    '/workspace/admin/teams/{teamId}/edit',
    'Change a team (PATCH /teams with the version read)',
    posted,
  ),
  workspaceProviderTeam: adminPage(
    'workspaceProviderTeam',
    'GET',
    '/workspace/providers/{providerId}/team',
    'A provider’s team, its history, and the form to change it',
  ),
  workspaceAssignTeam: adminPage(
    'workspaceAssignTeam',
    'POST',
    '/workspace/providers/{providerId}/team',
    'Make a team responsible for the provider, with a reason (R-TEAM-2)',
    posted,
  ),
  workspaceJobRuns: adminPage(
    'workspaceJobRuns',
    'GET',
    '/workspace/admin/jobs',
    'Job runs, and the form to start one',
  ),
  workspaceStartJob: adminPage(
    'workspaceStartJob',
    'POST',
    '/workspace/admin/jobs',
    'Start a run for a day; a dry run answers what it would do',
    { 200: 'What a dry run would do', ...posted },
  ),
  workspaceJobRun: adminPage('workspaceJobRun', 'GET', '/workspace/admin/jobs/{job}/runs/{runId}', 'One job run'),
  workspaceImports: adminPage(
    'workspaceImports',
    'GET',
    '/workspace/admin/imports',
    'Register imports and their progress',
  ),
  workspaceImport: adminPage(
    'workspaceImport',
    'GET',
    '/workspace/admin/imports/{importId}',
    'A register import’s report',
  ),
  workspaceMentalHealth: adminPage(
    'workspaceMentalHealth',
    'GET',
    '/workspace/admin/mental-health-providers',
    'National independent mental health providers, and the form to add one',
  ),
  workspaceMarkMentalHealth: adminPage(
    'workspaceMarkMentalHealth',
    'POST',
    '/workspace/admin/mental-health-providers',
    'Add a provider to the list',
    posted,
  ),
  workspaceUnmarkMentalHealth: adminPage(
    'workspaceUnmarkMentalHealth',
    'POST',
    '/workspace/admin/mental-health-providers/{registrationId}/remove',
    'Take a provider off the list',
    posted,
  ),
  workspaceTemplateVersions: meetingsPage(
    'workspaceTemplateVersions',
    'GET',
    '/workspace/meetings/{meetingId}/template/versions',
    'Every saved version of a meeting’s template (R-TPL-3)',
  ),
  workspaceTemplateVersion: meetingsPage(
    'workspaceTemplateVersion',
    'GET',
    '/workspace/meetings/{meetingId}/template/versions/{version}',
    'What changed in a version of the template since the one before, section by section',
  ),
  workspaceTemplatePreview: meetingsPage(
    'workspaceTemplatePreview',
    'GET',
    '/workspace/meetings/{meetingId}/template/preview',
    'What sharing would send, without sending: the provider’s page and the email',
  ),
  workspacePolicies: meetingsPage(
    'workspacePolicies',
    'GET',
    '/workspace/admin/policies',
    'Every policy version: when it is in force, and for which sectors',
  ),
  workspacePolicy: meetingsPage(
    'workspacePolicy',
    'GET',
    '/workspace/admin/policies/{policyId}',
    'One policy version: its rules in words, each with its rule id',
  ),
  workspaceAdminQueue: meetingsPage(
    'workspaceAdminQueue',
    'GET',
    '/workspace/admin/queue',
    'Submissions from providers with no team, oldest first (R-TEAM-4)',
  ),
  workspaceMeetingAction: meetingsPage(
    'workspaceMeetingAction',
    'POST',
    '/workspace/meetings/{meetingId}/actions/{actionId}',
    'Mark an agreed action done, or open again (R-CAD-9), at the meeting’s version the page showed',
    posted,
  ),
  workspaceOtherContact: meetingsPage(
    'workspaceOtherContact',
    'GET',
    '/workspace/providers/{providerId}/other-contact',
    'The forms to log a contact and to record an ad hoc meeting (R-CAD-11)',
  ),
  workspaceLogContact: meetingsPage(
    'workspaceLogContact',
    'POST',
    '/workspace/providers/{providerId}/other-contact/log',
    'Log a contact that has happened: how, when, both sides, partners (R-CAD-11, R-CAD-12)',
    posted,
  ),
  workspaceAdHocMeeting: meetingsPage(
    'workspaceAdHocMeeting',
    'POST',
    '/workspace/providers/{providerId}/other-contact/meeting',
    'Record an ad hoc meeting: booked and invited when to come, held when started (R-CAD-11)',
    posted,
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
  workspaceProviderRegister: page(
    'workspaceProviderRegister',
    'GET',
    '/workspace/providers/{providerId}/register',
    'A provider’s register details and locations, with the forms to change them and add a location',
  ),
  workspaceChangeProvider: page(
    'workspaceChangeProvider',
    'POST',
    '/workspace/providers/{providerId}/register',
    'Change a provider’s register details (the version read stands for If-Match)',
    posted,
  ),
  workspaceAddLocation: page(
    'workspaceAddLocation',
    'POST',
    '/workspace/providers/{providerId}/locations',
    'Add a location to a provider',
    posted,
  ),
  workspaceLocation: page(
    'workspaceLocation',
    'GET',
    '/workspace/providers/{providerId}/locations/{locationId}',
    'The form to change a location',
  ),
  workspaceChangeLocation: page(
    'workspaceChangeLocation',
    'POST',
    '/workspace/providers/{providerId}/locations/{locationId}',
    'Change a location (the version read stands for If-Match; significant risk plans a meeting, R-CAD-7)',
    posted,
  ),
  workspaceInspections: page(
    'workspaceInspections',
    'GET',
    '/workspace/providers/{providerId}/inspections',
    'A provider’s inspections, who carried them out and why not the holder (R-REL-5), with the form to record one',
  ),
  workspaceRecordInspection: page(
    'workspaceRecordInspection',
    'POST',
    '/workspace/providers/{providerId}/inspections',
    'Record an inspection (R-REL-5 named in the error summary)',
    posted,
  ),
  workspaceRiskProfile: page(
    'workspaceRiskProfile',
    'GET',
    '/workspace/providers/{providerId}/risk-profile',
    'A provider’s quality and risk profile across its locations (R-CORP-5), read only',
  ),
  workspaceCadence: page(
    'workspaceCadence',
    'GET',
    '/workspace/providers/{providerId}/cadence',
    'The form to set a provider’s own cadence of provider-level meetings (R-CAD-3)',
  ),
  workspaceSetCadence: page(
    'workspaceSetCadence',
    'POST',
    '/workspace/providers/{providerId}/cadence',
    'Set a provider’s cadence with the reason (the version read stands for If-Match; R-CAD-3 named in the error summary)',
    posted,
  ),
  workspaceAddStaff: adminPage(
    'workspaceAddStaff',
    'GET',
    '/workspace/admin/staff/new',
    'The form to add a member of staff',
  ),
  workspaceCreateStaff: adminPage(
    'workspaceCreateStaff',
    'POST',
    '/workspace/admin/staff/new',
    'Add a member of staff with their roles and team',
    posted,
  ),
  workspaceSyncSignIn: adminPage(
    'workspaceSyncSignIn',
    'POST',
    '/workspace/admin/staff/{staffId}/sign-in',
    'Bring a person’s sign-in into step with their stored roles (R-TEAM-5; safe to repeat)',
    { 303: 'Back to their page, saying whether it worked' },
  ),
  // A provider's contacts (PATCH /providers/{id} `contacts`, the whole list with the version read as If-Match).
  workspaceAddContact: page(
    'workspaceAddContact',
    'POST',
    '/workspace/providers/{providerId}/register/contacts',
    'Add a contact to a provider (the other contacts keep their ids)',
    posted,
  ),
  workspaceContact: page(
    'workspaceContact',
    'GET',
    '/workspace/providers/{providerId}/register/contacts/{contactId}',
    'The forms to change or remove a provider’s contact',
  ),
  workspaceChangeContact: page(
    'workspaceChangeContact',
    'POST',
    '/workspace/providers/{providerId}/register/contacts/{contactId}',
    'Change a provider’s contact (the version read stands for If-Match)',
    posted,
  ),
  workspaceRemoveContact: page(
    'workspaceRemoveContact',
    'POST',
    '/workspace/providers/{providerId}/register/contacts/{contactId}/remove',
    'Remove a provider’s contact: links already sent to them stop working',
    posted,
  ),
} as const satisfies Record<string, RouteDefinition>;

export const WORKSPACE_ROUTES: readonly RouteDefinition[] = Object.values(WORKSPACE_ROUTE);
