import { JOB_NAMES } from '../definitions/schedules.ts';
import { DaySchema } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** What a schedule (or a manual run) sends the jobs function. */
export const ScheduledJobInputSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    job: z.enum(JOB_NAMES),
    runAs: z.optional(DaySchema),
    dryRun: z._default(z.boolean(), false),
    /** Set by the workspace when it hands a run to the jobs function: the run's id, so its page can find it. */
    runId: z.optional(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/))),
    /** Set by the workspace: who asked for the run (the run is theirs in the ledger, not the schedule's). */
    requestedBy: z.optional(
      z.strictObject({
        staffId: z.string().check(z.minLength(1), z.maxLength(64)),
        roles: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)),
      }),
    ),
  }),
);

export const JobRunSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      runId: z.string(),
      job: z.enum(JOB_NAMES),
      runAs: z.iso.date(),
      trigger: z.string(),
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime(),
      outcome: z.enum(['completed', 'failed']),
      /** A dry run: the summary says what the run would have planned or sent; nothing was written or sent. */
      dryRun: z.optional(z.boolean()),
      /** What the run did: meetings planned, alerts sent… */
      summary: z.record(z.string(), z.unknown()),
    }),
    'JobRun',
  ),
);

export const JobRunPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(JobRunSchema), nextToken: z.nullable(z.string()) }), 'JobRunPage'),
);

export type JobRun = z.infer<typeof JobRunSchema>;
