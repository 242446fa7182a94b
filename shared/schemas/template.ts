import * as z from 'zod';
import { multiLine, singleLine } from './common.ts';
import type { INFORMATION_KINDS } from './information.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * The pre-meeting template (R-TPL-1..3): sections of items drawn from the information held, edited
 * by the holder, saved as numbered versions (every version kept), shared with the provider.
 */
export const TemplateItemSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      text: multiLine(4000),
      /** The information it came from, when it came from information held. */
      infoId: z.string().max(40).nullable().default(null),
      /** Kept from the provider's view (R-TPL-1 sources may name people). */
      sensitive: z.boolean().default(false),
    })
    .strict(),
);

export const TemplateSectionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      sectionId: z.string().regex(/^[a-z0-9-]{1,40}$/),
      title: singleLine(200),
      items: z.array(TemplateItemSchema).max(100),
    })
    .strict(),
);

export const SaveTemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ sections: z.array(TemplateSectionSchema).min(1).max(20) })
    .strict()
    .refine(
      (template) => new Set(template.sections.map((section) => section.sectionId)).size === template.sections.length,
      {
        message: 'section ids must not repeat',
      },
    )
    .meta({ id: 'SaveTemplate' }),
);

export const TemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      meetingId: z.string(),
      providerId: z.string(),
      /** 0: a draft composed from the information held, not yet saved. */
      version: z.number().int(),
      sections: z.array(
        z.object({
          sectionId: z.string(),
          title: z.string(),
          items: z.array(z.object({ text: z.string(), infoId: z.string().nullable(), sensitive: z.boolean() })),
        }),
      ),
      savedAt: z.iso.datetime().nullable(),
      savedBy: z.string().nullable(),
      /** The information the draft drew on: recorded since this day. */
      informationSince: z.iso.date(),
      sharedVersion: z.number().int().nullable(),
    })
    .meta({ id: 'Template' }),
);

export const ShareResultSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      shareId: z.string(),
      templateVersion: z.number().int(),
      sharedAt: z.iso.datetime(),
      closesAt: z.iso.datetime({ offset: true }),
      recipients: z.array(z.object({ contactId: z.string(), name: z.string() })),
    })
    .meta({ id: 'TemplateShare' }),
);

export const PROVIDER_ADDITION_KINDS = [
  'concern',
  'external-review',
  'change-in-practice',
] as const satisfies readonly (typeof INFORMATION_KINDS)[number][];

export const CommentSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      commentId: z.string(),
      meetingId: z.string(),
      shareId: z.string(),
      templateVersion: z.number().int(),
      contactId: z.string(),
      contactName: z.string(),
      /** The section commented on, or null for an item the provider added. */
      sectionId: z.string().nullable(),
      addition: z.enum(PROVIDER_ADDITION_KINDS).nullable(),
      text: z.string(),
      submittedAt: z.iso.datetime(),
    })
    .meta({ id: 'Comment' }),
);

export const CommentListSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ items: z.array(CommentSchema) }).meta({ id: 'CommentList' }),
);

export type SaveTemplateInput = z.infer<typeof SaveTemplateSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateShare = z.infer<typeof ShareResultSchema>;
export type ProviderComment = z.infer<typeof CommentSchema>;
