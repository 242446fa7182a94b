import { describe, expect, it } from 'vitest';
import { html } from '../../shared/adapters/http/workspace/html.ts';
import {
  inspectionsMain,
  quarterWords,
  riskProfileMain,
} from '../../shared/adapters/http/workspace/views/inspections.ts';
import {
  addProviderMain,
  cadenceMain,
  cadenceSummary,
  findLocationMain,
  locationMain,
  providerRegisterMain,
} from '../../shared/adapters/http/workspace/views/register.ts';
import { addStaffMain, signInStepSection } from '../../shared/adapters/http/workspace/views/staff-sign-in.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

/**
 * The register's pages (issue 15: add a provider, find a location by postcode): whatever people typed
 * comes back as text, never markup; the form keeps what was typed; each error sits beside its field.
 */
const HOSTILE = '<script>alert(1)</script> & "O\'Brien"';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;O&#39;Brien&quot;';

const location = (overrides: Partial<Location> = {}): Location => ({
  locationId: '01ARZ3NDEKTSV4RRFFQ69G5FL1',
  providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
  name: HOSTILE,
  registrationId: null,
  address: HOSTILE,
  significantRisk: false,
  version: 1,
  createdAt: '2027-01-05T10:00:00.000Z',
  createdBy: 'staff:x',
  updatedAt: '2027-01-05T10:00:00.000Z',
  updatedBy: 'staff:x',
  ...overrides,
});

describe('the add a provider form', () => {
  it('gives back what was typed as text, with the error beside the field it names', () => {
    const page = String(
      addProviderMain({
        formToken: 'token-1',
        values: { name: HOSTILE, registrationId: HOSTILE, sector: 'adult-social-care', marketOversight: 'yes' },
        problems: [{ href: '#sector', text: 'Choose the provider’s sector' }],
      }),
    );

    expect(page).toContain(`value="${ESCAPED}"`);
    expect(page).not.toContain('<script>');
    expect(page).toContain('id="sector-error"');
    expect(page).toMatch(/value="adult-social-care" checked/);
    expect(page).toMatch(/value="yes" checked/);
    expect(page).toContain('name="formToken" value="token-1"');
  });

  it('lists every sector in words', () => {
    const page = String(addProviderMain({ formToken: 't', values: {}, problems: [] }));

    expect(page).toContain('NHS trust');
    expect(page).toContain('Adult social care');
    expect(page).not.toContain('checked');
  });
});

describe('finding a location by postcode', () => {
  it('shows each location’s name, address and provider as text, and flags significant risk (R-CAD-7)', () => {
    const page = String(
      findLocationMain({
        typed: HOSTILE,
        problem: undefined,
        locations: [location(), location({ locationId: '01ARZ3NDEKTSV4RRFFQ69G5FL2', significantRisk: true })],
        providers: new Map([['01ARZ3NDEKTSV4RRFFQ69G5FP1', { name: HOSTILE }]]),
        next: '/workspace/locations?postcode=LL57&from=abc',
        previous: null,
      }),
    );

    expect(page).not.toContain('<script>');
    expect(page).toContain(`Locations at “${ESCAPED}”`);
    expect(page).toContain('/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1');
    expect(page).toContain('Significant risk');
    expect(page).toContain('from=abc');
  });

  it('says what to try when no location is at the postcode', () => {
    const page = String(
      findLocationMain({
        typed: 'ZZ9',
        problem: undefined,
        locations: [],
        providers: new Map(),
        next: null,
        previous: null,
      }),
    );

    expect(page).toContain('No location on the register is at “ZZ9”');
  });

  it('shows the problem on the field and no results when the postcode is not one', () => {
    const page = String(
      findLocationMain({
        typed: '!!',
        problem: 'Enter a UK postcode such as LL57 2PW, or an outward code such as LL57',
        locations: [],
        providers: new Map(),
        next: null,
        previous: null,
      }),
    );

    expect(page).toContain('id="postcode-error"');
    expect(page).not.toContain('No location on the register');
  });
});

const provider = {
  providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
  name: HOSTILE,
  sector: 'nhs-trust',
  marketOversight: true,
  registrationId: HOSTILE,
  contacts: [],
  locationCount: 1,
  sectorCorrected: true,
  version: 4,
} as unknown as Provider;

