import { IdSchema, pageOf } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** Inspections (R-REL-5): who inspected a provider or one of its locations, and when. */
export const RecordInspectionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      /** Leave out for an inspection of the provider as a whole. */
      locationId: z.optional(IdSchema),
      inspectedOn: z.iso.date(),
      inspectorStaffIds: z.array(IdSchema).check(
        z.minLength(1),
        z.maxLength(20),
        z.refine((ids) => new Set(ids).size === ids.length, { message: 'name each inspector once' }),
      ),
      /** R-REL-5 (adult social care): why the relationship holder did not carry it out. */
      reasonHolderDidNot: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
    }),
    'RecordInspection',
  ),
);

export const InspectionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      inspectionId: IdSchema,
      providerId: IdSchema,
      locationId: z.nullable(IdSchema),
      inspectedOn: z.iso.date(),
      inspectors: z.array(z.object({ staffId: IdSchema, name: z.string() })),
      /** The relationship holder when it was recorded, where there was one. */
      holderStaffId: z.nullable(IdSchema),
      reasonHolderDidNot: z.nullable(z.string()),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string(),
    }),
    'Inspection',
  ),
);

export const InspectionPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(pageOf(InspectionSchema), 'InspectionPage'),
);

export type RecordInspectionInput = z.infer<typeof RecordInspectionSchema>;
export type Inspection = z.infer<typeof InspectionSchema>;
