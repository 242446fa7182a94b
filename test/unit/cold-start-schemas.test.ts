import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as core from 'zod/v4/core';
import { localEnvironment } from '../../infra/local/environment.ts';
import { FUNCTION_IDS, FUNCTIONS } from '../../shared/definitions/functions.ts';
import * as z from '../../shared/schemas/zod.ts';

/**
 * Issue 17: a cold start builds no zod schema. Every schema is built on the first request that needs it
 * (shared/schemas/lazy-schema.ts), and the configuration read at cold start is checked by plain code
 * (shared/config/env.ts, policy.ts): 36 schemas built at every function's start, for three small
 * environment values, were about a third of what zod cost a cold start.
 *
 * Counted through zod's own hook on every schema it constructs (`globalConfig.postProcessor`, the hook
 * `zod/compile` installs); the first test proves the hook still fires, so an upgrade that drops it fails
 * here rather than passing silently.
 */
const constructed: string[] = [];
const config = core.globalConfig as { postProcessor?: (schema: unknown) => void };
const previous = config.postProcessor;

beforeAll(() => {
  config.postProcessor = () => {
    constructed.push((new Error().stack ?? '').split('\n').slice(2, 6).join('\n'));
  };
  for (const [name, value] of Object.entries({
    ...localEnvironment({
      stage: 'cold-start',
      dynamoDbEndpoint: 'http://127.0.0.1:9',
      sesEndpoint: 'http://127.0.0.1:9',
      linkSigningKey: Buffer.alloc(32, 7).toString('base64'),
      publicBaseUrl: 'http://localhost:3000',
    }),
    IMPORTS_BUCKET: 'cold-start-imports',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  })) {
    vi.stubEnv(name, value);
  }
});

afterAll(() => {
  config.postProcessor = previous;
  vi.unstubAllEnvs();
});

describe('a cold start', () => {
  it('is watched: building a schema is counted', () => {
    constructed.length = 0;
    z.object({ name: z.string() });

    expect(constructed.length).toBeGreaterThan(0);
  });

  it.each(FUNCTION_IDS)('of the %s function builds no zod schema', async (id) => {
    constructed.length = 0;
    await import(/* @vite-ignore */ new URL(`../../${FUNCTIONS[id].entry}`, import.meta.url).href);

    expect(constructed).toEqual([]);
  });
});
