import { readFileSync } from 'node:fs';

/**
 * The provider pages' stylesheet (GOV.UK Frontend with the system font stack, built by
 * `npm run build:css` from govuk-frontend.scss). In Lambda it is copied beside the bundle
 * (shared/definitions/functions.ts, bundledFiles); locally it sits beside this module. Either way it is
 * `./govuk-frontend.min.css` from the code that reads it.
 */
export const pagesStylesheet = (): string => readFileSync(new URL('./govuk-frontend.min.css', import.meta.url), 'utf8');
