import { describe, expect, it } from 'vitest';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { checkCorporateLeadAllocation, corporateLeadBand } from '../../shared/domain/policy/engine.ts';
import type { PolicyVersion } from '../../shared/domain/policy/types.ts';
import { SECTORS, type StaffRole } from '../../shared/domain/vocabulary.ts';
import { aProvider, refusal } from './policy-builders.ts';

const catalogue = policyCatalogue();
const ON = '2024-06-01';

describe('the corporate lead band a provider falls in (R-CORP-1..4)', () => {
  it.each<[number, boolean, string | null]>([
    [0, false, null],
    [1, false, null],
    [1, true, null],
    [2, false, 'R-CORP-1'],
    [3, false, 'R-CORP-1'],
    [4, false, 'R-CORP-2'],
    [19, false, 'R-CORP-2'],
    [20, false, 'R-CORP-3'],
    [250, false, 'R-CORP-3'],
    [2, true, 'R-CORP-4'],
    [3, true, 'R-CORP-4'],
    [4, true, 'R-CORP-4'],
    [19, true, 'R-CORP-4'],
    [20, true, 'R-CORP-4'],
  ])('with %i locations, Market Oversight %s: %s', (locationCount, marketOversight, ruleId) => {
    const band = corporateLeadBand(catalogue, { sector: 'adult-social-care', marketOversight, locationCount }, ON);

    expect(band.value?.ruleId ?? null).toBe(ruleId);
    expect(band.policyId).toBe('adult-social-care');
  });

  it.each(SECTORS.filter((sector) => sector !== 'adult-social-care'))(
    'gives a %s provider no corporate lead: seed 004 is for adult social care only (correction 1)',
    (sector) => {
      const band = corporateLeadBand(catalogue, { sector, marketOversight: false, locationCount: 20 }, ON);

      expect(band).toEqual({ topic: 'corporate-lead', policyId: null, value: null });
    },
  );

  it('applies the bands from the start of the record, since seed 004 is undated (R-CORP-2)', () => {
    const band = corporateLeadBand(
      catalogue,
      { sector: 'adult-social-care', marketOversight: false, locationCount: 4 },
      '1990-01-01',
    );

    expect(band).toMatchObject({ policyId: 'adult-social-care', value: { ruleId: 'R-CORP-2' } });
  });
});

