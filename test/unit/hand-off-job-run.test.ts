import { describe, expect, it } from 'vitest';
import type { ScheduledJobInput } from '../../shared/definitions/schedules.ts';
import { ValidationError } from '../../shared/domain/errors.ts';
import { ScheduledJobInputSchema } from '../../shared/schemas/jobs.ts';
import { handOffJobRun } from '../../shared/use-cases/hand-off-job-run.ts';

/**
 * A real run started in the workspace is handed to the jobs function (issue 15): the same day rule as a run
 * started anywhere (issue 12 item 6), and the scheduler's payload plus the run's id and who asked, which the
 * jobs function's own input schema accepts.
 */
const actor = { type: 'staff', id: '01J00000000000000000ADM1N0', roles: ['admin'] } as const;
const at = new Date('2027-03-09T10:00:00Z');
const RUN_ID = '01JQ0000000000000000000RN5';

function recordingStarter() {
  const started: ScheduledJobInput[] = [];
  return { started, starter: { start: async (input: ScheduledJobInput) => void started.push(input) } };
}

describe('handing a real job run over', () => {
  it('hands over the schedule’s payload, the run’s id and who asked, and answers at once', async () => {
    const { started, starter } = recordingStarter();

    const handed = await handOffJobRun(
      starter,
      { job: 'quarterly-planning', runAs: '2027-03-01' },
      { actor, now: at, newId: () => RUN_ID, futureDays: 'refused' },
    );

    expect(handed).toEqual({ job: 'quarterly-planning', runId: RUN_ID, runAs: '2027-03-01' });
    expect(started).toEqual([
      {
        job: 'quarterly-planning',
        runAs: '2027-03-01',
        dryRun: false,
        runId: RUN_ID,
        requestedBy: { staffId: actor.id, roles: ['admin'] },
      },
    ]);
    expect(ScheduledJobInputSchema.parse(started[0])).toEqual(started[0]);
  });

  it('runs as today in London when no day is given', async () => {
    const { started, starter } = recordingStarter();

    await handOffJobRun(
      starter,
      { job: 'daily' },
      { actor, now: new Date('2027-06-30T23:30:00Z'), newId: () => RUN_ID, futureDays: 'refused' },
    );

    expect(started[0]?.runAs).toBe('2027-07-01');
  });

  it.each([
    ['tomorrow', '2027-03-10'],
    ['the far future', '9999-12-31'],
  ])('refuses %s and hands nothing over (issue 12 item 6)', async (_name, runAs) => {
    const { started, starter } = recordingStarter();

    await expect(
      handOffJobRun(starter, { job: 'daily', runAs }, { actor, now: at, newId: () => RUN_ID, futureDays: 'refused' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(started).toEqual([]);
  });

  it('hands over a later day where the local stack allows it', async () => {
    const { started, starter } = recordingStarter();

    await handOffJobRun(
      starter,
      { job: 'daily', runAs: '2027-03-10' },
      { actor, now: at, newId: () => RUN_ID, futureDays: 'allowed' },
    );

    expect(started).toHaveLength(1);
  });

  it.each([
    ['a run id that is not a ULID', { job: 'daily', runId: 'x' }],
    ['an asker without a staff id', { job: 'daily', requestedBy: { staffId: '', roles: [] } }],
    ['a field the scheduler never sends', { job: 'daily', extra: true }],
  ])('the jobs function refuses %s', (_name, input) => {
    expect(ScheduledJobInputSchema.safeParse(input).success).toBe(false);
  });
});
