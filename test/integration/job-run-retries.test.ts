import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../../infra/local/dynamodb-local.ts';
import { tableNamesFor } from '../../infra/local/environment.ts';
import { DynamoJobRunLedger } from '../../shared/adapters/dynamodb/job-run-ledger.ts';
import { runJob } from '../../shared/use-cases/run-job.ts';

/**
 * Lambda retries a failed asynchronous invocation with the same event, so a run handed over from the
 * workspace (hand-off-job-run.ts) runs again with the same runId. Its own tables, so the listing holds
 * only this file's runs.
 */
const tables = tableNamesFor(`jobruns-${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  await createTables(
    new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: process.env.AWS_REGION }),
    tables,
  );
});

describe('the job-run ledger under retries', () => {
  it("keeps one entry for a run retried with the same runId, with the last attempt's outcome", async () => {
    // Arrange
    const ledger = new DynamoJobRunLedger(tables.meetings);
    const runId = ulid();
    const attempt = (startedAt: string, work: () => Promise<Record<string, unknown>>) =>
      runJob(
        ledger,
        { job: 'daily', runAs: '2026-11-30' },
        {
          actor: { type: 'schedule', id: 'daily' },
          now: () => new Date(startedAt),
          newId: () => runId,
          futureDays: 'refused',
        },
        work,
      );

    // Act
    await expect(
      attempt('2026-11-30T06:00:00.000Z', async () => {
        throw new Error('the first attempt fails');
      }),
    ).rejects.toThrow('the first attempt fails');
    await attempt('2026-11-30T06:01:00.000Z', async () => ({ sent: 3 }));

    // Assert
    const { items } = await ledger.list('daily', 10);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ runId, outcome: 'completed', summary: { sent: 3 } });
  });

  it('keeps an entry for each run with its own runId', async () => {
    // Arrange
    const ledger = new DynamoJobRunLedger(tables.meetings);
    const run = {
      job: 'quarterly-planning' as const,
      runAs: '2026-11-30',
      trigger: 'schedule:quarterly-planning',
      finishedAt: '2026-11-30T06:05:00.000Z',
      outcome: 'completed' as const,
      summary: {},
    };

    // Act
    await ledger.record({ ...run, runId: ulid(), startedAt: '2026-11-30T06:00:00.000Z' });
    await ledger.record({ ...run, runId: ulid(), startedAt: '2026-11-30T06:00:00.000Z' });

    // Assert
    const { items } = await ledger.list('quarterly-planning', 10);
    expect(items).toHaveLength(2);
  });
});