describe('allocating a corporate lead (R-CORP-1..4)', () => {
  it.each<[number, boolean, StaffRole, string]>([
    [2, false, 'inspector', 'R-CORP-1'],
    [3, false, 'inspector', 'R-CORP-1'],
    [4, false, 'inspector', 'R-CORP-2'],
    [4, false, 'inspection-manager', 'R-CORP-2'],
    [19, false, 'inspector', 'R-CORP-2'],
    [19, false, 'inspection-manager', 'R-CORP-2'],
    [20, false, 'inspection-manager', 'R-CORP-3'],
    [20, false, 'head-of-inspection', 'R-CORP-3'],
    [2, true, 'corporate-relationship-manager', 'R-CORP-4'],
    [20, true, 'corporate-relationship-manager', 'R-CORP-4'],
  ])('accepts for %i locations (Market Oversight %s) a %s (%s)', (locationCount, marketOversight, role, ruleId) => {
    const provider = aProvider('adult-social-care', locationCount, { marketOversight });

    const applied = checkCorporateLeadAllocation(catalogue, provider, [role], ON);

    expect(applied).toEqual({ policyId: 'adult-social-care', ruleId, exception: null });
  });

  it.each<[number, boolean, StaffRole, string]>([
    [2, false, 'inspection-manager', 'R-CORP-1'],
    [3, false, 'head-of-inspection', 'R-CORP-1'],
    [3, false, 'corporate-relationship-manager', 'R-CORP-1'],
    [4, false, 'head-of-inspection', 'R-CORP-2'],
    [19, false, 'head-of-inspection', 'R-CORP-2'],
    [19, false, 'corporate-relationship-manager', 'R-CORP-2'],
    [20, false, 'inspector', 'R-CORP-3'],
    [20, false, 'corporate-relationship-manager', 'R-CORP-3'],
    [2, true, 'inspector', 'R-CORP-4'],
    [20, true, 'head-of-inspection', 'R-CORP-4'],
    [20, true, 'inspection-manager', 'R-CORP-4'],
  ])('refuses for %i locations (Market Oversight %s) a %s (%s)', (locationCount, marketOversight, role, ruleId) => {
    const provider = aProvider('adult-social-care', locationCount, { marketOversight });

    const refused = refusal(() => checkCorporateLeadAllocation(catalogue, provider, [role], ON));

    expect(refused.ruleId).toBe(ruleId);
  });

  it('refuses an inspector as corporate lead of a 20-location provider (R-CORP-3)', () => {
    const provider = aProvider('adult-social-care', 20);

    const refused = refusal(() => checkCorporateLeadAllocation(catalogue, provider, ['inspector'], ON));

    expect(refused.message).toBe(
      'The corporate lead of a provider with 20 locations, not in Market Oversight must be inspection-manager or head-of-inspection under adult-social-care; another inspector needs an exception reason (R-EXC-1) (R-CORP-3)',
    );
  });

  it.each<[number, StaffRole, string]>([
    [2, 'inspection-manager', 'R-CORP-1'],
    [3, 'head-of-inspection', 'R-CORP-1'],
    [4, 'head-of-inspection', 'R-CORP-2'],
    [20, 'inspector', 'R-CORP-3'],
  ])(
    'accepts for %i locations a %s with an exception reason, since the band is "normally" (%s, R-EXC-1)',
    (count, role, ruleId) => {
      const provider = aProvider('adult-social-care', count);

      const applied = checkCorporateLeadAllocation(catalogue, provider, [role], ON, 'Knows the group well');

      expect(applied.exception).toEqual({ ruleId, reason: 'Knows the group well' });
    },
  );

  it.each<[number, boolean, StaffRole, string]>([
    [20, true, 'inspection-manager', 'R-CORP-4'],
    [3, false, 'corporate-relationship-manager', 'R-CORP-1'],
    [4, false, 'assessor', 'R-CORP-2'],
  ])(
    'refuses for %i locations (Market Oversight %s) a %s even with a reason (%s)',
    (count, marketOversight, role, ruleId) => {
      const provider = aProvider('adult-social-care', count, { marketOversight });

      const refused = refusal(() => checkCorporateLeadAllocation(catalogue, provider, [role], ON, 'Cover'));

      expect(refused.ruleId).toBe(ruleId);
    },
  );

  it.each(['nhs-trust', 'community-interest-company', 'independent-healthcare'] as const)(
    'refuses a corporate lead for a %s provider with 5 locations: no version gives one (correction 1)',
    (sector) => {
      const refused = refusal(() =>
        checkCorporateLeadAllocation(catalogue, aProvider(sector, 5), ['inspection-manager'], ON),
      );

      expect(refused.message).toMatch(/No policy in force on 2024-06-01 gives a corporate lead/);
    },
  );

  it.each<[number, boolean]>([
    [0, false],
    [1, false],
    [1, true],
  ])('refuses any corporate lead for a provider with %i location(s), Market Oversight %s (R-CORP-1)', (count, mo) => {
    const provider = aProvider('adult-social-care', count, { marketOversight: mo });

    const refused = refusal(() =>
      checkCorporateLeadAllocation(catalogue, provider, ['corporate-relationship-manager'], ON),
    );

    expect(refused.ruleId).toBe('R-CORP-1');
    expect(refused.message).toBe('a corporate lead is for providers with more than one location (R-CORP-1)');
  });

  it('refuses a corporate lead when no version in force gives a band for the provider (R-CORP-1)', () => {
    const withoutBands: PolicyVersion[] = [
      {
        policyId: 'adult-social-care',
        title: 'none',
        source: 'none',
        effectiveFrom: null,
        sectors: ['adult-social-care'],
        otherRules: [],
        provisions: [],
      },
    ];

    const refused = refusal(() =>
      checkCorporateLeadAllocation(withoutBands, aProvider('adult-social-care', 5), ['inspector'], ON),
    );

    expect(refused.ruleId).toBe('R-CORP-1');
    expect(refused.message).toMatch(/No policy in force on 2024-06-01 gives a corporate lead/);
  });
});
