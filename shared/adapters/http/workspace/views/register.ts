import { SECTORS } from '../../../../domain/vocabulary.ts';
import type { Location, Provider } from '../../../../schemas/provider.ts';
import { button, checkboxes, input, pagination, radios, regionTable, tag } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { providerHref } from './my-work.ts';
import { sectorWords } from './words.ts';

/**
 * The register as pages (issue 15: "everything the API can do for staff"): add a provider
 * (POST /providers) and find a location by its postcode (GET /locations?postcode=).
 */
export interface RegisterForm {
  formToken: string;
  values: Readonly<Record<string, string>>;
  problems: readonly { href: string; text: string }[];
}

export const ADD_PROVIDER_PATH = '/workspace/providers/new';
export const FIND_LOCATION_PATH = '/workspace/locations';

const problemOf = (form: RegisterForm, field: string) => {
  const found = form.problems.find((problem) => problem.href === `#${field}`);
  return found ? { text: found.text } : undefined;
};

/** The form to add a provider: name, sector, CQC Provider ID and Market Oversight (CreateProvider's fields). */
export function addProviderMain(form: RegisterForm): SafeHtml {
  const value = (name: string) => form.values[name] ?? '';
  return html`<span class="govuk-caption-l">The register</span>
<h1 class="govuk-heading-l">Add a provider</h1>
<p class="govuk-body">Add a provider that is not on the register yet. The register import adds most providers; add one here when it cannot wait for the next import.</p>
<form method="post" action="${ADD_PROVIDER_PATH}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
${input({
  name: 'name',
  label: { text: 'Provider name', classes: 'govuk-label--s' },
  hint: { text: 'As registered, on one line, at most 200 characters' },
  errorMessage: problemOf(form, 'name'),
  value: value('name'),
})}
${radios({
  name: 'sector',
  fieldset: { legend: { text: 'Sector', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'The sector decides the provider’s relationship and meeting requirements' },
  errorMessage: problemOf(form, 'sector'),
  items: SECTORS.map((sector) => ({ value: sector, text: sectorWords(sector), checked: value('sector') === sector })),
})}
${input({
  name: 'registrationId',
  label: { text: 'CQC Provider ID (optional)', classes: 'govuk-label--s' },
  hint: { text: 'For example 1-101639192' },
  errorMessage: problemOf(form, 'registrationId'),
  value: value('registrationId'),
  classes: 'govuk-input--width-20',
  spellcheck: false,
})}
${checkboxes({
  name: 'marketOversight',
  fieldset: { legend: { text: 'Market Oversight', classes: 'govuk-fieldset__legend--s' } },
  errorMessage: problemOf(form, 'marketOversight'),
  items: [
    {
      value: 'yes',
      text: 'This provider is in the Market Oversight scheme',
      hint: { text: 'It changes who may be its corporate lead (R-CORP)' },
      checked: value('marketOversight') === 'yes',
    },
  ],
})}
${button({ text: 'Add the provider' })}
</form>`;
}

/** Locations at a postcode or in an outward code's district, each with its provider. */
export function findLocationMain(params: {
  typed: string;
  problem: string | undefined;
  locations: readonly Location[];
  providers: ReadonlyMap<string, Pick<Provider, 'name'>>;
  next: string | null;
  previous: string | null;
}): SafeHtml {
  const { typed, problem, locations } = params;
  return html`<span class="govuk-caption-l">The register</span>
<h1 class="govuk-heading-l">Find a location by postcode</h1>
<form method="get" action="${FIND_LOCATION_PATH}" novalidate>
${input({
  name: 'postcode',
  label: { text: 'Postcode or outward code', classes: 'govuk-label--s' },
  hint: { text: 'A full postcode such as LL57 2PW finds one address; an outward code such as LL57 lists the district' },
  errorMessage: problem ? { text: problem } : undefined,
  value: typed,
  classes: 'govuk-input--width-10',
  spellcheck: false,
})}
${button({ text: 'Search' })}
</form>
${
  problem || !typed
    ? ''
    : locations.length === 0
      ? html`<p class="govuk-body">No location on the register is at “${typed}”. Check the postcode, or try its outward code (the part before the space).</p>`
      : regionTable({
          caption: `Locations at “${typed}”`,
          head: [{ text: 'Location' }, { text: 'Address' }, { text: 'Provider' }, { text: 'Risk' }],
          rows: locations.map((location) => [
            { text: location.name },
            { text: location.address ?? '—' },
            {
              html: html`<a class="govuk-link" href="${providerHref(location.providerId)}">${
                params.providers.get(location.providerId)?.name ?? 'The provider'
              }</a>`,
            },
            {
              html: location.significantRisk
                ? tag({ text: 'Significant risk', classes: 'govuk-tag--red' })
                : html`<span class="govuk-visually-hidden">None flagged</span>`,
            },
          ]),
        })
}
${pagination({
  ...(params.previous ? { previous: { href: params.previous } } : {}),
  ...(params.next ? { next: { href: params.next } } : {}),
})}`;
}
