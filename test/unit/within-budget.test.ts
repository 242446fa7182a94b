import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobRunsMain } from '../../shared/adapters/http/workspace/views/job-runs.ts';
import { withinBudget } from '../../shared/use-cases/within-budget.ts';

/**
 * A dry run started in the workspace is waited for 7 s at most (the function has 10 s): planning over the whole
 * register can take minutes, and a dry run writes nothing, so the page says it did not finish instead of timing out.
 */
afterEach(() => {
  vi.useRealTimers();
});

describe('waiting for a dry run within the page’s time', () => {
  it('answers the work’s value when it finishes in time', async () => {
    await expect(withinBudget(Promise.resolve(42), 1000)).resolves.toEqual({ kind: 'done', value: 42 });
  });

  it('answers "unfinished" when the work outlasts the budget', async () => {
    vi.useFakeTimers();
    const never = new Promise<number>(() => undefined);

    const waited = withinBudget(never, 7000);
    await vi.advanceTimersByTimeAsync(7000);

    await expect(waited).resolves.toEqual({ kind: 'unfinished' });
  });

  it('lets a failure within the budget through (a refused day is still named)', async () => {
    await expect(withinBudget(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });

  it('says on the job runs page that the dry run did not finish and nothing was written', () => {
    const page = jobRunsMain({
      roles: ['admin'],
      job: 'quarterly-planning',
      runs: [],
      nextToken: null,
      names: new Map(),
      mayStart: true,
      state: null,
      formToken: 'token',
      dryRun: null,
      unfinished: true,
    }).toString();

    expect(page).toContain('govuk-warning-text');
    expect(page).toContain('The dry run did not finish');
    expect(page).toContain('Nothing was written or sent');
  });
});
