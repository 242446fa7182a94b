import { describe, expect, it } from 'vitest';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { type EngagementPlan, engagementPlan } from '../../shared/domain/policy/engine.ts';
import type { PolicyId } from '../../shared/domain/policy/types.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';
import { aProvider, everyoneAllocated, NOBODY } from './policy-builders.ts';

const catalogue = policyCatalogue();
const meetingRules = (plan: EngagementPlan): string[] =>
  plan.meetings.map((meeting) => `${meeting.ruleId}@${meeting.locationId ?? 'provider'}`);

describe('the NHS trust meetings: nhs-trusts-2020 until the 2023 framework (R-CAD-1, R-CAD-2 vs R-CAD-4..6)', () => {
  it.each<[string, string[], PolicyId | null]>([
    ['2020-10-20', [], null],
    ['2020-10-21', ['R-CAD-1@provider', 'R-CAD-2@provider'], 'nhs-trusts-2020'],
    ['2023-10-31', ['R-CAD-1@provider', 'R-CAD-2@provider'], 'nhs-trusts-2020'],
    ['2023-11-01', ['R-CAD-4@provider', 'R-CAD-6@provider'], 'assessment-framework-2023'],
  ])('on %s an NHS trust has %j under %s, and board meetings throughout (R-CAD-2)', (on, expected, policyId) => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust', 2), NOBODY, on);

    const fromVersion = plan.meetings.filter((meeting) => meeting.policyId === policyId);

    expect(fromVersion.map((meeting) => `${meeting.ruleId}@provider`)).toEqual(expected);
    expect(meetingRules(plan).includes('R-CAD-2@provider')).toBe(on >= '2020-10-21');
  });

  it('keeps the board meetings of 2020 under the 2023 framework, which does not restate them (R-CAD-2, correction 2)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2025-06-01');

    expect(plan.meetings.find((meeting) => meeting.ruleId === 'R-CAD-2')).toMatchObject({
      type: 'board-meeting',
      policyId: 'nhs-trusts-2020',
    });
    expect(plan.meetings.some((meeting) => meeting.ruleId === 'R-CAD-1')).toBe(false);
    expect(plan.applied['provider-meetings']).toEqual(['assessment-framework-2023', 'nhs-trusts-2020']);
  });

  it('plans face-to-face meetings at least every three months with an executive of the trust (R-CAD-1)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2023-10-31');

    const meeting = plan.meetings.find((candidate) => candidate.ruleId === 'R-CAD-1');

    expect(meeting).toMatchObject({
      type: 'relationship-management',
      level: 'provider',
      perYear: 4,
      cadence: 'at-least',
      leadRoles: [],
      providerAttendees: ['executive-board-member'],
      modes: ['in-person'],
      policyId: 'nhs-trusts-2020',
    });
  });

  it('plans two of the trust’s board meetings a year for the relationship holder (R-CAD-2)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2023-10-31');

    const meeting = plan.meetings.find((candidate) => candidate.ruleId === 'R-CAD-2');

    expect(meeting).toMatchObject({ type: 'board-meeting', perYear: 2, cadence: 'exactly', leadRoles: [] });
  });

  it('plans quarterly engagement meetings led by an assessor, operations manager or senior specialist, with an executive board member (R-CAD-4)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2023-11-01');

    const meeting = plan.meetings.find((candidate) => candidate.ruleId === 'R-CAD-4');

    expect(meeting).toMatchObject({
      type: 'engagement',
      level: 'provider',
      locationId: null,
      perYear: 4,
      cadence: 'exactly',
      leadRoles: ['assessor', 'operations-manager', 'senior-specialist'],
      providerAttendees: ['executive-board-member'],
      policyId: 'assessment-framework-2023',
    });
  });

  it('makes one engagement meeting a year include a deputy director and the chief executive (R-CAD-5)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2023-11-01');

    const meeting = plan.meetings.find((candidate) => candidate.ruleId === 'R-CAD-4');

    expect(meeting?.ofWhich).toEqual({
      count: 1,
      regulatorAttendees: ['deputy-director'],
      providerAttendees: ['chief-executive'],
      ruleId: 'R-CAD-5',
    });
  });

  it('plans a yearly medicines conversation led by the Medicines team with the medicines optimisation lead (R-CAD-6)', () => {
    const plan = engagementPlan(catalogue, aProvider('nhs-trust'), NOBODY, '2023-11-01');

    const meeting = plan.meetings.find((candidate) => candidate.ruleId === 'R-CAD-6');

    expect(meeting).toMatchObject({
      type: 'medicines-conversation',
      perYear: 1,
      leadRoles: ['medicines-team'],
      providerAttendees: ['medicines-optimisation-lead'],
    });
  });

  it.each<[string, string[]]>([
    ['2023-11-01', ['R-CAD-1@provider', 'R-CAD-2@provider']],
    ['2024-03-31', ['R-CAD-1@provider', 'R-CAD-2@provider']],
    ['2024-04-01', ['R-CAD-4@provider', 'R-CAD-6@provider', 'R-CAD-2@provider']],
  ])('with the framework configured from 2024-04-01, on %s an NHS trust has %j', (on, expected) => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const plan = engagementPlan(moved, aProvider('nhs-trust'), NOBODY, on);

    expect(meetingRules(plan)).toEqual(expected);
  });
});

