import { lazySchema } from '../../shared/schemas/lazy-schema.ts';
import * as z from '../../shared/schemas/zod.ts';

/**
 * What the register import's state machine sends each step (its task payloads, issue 16): checked
 * at the boundary like any input. The infra test parses the synthesized payloads with it, so the
 * state machine and the handler cannot drift apart. Built on the first step's arrival, not at cold
 * start (issue 17).
 */
export const StepSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('step', [
    z.strictObject({ step: z.literal('split'), key: z.string().check(z.minLength(1)) }),
    z.strictObject({
      step: z.literal('shard'),
      importId: z.string().check(z.minLength(1)),
      shard: z.number().check(z.int(), z.gte(0)),
    }),
    z.strictObject({ step: z.literal('finish'), importId: z.string().check(z.minLength(1)) }),
    z.strictObject({ step: z.literal('failed'), key: z.string().check(z.minLength(1)) }),
  ]),
);
export type Step = z.infer<typeof StepSchema>;
