import type { FunctionId } from './functions.ts';

/**
 * The scheduled work (R-REM-1..3), declared once. infra/ makes one EventBridge Scheduler
 * schedule per entry; infra/local/scheduler.ts fires the same entries with croner.
 * Expressions are AWS cron: minute hour day-of-month month day-of-week year.
 */
export const JOB_NAMES = ['quarterly-planning', 'annual-planning', 'daily'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface ScheduleDefinition {
  job: JobName;
  description: string;
  expression: string;
  timeZone: 'Europe/London';
  functionId: FunctionId;
  retry: { maximumAttempts: number; maximumEventAgeSeconds: number };
}

/** The payload each schedule sends to its function, in AWS and locally alike. */
export interface ScheduledJobInput {
  job: JobName;
  /** Set by a manual or local run to act as if it were that day (YYYY-MM-DD); schedules leave it out. */
  runAs?: string;
  /** Set by `npm run schedule -- … --dry-run`: report what the run would do, writing and sending nothing. */
  dryRun?: boolean;
  /** Set by the workspace's hand-off (issue 15): the run's id, chosen before the run starts. */
  runId?: string;
  /** Set by the workspace's hand-off: the member of staff who started the run. */
  requestedBy?: { staffId: string; roles: readonly string[] };
}

const retry = { maximumAttempts: 3, maximumEventAgeSeconds: 6 * 60 * 60 };

export const SCHEDULES: readonly ScheduleDefinition[] = [
  {
    job: 'quarterly-planning',
    description: "R-REM-1: plan the coming quarter's engagement meetings, first day of each quarter",
    expression: 'cron(0 6 1 1,4,7,10 ? *)',
    timeZone: 'Europe/London',
    functionId: 'jobs',
    retry,
  },
  {
    job: 'annual-planning',
    description: "R-REM-2: plan the year's annual meetings, on 1 April (the regulator's business year)",
    expression: 'cron(30 6 1 4 ? *)',
    timeZone: 'Europe/London',
    functionId: 'jobs',
    retry,
  },
  {
    job: 'daily',
    description: 'R-REM-3: send what is due today, every morning',
    expression: 'cron(0 7 * * ? *)',
    timeZone: 'Europe/London',
    functionId: 'jobs',
    retry,
  },
];
