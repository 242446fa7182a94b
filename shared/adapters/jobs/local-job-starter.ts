import type { ScheduledJobInput } from '../../definitions/schedules.ts';
import type { JobStarter } from '../../use-cases/hand-off-job-run.ts';

/**
 * The local stack's twin of the asynchronous Lambda invoke: the local API (infra/local/http-adapter.ts), in
 * the same Node process, registers how to run the jobs handler in the background, as its scheduler does.
 * With nothing registered the start fails, so a page never claims a run started that did not.
 */
type Background = (input: ScheduledJobInput) => void;
let background: Background | null = null;

export function runJobsInBackgroundWith(run: Background): void {
  background = run;
}

export class LocalJobStarter implements JobStarter {
  async start(input: ScheduledJobInput): Promise<void> {
    if (!background) throw new Error('No local jobs function to hand the run to');
    background(input);
  }
}

/** The jobs function in AWS (ENV.jobsFunctionName), the local twin otherwise. */
export const jobStarterFor = async (functionName: string | undefined): Promise<JobStarter> => {
  if (!functionName) return new LocalJobStarter();
  const { LambdaJobStarter } = await import('./lambda-job-starter.ts');
  return new LambdaJobStarter(functionName);
};