describe('a provider’s register details', () => {
  it('fills the change form from the provider, its version standing for If-Match, all as text', () => {
    const page = String(
      providerRegisterMain({
        header: html``,
        provider,
        locations: [location()],
        state: null,
        formToken: 't',
        notice: null,
        mayChange: true,
      }),
    );

    expect(page).not.toContain('<script>');
    expect(page).toContain(`value="${ESCAPED}"`);
    expect(page).toContain('name="version" value="4"');
    expect(page).toMatch(/value="nhs-trust" selected/);
    expect(page).toContain('Corrected by staff');
    expect(page).toContain('/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/locations/01ARZ3NDEKTSV4RRFFQ69G5FL1');
  });

  it('shows a role that may not change the register the locations only, without forms', () => {
    const page = String(
      providerRegisterMain({
        header: html``,
        provider,
        locations: [location()],
        state: null,
        formToken: 't',
        notice: null,
        mayChange: false,
      }),
    );

    expect(page).not.toContain('<form');
    expect(page).toContain('Your role can read these details');
  });

  it('keeps what was typed in the location form when it is refused, the error beside the field', () => {
    const page = String(
      providerRegisterMain({
        header: html``,
        provider,
        locations: [],
        state: {
          form: 'location',
          formToken: 't',
          values: { locationName: HOSTILE, address: HOSTILE, significantRisk: 'yes' },
          problems: [{ href: '#locationName', text: 'Enter the location’s name' }],
        },
        formToken: 't',
        notice: null,
        mayChange: true,
      }),
    );

    expect(page).toContain('id="locationName-error"');
    expect(page).toMatch(/name="significantRisk" type="radio" value="yes" checked/);
    expect(page).not.toContain('<script>');
  });

  it('fills a location’s change form from the location, with its risk flag (R-CAD-7)', () => {
    const page = String(
      locationMain({
        provider,
        location: location({ significantRisk: true, version: 7 }),
        state: null,
        formToken: 't',
      }),
    );

    expect(page).toContain('name="version" value="7"');
    expect(page).toMatch(/value="yes" checked/);
    expect(page).toContain(`Change ${ESCAPED}`);
    expect(page).not.toContain('<script>');
  });
});

describe('inspections and the risk profile', () => {
  it('lists who inspected and why not the holder as text, days in words (R-REL-5)', () => {
    const page = String(
      inspectionsMain({
        header: html``,
        provider,
        inspections: [
          {
            inspectionId: '01ARZ3NDEKTSV4RRFFQ69G5FI1',
            providerId: provider.providerId,
            locationId: null,
            inspectedOn: '2025-11-03',
            inspectors: [{ staffId: '01ARZ3NDEKTSV4RRFFQ69G5FS1', name: HOSTILE }],
            holderStaffId: null,
            reasonHolderDidNot: HOSTILE,
            recordedAt: '2025-11-04T10:00:00.000Z',
            recordedBy: 'staff:x',
          },
        ],
        locations: [],
        staff: [{ staffId: '01ARZ3NDEKTSV4RRFFQ69G5FS1', name: HOSTILE, roles: ['inspector'] }],
        form: { formToken: 't', values: { reasonHolderDidNot: HOSTILE }, problems: [] },
        notice: '',
      }),
    );

    expect(page).not.toContain('<script>');
    expect(page).toContain('Monday 3 November 2025');
    expect(page).toContain('The provider as a whole');
    expect(page).toContain(ESCAPED);
  });

  it('offers no form to a role that may not record an inspection', () => {
    const page = String(
      inspectionsMain({
        header: html``,
        provider,
        inspections: [],
        locations: [],
        staff: [],
        form: null,
        notice: '',
      }),
    );

    expect(page).not.toContain('<form');
    expect(page).toContain('No inspection recorded.');
  });

  it.each([
    ['2026-Q4', 'October to December 2026'],
    ['2027-Q1', 'January to March 2027'],
    ['not a quarter', 'not a quarter'],
  ])('names the quarter %s as “%s”', (quarter, shown) => {
    expect(quarterWords(quarter)).toBe(shown);
  });

  it('shows the risk profile’s locations as text with their risk flags and last inspections in words (R-CORP-5)', () => {
    const page = String(
      riskProfileMain(html``, {
        providerId: provider.providerId,
        name: HOSTILE,
        sector: 'nhs-trust',
        on: '2026-11-30',
        quarters: ['2026-Q4'],
        totals: {
          locations: 1,
          atSignificantRisk: 1,
          openSubmissions: 2,
          openConcerns: 1,
          overdueMeetings: 0,
          informationByKind: { 'public-experience': 3 },
        },
        trend: [
          {
            quarter: '2026-Q4',
            information: { 'public-experience': 3 },
            submissions: 2,
            concerns: 1,
            meetingsHeld: 0,
            inspections: 1,
          },
        ],
        locations: [
          {
            locationId: '01ARZ3NDEKTSV4RRFFQ69G5FL1',
            name: HOSTILE,
            significantRisk: true,
            overdueMeetings: 0,
            lastInspection: { inspectionId: '01ARZ3NDEKTSV4RRFFQ69G5FI1', inspectedOn: '2025-11-03' },
          },
        ],
        lastInspection: null,
      }),
    );

    expect(page).not.toContain('<script>');
    expect(page).toContain('Monday 30 November 2026');
    expect(page).toContain('October to December 2026');
    expect(page).toContain('Public experience: 3');
    expect(page).toContain('Significant risk');
    expect(page).toContain('Monday 3 November 2025');
  });
});

