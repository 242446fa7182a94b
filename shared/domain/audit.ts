import type { Actor } from './actor.ts';

/**
 * One audit entry: what changed, before and after, who did it and when.
 * Pure: the write path builds these beside every change and stores both in one transaction.
 */
export type AuditAction = 'created' | 'updated' | 'deleted';

export interface AuditEntry {
  auditId: string;
  providerId: string | null;
  entityType: string;
  entityId: string;
  action: AuditAction;
  /** Who it was; not their roles at the time (those are in the token, not history). */
  actor: { type: Actor['type']; id: string };
  at: string;
  /** Only the fields that changed; whole records on create and delete. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy']);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two versions of a record, bookkeeping fields left out. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of keys) {
    if (BOOKKEEPING.has(key) || sameValue(before[key], after[key])) continue;
    was[key] = before[key] ?? null;
    now[key] = after[key] ?? null;
  }
  return { before: was, after: now };
}

export function withoutBookkeeping(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !BOOKKEEPING.has(key)));
}
