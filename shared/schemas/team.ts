import { IdSchema, NameSchema, PageQuerySchema, pageOf } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Teams (R-TEAM-1): local assessment teams, the Corporate Provider Team, the Medicines team.
 * A team names its operations manager (R-TEAM-3) and the deputy director it answers to, whom
 * R-CAD-5 invitations name. Which team is responsible for a provider, or for a location that
 * differs, is a dated assignment with its history (R-TEAM-2), kept like relationship history (R-REL-2).
 */
export const TEAM_KINDS = ['assessment', 'corporate-provider', 'medicines'] as const;
export const TeamKindSchema = /* @__PURE__ */ lazySchema(() => z.enum(TEAM_KINDS));

const AreaSchema = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)));
const ReasonSchema = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(500)));

export const CreateTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      name: NameSchema,
      kind: TeamKindSchema,
      operationsManagerId: z.optional(IdSchema),
      deputyDirectorId: z.optional(IdSchema),
      area: z.optional(AreaSchema),
    }),
    'CreateTeam',
  ),
);

/** Send only what changes; null clears the operations manager, deputy director or area. */
export const UpdateTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.object({
          name: z.optional(NameSchema),
          kind: z.optional(TeamKindSchema),
          operationsManagerId: z.optional(z.nullable(IdSchema)),
          deputyDirectorId: z.optional(z.nullable(IdSchema)),
          area: z.optional(z.nullable(AreaSchema)),
        }),
      )
      .check(z.refine((change) => Object.keys(change).length > 0, { message: 'send at least one field to change' })),
    'UpdateTeam',
  ),
);

export const TeamSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      teamId: IdSchema,
      name: z.string(),
      kind: TeamKindSchema,
      operationsManagerId: z.nullable(IdSchema),
      operationsManagerName: z.nullable(z.string()),
      deputyDirectorId: z.nullable(IdSchema),
      deputyDirectorName: z.nullable(z.string()),
      area: z.nullable(z.string()),
      version: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    }),
    'Team',
  ),
);

export const TeamPageSchema = /* @__PURE__ */ lazySchema(() => z.named(pageOf(TeamSchema), 'TeamPage'));
export const ListTeamsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strict(
    z.extend(PageQuerySchema, {
      kind: z.optional(TeamKindSchema),
    }),
  ),
);
export const TeamPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ teamId: IdSchema }));

export const AssignProviderTeamSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      teamId: IdSchema,
      /** Leave out for the provider; give one of its locations when that location has its own team (R-TEAM-2). */
      locationId: z.optional(IdSchema),
      reason: ReasonSchema,
    }),
    'AssignProviderTeam',
  ),
);

export const TEAM_SCOPES = ['provider', 'location'] as const;

export const TeamAssignmentSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      providerId: IdSchema,
      providerName: z.string(),
      scope: z.enum(TEAM_SCOPES),
      locationId: z.nullable(IdSchema),
      teamId: IdSchema,
      teamName: z.string(),
      since: z.iso.datetime(),
      reason: z.string(),
      version: z.number().check(z.int()),
    }),
    'TeamAssignment',
  ),
);

export const TeamHistoryEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      scope: z.enum(TEAM_SCOPES),
      locationId: z.nullable(IdSchema),
      teamId: IdSchema,
      teamName: z.string(),
      from: z.iso.datetime(),
      to: z.nullable(z.iso.datetime()),
      reason: z.string(),
      endReason: z.nullable(z.string()),
      assignedBy: z.string(),
    }),
    'TeamHistoryEntry',
  ),
);

export const ProviderTeamsSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({ current: z.array(TeamAssignmentSchema), history: z.array(TeamHistoryEntrySchema) }),
    'ProviderTeams',
  ),
);

export type CreateTeamInput = z.infer<typeof CreateTeamSchema>;
export type UpdateTeamInput = z.infer<typeof UpdateTeamSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type TeamKind = z.infer<typeof TeamKindSchema>;
export type AssignProviderTeamInput = z.infer<typeof AssignProviderTeamSchema>;
export type TeamAssignment = z.infer<typeof TeamAssignmentSchema>;
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntrySchema>;
export type ProviderTeams = z.infer<typeof ProviderTeamsSchema>;
