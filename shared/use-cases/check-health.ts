/**
 * Report the state of each dependency.
 * Course: 1. probe every dependency at once, each with a time limit  2. say which answered and how fast
 *         3. the service is "ok" only when all did.
 */
export type Probe = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'degraded';
  dependencies: Record<string, { status: 'ok' | 'unavailable'; latencyMs: number }>;
}

const PROBE_TIME_LIMIT_MS = 2_000;

async function timed(probe: Probe, clock: () => number) {
  const started = clock();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('time limit')), PROBE_TIME_LIMIT_MS);
  });
  try {
    await Promise.race([probe(), limit]);
    return { status: 'ok' as const, latencyMs: clock() - started };
  } catch {
    return { status: 'unavailable' as const, latencyMs: clock() - started };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(
  probes: Record<string, Probe>,
  clock: () => number = () => performance.now(),
): Promise<HealthReport> {
  const names = Object.keys(probes);
  const results = await Promise.all(names.map((name) => timed(probes[name] ?? (async () => {}), clock)));
  const dependencies = Object.fromEntries(
    names.map((name, index) => [name, results[index] ?? { status: 'unavailable' as const, latencyMs: 0 }]),
  );
  const status = results.every((result) => result.status === 'ok') ? 'ok' : 'degraded';
  return { status, dependencies };
}
