import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileStylesheet, STYLESHEET_OUTPUT } from '../../infra/local/build-stylesheet.ts';
import { layout, serviceNavigation } from '../../shared/adapters/http/pages/html.ts';

/**
 * The provider pages' header and stylesheet (issue 12 item 18), checked against what govuk-frontend
 * ships: the service navigation component's own fixtures.json, and its Sass built with the documented
 * $govuk-font-family setting (https://frontend.design-system.service.gov.uk/sass-api-reference/#govuk-font-family).
 */
const require = createRequire(import.meta.url);
interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}
const fixtures = (component: string): Fixture[] =>
  (
    JSON.parse(
      readFileSync(require.resolve(`govuk-frontend/dist/govuk/components/${component}/fixtures.json`), 'utf8'),
    ) as { fixtures: Fixture[] }
  ).fixtures;
/** Markup compared as a browser parses it: white space between and inside tags does not count. */
const normalised = (html: string) =>
  html
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .replace(/\s+>/g, '>')
    .replace(/>\s+/g, '>')
    .replace(/\s+</g, '<')
    .trim();

describe('the provider pages’ header', () => {
  const withServiceName = fixtures('service-navigation').find((fixture) => fixture.name === 'with service name');

  it('is the service navigation component "with service name", as its fixtures.json renders it', () => {
    expect(withServiceName?.options).toEqual({ serviceName: 'Service name' });

    expect(normalised(serviceNavigation('Service name'))).toBe(normalised(withServiceName?.html ?? ''));
  });

  it('names the service on every page, inside the template’s header, with no GOV.UK header or logo', () => {
    const page = layout('Comment on the template', '<p>Hello</p>');

    expect(normalised(page)).toContain(
      normalised(`<header class="govuk-template__header">${serviceNavigation('Provider engagement')}</header>`),
    );
    expect(page).not.toContain('govuk-header');
    expect(page).not.toContain('GOV.UK');
  });

  it('escapes the service name', () => {
    expect(serviceNavigation('<b>&')).toContain('&lt;b&gt;&amp;');
  });
});

describe('the provider pages’ stylesheet', () => {
  const served = readFileSync(STYLESHEET_OUTPUT, 'utf8');

  it('declares no font file: no @font-face, nothing under /assets/fonts (GDS Transport is for GOV.UK only)', () => {
    expect(served).not.toContain('@font-face');
    expect(served).not.toContain('/assets/fonts/');
    expect(served).not.toContain('GDS Transport');
  });

  it('sets the system font stack on text', () => {
    expect(served).toContain('font-family:system-ui,');
  });

  // Compiling all of GOV.UK Frontend takes a few seconds, more on a busy machine.
  it('is what npm run build:css makes from govuk-frontend.scss and the installed govuk-frontend (no drift)', () => {
    expect(compileStylesheet()).toBe(served);
  }, 60_000);
});
