import { escapeHtml } from '../http/pages/html.ts';

/** A template's variables: strings, or lists for {{#each}}. */
export type TemplateValues = Readonly<Record<string, string | readonly string[]>>;

/**
 * The TemplateData of one send: the values as they are (for the subject and the text part) and,
 * under `html`, the same values HTML-escaped for the HTML part. SES renders template data into the
 * HTML part without escaping it (https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html),
 * so this is the one place a name like `<script>` or `"><a href=…>` is made harmless; the HTML parts
 * of shared/definitions/email-templates.ts read only `html.*`.
 */
export function templateData(values: TemplateValues): string {
  const html: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    html[name] = typeof value === 'string' ? escapeHtml(value) : value.map(escapeHtml);
  }
  return JSON.stringify({ ...values, html });
}
