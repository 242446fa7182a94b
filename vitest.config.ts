import { defineConfig } from 'vitest/config';

/**
 * Files that start the daily run through the API or its schedule and assert what that run did. The run
 * reads the whole tables (every reminder due, every overdue meeting, every email owed), so on the tables
 * every other file fills (each planning run plans for every provider there), it works through what the
 * other files left, not what the test built, and slowly. They get tables of their own.
 */
const WHOLE_TABLE_RUNS = [
  'test/integration/daily-run-api.test.ts',
  'test/integration/logs-without-personal-data.test.ts',
  'test/integration/provider-comments-outbox.test.ts',
  'test/integration/system.test.ts',
];

/**
 * Test tiers, each with its own script (package.json): unit (pure domain), infra (the synthesized
 * template), integration (real handlers over HTTP on DynamoDB Local and SES local), e2e (Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Synthesis bundles every function with esbuild; one file at a time keeps two cores usable.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: WHOLE_TABLE_RUNS,
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Their own local services (a fresh DynamoDB Local), run after the rest: see WHOLE_TABLE_RUNS.
          name: 'integration-runs',
          include: WHOLE_TABLE_RUNS,
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
