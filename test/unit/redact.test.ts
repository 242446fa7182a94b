import { describe, expect, it } from 'vitest';
import { loggableError, redact } from '../../shared/observability/redact.ts';

describe('what reaches the logs', () => {
  it.each([
    [
      'an email address',
      'Email address is not verified: jo.bloggs+x@trust.nhs.uk',
      'Email address is not verified: [email]',
    ],
    [
      'a provider link token',
      'GET /respond/v1.eyJwdXJwb3NlIjoicmVzcG9uZCJ9.MuZSBjVrJwwwhJKIAJWqz0Q9Ckl9ZGqNxorHdnTr1I4 failed',
      'GET /respond/[link] failed',
    ],
    ['a staff JWT', 'bad token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here', 'bad token [token] here'],
    ['nothing personal', 'ConditionalCheckFailed on MEETING#01J0', 'ConditionalCheckFailed on MEETING#01J0'],
  ])('takes out %s', (_case, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps the error’s name and redacts its message and stack', () => {
    const error = new TypeError('cannot send to ann@example.org');

    const safe = loggableError(error);

    expect(safe.name).toBe('TypeError');
    expect(safe.message).toBe('cannot send to [email]');
    expect(safe.stack).not.toContain('ann@example.org');
  });
});
