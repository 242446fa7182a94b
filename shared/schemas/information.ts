import { DaySchema, IdSchema, multiLine, PageQuerySchema, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Information the regulator holds about a provider (R-TPL-1, R-PRV-1..5, R-PUB-1, R-PTN-1..2):
 * what feeds the next pre-meeting template.
 */
export const INFORMATION_KINDS = [
  'change-in-practice',
  'serious-incident',
  'complaint',
  'concern',
  'notification',
  'external-review',
  'monitoring-improvement',
  'monitoring-deterioration',
  'public-experience',
  'partner-information',
  // What providers send through their contact link (R-PRV-3, R-PRV-4) and what we asked of them (R-PRV-5).
  'registration-question',
  'feedback-about-us',
  'information-request',
  'provider-explanation',
  // R-TPL-1 (product): good practice found, to "highlight and celebrate" it (seed 004).
  'good-practice',
] as const;
export type InformationKind = (typeof INFORMATION_KINDS)[number];

/** R-PUB-1: how people who use services, their carers and the public shared their experience. */
export const EXPERIENCE_CHANNELS = ['website', 'helpline', 'social-media', 'partner-charity', 'other'] as const;
/** R-PTN-1, R-PTN-2: the local and national organisations that share information about providers. */
export const PARTNER_TYPES = [
  'healthwatch',
  'overview-and-scrutiny-committee',
  'advocacy-group',
  'commissioner',
  'nhs-england',
  'nhs-improvement',
  'ombudsman',
  'professional-regulator',
  'royal-college',
  'coroner',
  'police',
  'other',
] as const;
export const PartnerSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    organisation: singleLine(200),
    type: z.enum(PARTNER_TYPES),
    /** R-PTN-2: e.g. a trust's financial and resource governance before a well-led inspection. */
    topic: z._default(z.enum(['financial-governance', 'resource-governance', 'quality', 'safety', 'other']), 'other'),
    /** The inspection it was shared before (R-PTN-1: 'regularly and before an inspection'), if any. */
    beforeInspection: z.optional(z.enum(['well-led', 'other'])),
  }),
);

export const RecordInformationSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.object({
          kind: z.enum(INFORMATION_KINDS),
          occurredOn: DaySchema,
          source: singleLine(200),
          summary: multiLine(4000),
          /** Sensitive information (a complainant's identity, a whistleblower) never reaches the provider. */
          sensitive: z._default(z.boolean(), false),
          /** R-PUB-1: required for a public experience. */
          channel: z.optional(z.enum(EXPERIENCE_CHANNELS)),
          /** R-PTN-1: required for partner information; who shared it. */
          partner: z.optional(PartnerSchema),
        }),
      )
      .check(
        z.superRefine((input, context) => {
          if (input.kind === 'public-experience' && !input.channel) {
            context.addIssue({
              code: 'custom',
              path: ['channel'],
              message: 'required for a public experience (R-PUB-1)',
            });
          }
          if (input.kind === 'partner-information' && !input.partner) {
            context.addIssue({
              code: 'custom',
              path: ['partner'],
              message: 'required for partner information (R-PTN-1)',
            });
          }
          if (input.kind !== 'public-experience' && input.channel) {
            context.addIssue({ code: 'custom', path: ['channel'], message: 'only for a public experience' });
          }
          if (input.kind !== 'partner-information' && input.partner) {
            context.addIssue({ code: 'custom', path: ['partner'], message: 'only for partner information' });
          }
        }),
      ),
    'RecordInformation',
  ),
);

export const InformationSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      infoId: IdSchema,
      providerId: IdSchema,
      kind: z.enum(INFORMATION_KINDS),
      occurredOn: z.iso.date(),
      source: z.string(),
      summary: z.string(),
      sensitive: z.boolean(),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string(),
      channel: z.optional(z.enum(EXPERIENCE_CHANNELS)),
      partner: z.optional(PartnerSchema),
      /** The submission or information request it came from (R-PRV-1..5). */
      reference: z.optional(z.string()),
    }),
    'Information',
  ),
);

export const ListInformationQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strict(
    z.extend(PageQuerySchema, {
      since: z.optional(DaySchema),
    }),
  ),
);
export const InformationPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(InformationSchema), nextToken: z.nullable(z.string()) }), 'InformationPage'),
);

export type RecordInformationInput = z.infer<typeof RecordInformationSchema>;
export type Information = z.infer<typeof InformationSchema>;
