import { escapeHtml } from '../http/pages/html.ts';

/** A list entry with fields, for {{#each}} over rows (the overdue digest's meetings: title, provider, link). */
export type TemplateRow = Readonly<Record<string, string>>;

/** A template's variables: strings, or lists (of strings or of rows) for {{#each}}. */
export type TemplateValues = Readonly<Record<string, string | readonly string[] | readonly TemplateRow[]>>;

const escapeRow = (row: TemplateRow): Record<string, string> =>
  Object.fromEntries(Object.entries(row).map(([field, value]) => [field, escapeHtml(value)]));

/**
 * The TemplateData of one send: the values as they are (for the subject and the text part) and,
 * under `html`, the same values HTML-escaped for the HTML part. SES renders template data into the
 * HTML part without escaping it (https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html),
 * so this is the one place a name like `<script>` or `"><a href=…>` is made harmless; the HTML parts
 * of shared/definitions/email-templates.ts read only `html.*`.
 */
export function templateData(values: TemplateValues): string {
  const html: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    html[name] =
      typeof value === 'string'
        ? escapeHtml(value)
        : value.map((entry: string | TemplateRow) =>
            typeof entry === 'string' ? escapeHtml(entry) : escapeRow(entry),
          );
  }
  return JSON.stringify({ ...values, html });
}
