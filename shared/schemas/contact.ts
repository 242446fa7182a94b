import { REFERENCE_PATTERN } from '../domain/contact/reference.ts';
import { DaySchema, IdSchema, multiLine, PageQuerySchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

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
  z.string().check(z.regex(REFERENCE_PATTERN, 'must be a reference such as PE-7K3Q-9XW2')),
);
export const ReferencePathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ reference: ReferenceSchema }));

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
    coveringFor: z.nullable(CoveringForSchema),
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
    staffId: z.nullable(IdSchema),
    staffName: z.nullable(z.string()),
    ruleId: z.string(),
    policyId: z.nullable(z.string()),
    why: z.string(),
    /** The provider's team when it was routed (R-TEAM-2); null with none. */
    teamId: z.optional(z.nullable(IdSchema)),
    coveringFor: z.optional(z.nullable(CoveringForSchema)),
    also: z.optional(z.array(AlsoRouteSchema)),
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
  z.named(
    z.object({
      reference: ReferenceSchema,
      providerId: IdSchema,
      providerName: z.string(),
      kind: z.enum(SUBMISSION_KINDS),
      ruleId: z.string(),
      details: z.string(),
      /** R-PRV-1: the action the provider is taking about a concern; null for other kinds. */
      actionTaken: z.nullable(z.string()),
      contactId: IdSchema,
      contactName: z.string(),
      submittedAt: z.iso.datetime(),
      routedTo: RouteSchema,
      status: z.enum(['open', 'answered', 'closed']),
      answers: z.array(SubmissionAnswerSchema),
      /** R-PRV-4: the first answer, and how long it took. */
      firstResponseAt: z.nullable(z.iso.datetime()),
      minutesToFirstResponse: z.nullable(z.number().check(z.int())),
      closedAt: z.nullable(z.iso.datetime()),
      closeReason: z.nullable(z.string()),
      /** The information item it was recorded as, for the next pre-meeting template (R-TPL-1). */
      infoId: IdSchema,
      version: z.number().check(z.int()),
    }),
    'Submission',
  ),
);

export const AnswerSubmissionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ text: multiLine(4000) }), 'AnswerSubmission'),
);
export const CloseSubmissionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ reason: singleLine(1000) }), 'CloseSubmission'),
);

export const SubmissionPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(pageOf(SubmissionSchema), 'SubmissionPage'),
);

export const CreateInformationRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      /** R-PRV-5: what monitoring suggested. */
      signal: z.enum(['improvement', 'deterioration']),
      question: multiLine(4000),
      dueOn: DaySchema,
      /** The monitoring information that prompted it, when it was recorded. */
      infoId: z.optional(IdSchema),
    }),
    'CreateInformationRequest',
  ),
);

export const InformationRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      reference: ReferenceSchema,
      providerId: IdSchema,
      providerName: z.string(),
      signal: z.enum(['improvement', 'deterioration']),
      question: z.string(),
      dueOn: z.iso.date(),
      infoId: z.nullable(IdSchema),
      requestedBy: IdSchema,
      requestedByName: z.string(),
      requestedAt: z.iso.datetime(),
      status: z.enum(['open', 'answered']),
      answer: z.nullable(
        z.object({ text: z.string(), contactId: IdSchema, contactName: z.string(), answeredAt: z.iso.datetime() }),
      ),
      version: z.number().check(z.int()),
    }),
    'InformationRequest',
  ),
);

export const InformationRequestPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(pageOf(InformationRequestSchema), 'InformationRequestPage'),
);
export const ListSubmissionsQuerySchema = /* @__PURE__ */ lazySchema(() => PageQuerySchema);

export type Submission = z.infer<typeof SubmissionSchema>;
export type InformationRequest = z.infer<typeof InformationRequestSchema>;
export type CreateInformationRequestInput = z.infer<typeof CreateInformationRequestSchema>;
