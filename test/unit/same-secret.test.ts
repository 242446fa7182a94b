import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../shared/domain/links/provider-link.ts';

describe('comparing a secret a caller sent (issue 12 item 7)', () => {
  it.each([
    ['the same token', 'abc', 'abc', true],
    ['another token of the same length', 'abd', 'abc', false],
    ['one non-ASCII character, same length in characters', 'éc', 'ab', false],
    ['an empty token', '', 'abc', false],
  ])('%s: %s', (_what, given, expected, same) => {
    expect(sameSecret(given, expected)).toBe(same);
  });

  it('never throws, whatever the caller sends', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (given, expected) => {
        expect(sameSecret(given, expected)).toBe(given === expected);
      }),
    );
  });
});
