import { describe, expect, it } from 'vitest';
import {
  duplicateSightings,
  duplicatesOfShard,
  MAX_SHARDS,
  SHARD_TARGET_BYTES,
  shardCountFor,
  shardOf,
} from '../../shared/domain/register/shard-plan.ts';

/** How the register import splits the file (issue 16): pure planning, no file and no DynamoDB. */
describe('shardCountFor', () => {
  it.each([
    ['an empty or unknown size', 0, 1],
    ['a negative size', -5, 1],
    ['one byte', 1, 1],
    ['exactly one shard of bytes', SHARD_TARGET_BYTES, 1],
    ['one byte over a shard', SHARD_TARGET_BYTES + 1, 2],
    ["today's published file (13 MB)", 14_000_000, 4],
    ['ten times the register (134 MB)', 140_000_000, 34],
    ['the 300 MB limit', 300 * 1024 * 1024, 75],
    ['far past any file', 10 * 1024 ** 4, MAX_SHARDS],
    ['not a number', Number.NaN, 1],
  ])('gives %s %i shard(s)', (_case, bytes, shards) => {
    expect(shardCountFor(bytes)).toBe(shards);
  });
});

describe('shardOf', () => {
  it('puts the same Provider ID in the same shard on every run', () => {
    expect(shardOf('1-101639192', 34)).toBe(shardOf('1-101639192', 34));
  });

  it('spreads 30,000 Provider IDs over 4 shards within 5 % of even', () => {
    const counts = [0, 0, 0, 0];
    for (let n = 0; n < 30_000; n += 1) {
      const shard = shardOf(`1-${100_000_000 + n * 7}`, 4);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }

    for (const count of counts) expect(Math.abs(count - 7_500)).toBeLessThan(375);
  });

  it.each([
    ['one shard', 1],
    ['no shards asked (treated as one)', 0],
    ['256 shards', 256],
  ])('answers a shard in range for %s', (_case, count) => {
    for (const key of ['', '1-1', '1-999999999999999', 'é-ü']) {
      const shard = shardOf(key, count);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(Math.max(1, count));
    }
  });
});

describe('duplicateSightings', () => {
  it('keeps the first line of a Location ID and refuses the later ones, naming the first line', () => {
    const refused = duplicateSightings([
      { locationId: '1-5', line: 9, providerId: '1-30' },
      { locationId: '1-5', line: 2, providerId: '1-10' },
      { locationId: '1-6', line: 3, providerId: '1-10' },
      { locationId: '1-5', line: 4, providerId: '1-20' },
    ]);

    expect(refused).toEqual([
      { line: 4, locationId: '1-5', providerId: '1-20', reason: 'duplicate Location ID (first on line 2)' },
      { line: 9, locationId: '1-5', providerId: '1-30', reason: 'duplicate Location ID (first on line 2)' },
    ]);
  });

  it('refuses nothing when every Location ID is given once', () => {
    expect(
      duplicateSightings([
        { locationId: '1-1', line: 2, providerId: '1-9' },
        { locationId: '1-2', line: 3, providerId: '1-9' },
      ]),
    ).toEqual([]);
  });
});

describe('duplicatesOfShard', () => {
  it("hands each refused duplicate to exactly one shard: its provider's", () => {
    const duplicates = Array.from({ length: 50 }, (_, n) => ({
      line: n + 2,
      locationId: `1-${n}`,
      providerId: `1-${1000 + n}`,
      reason: 'duplicate Location ID (first on line 1)',
    }));

    const perShard = Array.from({ length: 7 }, (_, shard) => duplicatesOfShard(duplicates, shard, 7));

    expect(perShard.flat().sort((a, b) => a.line - b.line)).toEqual(duplicates);
    perShard.forEach((entries, shard) => {
      for (const entry of entries) expect(shardOf(String(entry.providerId), 7)).toBe(shard);
    });
  });
});
