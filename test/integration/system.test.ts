import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireSchedule } from '../../infra/local/scheduler.ts';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { openApiDocument } from '../../shared/definitions/openapi.ts';
import { ROUTES } from '../../shared/definitions/routes.ts';
import { SCHEDULES } from '../../shared/definitions/schedules.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('health', () => {
  it('reports each dependency as answering, without a token', async () => {
    const answer = await api.call<{ status: string; dependencies: Record<string, { status: string }> }>(
      'GET',
      '/health',
    );

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
    expect(Object.keys(answer.body.dependencies).sort()).toEqual(['email', 'meetingsTable', 'providersTable']);
    expect(Object.values(answer.body.dependencies).every((dependency) => dependency.status === 'ok')).toBe(true);
  });
});

describe('the OpenAPI document', () => {
  it('documents every route the API serves, with its method', async () => {
    const answer = await api.call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/openapi.json',
    );

    expect(answer.body.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      expect(
        answer.body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
  });
});

describe('the served OpenAPI document (issue 18)', () => {
  it('names the stage it was served from first, then the local stack, and is otherwise the generated document', async () => {
    const answer = await api.call<ReturnType<typeof openApiDocument>>('GET', '/openapi.json');

    const { servers, ...rest } = answer.body;
    expect(servers[0]).toEqual({ url: process.env.PUBLIC_BASE_URL, description: 'This stage (test)' });
    expect(servers[1]?.url).toBe('http://localhost:{port}');
    const { servers: _generated, ...generated } = openApiDocument();
    expect(rest).toEqual(generated);
  });

  it('serves the reference page with its own CSP: scripts from this API only, no framing', async () => {
    const answer = await api.call('GET', '/docs');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.text).toContain('<redoc spec-url="/openapi.json"');
    expect(answer.text).not.toMatch(/<script>|<script [^>]*src="(?!\/docs\/)/);
  });
});

describe('scheduled jobs', () => {
  it.each(SCHEDULES.map((schedule) => [schedule.job, schedule] as const))(
    'the %s schedule invokes its function, which records the run as the day it was asked to run as',
    async (job, schedule) => {
      const run = (await fireSchedule(schedule, 'test', '2027-04-01')) as JobRun;

      const stored = await documentClient.send(
        new QueryCommand({
          TableName: process.env.MEETINGS_TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `JOB#${job}` },
        }),
      );
      expect(stored.Items?.find((item) => item.runId === run.runId)).toMatchObject({
        job,
        runAs: '2027-04-01',
        trigger: `schedule:${job}`,
        outcome: 'completed',
      });
    },
  );

  it('fails an invocation whose payload names no known job, so the schedule retries and dead-letters it', async () => {
    const broken = { ...SCHEDULES[0], job: 'weekly' } as unknown as (typeof SCHEDULES)[number];

    await expect(fireSchedule(broken, 'test')).rejects.toThrow();
  });
});
