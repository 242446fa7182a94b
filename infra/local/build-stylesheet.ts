import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'sass';
import { repoRoot } from './paths.ts';

/**
 * `npm run build:css`: compiles the provider pages' stylesheet (shared/adapters/http/pages/govuk-frontend.scss:
 * GOV.UK Frontend with the system font stack) into govuk-frontend.min.css beside it, which the respond
 * function serves and bundles. The compiled file is committed; a test compiles again and compares, so
 * it cannot drift from the source or from the govuk-frontend version installed.
 */
export const STYLESHEET_SOURCE = fileURLToPath(
  new URL('../../shared/adapters/http/pages/govuk-frontend.scss', import.meta.url),
);
export const STYLESHEET_OUTPUT = fileURLToPath(
  new URL('../../shared/adapters/http/pages/govuk-frontend.min.css', import.meta.url),
);

export function compileStylesheet(): string {
  const result = compile(STYLESHEET_SOURCE, {
    style: 'compressed',
    loadPaths: [`${repoRoot}node_modules`],
    // govuk-frontend's own deprecation notices are not ours to fix.
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  // Sass starts compressed output holding non-ASCII with a byte order mark; the file is served as UTF-8.
  return `${result.css.replace(/^\uFEFF/, '')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(STYLESHEET_OUTPUT, compileStylesheet());
  console.log(`Wrote ${STYLESHEET_OUTPUT}`);
}
