import { SECTORS } from '../../../../domain/vocabulary.ts';
import type { Location, Provider } from '../../../../schemas/provider.ts';
import {
  button,
  checkboxes,
  input,
  notificationBanner,
  pagination,
  radios,
  regionTable,
  select,
  tag,
} from '../components.ts';
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

/** Which form on the register tab the state belongs to (the other is shown empty or as stored). */
export interface RegisterTabForm extends RegisterForm {
  form: 'provider' | 'location' | 'contact';
}

const yesNo = (name: string, legend: string, chosen: string, form: RegisterForm, hint?: string) =>
  radios({
    name,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    ...(hint ? { hint: { text: hint } } : {}),
    errorMessage: problemOf(form, name),
    classes: 'govuk-radios--inline',
    items: [
      { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
      { value: 'no', text: 'No', checked: chosen === 'no' },
    ],
  });

export const registerTabHref = (providerId: string) => `${providerHref(providerId)}/register`;
export const locationHref = (providerId: string, locationId: string) =>
  `${providerHref(providerId)}/locations/${locationId}`;

/**
 * A provider's register details: change them (PATCH /providers/{id} with the version read as If-Match;
 * a sector changed here is a correction later imports keep), its locations each with a link to change
 * it, and the form to add one (POST /providers/{id}/locations; significant risk plans a meeting, R-CAD-7).
 */
export function providerRegisterMain(params: {
  header: SafeHtml;
  provider: Provider;
  locations: readonly Location[];
  state: RegisterTabForm | null;
  formToken: string;
  notice: string | null;
  /** Register editors (the API's REGISTER_EDITORS) get the forms; everyone else reads the locations. */
  mayChange: boolean;
  /** The contacts table and its add form (views/contacts.ts), after the register details. */
  contacts?: SafeHtml;
}): SafeHtml {
  const { provider, state } = params;
  const providerForm: RegisterForm =
    state?.form === 'provider'
      ? state
      : {
          formToken: params.formToken,
          values: {
            name: provider.name,
            sector: provider.sector,
            registrationId: provider.registrationId ?? '',
            marketOversight: provider.marketOversight ? 'yes' : 'no',
          },
          problems: [],
        };
  const locationForm: RegisterForm =
    state?.form === 'location' ? state : { formToken: params.formToken, values: {}, problems: [] };
  const given = (form: RegisterForm, name: string) => form.values[name] ?? '';
  return html`${params.header}
${params.notice ? notificationBanner({ text: params.notice, type: 'success' }) : ''}
${
  params.mayChange
    ? html`<h2 class="govuk-heading-m">Change the register details</h2>
<form method="post" action="${registerTabHref(provider.providerId)}" novalidate>
<input type="hidden" name="formToken" value="${providerForm.formToken}">
<input type="hidden" name="version" value="${given(providerForm, 'version') || String(provider.version)}">
${input({
  name: 'name',
  label: { text: 'Provider name', classes: 'govuk-label--s' },
  errorMessage: problemOf(providerForm, 'name'),
  value: given(providerForm, 'name'),
})}
${select({
  name: 'sector',
  label: { text: 'Sector', classes: 'govuk-label--s' },
  hint: {
    text: provider.sectorCorrected
      ? 'Corrected by staff: the register import keeps this and reports the difference'
      : 'Change it only to correct the register: later imports keep a correction and report the difference',
  },
  errorMessage: problemOf(providerForm, 'sector'),
  items: SECTORS.map((sector) => ({
    value: sector,
    text: sectorWords(sector),
    selected: given(providerForm, 'sector') === sector,
  })),
})}
${input({
  name: 'registrationId',
  label: { text: 'CQC Provider ID (optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(providerForm, 'registrationId'),
  value: given(providerForm, 'registrationId'),
  classes: 'govuk-input--width-20',
  spellcheck: false,
})}
${yesNo(
  'marketOversight',
  'In the Market Oversight scheme?',
  given(providerForm, 'marketOversight'),
  providerForm,
  'A change can move the provider into another corporate band: its corporate lead is then flagged for review (R-CORP-4)',
)}
${button({ text: 'Save the register details' })}
</form>`
    : html`<p class="govuk-body">Your role can read these details but not change them or add a location.</p>`
}
${params.contacts ?? ''}
<h2 class="govuk-heading-m">Locations</h2>
${
  params.locations.length === 0
    ? html`<p class="govuk-body">No locations recorded.</p>`
    : regionTable({
        caption: 'Locations',
        head: [{ text: 'Location' }, { text: 'Address' }, { text: 'Risk' }],
        rows: params.locations.map((location) => [
          params.mayChange
            ? {
                html: html`<a class="govuk-link" href="${locationHref(provider.providerId, location.locationId)}">${location.name}</a>`,
              }
            : { text: location.name },
          { text: location.address ?? 'Not recorded' },
          {
            html: location.significantRisk
              ? tag({ text: 'Significant risk', classes: 'govuk-tag--red' })
              : html`<span class="govuk-visually-hidden">No risk flag</span>`,
          },
        ]),
      })
}
${
  params.mayChange
    ? html`<h2 class="govuk-heading-m">Add a location</h2>
<form method="post" action="${providerHref(provider.providerId)}/locations" novalidate>
<input type="hidden" name="formToken" value="${locationForm.formToken}">
${locationFields(locationForm, given(locationForm, 'significantRisk'))}
${button({ text: 'Add the location' })}
</form>`
    : ''
}`;
}

const locationFields = (form: RegisterForm, risk: string) => html`${input({
  name: 'locationName',
  label: { text: 'Location name', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'locationName'),
  value: form.values.locationName ?? '',
})}
${input({
  name: 'address',
  label: { text: 'Address (optional)', classes: 'govuk-label--s' },
  hint: { text: 'On one line, ending with the postcode, so Find a location by postcode finds it' },
  errorMessage: problemOf(form, 'address'),
  value: form.values.address ?? '',
})}
${input({
  name: 'locationRegistrationId',
  label: { text: 'CQC Location ID (optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'locationRegistrationId'),
  value: form.values.locationRegistrationId ?? '',
  classes: 'govuk-input--width-20',
  spellcheck: false,
})}
${yesNo(
  'significantRisk',
  'Is there a significant risk of poor care here?',
  risk || 'no',
  form,
  'Yes plans a meeting at this location now and needs a location relationship holder (R-CAD-7, R-REL-6)',
)}`;

/** One location's page: change its name, address, ID or risk flag (PATCH with the version read). */
export function locationMain(params: {
  provider: Provider;
  location: Location;
  state: RegisterForm | null;
  formToken: string;
}): SafeHtml {
  const { provider, location } = params;
  const form: RegisterForm = params.state ?? {
    formToken: params.formToken,
    values: {
      version: String(location.version),
      locationName: location.name,
      address: location.address ?? '',
      locationRegistrationId: location.registrationId ?? '',
      significantRisk: location.significantRisk ? 'yes' : 'no',
    },
    problems: [],
  };
  return html`<a class="govuk-back-link" href="${registerTabHref(provider.providerId)}">Back to ${provider.name}</a>
<span class="govuk-caption-l">${provider.name}</span>
<h1 class="govuk-heading-l">Change ${location.name}</h1>
<form method="post" action="${locationHref(provider.providerId, location.locationId)}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
<input type="hidden" name="version" value="${form.values.version ?? String(location.version)}">
${locationFields(form, form.values.significantRisk ?? '')}
${button({ text: 'Save the location' })}
</form>`;
}

export const cadenceHref = (providerId: string) => `${providerHref(providerId)}/cadence`;

/** On the plan tab: the provider's own cadence (R-CAD-3), and the link to change it for those who may. */
export function cadenceSummary(provider: Provider, mayChange: boolean): SafeHtml {
  const cadence = provider.cadence;
  return html`<h2 class="govuk-heading-m">Cadence of provider-level meetings (R-CAD-3)</h2>
<p class="govuk-body">${
    cadence
      ? `${cadence.meetingsPerYear === 1 ? 'Once' : `${cadence.meetingsPerYear} times`} a year, set for this provider: ${cadence.reason}`
      : 'As the policy says: no cadence set for this provider.'
  }</p>
${mayChange ? html`<p class="govuk-body"><a class="govuk-link" href="${cadenceHref(provider.providerId)}">Set the cadence<span class="govuk-visually-hidden"> for ${provider.name}</span></a></p>` : ''}`;
}

/** The form to set the cadence with a reason (PUT /providers/{id}/cadence, the version read as If-Match). */
export function cadenceMain(params: { header: SafeHtml; provider: Provider; form: RegisterForm }): SafeHtml {
  const { provider, form } = params;
  const value = (name: string, fallback: string) => form.values[name] ?? fallback;
  return html`${params.header}
<h2 class="govuk-heading-m">Set the cadence of provider-level meetings</h2>
<p class="govuk-body">R-CAD-3: at least once a year, more often for larger organisations. Say why this provider needs its own.</p>
<form method="post" action="${cadenceHref(provider.providerId)}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
<input type="hidden" name="version" value="${value('version', String(provider.version))}">
${input({
  name: 'meetingsPerYear',
  label: { text: 'Meetings a year', classes: 'govuk-label--s' },
  hint: { text: 'A whole number from 1 to 12' },
  errorMessage: problemOf(form, 'meetingsPerYear'),
  value: value('meetingsPerYear', provider.cadence ? String(provider.cadence.meetingsPerYear) : ''),
  classes: 'govuk-input--width-2',
  inputmode: 'numeric',
})}
${input({
  name: 'reason',
  label: { text: 'Reason', classes: 'govuk-label--s' },
  hint: { text: 'For example: 40 locations across three regions (at most 500 characters)' },
  errorMessage: problemOf(form, 'reason'),
  value: value('reason', ''),
})}
${button({ text: 'Set the cadence' })}
</form>`;
}
