/**
 * Waits for work at most `ms`: its value if it finished, "unfinished" otherwise. The work is not cancelled,
 * so use it only for work that writes nothing (a dry run): the workspace answers within its 10 s timeout
 * with a clear page instead of the gateway's timeout (issue 15).
 */
export async function withinBudget<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ kind: 'done'; value: T } | { kind: 'unfinished' }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ kind: 'unfinished' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'unfinished' }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ kind: 'done' as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
