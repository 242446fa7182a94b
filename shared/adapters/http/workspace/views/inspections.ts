import type { Inspection } from '../../../../schemas/inspection.ts';
import type { Location, Provider } from '../../../../schemas/provider.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import type { RiskProfile } from '../../../../use-cases/risk-profile.ts';
import { button, dateInput, regionTable, select, summaryList, tag, textarea } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { providerHref } from './my-work.ts';
import type { RegisterForm } from './register.ts';
import { capitalised, dayInWords, words } from './words.ts';

/**
 * A provider's inspections (R-REL-5: who inspected, and for adult social care why not the relationship
 * holder) with the form to record one, and its quality and risk profile across locations (R-CORP-5).
 */
const problemOf = (form: RegisterForm, field: string) => {
  const found = form.problems.find((problem) => problem.href === `#${field}`);
  return found ? { text: found.text } : undefined;
};
export const inspectionsHref = (providerId: string) => `${providerHref(providerId)}/inspections`;

export function inspectionsMain(params: {
  header: SafeHtml;
  provider: Provider;
  inspections: readonly Inspection[];
  locations: readonly Location[];
  staff: readonly Pick<Staff, 'staffId' | 'name' | 'roles'>[];
  /** Null: the role may not record one (the API's PROVIDER_CORRESPONDENTS). */
  form: RegisterForm | null;
  notice: SafeHtml | '';
}): SafeHtml {
  const { provider, form } = params;
  const locationName = new Map(params.locations.map((location) => [location.locationId, location.name]));
  const given = (name: string) => form?.values[name] ?? '';
  const staffItems = (chosen: string, blank: string) => [
    { value: '', text: blank, selected: chosen === '' },
    ...params.staff.map((person) => ({
      value: person.staffId,
      text: `${person.name} (${person.roles.map(words).join(', ')})`,
      selected: chosen === person.staffId,
    })),
  ];
  return html`${params.header}
${params.notice}
<h2 class="govuk-heading-m">Inspections</h2>
${
  params.inspections.length === 0
    ? html`<p class="govuk-body">No inspection recorded.</p>`
    : regionTable({
        caption: 'Inspections, newest first',
        head: [{ text: 'Day' }, { text: 'Of' }, { text: 'Inspected by' }, { text: 'Why not the relationship holder' }],
        rows: params.inspections.map((inspection) => [
          { text: dayInWords(inspection.inspectedOn) },
          {
            text: inspection.locationId
              ? (locationName.get(inspection.locationId) ?? 'A location no longer listed')
              : 'The provider as a whole',
          },
          { text: inspection.inspectors.map((inspector) => inspector.name).join(', ') },
          { text: inspection.reasonHolderDidNot ?? '—' },
        ]),
      })
}
${
  form
    ? html`<h2 class="govuk-heading-m">Record an inspection</h2>
<form method="post" action="${inspectionsHref(provider.providerId)}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
${dateInput({
  id: 'inspectedOn',
  namePrefix: 'inspectedOn',
  fieldset: { legend: { text: 'When was it?', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'For example 27 3 2027: today or earlier' },
  errorMessage: problemOf(form, 'inspectedOn'),
  values: { day: given('inspectedOn-day'), month: given('inspectedOn-month'), year: given('inspectedOn-year') },
})}
${select({
  name: 'locationId',
  label: { text: 'What was inspected', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'locationId'),
  items: [
    { value: '', text: 'The provider as a whole', selected: given('locationId') === '' },
    ...params.locations.map((location) => ({
      value: location.locationId,
      text: location.name,
      selected: given('locationId') === location.locationId,
    })),
  ],
})}
${select({
  name: 'inspector',
  label: { text: 'Inspector', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'inspector'),
  items: staffItems(given('inspector'), 'Choose the inspector'),
})}
${select({
  name: 'secondInspector',
  label: { text: 'Second inspector (optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'secondInspector'),
  items: staffItems(given('secondInspector'), 'None'),
})}
${textarea({
  name: 'reasonHolderDidNot',
  label: { text: 'Why the relationship holder did not inspect (adult social care)', classes: 'govuk-label--s' },
  hint: {
    text: 'Needed for adult social care when the service has a relationship holder who is not among the inspectors (R-REL-5)',
  },
  errorMessage: problemOf(form, 'reasonHolderDidNot'),
  value: given('reasonHolderDidNot'),
  rows: 3,
})}
${button({ text: 'Record the inspection' })}
</form>`
    : ''
}`;
}

/** "2026-Q4" as "October to December 2026". */
export function quarterWords(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  const names = ['January to March', 'April to June', 'July to September', 'October to December'];
  return `${names[Number(match[2]) - 1] ?? ''} ${match[1]}`;
}

/** The corporate lead's view (R-CORP-5): totals, the trend over four quarters, and each location. Read only. */
export function riskProfileMain(header: SafeHtml, profile: RiskProfile): SafeHtml {
  const kinds = [...new Set(profile.trend.flatMap((quarter) => Object.keys(quarter.information)))].sort();
  const { totals } = profile;
  return html`${header}
<h2 class="govuk-heading-m">Quality and risk profile on ${dayInWords(profile.on)}</h2>
<p class="govuk-body">Across all ${String(totals.locations)} locations, for the corporate relationship lead (R-CORP-5).</p>
${summaryList({
  rows: [
    { key: { text: 'Locations at significant risk' }, value: { text: String(totals.atSignificantRisk) } },
    { key: { text: 'Open concerns' }, value: { text: String(totals.openConcerns) } },
    { key: { text: 'Open submissions' }, value: { text: String(totals.openSubmissions) } },
    { key: { text: 'Overdue meetings' }, value: { text: String(totals.overdueMeetings) } },
    {
      key: { text: 'Information held in the four quarters' },
      value: {
        text:
          Object.entries(totals.informationByKind)
            .map(([kind, count]) => `${capitalised(words(kind))}: ${count}`)
            .join('; ') || 'None',
      },
    },
    {
      key: { text: 'Last inspection' },
      value: { text: profile.lastInspection ? dayInWords(profile.lastInspection.inspectedOn) : 'None recorded' },
    },
  ],
})}
${regionTable({
  caption: 'Trend by quarter',
  head: [
    { text: 'Quarter' },
    ...kinds.map((kind) => ({ text: capitalised(words(kind)), format: 'numeric' as const })),
    { text: 'Submissions', format: 'numeric' as const },
    { text: 'Concerns', format: 'numeric' as const },
    { text: 'Meetings held', format: 'numeric' as const },
    { text: 'Inspections', format: 'numeric' as const },
  ],
  rows: profile.trend.map((quarter) => [
    { text: quarterWords(quarter.quarter) },
    ...kinds.map((kind) => ({ text: String(quarter.information[kind] ?? 0), format: 'numeric' as const })),
    { text: String(quarter.submissions), format: 'numeric' as const },
    { text: String(quarter.concerns), format: 'numeric' as const },
    { text: String(quarter.meetingsHeld), format: 'numeric' as const },
    { text: String(quarter.inspections), format: 'numeric' as const },
  ]),
})}
${
  profile.locations.length === 0
    ? html`<p class="govuk-body">No locations recorded.</p>`
    : regionTable({
        caption: 'Locations',
        head: [
          { text: 'Location' },
          { text: 'Risk' },
          { text: 'Overdue meetings', format: 'numeric' as const },
          { text: 'Last inspection' },
        ],
        rows: profile.locations.map((location) => [
          { text: location.name },
          {
            html: location.significantRisk
              ? tag({ text: 'Significant risk', classes: 'govuk-tag--red' })
              : html`<span class="govuk-visually-hidden">No risk flag</span>`,
          },
          { text: String(location.overdueMeetings), format: 'numeric' as const },
          { text: location.lastInspection ? dayInWords(location.lastInspection.inspectedOn) : 'None recorded' },
        ]),
      })
}`;
}
