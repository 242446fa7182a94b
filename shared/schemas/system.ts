import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const DependencyHealthSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    status: z.enum(['ok', 'unavailable']),
    latencyMs: z.number(),
  }),
);

export const HealthSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      status: z.enum(['ok', 'degraded']),
      dependencies: z.record(z.string(), DependencyHealthSchema),
    })
    .meta({ id: 'Health' }),
);

export const AuditEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      auditId: z.string(),
      providerId: z.string().nullable(),
      entityType: z.string(),
      entityId: z.string(),
      action: z.enum(['created', 'updated', 'deleted']),
      actor: z.object({ type: z.string(), id: z.string() }),
      at: z.iso.datetime(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    })
    .meta({ id: 'AuditEntry' }),
);

export const AuditPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ items: z.array(AuditEntrySchema), nextToken: z.string().nullable() }).meta({ id: 'AuditPage' }),
);
