import { PageQuerySchema } from '../../schemas/common.ts';
import { JobRunPageSchema, JobRunSchema } from '../../schemas/jobs.ts';
import { JobPathSchema, StartJobSchema } from '../../schemas/meeting.ts';
import type { RouteDefinition } from '../route-definition.ts';
import { ROUTE_ROLES } from '../route-roles.ts';

/** The routes the jobs function serves (functions/jobs/handler.ts imports this module, not routes.ts, so its bundle holds only these routes' schemas). */
export const JOBS_ROUTE = {
  startJobRun: {
    operationId: 'startJobRun',
    method: 'POST',
    path: '/jobs/{job}/runs',
    functionId: 'jobs',
    summary: 'Run a scheduled job now, as if it were the given day',
    auth: 'staff',
    roles: ROUTE_ROLES.startJobRun,
    request: { path: JobPathSchema, body: StartJobSchema },
    responses: {
      201: { description: 'The run, with what it did', schema: JobRunSchema },
      200: {
        description: 'A dry run ("dryRun": true): what the run would plan or send; nothing written, sent or recorded',
        schema: JobRunSchema,
      },
    },
    errors: [413, 415],
  },
  listJobRuns: {
    operationId: 'listJobRuns',
    method: 'GET',
    path: '/jobs/{job}/runs',
    functionId: 'jobs',
    summary: 'Past runs of a job, newest first, with what each planned and sent',
    auth: 'staff',
    roles: ROUTE_ROLES.listJobRuns,
    request: { path: JobPathSchema, query: PageQuerySchema },
    responses: { 200: { description: 'A page of runs', schema: JobRunPageSchema } },
    errors: [],
  },
} as const satisfies Record<string, RouteDefinition>;