describe('independent healthcare meetings: every location under the 2022 page, at-risk ones only under the framework (R-CAD-3 vs R-CAD-7)', () => {
  const hospitalGroup = aProvider('independent-healthcare', 3, { atRisk: ['loc-2'] });

  it.each<[string, string[], PolicyId | null]>([
    ['2022-05-11', [], null],
    [
      '2022-05-12',
      ['R-CAD-3@provider', 'R-CAD-3@loc-1', 'R-CAD-3@loc-2', 'R-CAD-3@loc-3'],
      'independent-healthcare-2022',
    ],
    [
      '2023-10-31',
      ['R-CAD-3@provider', 'R-CAD-3@loc-1', 'R-CAD-3@loc-2', 'R-CAD-3@loc-3'],
      'independent-healthcare-2022',
    ],
    ['2023-11-01', ['R-CAD-3@provider', 'R-CAD-7@loc-2'], 'assessment-framework-2023'],
  ])('on %s a provider with one location at risk has %j; location meetings under %s', (on, expected, policyId) => {
    const plan = engagementPlan(catalogue, hospitalGroup, NOBODY, on);

    expect(meetingRules(plan)).toEqual(expected);
    expect(plan.applied['location-meetings']).toEqual(policyId ? [policyId] : []);
  });

  it('keeps the annual provider-level meeting of a group under the framework: engagement at corporate level continues (R-CAD-3)', () => {
    const plan = engagementPlan(catalogue, hospitalGroup, NOBODY, '2023-11-01');

    const meeting = plan.meetings.find((candidate) => candidate.level === 'provider');

    expect(meeting).toMatchObject({
      ruleId: 'R-CAD-3',
      policyId: 'assessment-framework-2023',
      perYear: 1,
      cadence: 'at-least',
      modes: ['in-person', 'telephone'],
    });
  });

  it('gives a single-location independent healthcare provider only what R-REL-6 and R-CAD-7 give it under the framework', () => {
    const plan = engagementPlan(
      catalogue,
      aProvider('independent-healthcare', 1, { atRisk: ['loc-1'] }),
      NOBODY,
      '2023-11-01',
    );

    expect(meetingRules(plan)).toEqual(['R-CAD-7@loc-1']);
    expect(plan.relationships.provider.required).toBe(false);
  });

  it('plans at least annual location meetings in person or by telephone (R-CAD-3)', () => {
    const plan = engagementPlan(catalogue, hospitalGroup, NOBODY, '2023-10-31');

    const meeting = plan.meetings.find((candidate) => candidate.locationId === 'loc-1');

    expect(meeting).toMatchObject({
      level: 'location',
      perYear: 1,
      cadence: 'at-least',
      modes: ['in-person', 'telephone'],
    });
  });

  it('plans no location meeting at all when no location is at significant risk (R-CAD-7)', () => {
    const plan = engagementPlan(catalogue, aProvider('independent-healthcare', 3), NOBODY, '2023-11-01');

    expect(plan.meetings.filter((meeting) => meeting.level === 'location')).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['2024-03-31', ['R-CAD-3@provider', 'R-CAD-3@loc-1', 'R-CAD-3@loc-2', 'R-CAD-3@loc-3']],
    ['2024-04-01', ['R-CAD-3@provider', 'R-CAD-7@loc-2']],
  ])('with the framework configured from 2024-04-01, on %s the hospital group has %j', (on, expected) => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const plan = engagementPlan(moved, hospitalGroup, NOBODY, on);

    expect(meetingRules(plan)).toEqual(expected);
  });
});

