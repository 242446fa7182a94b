import type { EventEnvelope } from '../infra/local/event-bus.ts';
import { lambdaContext, loadHandler } from '../infra/local/http-adapter.ts';
import { FUNCTIONS } from '../shared/definitions/functions.ts';
import { ROUTE } from '../shared/definitions/routes.ts';
import { REQUIRED_COLUMNS } from '../shared/domain/register/register-row.ts';
import type { Meeting } from '../shared/schemas/meeting.ts';
import type { Location, Provider } from '../shared/schemas/provider.ts';
import type { ImportRecord } from '../shared/schemas/register-import.ts';
import type { Staff } from '../shared/schemas/staff.ts';
import type { Team } from '../shared/schemas/team.ts';
import type { Template } from '../shared/schemas/template.ts';
import { aProvider, aStaffMember } from '../test/integration/support/builders.ts';
import { inbox } from '../test/integration/support/inbox.ts';
import type { Answer, CallOptions, LocalApi } from '../test/integration/support/local-api.ts';
import {
  type QueryShapes,
  READ_APIS,
  type RequestCounter,
  type Tallies,
  totalRequests,
  WRITE_APIS,
} from './request-counter.ts';

/**
 * DynamoDB work per API operation: every route of shared/definitions/routes.ts called once, with a
 * representative successful request, through the local HTTP adapter onto the real handlers on
 * DynamoDB Local, counting requests and the capacity DynamoDB reports. Set-up calls are not counted.
 * An event a handler publishes is delivered apart, so the notifications function's work is a row of
 * its own rather than hidden in the call's (a provider's comments now owe the holder's notice through
 * the outbox, counted in submitRespondPage's row, so no call here publishes one).
 */
export interface OperationRow {
  operation: string;
  route: string;
  status: number;
  tallies: Tallies;
  /** Queries by index and key condition, to tell what an operation's reads are. */
  shapes: QueryShapes;
  reads: number;
  writes: number;
  /**
   * 'meets'; 'documented' (more than one request, as docs/access-patterns.md says and why); 'MISS'
   * (more than the docs explain); 'failed' (the call did not succeed, so its counts prove nothing).
   */
  verdict: 'meets' | 'documented' | 'MISS' | 'failed';
  why: string;
}

/**
 * The routes that legitimately need more than one request, as docs/access-patterns.md gives them.
 * A job run grows with the register (see the planning section), so it has no fixed count.
 */
