import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ScheduledJobInput } from '../../definitions/schedules.ts';
import type { JobStarter } from '../../use-cases/hand-off-job-run.ts';

const client = new LambdaClient({});

/**
 * AWS: hands a run to the jobs function with an asynchronous invocation (InvocationType Event): Lambda
 * queues the event, answers 202 at once and runs the function with its own 15-minute timeout
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). The payload is what the schedule sends.
 */
export class LambdaJobStarter implements JobStarter {
  constructor(private readonly functionName: string) {}

  async start(input: ScheduledJobInput): Promise<void> {
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(input)),
      }),
    );
    if (answer.StatusCode !== 202) throw new Error(`The jobs function did not accept the run (${answer.StatusCode})`);
  }
}
