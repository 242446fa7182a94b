import * as z from 'zod';
import { REFERENCE_PATTERN } from '../domain/contact/reference.ts';
import { DaySchema, IdSchema, multiLine, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * What providers tell the regulator through their contact link (R-PRV-1..4), and what the regulator
 * asks of them (R-PRV-5): submissions and information requests, each with a reference number.
 */
export const SUBMISSION_KINDS = [
  'concern',
  'external-review',
  'significant-change',
  'registration-question',
  'feedback',
] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** The rule each kind of submission answers to. */
export const SUBMISSION_RULES: Readonly<Record<SubmissionKind, string>> = {
  concern: 'R-PRV-1',
  'external-review': 'R-PRV-2',
  'significant-change': 'R-PRV-3',
  'registration-question': 'R-PRV-3',
  feedback: 'R-PRV-4',
};

export const ReferenceSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().regex(REFERENCE_PATTERN, 'must be a reference such as PE-7K3Q-9XW2'),
);
export const ReferencePathSchema = /* @__PURE__ */ lazySchema(() => z.object({ reference: ReferenceSchema }).strict());

/** Someone covering for the person the rule names, while they are away (R-TEAM-5). */
const CoveringForSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: IdSchema, staffName: z.string() }));

/**
 * A further recipient: a Market Oversight provider's corporate relationship manager (R-REL-4, R-CORP-4).
 * Submissions routed before teams have none (read as absent).
 */
const AlsoRouteSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    to: z.enum(['corporate-relationship-manager']),
    staffId: IdSchema,
    staffName: z.string(),
    coveringFor: CoveringForSchema.nullable(),
    ruleId: z.string(),
    why: z.string(),
  }),
);

/**
 * Who handles a submission and why, as routed when it arrived (kept as history: a later handover or
 * team change does not rewrite it). `admin-queue` (no team yet, R-TEAM-2) and `teamId`, `coveringFor`
 * and `also` came with teams (issue 14); submissions routed before read without them.
 */
const RouteSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    to: z.enum(['relationship-holder', 'regulatory-coordinator', 'admin-queue']),
    /** Null in the admin queue (and, before teams, when no regulatory co-ordinator was registered). */
    staffId: IdSchema.nullable(),
    staffName: z.string().nullable(),
    ruleId: z.string(),
    policyId: z.string().nullable(),
    why: z.string(),
    /** The provider's team when it was routed (R-TEAM-2); null with none. */
    teamId: IdSchema.nullable().optional(),
    coveringFor: CoveringForSchema.nullable().optional(),
    also: z.array(AlsoRouteSchema).optional(),
  }),
);

export const SubmissionAnswerSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    text: z.string(),
    answeredAt: z.iso.datetime(),
    answeredBy: z.string(),
  }),
);

export const SubmissionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      reference: ReferenceSchema,
      providerId: IdSchema,
      providerName: z.string(),
      kind: z.enum(SUBMISSION_KINDS),
      ruleId: z.string(),
      details: z.string(),
      /** R-PRV-1: the action the provider is taking about a concern; null for other kinds. */
      actionTaken: z.string().nullable(),
      contactId: IdSchema,
      contactName: z.string(),
      submittedAt: z.iso.datetime(),
      routedTo: RouteSchema,
      status: z.enum(['open', 'answered', 'closed']),
      answers: z.array(SubmissionAnswerSchema),
      /** R-PRV-4: the first answer, and how long it took. */
      firstResponseAt: z.iso.datetime().nullable(),
      minutesToFirstResponse: z.number().int().nullable(),
      closedAt: z.iso.datetime().nullable(),
      closeReason: z.string().nullable(),
      /** The information item it was recorded as, for the next pre-meeting template (R-TPL-1). */
      infoId: IdSchema,
      version: z.number().int(),
    })
    .meta({ id: 'Submission' }),
);

export const AnswerSubmissionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ text: multiLine(4000) })
    .strict()
    .meta({ id: 'AnswerSubmission' }),
);
export const CloseSubmissionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ reason: singleLine(1000) })
    .strict()
    .meta({ id: 'CloseSubmission' }),
);

export const SubmissionPageSchema = /* @__PURE__ */ lazySchema(() =>
  pageOf(SubmissionSchema).meta({ id: 'SubmissionPage' }),
);

export const CreateInformationRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      /** R-PRV-5: what monitoring suggested. */
      signal: z.enum(['improvement', 'deterioration']),
      question: multiLine(4000),
      dueOn: DaySchema,
      /** The monitoring information that prompted it, when it was recorded. */
      infoId: IdSchema.optional(),
    })
    .strict()
    .meta({ id: 'CreateInformationRequest' }),
);

export const InformationRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      reference: ReferenceSchema,
      providerId: IdSchema,
      providerName: z.string(),
      signal: z.enum(['improvement', 'deterioration']),
      question: z.string(),
      dueOn: z.iso.date(),
      infoId: IdSchema.nullable(),
      requestedBy: IdSchema,
      requestedByName: z.string(),
      requestedAt: z.iso.datetime(),
      status: z.enum(['open', 'answered']),
      answer: z
        .object({ text: z.string(), contactId: IdSchema, contactName: z.string(), answeredAt: z.iso.datetime() })
        .nullable(),
      version: z.number().int(),
    })
    .meta({ id: 'InformationRequest' }),
);

export const InformationRequestPageSchema = /* @__PURE__ */ lazySchema(() =>
  pageOf(InformationRequestSchema).meta({
    id: 'InformationRequestPage',
  }),
);
export const ListSubmissionsQuerySchema = /* @__PURE__ */ lazySchema(() => PageQuerySchema);

export type Submission = z.infer<typeof SubmissionSchema>;
export type InformationRequest = z.infer<typeof InformationRequestSchema>;
export type CreateInformationRequestInput = z.infer<typeof CreateInformationRequestSchema>;