const DOCUMENTED: Readonly<Record<string, { reads: number; writes: number; why: string }>> = {
  startJobRun: {
    reads: Number.POSITIVE_INFINITY,
    writes: Number.POSITIVE_INFINITY,
    why: 'a planning run: a Query a page of each sector that needs meetings, 1–2 Queries a provider, one transaction a meeting, and PutItem for the run record; its cost per provider is the planning section’s',
  },
  updateProvider: {
    reads: 3,
    writes: 1,
    why: 'GetItem the provider (version, band) and its REL#CORPORATE (flag the lead for review, R-CORP), Query its stored search words (kept in step with the name, issue 16), then one transaction',
  },
  createLocation: {
    reads: 2,
    writes: 1,
    why: 'GetItem the provider and its REL#CORPORATE (band change flags the lead), then one transaction',
  },
  updateLocation: { reads: 1, writes: 1, why: 'GetItem the location (version), then one transaction' },
  allocateRelationshipHolder: {
    reads: 4,
    writes: 1,
    why: 'GetItem provider and staff, Query locations and current relationships (the rules need them), then one transaction',
  },
  allocateCorporateLead: {
    reads: 4,
    writes: 1,
    why: 'GetItem provider and staff, Query locations and current relationships (R-CORP bands), then one transaction',
  },
  getMyDashboard: {
    reads: 9,
    writes: 0,
    why: 'Query gsi2 HOLDER# (what I hold), gsi3 STAFF# (the meetings I lead, R-CAD-4), gsi3 ~COMMENT# (comments waiting, R-TPL-4), gsi2 HANDLER# (open submissions and requests, R-PRV) and gsi3 COVERING# (whom I act for, R-TEAM-5: +1 GetItem and +1 Query a person in the chain of covers, and their own Queries); per provider held its open meetings (gsi1) and REL# (who holds each now, R-REL-2) and its last 30 days of ACTIVITY# (R-CAD-11) (here 1 provider held, 2 relationships, nobody covered)',
  },
  getEngagementPlan: {
    reads: 4,
    writes: 0,
    why: 'GetItem provider, Query locations, Query relationships, Query the provider’s meetings this year (what is planned against what policy requires)',
  },
  recordInformation: { reads: 1, writes: 1, why: 'GetItem the provider (404), then one transaction' },
  listStaffRelationships: {
    reads: 10,
    writes: 0,
    why: 'GetItem the member of staff (404), then the dashboard’s Queries: Query gsi2 HOLDER# (what I hold), gsi3 STAFF# (the meetings I lead, R-CAD-4), gsi3 ~COMMENT# (comments waiting, R-TPL-4), gsi2 HANDLER# (open submissions and requests, R-PRV) and gsi3 COVERING# (whom I act for, R-TEAM-5: +1 GetItem and +1 Query a person in the chain of covers, and their own Queries); per provider held its open meetings (gsi1) and REL# (who holds each now, R-REL-2) and its last 30 days of ACTIVITY# (R-CAD-11) (here 1 provider held, 2 relationships, nobody covered)',
  },
  closeSubmission: { reads: 1, writes: 1, why: 'GetItem the submission (open? version), then one transaction' },
  saveTemplate: {
    reads: 4,
    writes: 1,
    why: 'GetItem meeting, Query the latest version; the first save also drafts (Query last held meeting, Query information since), then one transaction',
  },
  shareTemplate: {
    reads: 6,
    writes: 3,
    why: 'GetItem meeting and provider (contacts), Query the provider’s REL# and GetItem the holder now (the email’s signature, R-REL-2), Query the latest version, then one transaction with the email owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 1 email)',
  },
  getRespondPage: {
    reads: 4,
    writes: 0,
    why: 'GetItem meeting (the link’s share must be the current one) and provider, Query the shared version and the comments so far',
  },
  submitRespondPage: {
    reads: 7,
    writes: 3,
    why: 'the page’s reads (the link checked against the current share), Query the provider’s REL# and GetItem the holder now (R-REL-2, R-TPL-4), then one transaction of the comments, audit and the holder’s notice owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 1 email)',
  },
  'notifyHolder (event)': {
    reads: 4,
    writes: 0,
    why: 'GetItem meeting, Query the comments the event names, Query the provider’s REL# and GetItem the holder now (R-REL-2; +1 GetItem a cover link while they are away)',
  },
  getContactPage: {
    reads: 2,
    writes: 0,
    why: 'GetItem provider (the contact must still be on it), Query its open information requests',
  },
  submitContactPage: {
    reads: 9,
    writes: 5,
    why: 'GetItem provider and the holder; Query relationships, locations and the provider’s teams to route it (R-REL-4, R-REL-6); with a team also Query TEAM_STAFF# and GetItem COORDINATOR# (R-TEAM-4; here no team yet), then one transaction with the acknowledgement and the handler’s notice owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 2 emails)',
  },
  answerSubmission: {
    reads: 4,
    writes: 3,
    why: 'GetItem submission (open, version), provider (the contact’s address) and the answering staff, then one transaction with the answer owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 1 email)',
  },
  createInformationRequest: {
    reads: 3,
    writes: 3,
    why: 'GetItem provider (contacts) and the requester (their name), then one transaction with the request email owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 1 email)',
  },
  bookMeeting: {
    reads: 4,
    writes: 5,
    why: 'GetItem meeting, provider and lead staff, then one transaction with the invitations owed; BatchGetItem SUPPRESSED# of the recipients, then per email owed UpdateItem to claim it and to mark it sent (the outbox) (here 2 invitations)',
  },
  cancelMeeting: { reads: 3, writes: 1, why: 'GetItem meeting (+ provider, staff), then one transaction' },
  recordMeetingOutcome: { reads: 3, writes: 1, why: 'GetItem meeting (+ provider, staff), then one transaction' },
  createTeam: { reads: 1, writes: 1, why: 'GetItem the operations manager named (role, leaver), then one transaction' },
  updateTeam: { reads: 1, writes: 1, why: 'GetItem the team (version), then one transaction' },
  assignProviderTeam: {
    reads: 3,
    writes: 1,
    why: 'GetItem provider and team, Query the provider’s TEAM items (current and history), then one transaction (R-TEAM-2)',
  },
  updateStaff: {
    reads: 1,
    writes: 1,
    why: 'GetItem the member of staff (version, roles, email), then one transaction',
  },
  recordAbsence: { reads: 2, writes: 1, why: 'GetItem the member of staff and the cover, then one transaction' },
  endAbsence: { reads: 1, writes: 1, why: 'GetItem the member of staff, then one transaction' },
  recordDeparture: {
    reads: 4,
    writes: 1,
    why: 'GetItem, one transaction, then what the leaver holds or leads now (R-TEAM-5, R-REL-2): Query gsi2 HOLDER#, gsi3 STAFF# (kept: those they lead), gsi2 HANDLER#; +2 Queries a provider they hold (its open meetings on gsi1 and its REL#, kept: those whose holder now is them) (here none held)',
  },
  getTeamDashboard: {
    reads: 13,
    writes: 0,
    why: 'GetItem team, Query TEAM_PROVIDERS#, TEAM_STAFF# and ADMIN_QUEUE; per provider the engagement plan’s 4 reads, its meetings and its submissions (6); per absent member or leaver what they hold or lead now, as the departure reads it (3 Queries + 2 a provider they hold) (here 1 provider, 1 absent holding none)',
  },
  updateMeetingAction: {
    reads: 1,
    writes: 1,
    why: 'GetItem the meeting (version, the action), then one transaction of the meeting and audit',
  },
  createAdHocMeeting: {
    reads: 4,
    writes: 7,
    why: 'GetItem provider and each member of staff (R-CAD-11: here the lead and one colleague), then one transaction across both tables (meeting, activity, reminders, invitations owed, audit); BatchGetItem SUPPRESSED# of the recipients, then per invitation UpdateItem to claim it and to mark it sent (here 3)',
  },
  logActivity: {
    reads: 2,
    writes: 1,
    why: 'GetItem provider and each member of staff named (here one), then one transaction of the activity and audit (R-CAD-11)',
  },
  listActivities: {
    reads: 2,
    writes: 0,
    why: 'Query ACTIVITY#, then BatchGetItem the page’s ad hoc meetings as they are now (here one)',
  },
  recordInspection: {
    reads: 4,
    writes: 1,
    why: 'GetItem provider, location and each inspector (here one), Query current relationships (R-REL-5: did the holder carry it out?), then one transaction',
  },
  getRiskProfile: {
    reads: 6,
    writes: 0,
    why: 'GetItem provider; Query locations, information of the last four quarters, submissions, meetings due up to today, inspections (R-CORP-5)',
  },
  setProviderCadence: {
    reads: 3,
    writes: 1,
    why: 'GetItem provider (version), Query locations (does R-CAD-3 apply?), Query its stored search words (the provider write keeps them in step), then one transaction',
  },
  markMentalHealthProvider: {
    reads: 1,
    writes: 1,
    why: 'Query the list (a few dozen on one partition: the entry before, for the audit), then one transaction',
  },
  unmarkMentalHealthProvider: {
    reads: 1,
    writes: 1,
    why: 'Query the list (404 when it is not there; the entry before, for the audit), then one transaction',
  },
  getTemplate: {
    reads: 4,
    writes: 0,
    why: 'GetItem meeting, Query the latest saved version; for the draft, Query the last held meeting and the information since',
  },
  getMeeting: {
    reads: 3,
    writes: 0,
    why: 'GetItem the meeting, Query the provider’s REL# and GetItem the holder now (currentHolder, R-REL-2; +1 GetItem a cover link while they are away, R-TEAM-5)',
  },
};

