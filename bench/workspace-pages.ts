import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { WORKSPACE_ROUTE } from '../shared/definitions/workspace-routes.ts';
import type { JobRun } from '../shared/schemas/jobs.ts';
import type { Meeting } from '../shared/schemas/meeting.ts';
import type { Provider } from '../shared/schemas/provider.ts';
import type { ImportRecord } from '../shared/schemas/register-import.ts';
import type { Staff } from '../shared/schemas/staff.ts';
import type { Team } from '../shared/schemas/team.ts';
import type { Template } from '../shared/schemas/template.ts';
import { workspaceHttp, workspaceOrigin } from '../test/e2e/support/workspace-http.ts';
import { aProvider, aStaffMember, uniqueName } from '../test/integration/support/builders.ts';
import { aContactableProvider, postContact, referenceIn } from '../test/integration/support/contact.ts';
import type { LocalApi } from '../test/integration/support/local-api.ts';
import { READ_APIS, type RequestCounter, type Tallies, totalRequests, WRITE_APIS } from './request-counter.ts';

/**
 * The staff workspace's pages (issue 15): each GET page of shared/definitions/workspace-routes.ts asked for
 * once, signed in as the provider's relationship holder, through the local API onto the real workspace
 * function on DynamoDB Local, counting DynamoDB requests as the API section does; then asked for again
 * RENDERS times for the server time (the median, request to last byte over loopback: the handler's reads,
 * its checks and the render). Every page includes the session check: the session GetItem, the staff record and
 * the sign-out mark (and, on AWS, a call to the identity provider, which the local issuer answers here).
 * The admin pages (and a provider's team) are asked for by an admin, a provider's submissions and information
 * requests for a provider whose contact sent one; every other page by the holder. Set-up calls are not counted.
 */
const RENDERS = 7;
/** Pages that are steps of sign-in, not pages: they answer redirects and are measured by nothing here. */
const NOT_PAGES = new Set(['workspaceSignIn', 'workspaceCallback', 'workspaceAsset', 'workspaceSignedOut']);
/** Pages only an administrator (or an operations manager) may see: asked for as the bench's admin. */
const ADMIN_PAGES = (name: string, path: string) =>
  path.startsWith('/workspace/admin/') || name === 'workspaceProviderTeam';
/** Pages about casework from the provider: asked for about the provider whose contact wrote in. */
const CASEWORK_PAGES = new Set(['workspaceSubmissions', 'workspaceInformationRequests', 'workspaceSubmission']);

export interface WorkspacePageRow {
  page: string;
  path: string;
  status: number;
  tallies: Tallies;
  reads: number;
  writes: number;
  medianMs: number;
  bytes: number;
}

/** A trust with a holder, a booked meeting, two saved versions of its template, shared. */
async function scenario(api: LocalApi, runAs: string) {
  const admin = await api.tokenFor(['admin']);
  const input = aProvider({ sector: 'nhs-trust' });
  input.contacts = [
    { name: 'Ada Chief', email: 'ce.bench@trust.test', roles: ['chief-executive', 'executive-board-member'] },
  ];
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  const [holder, assessor] = await Promise.all(
    (['inspector', 'assessor'] as const).map(
      async (role) =>
        (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: [role] }) })).body,
    ),
  );
  if (!holder || !assessor) throw new Error('workspace bench: no staff');
  await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder.staffId, reason: 'Bench' },
  });
  await api.call('POST', `/providers/${trust.providerId}/information`, {
    token: admin,
    body: { kind: 'complaint', occurredOn: '2027-03-01', source: 'Helpline', summary: 'Discharge complaint' },
  });
  await api.call<JobRun>('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs } });
  const planned = (
    await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, { token: admin })
  ).body.items[0];
  if (!planned) throw new Error('workspace bench: the planning run made no meeting');
  const booked = await api.call('PATCH', `/meetings/${planned.meetingId}`, {
    token: admin,
    headers: { 'if-match': `"${planned.version}"` },
    body: {
      startsAt: '2027-05-12T10:00:00+01:00',
      mode: 'video',
      // As test/integration/support/scenarios.ts books one: an assessor leads the trust's meeting.
      leadStaffId: assessor.staffId,
      providerContactIds: [trust.contacts[0]?.contactId],
    },
  });
  const draft = (await api.call<Template>('GET', `/meetings/${planned.meetingId}/template`, { token: admin })).body;
  for (const version of [0, 1]) {
    const sections = draft.sections.map((section, index) =>
      index === 0
        ? {
            ...section,
            items: [...section.items, { text: `Added in version ${version + 1}`, infoId: null, sensitive: false }],
          }
        : section,
    );
    await api.call('PUT', `/meetings/${planned.meetingId}/template`, {
      token: admin,
      headers: { 'if-match': `"${version}"` },
      body: { sections },
    });
  }
  const shared = await api.call('POST', `/meetings/${planned.meetingId}/template/share`, { token: admin });
  // Every page must show what it shows for a booked, shared meeting, or its counts measure an error page.
  if (booked.status !== 200 || shared.status !== 200)
    throw new Error(`workspace bench: booking ${booked.status}, share ${shared.status}: ${shared.text}`);
  return { providerId: trust.providerId, meetingId: planned.meetingId, holder };
}

