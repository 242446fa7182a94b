import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LambdaJobStarter } from '../../shared/adapters/jobs/lambda-job-starter.ts';
import { jobStarterFor, LocalJobStarter } from '../../shared/adapters/jobs/local-job-starter.ts';

/**
 * Handing a run to the jobs function in AWS (issue 15). No local Lambda runs here, so the client's `send` is
 * replaced only to see what would be asked and what Lambda answers: an asynchronous invocation
 * (InvocationType Event) is queued and answered with status 202 and no payload
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 */
const input = {
  job: 'quarterly-planning' as const,
  runAs: '2027-04-01',
  dryRun: false,
  runId: '01JQ0000000000000000000RN5',
  requestedBy: { staffId: '01J00000000000000000ADM1N0', roles: ['admin'] },
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handing a run to the jobs function', () => {
  it('invokes that function asynchronously with the schedule’s payload plus the run’s id and who asked', async () => {
    const send = vi.spyOn(LambdaClient.prototype, 'send').mockResolvedValue({ StatusCode: 202 } as never);

    await new LambdaJobStarter('dev-jobs').start(input);

    const command = send.mock.calls[0]?.[0] as InvokeCommand;
    expect(command).toBeInstanceOf(InvokeCommand);
    expect(command.input.FunctionName).toBe('dev-jobs');
    expect(command.input.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array))).toEqual(input);
  });

  it('fails, so the page says so, when Lambda does not accept the event', async () => {
    vi.spyOn(LambdaClient.prototype, 'send').mockResolvedValue({ StatusCode: 200 } as never);

    await expect(new LambdaJobStarter('dev-jobs').start(input)).rejects.toThrow('did not accept');
  });

  it('is the Lambda starter where the stack names the jobs function, the local twin otherwise', async () => {
    expect(await jobStarterFor('dev-jobs')).toBeInstanceOf(LambdaJobStarter);
    expect(await jobStarterFor(undefined)).toBeInstanceOf(LocalJobStarter);
  });
});
