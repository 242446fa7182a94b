import type { RegisterRow } from './register-row.ts';

/**
 * How a register import is split into shards (issue 16), so that no step holds the whole file
 * and no step outlasts one Lambda invocation. Pure: the file's rows are spread over shards by a
 * hash of their Provider ID (a provider's facts, its location count and band, need all its rows
 * together), and over location shards by a hash of their Location ID (a Location ID twice in the
 * file is found one location shard at a time). Nothing assumes the file is sorted.
 */

/** About this many bytes of the published CSV per shard: today's file (13 MB) is 4 shards, 10x is 34. */
export const SHARD_TARGET_BYTES = 4 * 1024 * 1024;
/** The distributed map's items travel in the state's input (256 KiB): 256 shards is far below it. */
export const MAX_SHARDS = 256;

/** Shards for a file of `bytes`: at least one, one per SHARD_TARGET_BYTES, at most MAX_SHARDS. */
export function shardCountFor(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) return 1;
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(bytes / SHARD_TARGET_BYTES)));
}

/** FNV-1a (32 bits) of the key, modulo `count`: the same key lands in the same shard on every run. */
export function shardOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, count);
}

export interface RefusedRow {
  line: number;
  locationId: string | null;
  providerId: string | null;
  reason: string;
}

/** One line of a provider shard: a row to import, or a row refused while reading (kept with its provider). */
export type ShardRecord = { row: RegisterRow } | { refused: RefusedRow };

/** One line of a location shard: enough to find a Location ID given twice, and say which row came first. */
export interface LocationSighting {
  locationId: string;
  line: number;
  providerId: string;
}

/**
 * The rows of one location shard that repeat a Location ID seen on an earlier line: each is
 * refused ("duplicate Location ID"), the first is kept, as a one-pass read would (issue 16).
 */
export function duplicateSightings(sightings: Iterable<LocationSighting>): RefusedRow[] {
  const ordered = [...sightings].sort((a, b) => a.line - b.line);
  const firstLine = new Map<string, number>();
  const refused: RefusedRow[] = [];
  for (const sighting of ordered) {
    const first = firstLine.get(sighting.locationId);
    if (first === undefined) {
      firstLine.set(sighting.locationId, sighting.line);
      continue;
    }
    refused.push({
      line: sighting.line,
      locationId: sighting.locationId,
      providerId: sighting.providerId,
      reason: `duplicate Location ID (first on line ${first})`,
    });
  }
  return refused;
}

/** The duplicates a provider shard must refuse: those whose provider hashes to it. */
export function duplicatesOfShard(duplicates: readonly RefusedRow[], shard: number, count: number): RefusedRow[] {
  return duplicates.filter((entry) => shardOf(entry.providerId ?? '', count) === shard);
}
