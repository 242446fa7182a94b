import { describe, expect, it } from 'vitest';
import { awsCronToCroner, cronFor } from '../../infra/local/scheduler.ts';
import { SCHEDULES } from '../../shared/definitions/schedules.ts';

describe('AWS cron as the local scheduler reads it', () => {
  it.each([
    ['cron(0 6 1 1,4,7,10 ? *)', '0 0 6 1 1,4,7,10 *'],
    ['cron(0 7 * * ? *)', '0 0 7 * * *'],
    ['cron(30 8 ? * 2-6 *)', '0 30 8 * * 1-5'],
    ['cron(0 8 ? * 1,7 *)', '0 0 8 * * 0,6'],
    ['cron(0 8 ? * 2#1 *)', '0 0 8 * * 1#1'],
    ['cron(0/15 * * * ? *)', '0 0/15 * * * *'],
  ])('translates %s to %s (seconds first, Sunday 0)', (aws, croner) => {
    expect(awsCronToCroner(aws)).toBe(croner);
  });

  it.each([['rate(5 minutes)'], ['cron(0 7 * * ?)'], ['cron(0 7 * * ? 2027)']])('refuses %s', (expression) => {
    expect(() => awsCronToCroner(expression)).toThrow();
  });
});

const scheduleOf = (job: string) => {
  const schedule = SCHEDULES.find((candidate) => candidate.job === job);
  if (!schedule) throw new Error(`no schedule ${job}`);
  return schedule;
};

describe('when the schedules fire, in London time across the clock changes', () => {
  it.each([
    // [job, from (UTC), the next two firings (UTC)]
    ['daily', '2027-03-27T12:00:00Z', ['2027-03-28T06:00:00.000Z', '2027-03-29T06:00:00.000Z']], // BST starts 28 March
    ['daily', '2027-10-30T12:00:00Z', ['2027-10-31T07:00:00.000Z', '2027-11-01T07:00:00.000Z']], // GMT again 31 October
    ['quarterly-planning', '2026-12-15T00:00:00Z', ['2027-01-01T06:00:00.000Z', '2027-04-01T05:00:00.000Z']],
    ['annual-planning', '2027-01-01T00:00:00Z', ['2027-04-01T05:30:00.000Z', '2028-04-01T05:30:00.000Z']],
  ])('%s, after %s, fires at %j', (job, from, expected) => {
    const cron = cronFor(scheduleOf(job));

    const next = cron.nextRuns(2, new Date(from)).map((date) => date.toISOString());

    expect(next).toEqual(expected);
  });
});