const routeOf = (operation: string): string => {
  const route = Object.values(ROUTE).find((candidate) => candidate.operationId === operation);
  return route ? `${route.method} ${route.path}` : operation;
};

function verdictOf(
  operation: string,
  status: number,
  reads: number,
  writes: number,
): Pick<OperationRow, 'verdict' | 'why'> {
  if (status >= 400) return { verdict: 'failed', why: `the call answered ${status}: not a representative success` };
  if ((writes === 0 && reads <= 1) || (writes === 1 && reads === 0)) return { verdict: 'meets', why: '' };
  const documented = DOCUMENTED[operation];
  if (documented && reads <= documented.reads && writes <= documented.writes) {
    return { verdict: 'documented', why: documented.why };
  }
  return {
    verdict: 'MISS',
    why: documented
      ? `more than docs/access-patterns.md gives (${documented.reads} reads, ${documented.writes} writes): ${documented.why}`
      : 'not explained in docs/access-patterns.md',
  };
}

/** A one-row register file, as the regulator's spreadsheet gives it (the import's columns). */
function registerFile(): string {
  const values: Record<string, string> = {
    'Location ID': '1-2000000001',
    'Location HSCA start date': '01/04/2011',
    'Location Name': 'Ysbyty Gwynedd',
    'Location Type/Sector': 'NHS Healthcare Organisation',
    'Location Postal Code': 'LL57 2PW',
    'Provider ID': '1-2000000002',
    'Provider Name': 'Betsi Cadwaladr',
    'Provider Type/Sector': 'NHS Healthcare Organisation',
  };
  return `\uFEFF${REQUIRED_COLUMNS.join(',')}\r\n${REQUIRED_COLUMNS.map((column) => values[column] ?? '').join(',')}\r\n`;
}

