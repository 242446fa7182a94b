import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const PolicyPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ policyId: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a policy id such as nhs-trusts-2020') }).strict(),
);
