import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const PolicyPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    policyId: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/, 'must be a policy id such as nhs-trusts-2020')),
  }),
);
