import { STAFF_ROLES } from '../domain/vocabulary.ts';
import { EmailSchema, IdSchema, NameSchema, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

export const StaffRoleSchema = /* @__PURE__ */ lazySchema(() => z.enum(STAFF_ROLES));

export const CreateStaffSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      name: NameSchema,
      email: EmailSchema,
      roles: z.array(StaffRoleSchema).check(
        z.minLength(1),
        z.maxLength(STAFF_ROLES.length),
        z.refine((roles) => new Set(roles).size === roles.length, { message: 'roles must not repeat' }),
      ),
      team: z.optional(singleLine(100)),
      /** The team they work in (R-TEAM-1); leave out for someone not yet in one. */
      teamId: z.optional(IdSchema),
    }),
    'CreateStaff',
  ),
);

/** A day the register records: refused outside 2000..2099, where a typo is likelier than a real date. */
const DaySchema = /* @__PURE__ */ lazySchema(() =>
  z.iso
    .date()
    .check(
      z.refine((day) => day >= '2000-01-01' && day <= '2099-12-31', { message: 'must be a day from 2000 to 2099' }),
    ),
);

/** Leave and who covers it (R-TEAM-5). */
export const AbsenceSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.object({
          from: DaySchema,
          to: DaySchema,
          coverStaffId: IdSchema,
          reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
        }),
      )
      .check(
        z.refine((absence) => absence.from <= absence.to, { message: 'to must not be before from', path: ['to'] }),
      ),
    'Absence',
  ),
);

export const StaffSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      staffId: IdSchema,
      name: z.string(),
      email: z.string(),
      roles: z.array(StaffRoleSchema),
      team: z.nullable(z.string()),
      /** null for staff registered before teams, and for anyone not yet in one (they keep working). */
      teamId: z.nullable(IdSchema),
      /** The day they left (R-TEAM-5): from then nothing is allocated to them. */
      leftOn: z.nullable(z.iso.date()),
      absence: z.nullable(AbsenceSchema),
      version: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    }),
    'Staff',
  ),
);

export const ListStaffQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strict(
    z.extend(PageQuerySchema, {
      role: z.optional(StaffRoleSchema),
    }),
  ),
);
export const StaffPageSchema = /* @__PURE__ */ lazySchema(() => z.named(pageOf(StaffSchema), 'StaffPage'));
export const StaffPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ staffId: IdSchema }));

/** Send only what changes; roles, when given, replace the list; teamId null takes them out of their team. */
export const UpdateStaffSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.object({
          name: z.optional(NameSchema),
          email: z.optional(EmailSchema),
          roles: z.optional(CreateStaffSchema.shape.roles),
          teamId: z.optional(z.nullable(IdSchema)),
        }),
      )
      .check(z.refine((change) => Object.keys(change).length > 0, { message: 'send at least one field to change' })),
    'UpdateStaff',
  ),
);

export const DepartureSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ leftOn: DaySchema }), 'Departure'),
);

export type UpdateStaffInput = z.infer<typeof UpdateStaffSchema>;
export type Absence = z.infer<typeof AbsenceSchema>;
export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;
export type Staff = z.infer<typeof StaffSchema>;
