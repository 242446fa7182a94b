import { Cron } from 'croner';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import { SCHEDULES, type ScheduleDefinition, type ScheduledJobInput } from '../../shared/definitions/schedules.ts';
import { lambdaContext, loadHandler } from './http-adapter.ts';

/**
 * The local twin of EventBridge Scheduler: fires each schedule of shared/definitions/schedules.ts
 * at the instants AWS would, in its time zone, with the same payload, into the same handler.
 */

/**
 * AWS cron `cron(min hour day-of-month month day-of-week year)` as croner's six fields
 * (seconds first). AWS numbers weekdays 1-7 from Sunday, croner 0-6; `?` means "any".
 */
export function awsCronToCroner(expression: string): string {
  const fields = /^cron\((.*)\)$/.exec(expression.trim())?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) throw new Error(`Not an AWS cron expression: ${expression}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`The local scheduler cannot limit years: ${expression}`);
  const any = (field: string) => (field === '?' ? '*' : field);
  // Shift weekday numbers (not the n of "#n", the nth weekday of the month) down by one.
  const weekday = any(dayOfWeek).replace(/(^|[,\-/])(\d)/g, (_, before: string, day: string) => {
    return before === '/' ? `${before}${day}` : `${before}${Number(day) - 1}`;
  });
  return ['0', minute, hour, any(dayOfMonth), month, weekday].join(' ');
}

export function cronFor(schedule: ScheduleDefinition, onFire?: () => void): Cron {
  return new Cron(awsCronToCroner(schedule.expression), { timezone: schedule.timeZone, paused: !onFire }, onFire);
}

/** Invokes a schedule's function with the payload the AWS schedule sends (plus `runAs` for manual runs). */
export async function fireSchedule(
  schedule: ScheduleDefinition,
  stage: string,
  runAs?: string,
  dryRun = false,
): Promise<unknown> {
  const handler = await loadHandler(schedule.functionId);
  const input: ScheduledJobInput = { job: schedule.job, ...(runAs ? { runAs } : {}), ...(dryRun ? { dryRun } : {}) };
  const definition = FUNCTIONS[schedule.functionId];
  return handler(input, lambdaContext(`${stage}-${schedule.functionId}`, definition.timeoutSeconds));
}

export interface LocalScheduler {
  next(): { job: string; at: Date | null }[];
  stop(): void;
}

export function startLocalScheduler(stage: string): LocalScheduler {
  const crons = SCHEDULES.map((schedule) => ({
    schedule,
    cron: cronFor(schedule, () => {
      fireSchedule(schedule, stage).catch((error: unknown) => {
        console.error(`Local scheduler: ${schedule.job} failed`, error);
      });
    }),
  }));
  return {
    next: () => crons.map(({ schedule, cron }) => ({ job: schedule.job, at: cron.nextRun() })),
    stop: () => {
      for (const { cron } of crons) cron.stop();
    },
  };
}
