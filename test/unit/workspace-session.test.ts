import { describe, expect, it } from 'vitest';
import { workspaceUrl } from '../../shared/domain/workspace/links.ts';
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  safeReturnPath,
  sessionExpiresAt,
  sessionState,
} from '../../shared/domain/workspace/session.ts';

/** The workspace session's lifetimes and where sign-in may send a browser back to (issue 15). */
const at = (seconds: number) => new Date(seconds * 1000);
const started = 1_800_000_000;

describe('sessionState', () => {
  it.each([
    ['just signed in', started, started, 'live'],
    ['idle one second short of the limit', started, started + SESSION_IDLE_SECONDS - 1, 'live'],
    ['idle for the whole idle limit', started, started + SESSION_IDLE_SECONDS, 'idle'],
    [
      'busy but at the absolute limit',
      started + SESSION_ABSOLUTE_SECONDS - 60,
      started + SESSION_ABSOLUTE_SECONDS,
      'expired',
    ],
  ] as const)('%s: %s', (_name, lastSeenAt, now, expected) => {
    expect(sessionState({ createdAt: started, lastSeenAt }, at(now))).toBe(expected);
  });

  it('lets DynamoDB delete a session at the earlier of its idle and absolute ends', () => {
    expect(sessionExpiresAt({ createdAt: started, lastSeenAt: started })).toBe(started + SESSION_IDLE_SECONDS);
    expect(sessionExpiresAt({ createdAt: started, lastSeenAt: started + SESSION_ABSOLUTE_SECONDS - 10 })).toBe(
      started + SESSION_ABSOLUTE_SECONDS,
    );
  });
});

describe('safeReturnPath: sign-in goes back to a workspace page only, never elsewhere', () => {
  it.each([
    ['/workspace/providers/01J?x=1', '/workspace/providers/01J?x=1'],
    ['/workspace', '/workspace'],
    [undefined, '/workspace'],
    ['https://evil.example/workspace', '/workspace'],
    ['//evil.example/workspace', '/workspace'],
    ['/workspace//evil.example', '/workspace'],
    ['/\\evil.example', '/workspace'],
    ['/workspaceevil', '/workspace'],
    ['/workspace/\r\nSet-Cookie: x', '/workspace'],
    ['/providers', '/workspace'],
    [`/workspace/${'a'.repeat(600)}`, '/workspace'],
  ])('%s → %s', (given, expected) => {
    expect(safeReturnPath(given)).toBe(expected);
  });
});

describe('workspaceUrl: the page an email to staff links to', () => {
  it.each([
    [{ page: 'my-work' } as const, 'https://engagement.example.org/workspace'],
    [{ page: 'meeting', meetingId: '01JMEET' } as const, 'https://engagement.example.org/workspace/meetings/01JMEET'],
    [
      { page: 'template', meetingId: '01JMEET' } as const,
      'https://engagement.example.org/workspace/meetings/01JMEET/template',
    ],
    [
      { page: 'provider', providerId: '01JPROV' } as const,
      'https://engagement.example.org/workspace/providers/01JPROV',
    ],
    [
      { page: 'provider', providerId: 'a/b', tab: 'relationships' } as const,
      'https://engagement.example.org/workspace/providers/a%2Fb/relationships',
    ],
  ])('%o', (target, expected) => {
    expect(workspaceUrl('https://engagement.example.org/', target)).toBe(expected);
  });
});
