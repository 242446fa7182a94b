/**
 * The workspace's one way to build HTML (issue 15): a tagged template that escapes every value it
 * is given unless the value is already SafeHtml (made by this tag). Arrays are joined, each element
 * escaped the same way; null, undefined and false render nothing. There is no way to pass a string
 * through unescaped except `trusted`, kept for constant markup written in this folder.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (const [index, value] of values.entries()) out += render(value) + (strings[index + 1] ?? '');
  return new SafeHtml(out);
}

/** Constant markup only (an SVG path, an entity): never data. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/** Joins space-separated class names, dropping the empty ones. */
export const classes = (...names: (string | false | null | undefined)[]): string => names.filter(Boolean).join(' ');
