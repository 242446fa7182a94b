import { describe, expect, it } from 'vitest';
import { endedBySignOut } from '../../shared/domain/workspace/session.ts';

/** Signing out of the workspace signs out everywhere (issue 15): every session made before it ends. */
describe('sign-out everywhere', () => {
  it.each([
    ['a session made before the sign-out', { createdAt: 100, createdAtMs: 100_400 }, 100_500, true],
    ['the session signed out from, made the same millisecond', { createdAt: 100, createdAtMs: 100_500 }, 100_500, true],
    ['a sign-in after the sign-out, in the same second', { createdAt: 100, createdAtMs: 100_600 }, 100_500, false],
    ['an older session without milliseconds, from that second', { createdAt: 100 }, 100_500, true],
    ['any session, when nobody signed out', { createdAt: 100, createdAtMs: 100_000 }, null, false],
  ])('%s: ended %#', (_name, session, signedOutAt, ended) => {
    expect(endedBySignOut(session, signedOutAt)).toBe(ended);
  });
});
