import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import type { LocalApi } from '../integration/support/local-api.ts';
import type { workspaceHttp } from './support/workspace-http.ts';

/**
 * Starting a run from the workspace outside the local twin (no FUTURE_RUNS=allowed, as in AWS): a day
 * after today is refused in the error summary and nothing is recorded, unless it is a dry run, exactly as
 * POST /jobs/{job}/runs (issue 12 item 6). The handlers are imported after the variable is removed, as a
 * deployed function starts.
 */
let api: LocalApi;
let admin: string;
let http: ReturnType<typeof workspaceHttp>;
let cookie = '';

beforeAll(async () => {
  delete process.env.FUTURE_RUNS;
  const { startLocalApi } = await import('../integration/support/local-api.ts');
  const support = await import('./support/workspace-http.ts');
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  http = support.workspaceHttp(api);
  const member = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['admin'] }) }))
    .body;
  cookie = await http.sessionCookie(member.staffId);
}, 60_000);
afterAll(() => api?.close());

const tomorrow = () => londonDate(new Date(Date.now() + 36 * 3_600_000)).split('-');

describe('starting a run as a day after today from the workspace, in a deployed stage', () => {
  it('is refused in the error summary, beside the day, and records no run', async () => {
    const [year = '', month = '', day = ''] = tomorrow();
    const before = await api.call<{ items: JobRun[] }>('GET', '/jobs/annual-planning/runs', { token: admin });

    const answer = await http.post('/workspace/admin/jobs', cookie, {
      formToken: await http.formTokenOf(cookie),
      job: 'annual-planning',
      'runAs-day': day,
      'runAs-month': month,
      'runAs-year': year,
    });
    const text = await answer.text();
    const after = await api.call<{ items: JobRun[] }>('GET', '/jobs/annual-planning/runs', { token: admin });

    expect(answer.status).toBe(400);
    expect(text).toContain('<title>Error: ');
    expect(text).toContain('href="#runAs-day"');
    expect(text).toContain('must be today or earlier');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('is answered as a dry run, with what it would do', async () => {
    const [year = '', month = '', day = ''] = tomorrow();

    const answer = await http.post('/workspace/admin/jobs', cookie, {
      formToken: await http.formTokenOf(cookie),
      job: 'annual-planning',
      dryRun: 'yes',
      'runAs-day': day,
      'runAs-month': month,
      'runAs-year': year,
    });

    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('What it would do');
  });
});
