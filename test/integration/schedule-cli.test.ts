import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port.ts';
import { repoRoot } from '../../infra/local/paths.ts';

/**
 * `npm run schedule -- <job> --on <day>` as a user types it: what it says when the words are off or
 * when the local stack is not running. (Its runs themselves are the jobs handler's, tested in
 * daily-run.test.ts and meetings.test.ts.)
 */
async function schedule(...args: string[]) {
  const closedPort = String(await freePort());
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/schedule.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DYNAMODB_PORT: closedPort, AWS_MAX_ATTEMPTS: '1' },
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

describe('npm run schedule', () => {
  it('refuses a job that is not one of the schedules, naming the ones there are (exit 2)', async () => {
    const run = await schedule('weekly');

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('No schedule called "weekly"');
    expect(run.stderr).toContain('quarterly-planning|annual-planning|daily');
  });

  it.each([['2027-02-30'], ['01/04/2027'], ['tomorrow']])(
    'refuses --on %s, which is not a calendar day (exit 2)',
    async (day) => {
      const run = await schedule('daily', '--on', day);

      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--on ${day} is not a calendar day`);
    },
  );

  it.each([['0099-06-01'], ['9999-12-31']])(
    'refuses --on %s, outside the days the service runs as (exit 2)',
    async (day) => {
      const run = await schedule('daily', '--on', day);

      expect(run.status).toBe(2);
      expect(run.stderr).toContain('a day from 2000-01-01 to 2099-12-31');
    },
  );

  it('says to run npm start when the local stack does not answer (exit 1), and runs nothing', async () => {
    const run = await schedule('daily', '--on', '2027-04-01');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is `npm start` running?');
    expect(run.stdout).toBe('');
  });
});
