import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port.ts';
import { repoRoot } from '../../infra/local/paths.ts';
import { recordRunningStack, runningStackPorts } from '../../infra/local/stack-ports.ts';

/**
 * `npm run schedule` and `npm run token` find the running stack on whatever ports `npm start` used
 * (issue 12 item 20): npm start records them in .cache/local-stack.json (here a file of the test's
 * own, through LOCAL_STACK_FILE), and the tools read it. Checked through what each tool says when
 * the recorded DynamoDB port does not answer: the port it names is the recorded one.
 */
const WITHOUT_PORTS = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['PORT', 'DYNAMODB_PORT', 'SES_PORT', 'EVENTS_PORT'].includes(name)),
);

function tool(script: string, file: string, args: string[], extra: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `infra/local/${script}.ts`, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...WITHOUT_PORTS, LOCAL_STACK_FILE: file, AWS_MAX_ATTEMPTS: '1', ...extra },
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

async function aRecordedStack(pid = process.pid) {
  const file = join(mkdtempSync(join(tmpdir(), 'stack-')), 'local-stack.json');
  const ports = { api: await freePort(), dynamodb: await freePort(), ses: await freePort(), events: await freePort() };
  writeFileSync(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), ports }));
  return { file, ports };
}

describe('the ports of the running local stack', () => {
  it('are written by npm start and removed when it stops', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stack-')), 'local-stack.json');
    const ports = { api: 3100, dynamodb: 8100, ses: 8105, events: 8110, s3: 8115 };

    const forget = recordRunningStack(ports, { LOCAL_STACK_FILE: file });

    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, ports });
    expect(runningStackPorts({ LOCAL_STACK_FILE: file }).ports).toEqual(ports);
    forget();
    expect(runningStackPorts({ LOCAL_STACK_FILE: file }).ports).toEqual({
      api: 3000,
      dynamodb: 8000,
      ses: 8005,
      events: 8010,
      s3: 8015,
    });
  });

  it('are not read from a file a stopped stack left behind', async () => {
    const { file } = await aRecordedStack(2 ** 22 + 12_345);

    expect(runningStackPorts({ LOCAL_STACK_FILE: file }).ports.dynamodb).toBe(8000);
  });

  it('give way to a variable set for the tool', async () => {
    const { file, ports } = await aRecordedStack();

    const found = runningStackPorts({ LOCAL_STACK_FILE: file, DYNAMODB_PORT: '8999' });

    expect(found.ports).toEqual({ ...ports, dynamodb: 8999 });
    expect(found.from).toContain('DYNAMODB_PORT');
  });

  it('are where npm run schedule looks', async () => {
    const { file, ports } = await aRecordedStack();

    const run = tool('schedule', file, ['daily', '--on', '2027-04-01']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`does not answer on port ${ports.dynamodb} (from ${file})`);
  });

  it('are where npm run token looks', async () => {
    const { file, ports } = await aRecordedStack();

    const run = tool('token', file, ['--staff', '01J00000000000000000000000']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`on port ${ports.dynamodb} (from ${file})`);
  });
});