describe('the engagement plan of each sector once every version is in force', () => {
  it.each<[Sector, string[]]>([
    ['nhs-trust', ['R-CAD-4@provider', 'R-CAD-6@provider', 'R-CAD-2@provider']],
    ['community-interest-company', ['R-CAD-4@provider']],
    ['independent-healthcare', ['R-CAD-3@provider', 'R-CAD-7@loc-1']],
    ['independent-mental-health', ['R-CAD-3@provider', 'R-CAD-3@loc-1', 'R-CAD-3@loc-2']],
    ['adult-social-care', []],
    ['primary-medical-services', []],
    ['primary-dental-care', []],
    ['independent-ambulance', []],
  ])('plans these meetings for a %s provider with loc-1 at risk: %j', (sector, expected) => {
    const plan = engagementPlan(catalogue, aProvider(sector, 2, { atRisk: ['loc-1'] }), NOBODY, '2024-06-01');

    expect(meetingRules(plan)).toEqual(expected);
  });

  it.each<[Sector, boolean, PolicyId | null, [boolean, boolean], PolicyId | null, string | null]>([
    ['nhs-trust', true, 'nhs-trusts-2020', [false, false], null, null],
    ['community-interest-company', false, null, [false, false], null, null],
    [
      'independent-healthcare',
      true,
      'assessment-framework-2023',
      [true, false],
      'assessment-framework-2023',
      'R-REL-6',
    ],
    [
      'independent-mental-health',
      true,
      'independent-healthcare-2022',
      [true, true],
      'independent-healthcare-2022',
      'R-REL-1',
    ],
    ['adult-social-care', false, null, [false, false], 'assessment-framework-2023', 'R-REL-6'],
    ['primary-medical-services', false, null, [false, false], 'assessment-framework-2023', 'R-REL-6'],
    ['primary-dental-care', false, null, [false, false], null, null],
    ['independent-ambulance', false, null, [false, false], null, null],
  ])(
    'for %s: provider holder required %s under %s; locations [at risk, not] required %j under %s (%s)',
    (sector, providerRequired, providerPolicy, locationsRequired, locationPolicy, locationRule) => {
      const plan = engagementPlan(catalogue, aProvider(sector, 2, { atRisk: ['loc-1'] }), NOBODY, '2024-06-01');

      expect(plan.relationships.provider).toMatchObject({
        required: providerRequired,
        policyId: providerPolicy,
        holder: null,
      });
      expect(plan.relationships.locations.map((location) => location.required)).toEqual(locationsRequired);
      expect(plan.relationships.locations.map((location) => [location.policyId, location.ruleId])).toEqual([
        [locationPolicy, locationRule],
        [locationPolicy, locationRule],
      ]);
    },
  );

  it('says why an adult social care location has no holder, citing the framework and R-REL-6', () => {
    const plan = engagementPlan(catalogue, aProvider('adult-social-care'), NOBODY, '2023-11-01');

    expect(plan.relationships.locations[0]?.why).toBe(
      'adult-social-care has no location-level relationship management (assessment-framework-2023, R-REL-6)',
    );
  });

  it.each<[string, string]>([
    [
      'loc-1',
      'Flagged at significant risk of poor care, so it keeps location-level relationship management (assessment-framework-2023, R-REL-6)',
    ],
    [
      'loc-2',
      'Not flagged at significant risk of poor care: independent-healthcare has location-level relationship management only where there is (assessment-framework-2023, R-REL-6)',
    ],
  ])('says why independent healthcare location %s does or does not need a holder (R-REL-6)', (locationId, why) => {
    const plan = engagementPlan(
      catalogue,
      aProvider('independent-healthcare', 2, { atRisk: ['loc-1'] }),
      NOBODY,
      '2024-06-01',
    );

    expect(plan.relationships.locations.find((location) => location.locationId === locationId)?.why).toBe(why);
  });

  it('names the day, the sector and the version applied to each topic', () => {
    const plan = engagementPlan(catalogue, aProvider('independent-healthcare'), NOBODY, '2023-11-01');

    expect(plan).toMatchObject({
      on: '2023-11-01',
      sector: 'independent-healthcare',
      applied: {
        'relationship-holder-provider': ['assessment-framework-2023'],
        'relationship-holder-location': ['assessment-framework-2023'],
        'corporate-lead': [],
        'provider-meetings': [],
        'location-meetings': [],
      },
    });
  });

  it('survives a trip through JSON unchanged', () => {
    const facts = aProvider('nhs-trust', 4, { atRisk: ['loc-2'] });
    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-1'), '2024-06-01');

    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe('what the plan says is missing', () => {
  it('lists every required relationship left unallocated (R-REL-1, R-CORP-1)', () => {
    const plan = engagementPlan(catalogue, aProvider('adult-social-care', 3), NOBODY, '2023-06-01');

    expect(plan.missing).toEqual([
      ...['loc-1', 'loc-2', 'loc-3'].map((locationId) => ({
        kind: 'relationship-holder',
        level: 'location',
        locationId,
        ruleId: 'R-REL-1',
        policyId: 'adult-social-care',
      })),
      { kind: 'corporate-lead', ruleId: 'R-CORP-1', policyId: 'adult-social-care' },
    ]);
  });

  it('asks nothing of an NHS trust, a CIC or a GP practice that seed 004 gives only adult social care (correction 1)', () => {
    const asked = (['nhs-trust', 'community-interest-company', 'primary-medical-services'] as const).map(
      (sector) => engagementPlan(catalogue, aProvider(sector, 5), NOBODY, '2023-06-01').missing,
    );

    expect(asked).toEqual([
      [{ kind: 'relationship-holder', level: 'provider', ruleId: 'R-REL-1', policyId: 'nhs-trusts-2020' }],
      [],
      [],
    ]);
  });

  it('flags for review a corporate lead allocated under the old catalogue to a sector seed 004 does not cover (R-CORP-1)', () => {
    const facts = aProvider('community-interest-company', 3);

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-1'), '2024-06-01');

    expect(plan.missing).toEqual([
      { kind: 'corporate-lead-review', fromRuleId: 'R-CORP-1', toRuleId: null, policyId: null },
    ]);
  });

  it('lists nothing when every required relationship is held under the band that fits', () => {
    const facts = aProvider('adult-social-care', 4);

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-2'), '2024-06-01');

    expect(plan.missing).toEqual([]);
  });

  it.each<[string, number]>([
    ['2023-10-31', 2],
    ['2023-11-01', 0],
  ])('on %s misses %i adult social care location holders (R-REL-6)', (on, expected) => {
    const facts = aProvider('adult-social-care', 2);
    const current = { ...everyoneAllocated(facts, 'R-CORP-1'), locationHolders: {} };

    const plan = engagementPlan(catalogue, facts, current, on);

    expect(plan.missing.filter((gap) => gap.kind === 'relationship-holder' && gap.level === 'location')).toHaveLength(
      expected,
    );
  });

  it('misses the holder of an at-risk independent healthcare location only (R-REL-6)', () => {
    const facts = aProvider('independent-healthcare', 3, { atRisk: ['loc-3'] });
    const current = { ...everyoneAllocated(facts, null), locationHolders: {} };

    const plan = engagementPlan(catalogue, facts, current, '2024-06-01');

    expect(plan.missing).toEqual([
      {
        kind: 'relationship-holder',
        level: 'location',
        locationId: 'loc-3',
        ruleId: 'R-REL-6',
        policyId: 'assessment-framework-2023',
      },
    ]);
  });

  it.each<[number, boolean, string | null]>([
    [1, false, null],
    [2, false, 'R-CORP-1'],
    [3, false, 'R-CORP-1'],
    [4, false, 'R-CORP-2'],
    [19, false, 'R-CORP-2'],
    [20, false, 'R-CORP-3'],
    [20, true, 'R-CORP-4'],
  ])('with %i locations (Market Oversight %s) misses a corporate lead under %s', (count, marketOversight, ruleId) => {
    const facts = aProvider('adult-social-care', count, { marketOversight });

    const plan = engagementPlan(catalogue, facts, NOBODY, '2024-06-01');

    expect(plan.missing.filter((gap) => gap.kind === 'corporate-lead')).toEqual(
      ruleId ? [{ kind: 'corporate-lead', ruleId, policyId: 'adult-social-care' }] : [],
    );
    expect(plan.relationships.corporateLead.required).toBe(ruleId !== null);
    expect(plan.relationships.corporateLead.band?.ruleId ?? null).toBe(ruleId);
  });

  it('flags the corporate lead for review when the provider has grown into another band (R-CORP-1 to R-CORP-2)', () => {
    const facts = aProvider('adult-social-care', 4);

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-1'), '2024-06-01');

    expect(plan.relationships.corporateLead).toMatchObject({ holder: { staffId: 'staff-lead' }, reviewNeeded: true });
    expect(plan.missing).toEqual([
      { kind: 'corporate-lead-review', fromRuleId: 'R-CORP-1', toRuleId: 'R-CORP-2', policyId: 'adult-social-care' },
    ]);
  });

  it('flags the corporate lead for review when the provider joins Market Oversight (R-CORP-3 to R-CORP-4)', () => {
    const facts = aProvider('adult-social-care', 20, { marketOversight: true });

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-3'), '2024-06-01');

    expect(plan.missing).toEqual([
      { kind: 'corporate-lead-review', fromRuleId: 'R-CORP-3', toRuleId: 'R-CORP-4', policyId: 'adult-social-care' },
    ]);
  });

  it('flags the corporate lead for review when the provider is down to one location and needs none (R-CORP-1)', () => {
    const facts = aProvider('adult-social-care', 1);

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-1'), '2024-06-01');

    expect(plan.relationships.corporateLead).toMatchObject({ required: false, band: null, reviewNeeded: true });
    expect(plan.missing).toEqual([
      { kind: 'corporate-lead-review', fromRuleId: 'R-CORP-1', toRuleId: null, policyId: 'adult-social-care' },
    ]);
  });

  it('keeps a review already flagged on the stored lead (R-CORP-2)', () => {
    const facts = aProvider('adult-social-care', 4);
    const allocated = everyoneAllocated(facts, 'R-CORP-2');
    const current = {
      ...allocated,
      corporateLead: { staffId: 'staff-lead', bandRuleId: 'R-CORP-2', reviewNeeded: true },
    };

    const plan = engagementPlan(catalogue, facts, current, '2024-06-01');

    expect(plan.relationships.corporateLead.reviewNeeded).toBe(true);
  });

  it('does not flag a lead allocated under the band that still fits (R-CORP-2)', () => {
    const facts = aProvider('adult-social-care', 19);

    const plan = engagementPlan(catalogue, facts, everyoneAllocated(facts, 'R-CORP-2'), '2024-06-01');

    expect(plan.relationships.corporateLead.reviewNeeded).toBe(false);
  });
});
