import { ulid } from 'ulid';
import { dayFromFields } from '../../shared/adapters/http/workspace/date-fields.ts';
import { jobRunStartedMain } from '../../shared/adapters/http/workspace/views/job-run-started.ts';
import {
  importMain,
  importsMain,
  JOB_WORDS,
  jobRunHref,
  jobRunMain,
  jobRunsMain,
  mentalHealthMain,
} from '../../shared/adapters/http/workspace/views/job-runs.ts';
import type { AdminForm } from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import { ENV } from '../../shared/config/env.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { JOB_NAMES, type JobName } from '../../shared/definitions/schedules.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/domain/errors.ts';
import { DaySchema } from '../../shared/schemas/common.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import { StartJobSchema } from '../../shared/schemas/meeting.ts';
import { CqcIdSchema, ImportPathSchema, MarkMentalHealthProviderSchema } from '../../shared/schemas/register-import.ts';
import { handOffJobRun } from '../../shared/use-cases/hand-off-job-run.ts';
import {
  markMentalHealthProvider,
  unmarkMentalHealthProvider,
} from '../../shared/use-cases/mark-mental-health-provider.ts';
import { withinBudget } from '../../shared/use-cases/within-budget.ts';
import { adminDeps, importReports, jobRunner, jobStarter } from './admin-deps.ts';
import { changeAs, type GetPage, mayUse, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { allStaff } from './stores.ts';

/**
 * Job runs, register imports and the national mental health providers list as pages (issue 15 item 7,
 * issue 16): GET and POST /jobs/{job}/runs, GET /imports and /imports/{id}, and the list's routes, with
 * their role lists. A run started here is composed exactly as the jobs function's (job-runner.ts).
 */

/** The workspace function answers within 10 s: a dry run started here sends nothing and composes for 5 s at most. */
const SENDING_BUDGET_MS = 5_000;
const PAGE_SIZE = 25;
/** How long the page waits for a dry run's answer: within the function's 10 s, with time to render. */
const DRY_RUN_WAIT_MS = 7_000;
const RUN_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const isJob = (value: string): value is JobName => (JOB_NAMES as readonly string[]).includes(value);

const staffNames = async () => new Map((await allStaff()).map((member) => [member.staffId, member.name]));

async function jobsPage(
  request: PageRequest,
  job: JobName,
  extra: { state?: AdminForm | null; dryRun?: JobRun | null; unfinished?: boolean },
  status: number,
) {
  changeAs(request, ROUTE_ROLES.listJobRuns);
  const from = request.event.queryStringParameters?.from;
  const { ledger } = await jobRunner();
  const [page, names] = await Promise.all([ledger.list(job, PAGE_SIZE, from), staffNames()]);
  return render(request, status, {
    title: 'Job runs',
    section: 'admin',
    main: jobRunsMain({
      roles: request.session.roles,
      job,
      runs: page.items,
      nextToken: page.nextToken,
      names,
      mayStart: mayUse(request, ROUTE_ROLES.startJobRun),
      state: extra.state ?? null,
      formToken: request.session.formToken,
      dryRun: extra.dryRun ?? null,
      unfinished: extra.unfinished === true,
    }),
    problems: extra.state?.problems ?? [],
  });
}

async function mentalHealthPage(request: PageRequest, state: AdminForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.listMentalHealthProviders);
  const items = await adminDeps.lists.mentalHealthProviders();
  const done = request.event.queryStringParameters?.done ?? '';
  return render(request, status, {
    title: 'National independent mental health providers',
    section: 'admin',
    main: mentalHealthMain({
      roles: request.session.roles,
      items: [...items].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      mayChange: mayUse(request, ROUTE_ROLES.markMentalHealthProvider),
      state,
      formToken: request.session.formToken,
      notice: state ? null : ({ added: 'Added to the list', removed: 'Taken off the list' }[done] ?? null),
    }),
    problems: state?.problems ?? [],
  });
}

const stateOf = (request: PageRequest, form: URLSearchParams, which: string, problems: AdminForm['problems']) => ({
  formToken: request.session.formToken,
  form: which,
  values: Object.fromEntries([...new Set(form.keys())].map((key) => [key, form.get(key) ?? ''])),
  problems,
});

