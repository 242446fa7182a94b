import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** CQC registration ids look like "1-101639192" (a digit, a dash, digits). */
export const CqcIdSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^\d{1,2}-\d{3,15}$/, 'must be a CQC registration id such as 1-101639192'),
);

/** A national independent mental health provider, marked by staff (issue 16): the import places it in that sector. */
export const MarkMentalHealthProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ name: z.string().trim().min(1).max(200) })
    .strict()
    .meta({ id: 'MarkMentalHealthProvider' }),
);

export const MentalHealthProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      registrationId: z.string(),
      name: z.string(),
      markedAt: z.iso.datetime(),
      markedBy: z.string(),
    })
    .meta({ id: 'MentalHealthProvider' }),
);

export const MentalHealthProviderListSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ items: z.array(MentalHealthProviderSchema) }).meta({ id: 'MentalHealthProviderList' }),
);

export const RegistrationPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ registrationId: CqcIdSchema }).strict(),
);

export type MentalHealthProvider = z.infer<typeof MentalHealthProviderSchema>;

/** POST /imports: the file about to be uploaded. The name is for people (the report); the key is ours. */
export const StartImportSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      fileName: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/\.csv$/i, 'must be a .csv file: save the spreadsheet\u2019s first sheet as "CSV UTF-8"')
        .refine(
          (name) =>
            ![...name].some((character) => character < ' ' || character === '\u007f' || '/\\'.includes(character)),
          'must be a file name, without slashes or control characters',
        ),
      dryRun: z.boolean().default(false),
    })
    .strict()
    .meta({ id: 'StartImport' }),
);

const Tally = /* @__PURE__ */ lazySchema(() =>
  z.object({ added: z.number(), changed: z.number(), deregistered: z.number(), unchanged: z.number() }),
);

export const ImportRecordSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      importId: z.string(),
      fileName: z.string(),
      dryRun: z.boolean(),
      status: z.enum(['awaiting-upload', 'running', 'done', 'failed']),
      progress: z.object({ rowsRead: z.number(), rowsTotal: z.number().nullable(), rowsApplied: z.number() }),
      counts: z
        .object({
          providers: Tally,
          locations: Tally,
          refused: z.number(),
          bandChanges: z.number(),
          sectorDifferences: z.number(),
        })
        .nullable(),
      /** Why the file was refused as a whole, or why the run stopped. */
      error: z.string().nullable(),
      startedBy: z.string(),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().nullable(),
    })
    .meta({ id: 'ImportRecord' }),
);

export const StartedImportSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      import: ImportRecordSchema,
      /** PUT the file here (Content-Type: text/csv) within 15 minutes; the upload starts the import. */
      uploadUrl: z.string(),
    })
    .meta({ id: 'StartedImport' }),
);

export const ImportWithReportSchema = /* @__PURE__ */ lazySchema(() =>
  ImportRecordSchema.extend({
    /** Links to the whole report (JSON and CSV), valid for 15 minutes, once it is done. */
    report: z.object({ json: z.string(), csv: z.string() }).nullable(),
  }).meta({ id: 'ImportWithReport' }),
);

export const ImportPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ importId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an import id') }).strict(),
);
export const ImportPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ items: z.array(ImportRecordSchema), nextToken: z.string().nullable() }).meta({ id: 'ImportPage' }),
);

export type StartImportInput = z.infer<typeof StartImportSchema>;
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
