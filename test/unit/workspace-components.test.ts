import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as components from '../../shared/adapters/http/workspace/components.ts';
import { html, SafeHtml, trusted } from '../../shared/adapters/http/workspace/html.ts';

/**
 * The workspace writes component markup by hand (issue 15), so it is checked against the markup the
 * components' maintainers publish: each govuk-frontend component's fixtures.json, rendered by its own
 * Nunjucks macro. The same options go into our function; the HTML must match once whitespace between
 * tags is ignored.
 */
const require = createRequire(import.meta.url);
interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}
const fixture = (component: string, name: string): Fixture => {
  const path = require.resolve(`govuk-frontend/dist/govuk/components/${component}/fixtures.json`);
  const found = (JSON.parse(readFileSync(path, 'utf8')) as { fixtures: Fixture[] }).fixtures.find(
    (candidate) => candidate.name === name,
  );
  if (!found) throw new Error(`No fixture ${component} / ${name}`);
  return found;
};

const normalise = (markup: string) =>
  markup.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+>/g, '>').trim();

/** Fixture options with `html` strings made SafeHtml (they are the maintainers' constant markup). */
const withSafeHtml = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withSafeHtml);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === 'html' && typeof inner === 'string' ? trusted(inner) : withSafeHtml(inner),
      ]),
    );
  }
  return typeof value === 'number' ? String(value) : value;
};

type Render = (options: never) => SafeHtml;
const cases: [string, string, Render][] = [
  ['skip-link', 'default', components.skipLink],
  ['generic-header', 'default', components.genericHeader],
  ['service-navigation', 'with service name and navigation', components.serviceNavigation],
  ['service-navigation', 'with navigation with an active item', components.serviceNavigation],
  ['phase-banner', 'default', components.phaseBanner],
  ['tag', 'default', components.tag],
  ['summary-list', 'default', components.summaryList],
  ['error-summary', 'default', components.errorSummary],
  ['table', 'with head', components.table],
  ['textarea', 'default', components.textarea],
  ['input', 'with error and hint', components.input],
  ['radios', 'with hint and error message', components.radios],
  ['date-input', 'with error message and hint', components.dateInput],
  ['button', 'default', components.button],
  ['warning-text', 'default', components.warningText],
  ['inset-text', 'default', components.insetText],
  ['notification-banner', 'default', components.notificationBanner],
  ['back-link', 'default', components.backLink],
];

describe("workspace components match govuk-frontend's fixtures", () => {
  it.each(cases)('%s (%s)', (component, name, render) => {
    const { options, html: expected } = fixture(component, name);
    const options_ = withSafeHtml(options) as never;
    // The back link's fixture has no href: the macro defaults it to "#".
    const given = component === 'back-link' ? ({ href: '#', ...(options_ as object) } as never) : options_;

    expect(normalise(render(given).value)).toBe(normalise(expected));
  });
});

describe('the escaping template', () => {
  it('escapes text and attribute values, keeps SafeHtml, joins arrays and drops empties', () => {
    const name = '<script>alert("x")</script> & O\'Brien';

    const out = html`<p title="${name}">${name}${[name, html`<b>ok</b>`]}${null}${false}${undefined}</p>`.value;

    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien<b>ok</b></p>',
    );
  });

  it('never treats a string that looks like markup as SafeHtml', () => {
    expect(html`${'<b>' as unknown as SafeHtml}`.value).toBe('&lt;b&gt;');
    expect(html`${new SafeHtml('<b>')}`.value).toBe('<b>');
  });
});
