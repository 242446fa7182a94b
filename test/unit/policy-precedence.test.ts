import { describe, expect, it } from 'vitest';
import { policyCatalogue, SECTOR_VERSIONS } from '../../shared/domain/policy/catalogue.ts';
import { applicableMeetings, applicableRule, inForce } from '../../shared/domain/policy/engine.ts';
import type { PolicyId, PolicyVersion } from '../../shared/domain/policy/types.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';

const catalogue = policyCatalogue();
const ids = (versions: readonly PolicyVersion[]): PolicyId[] => versions.map((version) => version.policyId);

describe('which policy versions are in force on a day, newest first', () => {
  it.each<[string, PolicyId[]]>([
    ['1990-01-01', ['adult-social-care']],
    ['2020-10-20', ['adult-social-care']],
    ['2020-10-21', ['nhs-trusts-2020', 'adult-social-care']],
    ['2022-05-11', ['nhs-trusts-2020', 'adult-social-care']],
    ['2022-05-12', ['independent-healthcare-2022', 'national-partners-2022', 'nhs-trusts-2020', 'adult-social-care']],
    ['2023-10-31', ['independent-healthcare-2022', 'national-partners-2022', 'nhs-trusts-2020', 'adult-social-care']],
    [
      '2023-11-01',
      [
        'assessment-framework-2023',
        'independent-healthcare-2022',
        'national-partners-2022',
        'nhs-trusts-2020',
        'adult-social-care',
      ],
    ],
  ])('on %s: %j', (on, expected) => {
    const versions = inForce(catalogue, on);

    expect(ids(versions)).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ['2023-11-01', false],
    ['2024-03-31', false],
    ['2024-04-01', true],
  ])('with the 2023 framework configured from 2024-04-01, on %s it is in force: %s', (on, expected) => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const versions = inForce(moved, on);

    expect(ids(versions).includes('assessment-framework-2023')).toBe(expected);
  });

  it.each([['2023-11-1'], ['yesterday'], ['2023-02-30']])('refuses %j as a day', (on) => {
    expect(() => inForce(catalogue, on)).toThrow(/YYYY-MM-DD/);
  });
});

describe('precedence rule by rule (correction 2 of 2026-11-29)', () => {
  const meetingsOf = (sector: Sector, on: string) =>
    applicableMeetings(catalogue, sector, on, 'provider').map(
      ({ policyId, requirement }) => `${requirement.ruleId} ${policyId}`,
    );

  it('replaces the NHS trust regular meetings (R-CAD-1 by R-CAD-4) and keeps its board meetings (R-CAD-2) on 2023-11-01', () => {
    expect(meetingsOf('nhs-trust', '2023-10-31')).toEqual(['R-CAD-1 nhs-trusts-2020', 'R-CAD-2 nhs-trusts-2020']);
    expect(meetingsOf('nhs-trust', '2023-11-01')).toEqual([
      'R-CAD-4 assessment-framework-2023',
      'R-CAD-6 assessment-framework-2023',
      'R-CAD-2 nhs-trusts-2020',
    ]);
  });

  it('keeps the NHS trust provider holder of 2020 under the framework, which does not restate it (R-REL-1)', () => {
    const rule = applicableRule(catalogue, 'nhs-trust', '2025-06-01', 'relationship-holder-provider');

    expect(rule.policyId).toBe('nhs-trusts-2020');
    expect(rule.value?.roles).toEqual(['inspector', 'inspection-manager']);
  });

  it('keeps adult social care corporate leads under the framework, which does not restate them (R-CORP)', () => {
    const rule = applicableRule(catalogue, 'adult-social-care', '2025-06-01', 'corporate-lead');

    expect(rule.policyId).toBe('adult-social-care');
  });

  it('leaves national independent mental health providers with seed 001 under the framework (SECTOR_VERSIONS)', () => {
    expect(
      applicableMeetings(catalogue, 'independent-mental-health', '2025-06-01', 'location').map(
        ({ policyId }) => policyId,
      ),
    ).toEqual(['independent-healthcare-2022']);
  });

  it('answers that no version addresses a topic when none does, rather than inventing a rule', () => {
    const rule = applicableRule(catalogue, 'nhs-trust', '2024-06-01', 'relationship-holder-location');

    expect(rule).toEqual({ topic: 'relationship-holder-location', policyId: null, value: null });
  });

  it.each<Sector>(['primary-dental-care', 'independent-ambulance'])(
    'gives %s nothing on any day: no seed governs it',
    (sector) => {
      const asked = ['1990-01-01', '2025-06-01'].flatMap((on) => [
        ...applicableMeetings(catalogue, sector, on, 'provider'),
        ...applicableMeetings(catalogue, sector, on, 'location'),
        ...(['relationship-holder-provider', 'relationship-holder-location', 'corporate-lead'] as const)
          .map((topic) => applicableRule(catalogue, sector, on, topic).value)
          .filter((value) => value !== null),
      ]);

      expect(asked).toEqual([]);
    },
  );
});

describe('the sector → versions map is configuration (DOMAIN.md)', () => {
  it('lets a deployment put national independent mental health providers under the framework too', () => {
    const configured = policyCatalogue(
      {},
      { ...SECTOR_VERSIONS, 'independent-mental-health': ['independent-healthcare-2022', 'assessment-framework-2023'] },
    );

    const rule = applicableRule(configured, 'independent-mental-health', '2025-06-01', 'relationship-holder-location');

    // The framework states nothing for that sector, so seed 001's rule still answers: a map cannot invent rules.
    expect(rule.policyId).toBe('independent-healthcare-2022');
  });

  it('lets a deployment stop NHS trusts reading seed 000, which ends their board meetings (R-CAD-2)', () => {
    const configured = policyCatalogue({}, { ...SECTOR_VERSIONS, 'nhs-trust': ['assessment-framework-2023'] });

    const meetings = applicableMeetings(configured, 'nhs-trust', '2025-06-01', 'provider');

    expect(meetings.map(({ requirement }) => requirement.ruleId)).toEqual(['R-CAD-4', 'R-CAD-6']);
  });

  it('refuses a map naming a version that does not exist', () => {
    const typo = JSON.parse('{"nhs-trust": ["nhs-trusts-2021"]}') as typeof SECTOR_VERSIONS;

    expect(() => policyCatalogue({}, { ...SECTOR_VERSIONS, ...typo })).toThrow(/nhs-trusts-2021/);
  });
});
