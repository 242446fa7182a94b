import { z } from 'zod';
import { IdSchema, PageQuerySchema } from './common.ts';

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
] as const;
export type InformationKind = (typeof INFORMATION_KINDS)[number];

export const RecordInformationSchema = z
  .object({
    kind: z.enum(INFORMATION_KINDS),
    occurredOn: z.iso.date(),
    source: z.string().trim().min(1).max(200),
    summary: z.string().trim().min(1).max(4000),
    /** Sensitive information (a complainant's identity, a whistleblower) never reaches the provider. */
    sensitive: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'RecordInformation' });

export const InformationSchema = z
  .object({
    infoId: IdSchema,
    providerId: IdSchema,
    kind: z.enum(INFORMATION_KINDS),
    occurredOn: z.iso.date(),
    source: z.string(),
    summary: z.string(),
    sensitive: z.boolean(),
    recordedAt: z.iso.datetime(),
    recordedBy: z.string(),
  })
  .meta({ id: 'Information' });

export const ListInformationQuerySchema = PageQuerySchema.extend({ since: z.iso.date().optional() }).strict();
export const InformationPageSchema = z
  .object({ items: z.array(InformationSchema), nextToken: z.string().nullable() })
  .meta({ id: 'InformationPage' });

export type RecordInformationInput = z.infer<typeof RecordInformationSchema>;
export type Information = z.infer<typeof InformationSchema>;
