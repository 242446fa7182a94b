import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const DependencyHealthSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    status: z.enum(['ok', 'unavailable']),
    latencyMs: z.number(),
  }),
);

export const HealthSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      status: z.enum(['ok', 'degraded']),
      dependencies: z.record(z.string(), DependencyHealthSchema),
    }),
    'Health',
  ),
);

export const AuditEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      auditId: z.string(),
      providerId: z.nullable(z.string()),
      entityType: z.string(),
      entityId: z.string(),
      action: z.enum(['created', 'updated', 'deleted']),
      actor: z.object({ type: z.string(), id: z.string() }),
      at: z.iso.datetime(),
      before: z.nullable(z.record(z.string(), z.unknown())),
      after: z.nullable(z.record(z.string(), z.unknown())),
    }),
    'AuditEntry',
  ),
);

export const AuditPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(AuditEntrySchema), nextToken: z.nullable(z.string()) }), 'AuditPage'),
);