describe('the cadence (R-CAD-3)', () => {
  it('says the provider follows the policy when no cadence is set, and links to set one only for those who may', () => {
    const shown = String(cadenceSummary({ ...provider, cadence: null }, false));

    expect(shown).toContain('no cadence set for this provider');
    expect(shown).not.toContain('Set the cadence');
  });

  it('shows a set cadence with its reason as text', () => {
    const shown = String(
      cadenceSummary(
        {
          ...provider,
          cadence: { meetingsPerYear: 4, reason: HOSTILE, setAt: '2026-11-30T10:00:00.000Z', setBy: 'x' },
        },
        true,
      ),
    );

    expect(shown).toContain(`4 times a year, set for this provider: ${ESCAPED}`);
    expect(shown).toContain('/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/cadence');
  });

  it('keeps what was typed in the form, with the version read', () => {
    const shown = String(
      cadenceMain({
        header: html``,
        provider,
        form: { formToken: 't', values: { version: '4', meetingsPerYear: '13', reason: HOSTILE }, problems: [] },
      }),
    );

    expect(shown).toContain('name="version" value="4"');
    expect(shown).toContain('value="13"');
    expect(shown).not.toContain('<script>');
  });
});

describe('adding staff and their sign-in (R-TEAM-5)', () => {
  const member = {
    staffId: '01ARZ3NDEKTSV4RRFFQ69G5FS1',
    name: HOSTILE,
    email: 'x@cqc.example',
    roles: ['inspector'],
    leftOn: null,
  } as unknown as Staff;

  it('offers the button only after a failed sync or for a leaver, and only to those who may run it', () => {
    const shown = (outOfStep: boolean, leftOn: string | null, mayRun: boolean) =>
      String(signInStepSection({ member: { ...member, leftOn }, outOfStep, mayRun, formToken: 't' }));

    expect(shown(false, null, true)).toBe('');
    expect(shown(true, null, false)).toBe('');
    expect(shown(true, null, true)).toContain('Bring sign-in into step');
    expect(shown(true, null, true)).toContain(`${ESCAPED}’s record is saved`);
    expect(shown(false, '2026-11-30', true)).toContain('They have a leaving day');
  });

  it('keeps what was typed in the add form, roles ticked, all as text', () => {
    const page = String(
      addStaffMain({
        roles: ['admin'],
        teams: [],
        form: { formToken: 't', values: { name: HOSTILE, email: HOSTILE, roles: 'inspector,admin' }, problems: [] },
      }),
    );

    expect(page).not.toContain('<script>');
    expect(page).toContain(`value="${ESCAPED}"`);
    expect(page).toMatch(/value="inspector" checked/);
    expect(page).toMatch(/value="admin" checked/);
  });
});
