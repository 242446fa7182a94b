import * as z from 'zod';
import { DaySchema, IdSchema, singleLine } from './common.ts';
import { InformationRequestSchema, SubmissionSchema } from './contact.ts';
import { ActivitySchema } from './engagement.ts';
import { lazySchema } from './lazy-schema.ts';
import { ExceptionReasonSchema, MeetingSchema, RuleExceptionSchema } from './meeting.ts';
import { CommentSchema } from './template.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Relationship holders and corporate leads (R-REL, R-CORP): who holds each relationship now,
 * and the full history of who held it when (R-REL-2).
 */
const ReasonSchema = /* @__PURE__ */ lazySchema(() => singleLine(500));

export const AllocateHolderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      staffId: IdSchema,
      /** Leave out for the provider-level relationship; give a location of this provider for location level (R-REL-3). */
      locationId: IdSchema.optional(),
      reason: ReasonSchema,
      exceptionReason: ExceptionReasonSchema.optional(),
    })
    .strict()
    .meta({ id: 'AllocateHolder' }),
);

export const AllocateCorporateLeadSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ staffId: IdSchema, reason: ReasonSchema, exceptionReason: ExceptionReasonSchema.optional() })
    .strict()
    .meta({ id: 'AllocateCorporateLead' }),
);

export const RELATIONSHIP_SCOPES = ['provider', 'location', 'corporate-lead'] as const;
export type RelationshipScope = (typeof RELATIONSHIP_SCOPES)[number];

export const ReviewFlagSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    since: z.iso.datetime(),
    reason: z.string(),
    fromRuleId: z.string(),
    toRuleId: z.string().nullable(),
  }),
);

export const RelationshipSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      providerId: IdSchema,
      providerName: z.string(),
      scope: z.enum(RELATIONSHIP_SCOPES),
      locationId: IdSchema.nullable(),
      staffId: IdSchema,
      staffName: z.string(),
      since: z.iso.datetime(),
      reason: z.string(),
      /** The rule and policy version the allocation was checked against. */
      ruleId: z.string(),
      policyId: z.string().nullable(),
      /** Set when the provider moved into another corporate band since the lead was allocated (R-CORP). */
      reviewNeeded: ReviewFlagSchema.nullable(),
      /** R-EXC-1: the default rule this allocation departs from, with the reason; absent on allocations made before exceptions. */
      exception: RuleExceptionSchema.nullable().optional(),
      version: z.number().int(),
    })
    .meta({ id: 'Relationship' }),
);

export const RelationshipHistoryEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      historyId: IdSchema,
      scope: z.enum(RELATIONSHIP_SCOPES),
      locationId: IdSchema.nullable(),
      staffId: IdSchema,
      staffName: z.string(),
      from: z.iso.datetime(),
      to: z.iso.datetime().nullable(),
      reason: z.string(),
      endReason: z.string().nullable(),
      allocatedBy: z.string(),
    })
    .meta({ id: 'RelationshipHistoryEntry' }),
);

export const ProviderRelationshipsSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      current: z.array(RelationshipSchema),
      history: z.array(RelationshipHistoryEntrySchema),
    })
    .meta({ id: 'ProviderRelationships' }),
);

export const EngagementPlanQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ on: DaySchema.optional() }).strict(),
);

const StaffNameSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: z.string(), name: z.string() }));

/** A meeting as a dashboard lists it: who holds its relationship now and why it is mine (R-REL-2, R-CAD-4, R-TEAM-5). */
export const DashboardMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  MeetingSchema.extend({
    /** Whoever holds the meeting's relationship now (R-REL-2); `holderStaffId` stays who held it when it was planned. */
    currentHolder: StaffNameSchema.nullable(),
    /** Why it is on this dashboard: the relationship is held now, the meeting is led (R-CAD-4), or both. */
    mine: z.array(z.enum(['holder', 'lead'])),
    /** R-TEAM-5: set when it is here because the dashboard's owner covers for this person, who is away. */
    coveringFor: StaffNameSchema.nullable(),
  }).meta({ id: 'DashboardMeeting' }),
);

export const DashboardSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      staffId: z.string(),
      relationships: z.array(RelationshipSchema),
      reviewsNeeded: z.array(RelationshipSchema),
      nextMeetings: z.array(DashboardMeetingSchema),
      overdueMeetings: z.array(DashboardMeetingSchema),
      /** R-TEAM-5: the people covered today, whose meetings are listed marked as cover. */
      covering: z.array(StaffNameSchema.extend({ from: z.iso.date(), to: z.iso.date() })),
      commentsWaiting: z.array(CommentSchema),
      /** R-PRV-1..4: what providers sent that I handle and have not answered, oldest first, with how long each has waited. */
      openSubmissions: z.array(SubmissionSchema.extend({ minutesWaiting: z.number().int() })),
      /** R-PRV-5: what I asked providers to explain that is still open, soonest due first. */
      openInformationRequests: z.array(InformationRequestSchema),
      /** R-CAD-11: logged contacts and ad hoc meetings with the providers I hold, last 30 days on, newest first. */
      recentEngagement: z.array(ActivitySchema),
    })
    .meta({ id: 'Dashboard' }),
);

export type AllocateHolderInput = z.infer<typeof AllocateHolderSchema>;
export type AllocateCorporateLeadInput = z.infer<typeof AllocateCorporateLeadSchema>;
export type Relationship = z.infer<typeof RelationshipSchema>;
export type RelationshipHistoryEntry = z.infer<typeof RelationshipHistoryEntrySchema>;
export type ReviewFlag = z.infer<typeof ReviewFlagSchema>;
