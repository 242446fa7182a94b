import { multiLine, singleLine } from './common.ts';
import type { INFORMATION_KINDS } from './information.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * The pre-meeting template (R-TPL-1..3): sections of items drawn from the information held, edited
 * by the holder, saved as numbered versions (every version kept), shared with the provider.
 */
export const TemplateItemSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    text: multiLine(4000),
    /** The information it came from, when it came from information held. */
    infoId: z._default(z.nullable(z.string().check(z.maxLength(40))), null),
    /** Kept from the provider's view (R-TPL-1 sources may name people). */
    sensitive: z._default(z.boolean(), false),
  }),
);

export const TemplateSectionSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    sectionId: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
    title: singleLine(200),
    items: z.array(TemplateItemSchema).check(z.maxLength(100)),
  }),
);

export const SaveTemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({ sections: z.array(TemplateSectionSchema).check(z.minLength(1), z.maxLength(20)) }).check(
      z.refine(
        (template) => new Set(template.sections.map((section) => section.sectionId)).size === template.sections.length,
        {
          message: 'section ids must not repeat',
        },
      ),
    ),
    'SaveTemplate',
  ),
);

export const TemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      meetingId: z.string(),
      providerId: z.string(),
      /** 0: a draft composed from the information held, not yet saved. */
      version: z.number().check(z.int()),
      sections: z.array(
        z.object({
          sectionId: z.string(),
          title: z.string(),
          items: z.array(z.object({ text: z.string(), infoId: z.nullable(z.string()), sensitive: z.boolean() })),
        }),
      ),
      savedAt: z.nullable(z.iso.datetime()),
      savedBy: z.nullable(z.string()),
      /** The information the draft drew on: recorded since this day. */
      informationSince: z.iso.date(),
      sharedVersion: z.nullable(z.number().check(z.int())),
    }),
    'Template',
  ),
);

export const ShareResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      shareId: z.string(),
      templateVersion: z.number().check(z.int()),
      sharedAt: z.iso.datetime(),
      closesAt: z.iso.datetime({ offset: true }),
      recipients: z.array(z.object({ contactId: z.string(), name: z.string() })),
    }),
    'TemplateShare',
  ),
);

export const PROVIDER_ADDITION_KINDS = [
  'concern',
  'external-review',
  'change-in-practice',
] as const satisfies readonly (typeof INFORMATION_KINDS)[number][];

export const CommentSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      commentId: z.string(),
      meetingId: z.string(),
      shareId: z.string(),
      templateVersion: z.number().check(z.int()),
      contactId: z.string(),
      contactName: z.string(),
      /** The section commented on, or null for an item the provider added. */
      sectionId: z.nullable(z.string()),
      addition: z.nullable(z.enum(PROVIDER_ADDITION_KINDS)),
      text: z.string(),
      submittedAt: z.iso.datetime(),
    }),
    'Comment',
  ),
);

export const CommentListSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(CommentSchema) }), 'CommentList'),
);

export type SaveTemplateInput = z.infer<typeof SaveTemplateSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateShare = z.infer<typeof ShareResultSchema>;
export type ProviderComment = z.infer<typeof CommentSchema>;
