import { IdSchema } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** R-CORP-5: a provider's quality and risk profile across its locations, with a per-quarter trend. */
const Counts = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.number().check(z.int())));
const InspectionBrief = /* @__PURE__ */ lazySchema(() =>
  z.object({ inspectionId: IdSchema, inspectedOn: z.iso.date() }),
);

export const RiskProfileSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      providerId: IdSchema,
      name: z.string(),
      sector: z.string(),
      on: z.iso.date(),
      quarters: z.array(z.string()),
      totals: z.object({
        locations: z.number().check(z.int()),
        atSignificantRisk: z.number().check(z.int()),
        openSubmissions: z.number().check(z.int()),
        openConcerns: z.number().check(z.int()),
        overdueMeetings: z.number().check(z.int()),
        informationByKind: Counts,
      }),
      trend: z.array(
        z.object({
          quarter: z.string(),
          information: Counts,
          submissions: z.number().check(z.int()),
          concerns: z.number().check(z.int()),
          meetingsHeld: z.number().check(z.int()),
          inspections: z.number().check(z.int()),
        }),
      ),
      locations: z.array(
        z.object({
          locationId: IdSchema,
          name: z.string(),
          significantRisk: z.boolean(),
          overdueMeetings: z.number().check(z.int()),
          lastInspection: z.nullable(InspectionBrief),
        }),
      ),
      lastInspection: z.nullable(z.extend(InspectionBrief, { locationId: z.nullable(IdSchema) })),
    }),
    'RiskProfile',
  ),
);
