import * as z from 'zod';
import { STAFF_ROLES } from '../domain/vocabulary.ts';
import { EmailSchema, IdSchema, NameSchema, PageQuerySchema, pageOf, singleLine } from './common.ts';

export const StaffRoleSchema = z.enum(STAFF_ROLES);

export const CreateStaffSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    roles: z
      .array(StaffRoleSchema)
      .min(1)
      .max(STAFF_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, { message: 'roles must not repeat' }),
    team: singleLine(100).optional(),
  })
  .strict()
  .meta({ id: 'CreateStaff' });

export const StaffSchema = z
  .object({
    staffId: IdSchema,
    name: z.string(),
    email: z.string(),
    roles: z.array(StaffRoleSchema),
    team: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Staff' });

export const ListStaffQuerySchema = PageQuerySchema.extend({ role: StaffRoleSchema.optional() }).strict();
export const StaffPageSchema = pageOf(StaffSchema).meta({ id: 'StaffPage' });
export const StaffPathSchema = z.object({ staffId: IdSchema }).strict();

export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;
export type Staff = z.infer<typeof StaffSchema>;
