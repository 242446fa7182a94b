import * as z from 'zod';
import { CONTACT_ROLES, SECTORS } from '../domain/vocabulary.ts';
import { EmailSchema, IdSchema, NameSchema, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const SectorSchema = /* @__PURE__ */ lazySchema(() => z.enum(SECTORS));

export const ContactInputSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      email: EmailSchema,
      roles: z.array(z.enum(CONTACT_ROLES)).min(1).max(CONTACT_ROLES.length),
      jobTitle: NameSchema.optional(),
    })
    .strict(),
);

export const ContactSchema = /* @__PURE__ */ lazySchema(() =>
  ContactInputSchema.extend({
    contactId: IdSchema,
    /** Set when email to this address bounced for good or drew a complaint: nothing more is sent to it. */
    undeliverable: z.object({ since: z.iso.datetime(), reason: z.enum(['bounce', 'complaint']) }).optional(),
  }).meta({ id: 'Contact' }),
);

export const CreateProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      sector: SectorSchema,
      marketOversight: z.boolean().default(false),
      registrationId: singleLine(40).optional(),
      contacts: z.array(ContactInputSchema).max(50).default([]),
    })
    .strict()
    .meta({ id: 'CreateProvider' }),
);

/** PATCH is a partial update of the editable fields; contacts, when given, replace the list. */
export const UpdateProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      marketOversight: z.boolean(),
      registrationId: singleLine(40).nullable(),
      contacts: z.array(ContactInputSchema.extend({ contactId: IdSchema.optional() }).strict()).max(50),
      /** A staff correction of the sector: later register imports keep it and report the difference (issue 16). */
      sector: SectorSchema,
    })
    .partial()
    .strict()
    .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })
    .meta({ id: 'UpdateProvider' }),
);

/** Fields every stored record has; a function, so they are built with the schema that spreads them. */
const bookkeeping = () => ({
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

/** R-CAD-3: a cadence set for one provider ("for larger organisations we are likely to meet more frequently"). */
export const CadenceSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      meetingsPerYear: z.number().int().min(1).max(12),
      reason: z.string(),
      setAt: z.iso.datetime(),
      setBy: z.string(),
    })
    .meta({ id: 'Cadence' }),
);

export const SetCadenceSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      meetingsPerYear: z.number().int().min(1).max(12),
      reason: z.string().trim().min(1).max(500),
    })
    .strict()
    .meta({ id: 'SetCadence' }),
);

export const ProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      providerId: IdSchema,
      name: z.string(),
      sector: SectorSchema,
      marketOversight: z.boolean(),
      registrationId: z.string().nullable(),
      contacts: z.array(ContactSchema),
      locationCount: z.number().int().min(0),
      /** R-CAD-3: this provider's own cadence of provider-level meetings; absent or null: the rule's. */
      cadence: CadenceSchema.nullable().optional(),
      /** Set when staff corrected the sector: the register import does not undo it (issue 16). */
      sectorCorrected: z.boolean().optional(),
      /** When the register import found it no longer registered (no active location); kept, never deleted. */
      deregisteredAt: z.iso.datetime().nullable().optional(),
      ...bookkeeping(),
    })
    .meta({ id: 'Provider' }),
);

/**
 * One way to list at a time: by sector, by name (a prefix of any word of it, case and accents
 * ignored), or by CQC Provider ID (issue 16); none lists every provider by name.
 */
export const ListProvidersQuerySchema = /* @__PURE__ */ lazySchema(() =>
  PageQuerySchema.extend({
    sector: SectorSchema.optional(),
    name: z.string().trim().min(2).max(200).optional(),
    registrationId: z.string().trim().min(1).max(40).optional(),
  })
    .strict()
    .refine(
      (query) => [query.sector, query.name, query.registrationId].filter((value) => value !== undefined).length <= 1,
      {
        message: 'give at most one of sector, name and registrationId',
      },
    ),
);
export const ProviderPageSchema = /* @__PURE__ */ lazySchema(() => pageOf(ProviderSchema).meta({ id: 'ProviderPage' }));

export const ProviderPathSchema = /* @__PURE__ */ lazySchema(() => z.object({ providerId: IdSchema }).strict());

export const CreateLocationSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      registrationId: singleLine(40).optional(),
      address: singleLine(500).optional(),
      /** A significant risk of poor care here: it decides location-level relationships and meetings (R-REL-6, R-CAD-7). */
      significantRisk: z.boolean().default(false),
    })
    .strict()
    .meta({ id: 'CreateLocation' }),
);

export const UpdateLocationSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      registrationId: singleLine(40).nullable(),
      address: singleLine(500).nullable(),
      significantRisk: z.boolean(),
    })
    .partial()
    .strict()
    .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })
    .meta({ id: 'UpdateLocation' }),
);

export const LocationPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ providerId: IdSchema, locationId: IdSchema }).strict(),
);

export const LocationSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      locationId: IdSchema,
      providerId: IdSchema,
      name: z.string(),
      registrationId: z.string().nullable(),
      address: z.string().nullable(),
      significantRisk: z.boolean(),
      /** When the register import found it missing from CQC's file; kept with its history, never deleted. */
      deregisteredAt: z.iso.datetime().nullable().optional(),
      ...bookkeeping(),
    })
    .meta({ id: 'Location' }),
);

export const LocationPageSchema = /* @__PURE__ */ lazySchema(() => pageOf(LocationSchema).meta({ id: 'LocationPage' }));

/** GET /locations?postcode=: an outward code ("LL57") or a full postcode ("LL57 2PW"), any case (issue 16). */
export const SearchLocationsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  PageQuerySchema.extend({
    postcode: z.string().trim().min(2).max(10),
  }).strict(),
);

export type CreateProviderInput = z.infer<typeof CreateProviderSchema>;
export type UpdateProviderInput = z.infer<typeof UpdateProviderSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type CreateLocationInput = z.infer<typeof CreateLocationSchema>;
export type Location = z.infer<typeof LocationSchema>;
export type UpdateLocationInput = z.infer<typeof UpdateLocationSchema>;

export type SetCadenceInput = z.infer<typeof SetCadenceSchema>;
export type ListProvidersQuery = z.infer<typeof ListProvidersQuerySchema>;
export type SearchLocationsQuery = z.infer<typeof SearchLocationsQuerySchema>;
