import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** CQC registration ids look like "1-101639192" (a digit, a dash, digits). */
export const CqcIdSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.trim(), z.regex(/^\d{1,2}-\d{3,15}$/, 'must be a CQC registration id such as 1-101639192')),
);

/** A national independent mental health provider, marked by staff (issue 16): the import places it in that sector. */
export const MarkMentalHealthProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) }),
    'MarkMentalHealthProvider',
  ),
);

export const MentalHealthProviderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      registrationId: z.string(),
      name: z.string(),
      markedAt: z.iso.datetime(),
      markedBy: z.string(),
    }),
    'MentalHealthProvider',
  ),
);

export const MentalHealthProviderListSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(MentalHealthProviderSchema) }), 'MentalHealthProviderList'),
);

export const RegistrationPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ registrationId: CqcIdSchema }));

export type MentalHealthProvider = z.infer<typeof MentalHealthProviderSchema>;

/** POST /imports: the file about to be uploaded. The name is for people (the report); the key is ours. */
export const StartImportSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      fileName: z.string().check(
        z.trim(),
        z.minLength(1),
        z.maxLength(200),
        z.regex(/\.csv$/i, 'must be a .csv file: save the spreadsheet\u2019s first sheet as "CSV UTF-8"'),
        z.refine(
          (name) =>
            ![...name].some((character) => character < ' ' || character === '\u007f' || '/\\'.includes(character)),
          'must be a file name, without slashes or control characters',
        ),
      ),
      dryRun: z._default(z.boolean(), false),
    }),
    'StartImport',
  ),
);

const Tally = /* @__PURE__ */ lazySchema(() =>
  z.object({ added: z.number(), changed: z.number(), deregistered: z.number(), unchanged: z.number() }),
);

export const ImportRecordSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      importId: z.string(),
      fileName: z.string(),
      dryRun: z.boolean(),
      status: z.enum(['awaiting-upload', 'running', 'done', 'failed']),
      progress: z.object({ rowsRead: z.number(), rowsTotal: z.nullable(z.number()), rowsApplied: z.number() }),
      counts: z.nullable(
        z.object({
          providers: Tally,
          locations: Tally,
          refused: z.number(),
          bandChanges: z.number(),
          sectorDifferences: z.number(),
        }),
      ),
      /** Why the file was refused as a whole, or why the run stopped. */
      error: z.nullable(z.string()),
      startedBy: z.string(),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      finishedAt: z.nullable(z.iso.datetime()),
    }),
    'ImportRecord',
  ),
);

export const StartedImportSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      import: ImportRecordSchema,
      /** PUT the file here (Content-Type: text/csv) within 15 minutes; the upload starts the import. */
      uploadUrl: z.string(),
    }),
    'StartedImport',
  ),
);

export const ImportWithReportSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.extend(ImportRecordSchema, {
      /** Links to the whole report (JSON and CSV), valid for 15 minutes, once it is done. */
      report: z.nullable(z.object({ json: z.string(), csv: z.string() })),
    }),
    'ImportWithReport',
  ),
);

export const ImportPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ importId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an import id')) }),
);
export const ImportPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(ImportRecordSchema), nextToken: z.nullable(z.string()) }), 'ImportPage'),
);

export type StartImportInput = z.infer<typeof StartImportSchema>;
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
