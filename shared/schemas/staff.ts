import * as z from 'zod';
import { STAFF_ROLES } from '../domain/vocabulary.ts';
import { EmailSchema, IdSchema, NameSchema, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const StaffRoleSchema = /* @__PURE__ */ lazySchema(() => z.enum(STAFF_ROLES));

export const CreateStaffSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      email: EmailSchema,
      roles: z
        .array(StaffRoleSchema)
        .min(1)
        .max(STAFF_ROLES.length)
        .refine((roles) => new Set(roles).size === roles.length, { message: 'roles must not repeat' }),
      team: singleLine(100).optional(),
      /** The team they work in (R-TEAM-1); leave out for someone not yet in one. */
      teamId: IdSchema.optional(),
    })
    .strict()
    .meta({ id: 'CreateStaff' }),
);

/** A day the register records: refused outside 2000..2099, where a typo is likelier than a real date. */
const DaySchema = /* @__PURE__ */ lazySchema(() =>
  z.iso
    .date()
    .refine((day) => day >= '2000-01-01' && day <= '2099-12-31', { message: 'must be a day from 2000 to 2099' }),
);

/** Leave and who covers it (R-TEAM-5). */
export const AbsenceSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      from: DaySchema,
      to: DaySchema,
      coverStaffId: IdSchema,
      reason: z.string().trim().min(1).max(500),
    })
    .strict()
    .refine((absence) => absence.from <= absence.to, { message: 'to must not be before from', path: ['to'] })
    .meta({ id: 'Absence' }),
);

export const StaffSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      staffId: IdSchema,
      name: z.string(),
      email: z.string(),
      roles: z.array(StaffRoleSchema),
      team: z.string().nullable(),
      /** null for staff registered before teams, and for anyone not yet in one (they keep working). */
      teamId: IdSchema.nullable(),
      /** The day they left (R-TEAM-5): from then nothing is allocated to them. */
      leftOn: z.iso.date().nullable(),
      absence: AbsenceSchema.nullable(),
      version: z.number().int(),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    })
    .meta({ id: 'Staff' }),
);

export const ListStaffQuerySchema = /* @__PURE__ */ lazySchema(() =>
  PageQuerySchema.extend({
    role: StaffRoleSchema.optional(),
  }).strict(),
);
export const StaffPageSchema = /* @__PURE__ */ lazySchema(() => pageOf(StaffSchema).meta({ id: 'StaffPage' }));
export const StaffPathSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: IdSchema }).strict());

/** Send only what changes; roles, when given, replace the list; teamId null takes them out of their team. */
export const UpdateStaffSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema.optional(),
      email: EmailSchema.optional(),
      roles: CreateStaffSchema.shape.roles.optional(),
      teamId: IdSchema.nullable().optional(),
    })
    .strict()
    .refine((change) => Object.keys(change).length > 0, { message: 'send at least one field to change' })
    .meta({ id: 'UpdateStaff' }),
);

export const DepartureSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ leftOn: DaySchema }).strict().meta({ id: 'Departure' }),
);

export type UpdateStaffInput = z.infer<typeof UpdateStaffSchema>;
export type Absence = z.infer<typeof AbsenceSchema>;
export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;
export type Staff = z.infer<typeof StaffSchema>;
