import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageTokenKey, readPageToken, signPageToken } from '../../shared/adapters/dynamodb/page-token.ts';
import { ValidationError } from '../../shared/domain/errors.ts';
import { signLink } from '../../shared/domain/links/provider-link.ts';

/** Page tokens are signed for the query they continue (issue 12 item 8). */
const key = pageTokenKey(randomBytes(32));
const providers = { tableName: 'providers', indexName: 'gsi1', values: { ':list': 'PROVIDERS' } };
const nhsTrusts = { tableName: 'providers', indexName: 'gsi2', values: { ':list': 'SECTOR#nhs-trust' } };
const lastKey = { pk: 'PROVIDER#01J', sk: 'PROFILE', gsi1pk: 'PROVIDERS', gsi1sk: 'riverside#01J' };
const token = signPageToken(key, providers, lastKey) ?? '';

describe('page tokens', () => {
  it('round-trip the start key for the query that made them', () => {
    expect(readPageToken(key, providers, token)).toEqual(lastKey);
  });

  it('are null when there is no next page', () => {
    expect(signPageToken(key, providers, undefined)).toBeNull();
  });

  it.each([
    ['an unsigned key (the old format)', Buffer.from(JSON.stringify(lastKey)).toString('base64url')],
    [
      'a crafted key signed with nothing',
      `p1.${Buffer.from('{"pk":"STAFF#x"}').toString('base64url')}.${'A'.repeat(43)}`,
    ],
    [
      'an altered key',
      `p1.${Buffer.from(JSON.stringify({ ...lastKey, pk: 'PROVIDER#02K' })).toString('base64url')}.${token.split('.')[2]}`,
    ],
    ['a token signed with another key', signPageToken(pageTokenKey(randomBytes(32)), providers, lastKey) ?? ''],
    ['a non-ASCII MAC', `${token.slice(0, -1)}é`],
    [
      'a provider link',
      signLink(
        { purpose: 'contact', providerId: 'p', meetingId: null, shareId: null, contactId: 'c', expiresAt: 1 },
        randomBytes(32),
      ),
    ],
    ['text', 'not-a-token'],
  ])('refuse %s with 400 naming query.nextToken', (_what, forged) => {
    expect(() => readPageToken(key, providers, forged)).toThrow(ValidationError);
    try {
      readPageToken(key, providers, forged);
    } catch (error) {
      expect((error as ValidationError).details).toEqual([{ path: 'query.nextToken', message: expect.any(String) }]);
    }
  });

  it('do not page another list (another index or partition)', () => {
    expect(() => readPageToken(key, nhsTrusts, token)).toThrow(ValidationError);
    expect(() => readPageToken(key, { ...providers, tableName: 'meetings' }, token)).toThrow(ValidationError);
  });

  it('refuse any string that is not one, never throwing anything else (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (forged) => {
        fc.pre(forged !== token);
        expect(() => readPageToken(key, providers, forged)).toThrow(ValidationError);
      }),
    );
  }, 30_000);
});
