import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext, loadHandler } from '../../infra/local/http-adapter.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aSharedTemplate } from './support/scenarios.ts';

/**
 * No email address and no token in any log line (STYLE.md, observability). The real handlers run
 * in this worker at DEBUG, including the notifications function, which a local event bus of this
 * file's own invokes here; every line the Powertools logger writes (to process.stdout and stderr
 * through its own Console) is kept and searched.
 */
vi.hoisted(() => {
  // Before any handler builds the logger: the most talkative level, so nothing is hidden by WARN.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;
const LINK_TOKEN = /v1\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/;

const lines: string[] = [];
const originalWrite = { stdout: process.stdout.write, stderr: process.stderr.write };
let api: LocalApi;
let stopBus: () => Promise<void>;
let busIdle: () => Promise<void>;

function capture(stream: NodeJS.WriteStream): void {
  stream.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof stream.write;
}

beforeAll(async () => {
  const { freePort } = await import('../../infra/local/free-port.ts');
  const { startLocalEventBus } = await import('../../infra/local/event-bus.ts');
  const port = await freePort();
  // This file's own bus, so the notifications function runs (and logs) in this worker.
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = `http://127.0.0.1:${port}`;
  const bus = await startLocalEventBus(port, 'test');
  stopBus = () => bus.stop();
  busIdle = () => bus.idle();
  api = await startLocalApi();
  capture(process.stdout);
  capture(process.stderr);
});

afterAll(async () => {
  process.stdout.write = originalWrite.stdout;
  process.stderr.write = originalWrite.stderr;
  await api.close();
  await stopBus();
});

describe('logs (STYLE.md: no email addresses or tokens)', () => {
  it('hold no email address, staff token or provider link through registering, sharing, a submission and the daily run', async () => {
    const admin = await api.tokenFor(['admin']);
    const staffInput = aStaffMember({ roles: ['operations-manager'] });
    const staff = await api.call<Staff>('POST', '/staff', { token: admin, body: staffInput });
    const duplicate = await api.call('POST', '/staff', { token: admin, body: { ...staffInput, name: 'Someone else' } });
    const shared = await aSharedTemplate(api, admin);
    const form = /name="formToken" value="([^"]+)"/.exec(
      (await api.call<string>('GET', `/respond/${shared.token}`)).text,
    )?.[1];
    const submitted = await fetch(`${api.baseUrl}/respond/${shared.token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formToken: form ?? '', 'comment-other': 'Our reply' }).toString(),
    });
    const altered = await api.call('GET', `/respond/${shared.token.slice(0, -2)}xx`);
    await busIdle();
    const jobs = await loadHandler('jobs');
    // As EventBridge Scheduler invokes it: the meeting was due 2027-06-30, so this run alerts by email.
    const daily = (await jobs({ job: 'daily', runAs: '2027-07-02' }, lambdaContext('test-jobs', 900))) as {
      outcome: string;
    };

    const secrets = [admin, shared.token, staffInput.email, shared.contactEmail, shared.holder.email];
    expect([staff.status, duplicate.status, shared.shareStatus, submitted.status, altered.status]).toEqual([
      201, 409, 200, 303, 404,
    ]);
    expect(daily.outcome).toBe('completed');
    // The logger really was heard: the provider page and the job each wrote a line.
    expect(lines.some((line) => line.includes('Provider comments stored; holder notice owed'))).toBe(true);
    expect(lines.some((line) => line.includes('Job run recorded'))).toBe(true);
    const leaking = lines.filter(
      (line) =>
        secrets.some((secret) => line.includes(secret)) || EMAIL.test(line) || JWT.test(line) || LINK_TOKEN.test(line),
    );
    expect(leaking).toEqual([]);
    // The daily run alerts every overdue meeting of the whole run (other files plan 2027 too): room for that under load.
  }, 120_000);
});
