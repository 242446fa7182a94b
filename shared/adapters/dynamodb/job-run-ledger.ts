import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { JobRun } from '../../schemas/jobs.ts';
import type { JobRunLedger } from '../../use-cases/run-job.ts';
import { documentClient } from './client.ts';

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
}