export async function benchApiOperations(options: {
  api: LocalApi;
  counter: RequestCounter;
  /** Events the handlers published, waiting for delivery (the bench's bus queues them). */
  delivered: EventEnvelope[];
  /** Planning is what POST /jobs/{job}/runs does; its per-provider cost is the planning table's. */
  runAs: string;
}): Promise<OperationRow[]> {
  const { api, counter } = options;
  const rows: OperationRow[] = [];
  const record = (operation: string, route: string, status: number, why?: string) => {
    const tallies = counter.snapshot();
    const reads = totalRequests(tallies, READ_APIS);
    const writes = totalRequests(tallies, WRITE_APIS);
    const verdict = verdictOf(operation, status, reads, writes);
    rows.push({
      operation,
      route,
      status,
      tallies,
      shapes: counter.queryShapes(),
      reads,
      writes,
      ...verdict,
      ...(why && verdict.verdict !== 'failed' ? { why } : {}),
    });
  };
  /** One counted call: the counter is reset just before it, and read just after. */
  const measured = async <T>(operation: string, path: string, callOptions: CallOptions = {}, why?: string) => {
    const route = Object.values(ROUTE).find((candidate) => candidate.operationId === operation);
    if (!route) throw new Error(`No route ${operation}`);
    counter.reset();
    const answer: Answer<T> = await api.call<T>(route.method, path, callOptions);
    record(operation, routeOf(operation), answer.status, why);
    const row = rows.at(-1);
    if (row?.verdict === 'failed') row.why += ` (${answer.text.slice(0, 160).replaceAll('|', '/')})`;
    return answer;
  };

  const admin = await api.tokenFor(['admin']);
  const asAdmin = (extra: CallOptions = {}): CallOptions => ({ token: admin, ...extra });

  await measured('getHealth', '/health', {}, 'DescribeTable on each table (control plane, not item reads)');
  await measured('getOpenApi', '/openapi.json');

  // Staff: an inspector who will hold the trust, an assessor to lead its meeting, an operations manager.
  const holder = (
    await measured<Staff>('createStaff', '/staff', asAdmin({ body: aStaffMember({ roles: ['inspector'] }) }))
  ).body;
  const assessor = (await api.call<Staff>('POST', '/staff', asAdmin({ body: aStaffMember({ roles: ['assessor'] }) })))
    .body;
  await api.call('POST', '/staff', asAdmin({ body: aStaffMember({ roles: ['operations-manager'] }) }));
  await measured('listStaff', '/staff', asAdmin());
  await measured('getStaff', `/staff/${holder.staffId}`, asAdmin());

  // A trust with a chief executive who gets the template link.
  const trustInput = aProvider({ sector: 'nhs-trust' });
  const contactEmail = trustInput.contacts[0]?.email ?? '';
  // R-CAD-4: a trust's engagement meeting needs an executive board member of the provider there.
  trustInput.contacts = [
    { name: 'Chief Exec', email: contactEmail, roles: ['chief-executive', 'executive-board-member'] },
  ];
  const trust = (await measured<Provider>('createProvider', '/providers', asAdmin({ body: trustInput }))).body;
  await measured('listProviders', '/providers', asAdmin());
  const read = await measured<Provider>('getProvider', `/providers/${trust.providerId}`, asAdmin());
  await measured(
    'updateProvider',
    `/providers/${trust.providerId}`,
    asAdmin({ headers: { 'if-match': read.headers.get('etag') ?? '' }, body: { registrationId: 'RX1' } }),
  );
  const location = (
    await measured<Location>(
      'createLocation',
      `/providers/${trust.providerId}/locations`,
      asAdmin({ body: { name: 'Main site' } }),
    )
  ).body;
  await measured('listLocations', `/providers/${trust.providerId}/locations`, asAdmin());
  await measured(
    'updateLocation',
    `/providers/${trust.providerId}/locations/${location.locationId}`,
    asAdmin({ headers: { 'if-match': `"${location.version}"` }, body: { address: '1 High Street, Leeds, LS1 4AP' } }),
  );
  await measured('searchLocations', '/locations?postcode=LS1', asAdmin());
  for (const name of ['Second site', 'Third site']) {
    await api.call('POST', `/providers/${trust.providerId}/locations`, asAdmin({ body: { name } }));
  }

  await measured(
    'allocateRelationshipHolder',
    `/providers/${trust.providerId}/relationship-holder`,
    asAdmin({ body: { staffId: holder.staffId, reason: 'Bench' } }),
  );
  // Seed 004: only adult social care has a corporate lead; with three locations an inspector may be
  // it (R-CORP-1).
  const careGroup = (
    await api.call<Provider>('POST', '/providers', asAdmin({ body: aProvider({ sector: 'adult-social-care' }) }))
  ).body;
  for (const name of ['Rose Court', 'Oak House', 'Elm Lodge']) {
    await api.call('POST', `/providers/${careGroup.providerId}/locations`, asAdmin({ body: { name } }));
  }
  await measured(
    'allocateCorporateLead',
    `/providers/${careGroup.providerId}/corporate-lead`,
    asAdmin({ body: { staffId: holder.staffId, reason: 'Bench' } }),
  );
  await measured('listProviderRelationships', `/providers/${trust.providerId}/relationships`, asAdmin());
  await measured('getEngagementPlan', `/providers/${trust.providerId}/engagement-plan`, asAdmin());
  await measured('listStaffRelationships', `/staff/${holder.staffId}/relationships`, asAdmin());
  const policies = await measured<{ items: { policyId: string }[] }>('listPolicies', '/policies', asAdmin());
  await measured('getPolicy', `/policies/${policies.body.items[0]?.policyId ?? 'none'}`, asAdmin());

  await measured(
    'recordInformation',
    `/providers/${trust.providerId}/information`,
    asAdmin({
      body: { kind: 'serious-incident', occurredOn: '2027-02-10', source: 'Notification', summary: 'A fall' },
    }),
  );
  await measured('listInformation', `/providers/${trust.providerId}/information`, asAdmin());

  await measured(
    'startJobRun',
    '/jobs/quarterly-planning/runs',
    asAdmin({ body: { runAs: options.runAs } }),
    'a planning run: reads and plans every provider of the sectors that need meetings (the planning table above gives it per provider), and records the run (PutItem)',
  );
  await api.call('POST', '/jobs/annual-planning/runs', asAdmin({ body: { runAs: options.runAs } }));
  await measured('listJobRuns', '/jobs/quarterly-planning/runs', asAdmin());
  const meetings = await measured<{ items: Meeting[] }>(
    'listProviderMeetings',
    `/providers/${trust.providerId}/meetings`,
    asAdmin(),
  );
  // The quarterly engagement meeting is booked, shared and held; the annual one is cancelled.
  const first = meetings.body.items.find((meeting) => meeting.period.includes('-Q'));
  const second = meetings.body.items.find((meeting) => meeting !== first);
  if (!first || !second) throw new Error(`Planning gave the trust ${meetings.body.items.length} meetings, not 2`);
  await measured('getMeeting', `/meetings/${first.meetingId}`, asAdmin());
  await measured(
    'bookMeeting',
    `/meetings/${first.meetingId}`,
    asAdmin({
      headers: { 'if-match': `"${first.version}"` },
      body: {
        startsAt: '2027-05-12T10:00:00+01:00',
        mode: 'video',
        leadStaffId: assessor.staffId,
        providerContactIds: [trust.contacts[0]?.contactId],
      },
    }),
  );
  await measured('cancelMeeting', `/meetings/${second.meetingId}/cancel`, asAdmin({ body: { reason: 'Bench' } }));

  const draft = await measured<Template>('getTemplate', `/meetings/${first.meetingId}/template`, asAdmin());
  await measured(
    'saveTemplate',
    `/meetings/${first.meetingId}/template`,
    asAdmin({ headers: { 'if-match': '"0"' }, body: { sections: draft.body.sections } }),
  );
  await measured('shareTemplate', `/meetings/${first.meetingId}/template/share`, asAdmin());
  const mail = (await inbox()).filter((sent) => sent.destination.to.some((to) => to.includes(contactEmail))).at(-1);
  const token = /\/respond\/(v1\.[A-Za-z0-9_.-]+)/.exec(mail?.body.text ?? '')?.[1] ?? 'none';
  const page = await measured<string>('getRespondPage', `/respond/${token}`);
  const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  options.delivered.length = 0;
  // The form answers 303 to its confirmation page: not followed, so only the submission is counted.
  counter.reset();
  const submitted = await fetch(`${api.baseUrl}/respond/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formToken, 'comment-other': 'Our reply' }).toString(),
  });
  record('submitRespondPage', routeOf('submitRespondPage'), submitted.status);
  // The event the submission published, delivered to the notifications function on its own.
  for (const envelope of options.delivered.splice(0)) {
    counter.reset();
    const notify = await loadHandler('notifications');
    await notify(envelope, lambdaContext('bench-notifications', FUNCTIONS.notifications.timeoutSeconds));
    record(
      'notifyHolder (event)',
      `${envelope['detail-type']} → notifications`,
      200,
      'not a route: the event the submission publishes, delivered by the bus',
    );
  }
  await measured('listComments', `/meetings/${first.meetingId}/comments`, asAdmin());

  // The contact page (R-PRV-1..5): the link is in the template email; a concern, answered and closed.
  const contactToken = /\/contact\/(v1\.[A-Za-z0-9_.-]+)/.exec(mail?.body.text ?? '')?.[1] ?? 'none';
  const contactPage = await measured<string>('getContactPage', `/contact/${contactToken}`);
  counter.reset();
  const raised = await fetch(`${api.baseUrl}/contact/${contactToken}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      formToken: /name="formToken" value="([^"]+)"/.exec(contactPage.text)?.[1] ?? '',
      kind: 'concern',
      details: 'Night staffing on ward 9',
      'action-taken': 'Agency cover booked',
    }).toString(),
  });
  record('submitContactPage', routeOf('submitContactPage'), raised.status);
  const reference = /sent=(PE-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(raised.headers.get('location') ?? '')?.[1] ?? 'none';
  await measured('listProviderSubmissions', `/providers/${trust.providerId}/submissions`, asAdmin());
  await measured('getSubmission', `/submissions/${reference}`, asAdmin());
  await measured('answerSubmission', `/submissions/${reference}/answer`, asAdmin({ body: { text: 'Thank you.' } }));
  await measured('closeSubmission', `/submissions/${reference}/close`, asAdmin({ body: { reason: 'Resolved' } }));
  await measured(
    'createInformationRequest',
    `/providers/${trust.providerId}/information-requests`,
    asAdmin({ body: { signal: 'deterioration', question: 'Why did falls double?', dueOn: '2027-12-01' } }),
  );
  await measured('listInformationRequests', `/providers/${trust.providerId}/information-requests`, asAdmin());
  await measured('getMyDashboard', '/me/dashboard', { token: await api.tokenFor(['inspector'], holder.staffId) });
  const held = await measured<Meeting>(
    'recordMeetingOutcome',
    `/meetings/${first.meetingId}/outcome`,
    asAdmin({
      body: {
        heldAt: '2026-11-01T10:00:00+00:00',
        notes: 'Discussed the winter plan.',
        actions: [{ description: 'Send the staffing review', owner: 'Trust', dueDate: '2026-12-01' }],
      },
    }),
  );
  const action = held.body.actions?.[0];
  await measured(
    'updateMeetingAction',
    `/meetings/${first.meetingId}/actions/${action?.actionId ?? 'none'}`,
    asAdmin({ headers: { 'if-match': `"${held.body.version}"` }, body: { status: 'done' } }),
  );
  // An ad hoc meeting and a logged contact (R-CAD-11, R-CAD-12): neither counts towards a cadence.
  await measured(
    'createAdHocMeeting',
    `/providers/${trust.providerId}/meetings`,
    asAdmin({
      body: {
        mode: 'teleconference',
        startsAt: '2027-05-20T14:00:00+01:00',
        durationMinutes: 30,
        leadStaffId: holder.staffId,
        regulatorStaffIds: [assessor.staffId],
        providerContactIds: [trust.contacts[0]?.contactId],
        partnerAttendees: [{ name: 'Priya Shah', organisation: 'NHS Improvement' }],
      },
    }),
  );
  await measured(
    'logActivity',
    `/providers/${trust.providerId}/activities`,
    asAdmin({
      body: {
        channel: 'call',
        occurredAt: '2026-11-02T14:00:00Z',
        staffIds: [holder.staffId],
        providerContactIds: [trust.contacts[0]?.contactId],
        summary: 'Called about the winter staffing plan.',
      },
    }),
  );
  await measured('listActivities', `/providers/${trust.providerId}/activities`, asAdmin());
  // Inspections (R-REL-5) and the risk profile they feed.
  await measured(
    'recordInspection',
    `/providers/${trust.providerId}/inspections`,
    asAdmin({
      body: { locationId: location.locationId, inspectedOn: '2026-10-14', inspectorStaffIds: [holder.staffId] },
    }),
  );
  await measured('listInspections', `/providers/${trust.providerId}/inspections`, asAdmin());
  await measured('getRiskProfile', `/providers/${trust.providerId}/risk-profile`, asAdmin());
  // A provider's own cadence (R-CAD-3): an independent hospital group with two hospitals.
  const group = (
    await api.call<Provider>('POST', '/providers', asAdmin({ body: aProvider({ sector: 'independent-healthcare' }) }))
  ).body;
  for (const name of ['North', 'South']) {
    await api.call('POST', `/providers/${group.providerId}/locations`, asAdmin({ body: { name } }));
  }
  const groupNow = (await api.call<Provider>('GET', `/providers/${group.providerId}`, asAdmin())).body;
  await measured(
    'setProviderCadence',
    `/providers/${group.providerId}/cadence`,
    asAdmin({
      headers: { 'if-match': `"${groupNow.version}"` },
      body: { meetingsPerYear: 3, reason: 'Twelve hospitals across two regions' },
    }),
  );
  // The register: national mental health providers, and an import of the register file (issue 16),
  // uploaded to the local S3 as a dry run and followed until it is done (the import's own work is not counted).
  const registrationId = '1-101664587';
  await measured(
    'markMentalHealthProvider',
    `/register/national-mental-health-providers/${registrationId}`,
    asAdmin({ body: { name: 'Minds Nationwide' } }),
  );
  await measured('listMentalHealthProviders', '/register/national-mental-health-providers', asAdmin());
  await measured(
    'unmarkMentalHealthProvider',
    `/register/national-mental-health-providers/${registrationId}`,
    asAdmin(),
  );
  const started = await measured<{ import: ImportRecord; uploadUrl: string }>(
    'startImport',
    '/imports',
    asAdmin({ body: { fileName: 'HSCA Active Locations.csv', dryRun: true } }),
  );
  const importId = started.body.import?.importId ?? 'none';
  const uploaded = await fetch(started.body.uploadUrl, {
    method: 'PUT',
    body: registerFile(),
    headers: { 'content-type': 'text/csv' },
  });
  if (!uploaded.ok) throw new Error(`The local S3 refused the register file: ${uploaded.status}`);
  for (let tries = 0; tries < 100; tries += 1) {
    const state = await api.call<ImportRecord>('GET', `/imports/${importId}`, asAdmin());
    if (state.body.status === 'done' || state.body.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const followed = await measured<ImportRecord>('getImport', `/imports/${importId}`, asAdmin());
  if (followed.body.status !== 'done') throw new Error(`The bench's register import ended ${followed.body.status}`);
  await measured('listImports', '/imports', asAdmin());
  // Teams (R-TEAM-1..5): a team with its operations manager, the trust in it, a member who changes
  // role, goes on leave and leaves.
  const manager = (
    await api.call<Staff>('POST', '/staff', asAdmin({ body: aStaffMember({ roles: ['operations-manager'] }) }))
  ).body;
  const team = (
    await measured<Team>(
      'createTeam',
      '/teams',
      asAdmin({ body: { name: 'Bench assessment team', kind: 'assessment', operationsManagerId: manager.staffId } }),
    )
  ).body;
  await measured('listTeams', '/teams', asAdmin());
  await measured('getTeam', `/teams/${team.teamId}`, asAdmin());
  await measured(
    'updateTeam',
    `/teams/${team.teamId}`,
    asAdmin({ headers: { 'if-match': '"1"' }, body: { area: 'Bench county' } }),
  );
  await measured(
    'assignProviderTeam',
    `/providers/${trust.providerId}/team`,
    asAdmin({ body: { teamId: team.teamId, reason: 'Bench' } }),
  );
  await measured('getProviderTeams', `/providers/${trust.providerId}/team`, asAdmin());
  const mover = (await api.call<Staff>('POST', '/staff', asAdmin({ body: aStaffMember({ roles: ['assessor'] }) })))
    .body;
  await measured(
    'updateStaff',
    `/staff/${mover.staffId}`,
    asAdmin({ headers: { 'if-match': '"1"' }, body: { roles: ['inspector'], teamId: team.teamId } }),
  );
  await measured(
    'recordAbsence',
    `/staff/${mover.staffId}/absence`,
    asAdmin({ body: { from: '2027-08-01', to: '2027-08-14', coverStaffId: holder.staffId, reason: 'Leave' } }),
  );
  await measured('getTeamDashboard', `/teams/${team.teamId}/dashboard`, asAdmin());
  await measured('endAbsence', `/staff/${mover.staffId}/absence`, asAdmin());
  await measured('recordDeparture', `/staff/${mover.staffId}/departure`, asAdmin({ body: { leftOn: '2027-09-30' } }));
  // Issue 14: bringing sign-in into step again (GetItem staff; the directory is Cognito's in AWS), and the admin queue.
  await measured('syncStaffSignIn', `/staff/${holder.staffId}/sign-in-groups`, asAdmin());
  await measured('listAdminQueue', '/admin-queue', asAdmin());
  await measured('getStylesheet', '/assets/govuk-frontend.min.css');
  // The API reference page and its script read no table (issue 18): the bench shows that stays so.
  await measured('getDocs', '/docs');
  await measured('getDocsScript', '/docs/redoc.standalone.js');
  await measured('listProviderAudit', `/providers/${trust.providerId}/audit`, asAdmin());

  const covered = new Set(rows.map((row) => row.operation));
  const missing = Object.values(ROUTE).filter((route) => !covered.has(route.operationId));
  if (missing.length > 0) throw new Error(`The bench calls no ${missing.map((route) => route.operationId).join(', ')}`);
  return rows;
}