export const RUN_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /jobs/{job}/runs
    workspaceJobRuns: (request) => {
      const asked = request.event.queryStringParameters?.job ?? 'daily';
      return jobsPage(request, isJob(asked) ? asked : 'daily', {}, 200);
    },
    // One run, from GET /jobs/{job}/runs (the ledger keeps a few hundred a year per job).
    workspaceJobRun: async (request) => {
      changeAs(request, ROUTE_ROLES.listJobRuns);
      const job = request.path.job ?? '';
      const runId = request.path.runId ?? '';
      if (!isJob(job)) throw new NotFoundError('No such job');
      const { ledger } = await jobRunner();
      let found: JobRun | undefined;
      let nextToken: string | undefined;
      for (let pages = 0; pages < 20 && !found; pages += 1) {
        const page = await ledger.list(job, 100, nextToken);
        found = page.items.find((run) => run.runId === runId);
        nextToken = page.nextToken ?? undefined;
        if (!nextToken) break;
      }
      const started = request.event.queryStringParameters?.done === 'started';
      if (!found) {
        // Handed to the jobs function and not recorded yet (issue 15): say it started, not "not found".
        if (!started || !RUN_ID.test(runId)) throw new NotFoundError('No such run');
        const runAs = DaySchema.safeParse(request.event.queryStringParameters?.runAs ?? '');
        return render(request, 200, {
          title: `${JOB_WORDS[job]}: run started`,
          section: 'admin',
          main: jobRunStartedMain(request.session.roles, job, runId, runAs.success ? runAs.data : null),
        });
      }
      const done = started ? 'Run finished and recorded' : null;
      return render(request, 200, {
        title: `${JOB_WORDS[found.job]} as ${found.runAs}`,
        section: 'admin',
        main: jobRunMain(request.session.roles, found, await staffNames(), done),
      });
    },
    // GET /imports
    workspaceImports: async (request) => {
      changeAs(request, ROUTE_ROLES.listImports);
      const from = request.event.queryStringParameters?.from;
      const page = await adminDeps.imports.list({ limit: PAGE_SIZE, ...(from ? { nextToken: from } : {}) });
      return render(request, 200, {
        title: 'Register imports',
        section: 'admin',
        main: importsMain(request.session.roles, page.items, page.nextToken),
      });
    },
    // GET /imports/{id}
    workspaceImport: async (request) => {
      changeAs(request, ROUTE_ROLES.getImport);
      const path = ImportPathSchema.safeParse({ importId: request.path.importId ?? '' });
      if (!path.success) throw new NotFoundError('No such import');
      // The API's GET /imports/{id} use case: the record, and short-lived links to the report once there is one.
      // Loaded on first use (with the S3 client), as the job runner is: other pages' cold starts skip it.
      const { readImport } = await import('../../shared/use-cases/read-import.ts');
      const { report, ...record } = await readImport(
        { ledger: adminDeps.imports, bucket: await importReports() },
        path.data.importId,
      );
      return render(request, 200, {
        title: record.fileName,
        section: 'admin',
        main: importMain(request.session.roles, record, report),
      });
    },
    // GET /register/national-mental-health-providers
    workspaceMentalHealth: (request) => mentalHealthPage(request, null, 200),
  },
  post: {
    // POST /jobs/{job}/runs: a dry run answers here (it changes nothing); a run redirects to its page.
    workspaceStartJob: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.startJobRun);
      const job = form.get('job') ?? '';
      const shownJob = isJob(job) ? job : 'daily';
      const again = (problems: AdminForm['problems']) =>
        jobsPage(request, shownJob, { state: stateOf(request, form, 'start', problems) }, 400);
      if (!isJob(job)) return again([{ href: '#job', text: 'Choose which job to run' }]);
      const day = dayFromFields(form, 'runAs', 'The day to run as');
      if (day.kind === 'problem') return again([{ href: '#runAs-day', text: day.text }]);
      const parsed = StartJobSchema.safeParse({
        runAs: day.kind === 'day' ? day.day : londonDate(request.now),
        dryRun: form.get('dryRun') === 'yes',
      });
      if (!parsed.success) return again([{ href: '#runAs-day', text: 'The day to run as must be a real date' }]);
      const deadline = Date.now() + SENDING_BUDGET_MS;
      let run: JobRun;
      try {
        if (!parsed.data.dryRun) {
          // A real run can take minutes (the register, a day's emails): the jobs function runs it (issue 15).
          if (change.actor.type !== 'staff') throw new ForbiddenError('Only staff start runs here');
          const handed = await handOffJobRun(
            await jobStarter(),
            { job, runAs: parsed.data.runAs },
            {
              actor: change.actor,
              now: request.now,
              newId: ulid,
              futureDays: process.env[ENV.futureRuns] === 'allowed' ? 'allowed' : 'refused',
            },
          );
          return redirect(`${jobRunHref(handed.job, handed.runId)}?done=started&runAs=${handed.runAs}`);
        }
        // A dry run writes nothing, so one that outgrows the page (planning over the whole register) is
        // left to finish unseen and the page says so, rather than the function timing out.
        const answer = await withinBudget(
          (await jobRunner()).run(job, parsed.data, change.actor, () => deadline - Date.now()),
          DRY_RUN_WAIT_MS,
        );
        if (answer.kind === 'unfinished') return jobsPage(request, job, { unfinished: true }, 200);
        run = answer.value;
      } catch (error) {
        // runJob refuses a day after today unless it is a dry run (issue 12 item 6).
        if (error instanceof ValidationError) {
          return again([
            {
              href: '#runAs-day',
              text: 'The day to run as must be today or earlier, or tick “Only show what it would do” to see a later day',
            },
          ]);
        }
        throw error;
      }
      return jobsPage(request, job, { dryRun: run }, 200);
    },
    // PUT /register/national-mental-health-providers/{registrationId}
    workspaceMarkMentalHealth: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.markMentalHealthProvider);
      const registrationId = CqcIdSchema.safeParse(form.get('registrationId') ?? '');
      const body = MarkMentalHealthProviderSchema.safeParse({ name: form.get('name') ?? '' });
      const problems = [
        ...(registrationId.success
          ? []
          : [{ href: '#registrationId', text: 'Enter a CQC Provider ID such as 1-101639192' }]),
        ...(body.success ? [] : [{ href: '#name', text: 'Enter the provider’s name (at most 200 characters)' }]),
      ];
      if (!registrationId.success || !body.success) {
        return mentalHealthPage(request, stateOf(request, form, 'mark', problems), 400);
      }
      await markMentalHealthProvider(adminDeps.lists, registrationId.data, body.data.name, change);
      return redirect('/workspace/admin/mental-health-providers?done=added');
    },
    // DELETE /register/national-mental-health-providers/{registrationId}
    workspaceUnmarkMentalHealth: async (request) => {
      const change = changeAs(request, ROUTE_ROLES.unmarkMentalHealthProvider);
      const registrationId = CqcIdSchema.safeParse(request.path.registrationId ?? '');
      if (!registrationId.success) throw new NotFoundError('That provider is not on the list');
      await unmarkMentalHealthProvider(adminDeps.lists, registrationId.data, change);
      return redirect('/workspace/admin/mental-health-providers?done=removed');
    },
  },
};
