import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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

  async record(run: JobRun): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...jobRunKey(run), kind: 'job-run', ...run },
        ConditionExpression: 'attribute_not_exists(pk)',
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
