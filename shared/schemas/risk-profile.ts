import * as z from 'zod';
import { IdSchema } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** R-CORP-5: a provider's quality and risk profile across its locations, with a per-quarter trend. */
const Counts = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.number().int()));
const InspectionBrief = /* @__PURE__ */ lazySchema(() =>
  z.object({ inspectionId: IdSchema, inspectedOn: z.iso.date() }),
);

export const RiskProfileSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      providerId: IdSchema,
      name: z.string(),
      sector: z.string(),
      on: z.iso.date(),
      quarters: z.array(z.string()),
      totals: z.object({
        locations: z.number().int(),
        atSignificantRisk: z.number().int(),
        openSubmissions: z.number().int(),
        openConcerns: z.number().int(),
        overdueMeetings: z.number().int(),
        informationByKind: Counts,
      }),
      trend: z.array(
        z.object({
          quarter: z.string(),
          information: Counts,
          submissions: z.number().int(),
          concerns: z.number().int(),
          meetingsHeld: z.number().int(),
          inspections: z.number().int(),
        }),
      ),
      locations: z.array(
        z.object({
          locationId: IdSchema,
          name: z.string(),
          significantRisk: z.boolean(),
          overdueMeetings: z.number().int(),
          lastInspection: InspectionBrief.nullable(),
        }),
      ),
      lastInspection: InspectionBrief.extend({ locationId: IdSchema.nullable() }).nullable(),
    })
    .meta({ id: 'RiskProfile' }),
);
