import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { JobName } from '../../definitions/schedules.ts';
import type { JobRun } from '../../schemas/jobs.ts';
import type { Page } from '../../use-cases/ports.ts';
import type { JobRunLedger } from '../../use-cases/run-job.ts';
import { documentClient } from './client.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

/** Job runs on the meetings table: one partition per job, newest last by start time. */
export const jobRunKey = (run: Pick<JobRun, 'job' | 'startedAt' | 'runId'>) => ({
  pk: `JOB#${run.job}`,
  sk: `RUN#${run.startedAt}#${run.runId}`,
});

export class DynamoJobRunLedger implements JobRunLedger {
  constructor(private readonly tableName: string) {}

  /**
   * One entry per runId. Lambda retries a failed asynchronous invocation (up to twice, with the same
   * event: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html), so a run
   * handed over from the workspace may be recorded again with the same runId and a later startedAt.
   * A marker item keyed by runId claims the entry's sort key the first time (if_not_exists, so no failed
   * conditional write is billed); a retry writes over that entry with its own outcome.
   */
  async record(run: JobRun): Promise<void> {
    const { pk, sk } = jobRunKey(run);
    const claim = await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: `RUNID#${run.runId}` },
        UpdateExpression: 'SET kind = :kind, runSk = if_not_exists(runSk, :sk)',
        ExpressionAttributeValues: { ':kind': 'job-run-id', ':sk': sk },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const runSk = typeof claim.Attributes?.runSk === 'string' ? claim.Attributes.runSk : sk;
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk, sk: runSk, kind: 'job-run', ...run },
      }),
    );
  }

  /** Past runs of a job, newest first: one Query. */
  async list(job: JobName, limit: number, nextToken?: string): Promise<Page<JobRun>> {
    const values = { ':job': `JOB#${job}`, ':run': 'RUN#' };
    const scope = { tableName: this.tableName, values };
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :job AND begins_with(sk, :run)',
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: await decodePageToken(nextToken, scope),
      }),
    );
    const items = (page.Items ?? []).map(({ pk: _pk, sk: _sk, kind: _kind, ...run }) => run as JobRun);
    return { items, nextToken: await encodePageToken(page.LastEvaluatedKey, scope) };
  }
}
