import * as z from 'zod';
import { JOB_NAMES } from '../definitions/schedules.ts';

/** What a schedule (or a manual run) sends the jobs function. */
export const ScheduledJobInputSchema = z
  .object({
    job: z.enum(JOB_NAMES),
    runAs: z.iso.date().optional(),
  })
  .strict();

export const JobRunSchema = z
  .object({
    runId: z.string(),
    job: z.enum(JOB_NAMES),
    runAs: z.iso.date(),
    trigger: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    outcome: z.enum(['completed', 'failed']),
    /** What the run did: meetings planned, alerts sent… */
    summary: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'JobRun' });

export const JobRunPageSchema = z
  .object({ items: z.array(JobRunSchema), nextToken: z.string().nullable() })
  .meta({ id: 'JobRunPage' });

export type JobRun = z.infer<typeof JobRunSchema>;
