import * as z from 'zod';
import { lazySchema } from '../../shared/schemas/lazy-schema.ts';

/**
 * What the register import's state machine sends each step (its task payloads, issue 16): checked
 * at the boundary like any input. The infra test parses the synthesized payloads with it, so the
 * state machine and the handler cannot drift apart. Built on the first step's arrival, not at cold
 * start (issue 17).
 */
export const StepSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('step', [
    z.object({ step: z.literal('split'), key: z.string().min(1) }).strict(),
    z.object({ step: z.literal('shard'), importId: z.string().min(1), shard: z.number().int().min(0) }).strict(),
    z.object({ step: z.literal('finish'), importId: z.string().min(1) }).strict(),
    z.object({ step: z.literal('failed'), key: z.string().min(1) }).strict(),
  ]),
);
export type Step = z.infer<typeof StepSchema>;
