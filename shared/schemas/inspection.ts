import * as z from 'zod';
import { IdSchema, pageOf } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** Inspections (R-REL-5): who inspected a provider or one of its locations, and when. */
export const RecordInspectionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** Leave out for an inspection of the provider as a whole. */
      locationId: IdSchema.optional(),
      inspectedOn: z.iso.date(),
      inspectorStaffIds: z
        .array(IdSchema)
        .min(1)
        .max(20)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'name each inspector once' }),
      /** R-REL-5 (adult social care): why the relationship holder did not carry it out. */
      reasonHolderDidNot: z.string().trim().min(1).max(1000).optional(),
    })
    .strict()
    .meta({ id: 'RecordInspection' }),
);

export const InspectionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      inspectionId: IdSchema,
      providerId: IdSchema,
      locationId: IdSchema.nullable(),
      inspectedOn: z.iso.date(),
      inspectors: z.array(z.object({ staffId: IdSchema, name: z.string() })),
      /** The relationship holder when it was recorded, where there was one. */
      holderStaffId: IdSchema.nullable(),
      reasonHolderDidNot: z.string().nullable(),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string(),
    })
    .meta({ id: 'Inspection' }),
);

export const InspectionPageSchema = /* @__PURE__ */ lazySchema(() =>
  pageOf(InspectionSchema).meta({ id: 'InspectionPage' }),
);

export type RecordInspectionInput = z.infer<typeof RecordInspectionSchema>;
export type Inspection = z.infer<typeof InspectionSchema>;
