import { DaySchema, IdSchema, singleLine } from './common.ts';
import { InformationRequestSchema, SubmissionSchema } from './contact.ts';
import { ActivitySchema } from './engagement.ts';
import { lazySchema } from './lazy-schema.ts';
import { ExceptionReasonSchema, MeetingSchema, RuleExceptionSchema } from './meeting.ts';
import { CommentSchema } from './template.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Relationship holders and corporate leads (R-REL, R-CORP): who holds each relationship now,
 * and the full history of who held it when (R-REL-2).
 */
const ReasonSchema = /* @__PURE__ */ lazySchema(() => singleLine(500));

export const AllocateHolderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      staffId: IdSchema,
      /** Leave out for the provider-level relationship; give a location of this provider for location level (R-REL-3). */
      locationId: z.optional(IdSchema),
      reason: ReasonSchema,
      exceptionReason: z.optional(ExceptionReasonSchema),
    }),
    'AllocateHolder',
  ),
);

export const AllocateCorporateLeadSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({ staffId: IdSchema, reason: ReasonSchema, exceptionReason: z.optional(ExceptionReasonSchema) }),
    'AllocateCorporateLead',
  ),
);

export const RELATIONSHIP_SCOPES = ['provider', 'location', 'corporate-lead'] as const;
export type RelationshipScope = (typeof RELATIONSHIP_SCOPES)[number];

export const ReviewFlagSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    since: z.iso.datetime(),
    reason: z.string(),
    fromRuleId: z.string(),
    toRuleId: z.nullable(z.string()),
  }),
);

export const RelationshipSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      providerId: IdSchema,
      providerName: z.string(),
      scope: z.enum(RELATIONSHIP_SCOPES),
      locationId: z.nullable(IdSchema),
      staffId: IdSchema,
      staffName: z.string(),
      since: z.iso.datetime(),
      reason: z.string(),
      /** The rule and policy version the allocation was checked against. */
      ruleId: z.string(),
      policyId: z.nullable(z.string()),
      /** Set when the provider moved into another corporate band since the lead was allocated (R-CORP). */
      reviewNeeded: z.nullable(ReviewFlagSchema),
      /** R-EXC-1: the default rule this allocation departs from, with the reason; absent on allocations made before exceptions. */
      exception: z.optional(z.nullable(RuleExceptionSchema)),
      version: z.number().check(z.int()),
    }),
    'Relationship',
  ),
);

export const RelationshipHistoryEntrySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      historyId: IdSchema,
      scope: z.enum(RELATIONSHIP_SCOPES),
      locationId: z.nullable(IdSchema),
      staffId: IdSchema,
      staffName: z.string(),
      from: z.iso.datetime(),
      to: z.nullable(z.iso.datetime()),
      reason: z.string(),
      endReason: z.nullable(z.string()),
      allocatedBy: z.string(),
    }),
    'RelationshipHistoryEntry',
  ),
);

export const ProviderRelationshipsSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      current: z.array(RelationshipSchema),
      history: z.array(RelationshipHistoryEntrySchema),
    }),
    'ProviderRelationships',
  ),
);

export const EngagementPlanQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ on: z.optional(DaySchema) }),
);

const StaffNameSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: z.string(), name: z.string() }));

/** A meeting as a dashboard lists it: who holds its relationship now and why it is mine (R-REL-2, R-CAD-4, R-TEAM-5). */
export const DashboardMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.extend(MeetingSchema, {
      /** Whoever holds the meeting's relationship now (R-REL-2); `holderStaffId` stays who held it when it was planned. */
      currentHolder: z.nullable(StaffNameSchema),
      /** Why it is on this dashboard: the relationship is held now, the meeting is led (R-CAD-4), or both. */
      mine: z.array(z.enum(['holder', 'lead'])),
      /** R-TEAM-5: set when it is here because the dashboard's owner covers for this person, who is away. */
      coveringFor: z.nullable(StaffNameSchema),
    }),
    'DashboardMeeting',
  ),
);

export const DashboardSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      staffId: z.string(),
      relationships: z.array(RelationshipSchema),
      reviewsNeeded: z.array(RelationshipSchema),
      nextMeetings: z.array(DashboardMeetingSchema),
      overdueMeetings: z.array(DashboardMeetingSchema),
      /** R-TEAM-5: the people covered today, whose meetings are listed marked as cover. */
      covering: z.array(z.extend(StaffNameSchema, { from: z.iso.date(), to: z.iso.date() })),
      commentsWaiting: z.array(CommentSchema),
      /** R-PRV-1..4: what providers sent that I handle and have not answered, oldest first, with how long each has waited. */
      openSubmissions: z.array(z.extend(SubmissionSchema, { minutesWaiting: z.number().check(z.int()) })),
      /** R-PRV-5: what I asked providers to explain that is still open, soonest due first. */
      openInformationRequests: z.array(InformationRequestSchema),
      /** R-CAD-11: logged contacts and ad hoc meetings with the providers I hold, last 30 days on, newest first. */
      recentEngagement: z.array(ActivitySchema),
    }),
    'Dashboard',
  ),
);

export type AllocateHolderInput = z.infer<typeof AllocateHolderSchema>;
export type AllocateCorporateLeadInput = z.infer<typeof AllocateCorporateLeadSchema>;
export type Relationship = z.infer<typeof RelationshipSchema>;
export type RelationshipHistoryEntry = z.infer<typeof RelationshipHistoryEntrySchema>;
export type ReviewFlag = z.infer<typeof ReviewFlagSchema>;
