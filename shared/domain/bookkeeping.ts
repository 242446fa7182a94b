import { type Actor, describeActor } from './actor.ts';
import type { AuditAction, AuditEntry } from './audit.ts';

/** The "who and when" fields every stored record carries. */
export interface Bookkeeping {
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export function firstVersion(actor: Actor, now: Date): Bookkeeping {
  const at = now.toISOString();
  const by = describeActor(actor);
  return { version: 1, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
}

export function nextVersion(previous: Bookkeeping, actor: Actor, now: Date): Bookkeeping {
  return {
    version: previous.version + 1,
    createdAt: previous.createdAt,
    createdBy: previous.createdBy,
    updatedAt: now.toISOString(),
    updatedBy: describeActor(actor),
  };
}

export function auditEntry(input: {
  auditId: string;
  providerId: string | null;
  entityType: string;
  entityId: string;
  action: AuditAction;
  actor: Actor;
  now: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}): AuditEntry {
  const { now, actor, ...rest } = input;
  return { ...rest, actor: { type: actor.type, id: actor.id }, at: now.toISOString() };
}
