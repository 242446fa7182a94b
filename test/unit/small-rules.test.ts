import { describe, expect, it } from 'vitest';
import { ConfigurationError, readEnv } from '../../shared/config/env.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { checkHealth } from '../../shared/use-cases/check-health.ts';

describe('the day in London', () => {
  it.each([
    ['2027-06-30T22:59:59Z', '2027-06-30'], // 23:59 BST
    ['2027-06-30T23:00:00Z', '2027-07-01'], // midnight BST
    ['2027-01-31T23:59:59Z', '2027-01-31'], // GMT
    ['2027-02-01T00:00:00Z', '2027-02-01'],
  ])('at %s is %s', (instant, day) => {
    expect(londonDate(new Date(instant))).toBe(day);
  });
});

describe('the environment contract', () => {
  it('names every missing variable at once', () => {
    expect(() => readEnv(['PROVIDERS_TABLE', 'MEETINGS_TABLE'], { PROVIDERS_TABLE: '' })).toThrow(
      /PROVIDERS_TABLE, MEETINGS_TABLE/,
    );
    expect(() => readEnv(['STAGE'], {})).toThrow(ConfigurationError);
  });
});

describe('health', () => {
  it('is degraded when one dependency fails, naming it', async () => {
    const report = await checkHealth({ table: async () => {}, email: async () => Promise.reject(new Error('down')) });

    expect(report.status).toBe('degraded');
    expect(report.dependencies.table?.status).toBe('ok');
    expect(report.dependencies.email?.status).toBe('unavailable');
  });
});
