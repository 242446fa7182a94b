import * as z from 'zod';
import { IdSchema, NameSchema, PageQuerySchema, pageOf } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Teams (R-TEAM-1): local assessment teams, the Corporate Provider Team, the Medicines team.
 * A team names its operations manager (R-TEAM-3) and the deputy director it answers to, whom
 * R-CAD-5 invitations name. Which team is responsible for a provider, or for a location that
 * differs, is a dated assignment with its history (R-TEAM-2), kept like relationship history (R-REL-2).
 */
export const TEAM_KINDS = ['assessment', 'corporate-provider', 'medicines'] as const;
export const TeamKindSchema = /* @__PURE__ */ lazySchema(() => z.enum(TEAM_KINDS));

const AreaSchema = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(1000));
const ReasonSchema = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(500));

export const CreateTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema,
      kind: TeamKindSchema,
      operationsManagerId: IdSchema.optional(),
      deputyDirectorId: IdSchema.optional(),
      area: AreaSchema.optional(),
    })
    .strict()
    .meta({ id: 'CreateTeam' }),
);

/** Send only what changes; null clears the operations manager, deputy director or area. */
export const UpdateTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      name: NameSchema.optional(),
      kind: TeamKindSchema.optional(),
      operationsManagerId: IdSchema.nullable().optional(),
      deputyDirectorId: IdSchema.nullable().optional(),
      area: AreaSchema.nullable().optional(),
    })
    .strict()
    .refine((change) => Object.keys(change).length > 0, { message: 'send at least one field to change' })
    .meta({ id: 'UpdateTeam' }),
);

export const TeamSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      teamId: IdSchema,
      name: z.string(),
      kind: TeamKindSchema,
      operationsManagerId: IdSchema.nullable(),
      operationsManagerName: z.string().nullable(),
      deputyDirectorId: IdSchema.nullable(),
      deputyDirectorName: z.string().nullable(),
      area: z.string().nullable(),
      version: z.number().int(),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    })
    .meta({ id: 'Team' }),
);

export const TeamPageSchema = /* @__PURE__ */ lazySchema(() => pageOf(TeamSchema).meta({ id: 'TeamPage' }));
export const ListTeamsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  PageQuerySchema.extend({
    kind: TeamKindSchema.optional(),
  }).strict(),
);
export const TeamPathSchema = /* @__PURE__ */ lazySchema(() => z.object({ teamId: IdSchema }).strict());

export const AssignProviderTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      teamId: IdSchema,
      /** Leave out for the provider; give one of its locations when that location has its own team (R-TEAM-2). */
      locationId: IdSchema.optional(),
      reason: ReasonSchema,
    })
    .strict()
    .meta({ id: 'AssignProviderTeam' }),
);

export const TEAM_SCOPES = ['provider', 'location'] as const;

export const TeamAssignmentSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      providerId: IdSchema,
      providerName: z.string(),
      scope: z.enum(TEAM_SCOPES),
      locationId: IdSchema.nullable(),
      teamId: IdSchema,
      teamName: z.string(),
      since: z.iso.datetime(),
      reason: z.string(),
      version: z.number().int(),
    })
    .meta({ id: 'TeamAssignment' }),
);

export const TeamHistoryEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      scope: z.enum(TEAM_SCOPES),
      locationId: IdSchema.nullable(),
      teamId: IdSchema,
      teamName: z.string(),
      from: z.iso.datetime(),
      to: z.iso.datetime().nullable(),
      reason: z.string(),
      endReason: z.string().nullable(),
      assignedBy: z.string(),
    })
    .meta({ id: 'TeamHistoryEntry' }),
);

export const ProviderTeamsSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ current: z.array(TeamAssignmentSchema), history: z.array(TeamHistoryEntrySchema) })
    .meta({ id: 'ProviderTeams' }),
);

export type CreateTeamInput = z.infer<typeof CreateTeamSchema>;
export type UpdateTeamInput = z.infer<typeof UpdateTeamSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type TeamKind = z.infer<typeof TeamKindSchema>;
export type AssignProviderTeamInput = z.infer<typeof AssignProviderTeamSchema>;
export type TeamAssignment = z.infer<typeof TeamAssignmentSchema>;
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntrySchema>;
export type ProviderTeams = z.infer<typeof ProviderTeamsSchema>;
