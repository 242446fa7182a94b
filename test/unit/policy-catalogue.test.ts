import { describe, expect, it } from 'vitest';
import { POLICY_VERSIONS, policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { describePolicies } from '../../shared/domain/policy/engine.ts';
import type { PolicyId } from '../../shared/domain/policy/types.ts';
import { SECTORS } from '../../shared/domain/vocabulary.ts';

describe('the policy catalogue and its configurable dates', () => {
  it.each<[PolicyId, string | null]>([
    ['nhs-trusts-2020', '2020-10-21'],
    ['independent-healthcare-2022', '2022-05-12'],
    ['national-partners-2022', '2022-05-12'],
    ['assessment-framework-2023', '2023-11-01'],
    ['adult-social-care', null],
  ])('puts %s in force from %s when nothing is configured', (policyId, effectiveFrom) => {
    const catalogue = policyCatalogue();

    const version = catalogue.find((candidate) => candidate.policyId === policyId);

    expect(version?.effectiveFrom).toBe(effectiveFrom);
  });

  it('moves the assessment framework to the configured date and leaves the other versions where they were', () => {
    const catalogue = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const dates = Object.fromEntries(catalogue.map((version) => [version.policyId, version.effectiveFrom]));

    expect(dates).toEqual({
      'adult-social-care': null,
      'nhs-trusts-2020': '2020-10-21',
      'independent-healthcare-2022': '2022-05-12',
      'national-partners-2022': '2022-05-12',
      'assessment-framework-2023': '2024-04-01',
    });
  });

  it('leaves the built-in versions untouched when a deployment moves a date', () => {
    policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const builtIn = POLICY_VERSIONS.find((version) => version.policyId === 'assessment-framework-2023');

    expect(builtIn?.effectiveFrom).toBe('2023-11-01');
  });

  it('refuses to let any caller edit the built-in versions', () => {
    const builtIn = POLICY_VERSIONS.find((version) => version.policyId === 'assessment-framework-2023');

    const edit = () => {
      if (builtIn) builtIn.effectiveFrom = '1999-01-01';
    };

    expect(edit).toThrow(TypeError);
  });

  it.each([['2023-13-01'], ['2023-02-30'], ['01/11/2023'], ['2023-11-1'], ['2023-11-01T00:00:00Z'], ['']])(
    'refuses %j as an effective date, since a typo would apply the wrong year’s rules',
    (date) => {
      const configure = () => policyCatalogue({ 'assessment-framework-2023': date });

      expect(configure).toThrow(/YYYY-MM-DD/);
    },
  );

  it('refuses a date for a policy version that does not exist', () => {
    const overrides = JSON.parse('{"assessment-framework-2024": "2024-04-01"}') as Partial<Record<PolicyId, string>>;

    expect(() => policyCatalogue(overrides)).toThrow(/no such policy version/);
  });

  it('accepts 29 February in a leap year as an effective date', () => {
    const catalogue = policyCatalogue({ 'assessment-framework-2023': '2024-02-29' });

    expect(catalogue.find((version) => version.policyId === 'assessment-framework-2023')?.effectiveFrom).toBe(
      '2024-02-29',
    );
  });
});

describe('the policy versions as GET /policies shows them', () => {
  const described = describePolicies(policyCatalogue());
  const stated = described.flatMap((version) => version.rules.map((rule) => ({ ...rule, policyId: version.policyId })));

  it.each([
    ...['R-REL-1', 'R-REL-2', 'R-REL-3', 'R-REL-4', 'R-REL-5', 'R-REL-6'],
    ...['R-CORP-1', 'R-CORP-2', 'R-CORP-3', 'R-CORP-4', 'R-CORP-5'],
    ...['R-CAD-1', 'R-CAD-2', 'R-CAD-3', 'R-CAD-4', 'R-CAD-5', 'R-CAD-6', 'R-CAD-7', 'R-CAD-8', 'R-CAD-9', 'R-CAD-10'],
    ...['R-TPL-1', 'R-TPL-2', 'R-TPL-3', 'R-TPL-4'],
    ...['R-PRV-1', 'R-PRV-2', 'R-PRV-3', 'R-PRV-4', 'R-PRV-5'],
    ...['R-PUB-1', 'R-PTN-1', 'R-PTN-2'],
  ])('shows %s with a summary', (ruleId) => {
    const rule = stated.find((candidate) => candidate.ruleId === ruleId);

    expect(rule?.summary.length).toBeGreaterThan(20);
  });

  it.each<[string, PolicyId, string | null]>([
    ['R-REL-1', 'nhs-trusts-2020', 'relationship-holder-provider'],
    ['R-REL-1', 'independent-healthcare-2022', 'relationship-holder-location'],
    ['R-REL-1', 'adult-social-care', 'relationship-holder-location'],
    ['R-REL-6', 'assessment-framework-2023', 'relationship-holder-location'],
    ['R-CORP-1', 'adult-social-care', 'corporate-lead'],
    ['R-CORP-4', 'adult-social-care', 'corporate-lead'],
    ['R-CORP-5', 'adult-social-care', null],
    ['R-CAD-1', 'nhs-trusts-2020', 'provider-meetings'],
    ['R-CAD-2', 'nhs-trusts-2020', 'provider-meetings'],
    ['R-CAD-3', 'independent-healthcare-2022', 'location-meetings'],
    ['R-CAD-4', 'assessment-framework-2023', 'provider-meetings'],
    ['R-CAD-5', 'assessment-framework-2023', 'provider-meetings'],
    ['R-CAD-6', 'assessment-framework-2023', 'provider-meetings'],
    ['R-CAD-7', 'assessment-framework-2023', 'location-meetings'],
    ['R-CAD-10', 'nhs-trusts-2020', null],
    ['R-PTN-1', 'national-partners-2022', null],
    ['R-PTN-2', 'national-partners-2022', null],
    ['R-PUB-1', 'adult-social-care', null],
  ])('shows %s under %s, deciding %s', (ruleId, policyId, topic) => {
    const rule = stated.find(
      (candidate) => candidate.ruleId === ruleId && candidate.policyId === policyId && candidate.topic === topic,
    );

    expect(rule).toBeDefined();
  });

  it('lists a rule stated for several sectors once, with all of them (R-CAD-4: NHS trusts and CICs)', () => {
    const engagement = stated.filter((rule) => rule.ruleId === 'R-CAD-4');

    expect(engagement).toHaveLength(1);
    expect(engagement[0]?.sectors).toEqual(['nhs-trust', 'community-interest-company']);
  });

  it('describes R-CAD-5 as one of the quarterly meetings with a deputy director and the chief executive', () => {
    const annual = stated.find((rule) => rule.ruleId === 'R-CAD-5');

    expect(annual?.summary).toMatch(/1 of the 4 engagement meetings/);
    expect(annual?.summary).toMatch(/deputy-director/);
    expect(annual?.summary).toMatch(/chief-executive/);
  });

  it('gives each version its title, seed page and effective date, including a configured one', () => {
    const moved = describePolicies(policyCatalogue({ 'assessment-framework-2023': '2024-04-01' }));

    const framework = moved.find((version) => version.policyId === 'assessment-framework-2023');

    expect(framework).toMatchObject({
      effectiveFrom: '2024-04-01',
      source: '002_3ab11119ae8ad834.txt',
      title: expect.stringMatching(/relationship with services/),
    });
  });

  it('says the 2023 framework governs five sectors: not national independent mental health providers, nor sectors no seed addresses', () => {
    const framework = described.find((version) => version.policyId === 'assessment-framework-2023');

    expect(framework?.sectors).toEqual([
      'nhs-trust',
      'community-interest-company',
      'independent-healthcare',
      'adult-social-care',
      'primary-medical-services',
    ]);
  });

  it('says seed 004 governs adult social care only (correction 1)', () => {
    const adultSocialCare = described.find((version) => version.policyId === 'adult-social-care');

    expect(adultSocialCare?.sectors).toEqual(['adult-social-care']);
  });

  it('lists no version for primary dental care or independent ambulance services', () => {
    const governing = described.filter((version) =>
      version.sectors.some((sector) => sector === 'primary-dental-care' || sector === 'independent-ambulance'),
    );

    expect(governing).toEqual([]);
    expect(SECTORS).toEqual(expect.arrayContaining(['primary-dental-care', 'independent-ambulance']));
  });

  it('says the 2022 independent healthcare page covers independent mental health as well', () => {
    const independent = described.find((version) => version.policyId === 'independent-healthcare-2022');

    expect(independent?.sectors).toEqual(['independent-healthcare', 'independent-mental-health']);
  });

  it('names a seed page as the source of every version', () => {
    const sources = described.map((version) => version.source).sort();

    expect(sources).toEqual([
      '000_07b31d2aed40dafd.txt',
      '001_c21ccccb12e008db.txt',
      '002_3ab11119ae8ad834.txt',
      '003_7344a7d7bc69c11b.txt',
      '004_1c9f8e33219fc60e.txt',
    ]);
  });
});