/** The admin pages' samples: an admin, a team, a recorded job run, an import; and a submission and a request. */
async function casework(api: LocalApi, runAs: string) {
  const admin = await api.tokenFor(['admin']);
  const member = (
    await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['admin', 'operations-manager'] }),
    })
  ).body;
  const team = (
    await api.call<Team>('POST', '/teams', {
      token: admin,
      body: { name: uniqueName('Bench team'), kind: 'assessment' },
    })
  ).body;
  const run = (await api.call<JobRun>('POST', '/jobs/daily/runs', { token: admin, body: { runAs } })).body;
  const started = (
    await api.call<{ import: ImportRecord }>('POST', '/imports', {
      token: admin,
      body: { fileName: 'HSCA Active Locations.csv', dryRun: true },
    })
  ).body;
  const contactable = await aContactableProvider(api, admin, 'nhs-trust');
  const sent = await postContact(api, contactable.token, { kind: 'feedback', details: 'Bench: the report was late' });
  const reference = referenceIn(sent.headers.get('location'));
  const asked = await api.call('POST', `/providers/${contactable.provider.providerId}/information-requests`, {
    token: admin,
    body: { signal: 'deterioration', question: 'Bench: what changed?', dueOn: '2099-01-01' },
  });
  if (!member.staffId || !team.teamId || !run.runId || !started.import?.importId || !reference)
    throw new Error(`workspace bench: casework set-up failed (submission ${sent.status}, request ${asked.status})`);
  return {
    admin: member,
    samples: {
      staffId: member.staffId,
      teamId: team.teamId,
      job: 'daily',
      runId: run.runId,
      importId: started.import.importId,
      reference,
      // A policy version of the catalogue (GET /workspace/admin/policies/{policyId}).
      policyId: 'adult-social-care',
    },
    caseworkProviderId: contactable.provider.providerId,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchWorkspacePages(options: {
  api: LocalApi;
  counter: RequestCounter;
  runAs: string;
}): Promise<{ rows: WorkspacePageRow[]; skipped: string[] }> {
  const { api, counter } = options;
  const origin = workspaceOrigin(api.baseUrl);
  const { sessionCookie } = workspaceHttp(api);
  const { providerId, meetingId, holder } = await scenario(api, options.runAs);
  const extra = await casework(api, options.runAs);
  const holderCookie = await sessionCookie(holder.staffId);
  const adminCookie = await sessionCookie(extra.admin.staffId);
  const samples: Record<string, string> = { providerId, meetingId, version: '2', ...extra.samples };
  const rows: WorkspacePageRow[] = [];
  const skipped: string[] = [];
  for (const [name, route] of Object.entries(WORKSPACE_ROUTE)) {
    if (route.method !== 'GET' || NOT_PAGES.has(name)) continue;
    const missing = [...route.path.matchAll(/\{(\w+)\}/g)]
      .map((match) => match[1] ?? '')
      .filter((key) => !samples[key]);
    if (missing.length > 0) {
      skipped.push(`${name} (no sample ${missing.join(', ')})`);
      continue;
    }
    const admin = ADMIN_PAGES(name, route.path);
    const cookie = admin ? adminCookie : holderCookie;
    const these = CASEWORK_PAGES.has(name) ? { ...samples, providerId: extra.caseworkProviderId } : samples;
    const path = route.path.replace(/\{(\w+)\}/g, (_whole, key: string) => these[key] ?? '');
    const ask = () => fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });
    counter.reset();
    const first = await ask();
    const body = await first.text();
    const tallies = counter.snapshot();
    const times: number[] = [];
    for (let run = 0; run < RENDERS; run += 1) {
      const started = performance.now();
      await (await ask()).arrayBuffer();
      times.push(performance.now() - started);
    }
    rows.push({
      page: admin ? `${name} (admin)` : name,
      path: route.path,
      status: first.status,
      tallies,
      reads: totalRequests(tallies, READ_APIS),
      writes: totalRequests(tallies, WRITE_APIS),
      medianMs: median(times),
      bytes: Buffer.byteLength(body),
    });
  }
  return { rows, skipped };
}

const requestsIn = (tallies: Tallies) =>
  Object.entries(tallies)
    .filter(([, tally]) => tally.requests > 0)
    .map(([api, tally]) => `${tally.requests} ${api}`)
    .join(', ');

export function workspaceSection(result: { rows: WorkspacePageRow[]; skipped: string[] }, date: string): string[] {
  const lines = [
    '## Workspace pages',
    '',
    `Measured ${date}. Each GET page of the staff workspace (issue 15) asked for once as the provider’s relationship holder (the admin pages, marked “(admin)”, as an admin; submissions and information requests about a provider whose contact wrote in), counting DynamoDB requests (the session check’s included: session, staff record, sign-out mark), then ${RENDERS} more times for the server time (median; the workspace functions in-process behind the local API, on DynamoDB Local, loopback HTTP). \`npm run bench -- --only workspace\` measures this section alone and rewrites only it here.`,
    '',
    '| page | path | status | reads | writes | DynamoDB requests | server time (median) | HTML |',
    '|---|---|---|---|---|---|---|---|',
    ...result.rows.map(
      (row) =>
        `| ${row.page} | \`${row.path}\` | ${row.status} | ${row.reads} | ${row.writes} | ${requestsIn(row.tallies) || 'none'} | ${row.medianMs.toFixed(1)} ms | ${(row.bytes / 1024).toFixed(1)} KiB |`,
    ),
  ];
  if (result.skipped.length > 0)
    lines.push('', `Not measured (no sample data for their path): ${result.skipped.join('; ')}.`);
  return lines;
}

/** Writes the section into latest.md in place (replacing an earlier one), so `--only workspace` updates just it. */
export function spliceWorkspaceSection(file: URL, section: string[]): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf('\n## Workspace pages\n');
  const before = start < 0 ? text.trimEnd() : text.slice(0, start).trimEnd();
  const rest = start < 0 ? '' : text.slice(start + 1);
  const next = rest.indexOf('\n## ', 1);
  const after = start < 0 || next < 0 ? '' : rest.slice(next + 1);
  writeFileSync(file, `${before}\n\n${section.join('\n')}\n${after ? `\n${after}` : ''}`);
}
