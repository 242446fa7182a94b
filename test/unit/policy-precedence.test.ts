import { describe, expect, it } from 'vitest';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { applicableRule, inForce } from '../../shared/domain/policy/engine.ts';
import type { PolicyId, PolicyVersion, Topic } from '../../shared/domain/policy/types.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';

const catalogue = policyCatalogue();
const ids = (versions: readonly PolicyVersion[]): PolicyId[] => versions.map((version) => version.policyId);

describe('which policy versions are in force on a day, newest first', () => {
  it.each<[string, PolicyId[]]>([
    ['1990-01-01', ['providers-general']],
    ['2020-10-20', ['providers-general']],
    ['2020-10-21', ['nhs-trusts-2020', 'providers-general']],
    ['2022-05-11', ['nhs-trusts-2020', 'providers-general']],
    ['2022-05-12', ['independent-healthcare-2022', 'national-partners-2022', 'nhs-trusts-2020', 'providers-general']],
    ['2023-10-31', ['independent-healthcare-2022', 'national-partners-2022', 'nhs-trusts-2020', 'providers-general']],
    [
      '2023-11-01',
      [
        'assessment-framework-2023',
        'independent-healthcare-2022',
        'national-partners-2022',
        'nhs-trusts-2020',
        'providers-general',
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

describe('the version whose rule applies, topic by topic', () => {
  type Row = [Sector, Record<Topic, PolicyId | null>];
  const afterEveryVersion: Row[] = [
    [
      'nhs-trust',
      {
        'relationship-holder-provider': 'nhs-trusts-2020',
        'relationship-holder-location': 'providers-general',
        'corporate-lead': 'providers-general',
        'provider-meetings': 'assessment-framework-2023',
        'location-meetings': null,
      },
    ],
    [
      'community-interest-company',
      {
        'relationship-holder-provider': 'providers-general',
        'relationship-holder-location': 'providers-general',
        'corporate-lead': 'providers-general',
        'provider-meetings': 'assessment-framework-2023',
        'location-meetings': null,
      },
    ],
    [
      'independent-healthcare',
      {
        'relationship-holder-provider': 'independent-healthcare-2022',
        'relationship-holder-location': 'assessment-framework-2023',
        'corporate-lead': 'providers-general',
        'provider-meetings': 'independent-healthcare-2022',
        'location-meetings': 'assessment-framework-2023',
      },
    ],
    [
      'independent-mental-health',
      {
        'relationship-holder-provider': 'independent-healthcare-2022',
        'relationship-holder-location': 'independent-healthcare-2022',
        'corporate-lead': 'providers-general',
        'provider-meetings': 'independent-healthcare-2022',
        'location-meetings': 'independent-healthcare-2022',
      },
    ],
    [
      'adult-social-care',
      {
        'relationship-holder-provider': 'providers-general',
        'relationship-holder-location': 'assessment-framework-2023',
        'corporate-lead': 'providers-general',
        'provider-meetings': null,
        'location-meetings': 'assessment-framework-2023',
      },
    ],
    [
      'primary-medical-services',
      {
        'relationship-holder-provider': 'providers-general',
        'relationship-holder-location': 'assessment-framework-2023',
        'corporate-lead': 'providers-general',
        'provider-meetings': null,
        'location-meetings': 'assessment-framework-2023',
      },
    ],
  ];

  it.each(afterEveryVersion)('for %s on 2023-11-01, once every version is in force: %j', (sector, expected) => {
    const topics = Object.keys(expected) as Topic[];

    const applied = Object.fromEntries(
      topics.map((topic) => [topic, applicableRule(catalogue, sector, '2023-11-01', topic).policyId]),
    );

    expect(applied).toEqual(expected);
  });

  it.each<[Sector, PolicyId | null, PolicyId | null]>([
    ['nhs-trust', 'nhs-trusts-2020', 'providers-general'],
    ['community-interest-company', null, 'providers-general'],
    ['independent-healthcare', 'independent-healthcare-2022', 'independent-healthcare-2022'],
    ['independent-mental-health', 'independent-healthcare-2022', 'independent-healthcare-2022'],
    ['adult-social-care', null, 'providers-general'],
    ['primary-medical-services', null, 'providers-general'],
  ])(
    'for %s on 2023-10-31, the day before the framework, meetings follow %s and location holders %s',
    (sector, meetings, locationHolders) => {
      const providerMeetings = applicableRule(catalogue, sector, '2023-10-31', 'provider-meetings');
      const locationHolder = applicableRule(catalogue, sector, '2023-10-31', 'relationship-holder-location');

      expect(providerMeetings.policyId).toBe(meetings);
      expect(locationHolder.policyId).toBe(locationHolders);
    },
  );

  it('lets a newer version that covers a sector but leaves a topic out fall through to the older one (independent mental health)', () => {
    const framework = catalogue.find((version) => version.policyId === 'assessment-framework-2023');

    const rule = applicableRule(catalogue, 'independent-mental-health', '2024-06-01', 'location-meetings');

    expect(framework?.provisions.some((provisions) => provisions.sectors.includes('independent-mental-health'))).toBe(
      true,
    );
    expect(rule.policyId).toBe('independent-healthcare-2022');
    expect(rule.value?.[0]?.ruleId).toBe('R-CAD-3');
  });

  it('answers that no version addresses a topic when none does, rather than inventing a rule', () => {
    const rule = applicableRule(catalogue, 'nhs-trust', '2024-06-01', 'location-meetings');

    expect(rule).toEqual({ topic: 'location-meetings', policyId: null, value: null });
  });

  it('falls back to the always-in-force providers-general version before any dated one (R-REL-1)', () => {
    const rule = applicableRule(catalogue, 'nhs-trust', '1990-01-01', 'relationship-holder-provider');

    expect(rule.policyId).toBe('providers-general');
    expect(rule.value?.roles).toEqual(['inspector', 'inspection-manager', 'head-of-inspection']);
  });
});
