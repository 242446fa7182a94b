import { CONTACT_ROLES, SECTORS } from '../domain/vocabulary.ts';
import { EmailSchema, IdSchema, NameSchema, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const SectorSchema = /* @__PURE__ */ lazySchema(() => z.enum(SECTORS));

export const ContactInputSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: NameSchema,
    email: EmailSchema,
    roles: z.array(z.enum(CONTACT_ROLES)).check(z.minLength(1), z.maxLength(CONTACT_ROLES.length)),
    jobTitle: z.optional(NameSchema),
  }),
);

export const ContactSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.extend(ContactInputSchema, {
      contactId: IdSchema,
      /** Set when email to this address bounced for good or drew a complaint: nothing more is sent to it. */
      undeliverable: z.optional(z.object({ since: z.iso.datetime(), reason: z.enum(['bounce', 'complaint']) })),
    }),
    'Contact',
  ),
);

export const CreateProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      name: NameSchema,
      sector: SectorSchema,
      marketOversight: z._default(z.boolean(), false),
      registrationId: z.optional(singleLine(40)),
      contacts: z._default(z.array(ContactInputSchema).check(z.maxLength(50)), []),
    }),
    'CreateProvider',
  ),
);

/** PATCH is a partial update of the editable fields; contacts, when given, replace the list. */
export const UpdateProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.partial(
          z.object({
            name: NameSchema,
            marketOversight: z.boolean(),
            registrationId: z.nullable(singleLine(40)),
            contacts: z
              .array(z.strict(z.extend(ContactInputSchema, { contactId: z.optional(IdSchema) })))
              .check(z.maxLength(50)),
            /** A staff correction of the sector: later register imports keep it and report the difference (issue 16). */
            sector: SectorSchema,
          }),
        ),
      )
      .check(z.refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })),
    'UpdateProvider',
  ),
);

/** Fields every stored record has; a function, so they are built with the schema that spreads them. */
const bookkeeping = () => ({
  version: z.number().check(z.int()),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

/** R-CAD-3: a cadence set for one provider ("for larger organisations we are likely to meet more frequently"). */
export const CadenceSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      meetingsPerYear: z.number().check(z.int(), z.gte(1), z.lte(12)),
      reason: z.string(),
      setAt: z.iso.datetime(),
      setBy: z.string(),
    }),
    'Cadence',
  ),
);

export const SetCadenceSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      meetingsPerYear: z.number().check(z.int(), z.gte(1), z.lte(12)),
      reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
    }),
    'SetCadence',
  ),
);

export const ProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      providerId: IdSchema,
      name: z.string(),
      sector: SectorSchema,
      marketOversight: z.boolean(),
      registrationId: z.nullable(z.string()),
      contacts: z.array(ContactSchema),
      locationCount: z.number().check(z.int(), z.gte(0)),
      /** R-CAD-3: this provider's own cadence of provider-level meetings; absent or null: the rule's. */
      cadence: z.optional(z.nullable(CadenceSchema)),
      /** Set when staff corrected the sector: the register import does not undo it (issue 16). */
      sectorCorrected: z.optional(z.boolean()),
      /** When the register import found it no longer registered (no active location); kept, never deleted. */
      deregisteredAt: z.optional(z.nullable(z.iso.datetime())),
      ...bookkeeping(),
    }),
    'Provider',
  ),
);

/**
 * One way to list at a time: by sector, by name (a prefix of any word of it, case and accents
 * ignored), or by CQC Provider ID (issue 16); none lists every provider by name.
 */
export const ListProvidersQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strict(
      z.extend(PageQuerySchema, {
        sector: z.optional(SectorSchema),
        name: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(200))),
        registrationId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
      }),
    )
    .check(
      z.refine(
        (query) => [query.sector, query.name, query.registrationId].filter((value) => value !== undefined).length <= 1,
        {
          message: 'give at most one of sector, name and registrationId',
        },
      ),
    ),
);
export const ProviderPageSchema = /* @__PURE__ */ lazySchema(() => z.named(pageOf(ProviderSchema), 'ProviderPage'));

export const ProviderPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ providerId: IdSchema }));

export const CreateLocationSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      name: NameSchema,
      registrationId: z.optional(singleLine(40)),
      address: z.optional(singleLine(500)),
      /** A significant risk of poor care here: it decides location-level relationships and meetings (R-REL-6, R-CAD-7). */
      significantRisk: z._default(z.boolean(), false),
    }),
    'CreateLocation',
  ),
);

export const UpdateLocationSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.partial(
          z.object({
            name: NameSchema,
            registrationId: z.nullable(singleLine(40)),
            address: z.nullable(singleLine(500)),
            significantRisk: z.boolean(),
          }),
        ),
      )
      .check(z.refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })),
    'UpdateLocation',
  ),
);

export const LocationPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ providerId: IdSchema, locationId: IdSchema }),
);

export const LocationSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      locationId: IdSchema,
      providerId: IdSchema,
      name: z.string(),
      registrationId: z.nullable(z.string()),
      address: z.nullable(z.string()),
      significantRisk: z.boolean(),
      /** When the register import found it missing from CQC's file; kept with its history, never deleted. */
      deregisteredAt: z.optional(z.nullable(z.iso.datetime())),
      ...bookkeeping(),
    }),
    'Location',
  ),
);

export const LocationPageSchema = /* @__PURE__ */ lazySchema(() => z.named(pageOf(LocationSchema), 'LocationPage'));

/** GET /locations?postcode=: an outward code ("LL57") or a full postcode ("LL57 2PW"), any case (issue 16). */
export const SearchLocationsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strict(
    z.extend(PageQuerySchema, {
      postcode: z.string().check(z.trim(), z.minLength(2), z.maxLength(10)),
    }),
  ),
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
