import { describe, expect, it } from 'vitest';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { checkHolderAllocation } from '../../shared/domain/policy/engine.ts';
import type { PolicyId } from '../../shared/domain/policy/types.ts';
import { SECTORS, type Sector, type StaffRole } from '../../shared/domain/vocabulary.ts';
import { aProvider, refusal } from './policy-builders.ts';

const catalogue = policyCatalogue();
const PROVIDER = { level: 'provider' } as const;
const atLocation = (locationId: string) => ({ level: 'location', locationId }) as const;

const noException = (policyId: PolicyId | null, ruleId: string) => ({ policyId, ruleId, exception: null });

/** Sectors whose policy gives a provider-level holder on 2024-06-01 (a two-location provider). */
const WITH_PROVIDER_HOLDER: Sector[] = ['nhs-trust', 'independent-healthcare', 'independent-mental-health'];

describe('who may hold a provider-level relationship (R-REL-1)', () => {
  it.each(WITH_PROVIDER_HOLDER)('accepts an inspector as relationship holder of a %s provider (R-REL-1)', (sector) => {
    const applied = checkHolderAllocation(catalogue, aProvider(sector, 2), PROVIDER, ['inspector'], '2024-06-01');

    expect(applied.ruleId).toBe('R-REL-1');
    expect(applied.exception).toBeNull();
  });

  it.each(WITH_PROVIDER_HOLDER)('refuses an assessor as relationship holder of a %s provider (R-REL-1)', (sector) => {
    const refused = refusal(() =>
      checkHolderAllocation(catalogue, aProvider(sector, 2), PROVIDER, ['assessor'], '2024-06-01'),
    );

    expect(refused.ruleId).toBe('R-REL-1');
  });

  it.each(SECTORS.filter((sector) => !WITH_PROVIDER_HOLDER.includes(sector)))(
    'refuses any provider-level holder of a %s provider: no version in force gives one (correction 1)',
    (sector) => {
      const refused = refusal(() =>
        checkHolderAllocation(catalogue, aProvider(sector, 2), PROVIDER, ['inspector'], '2024-06-01'),
      );

      expect(refused.ruleId).toBe('R-REL-1');
      expect(refused.message).toBe(
        `No policy in force on 2024-06-01 gives ${sector} a relationship holder at provider level (R-REL-1)`,
      );
    },
  );

  it.each<StaffRole>([
    'regulatory-coordinator',
    'assessor',
    'operations-manager',
    'senior-specialist',
    'deputy-director',
    'medicines-team',
    'corporate-relationship-manager',
    'admin',
  ])(
    'refuses a %s as relationship holder, since it is not inspection staff, even with a reason (R-REL-1 is hard)',
    (role) => {
      const refused = refusal(() =>
        checkHolderAllocation(
          catalogue,
          aProvider('independent-healthcare', 2),
          PROVIDER,
          [role],
          '2024-06-01',
          'Cover',
        ),
      );

      expect(refused.ruleId).toBe('R-REL-1');
    },
  );

  it.each<[Sector, StaffRole, string, PolicyId]>([
    ['independent-healthcare', 'head-of-inspection', '2022-05-12', 'independent-healthcare-2022'],
    ['independent-healthcare', 'inspection-manager', '2024-06-01', 'assessment-framework-2023'],
    ['independent-mental-health', 'head-of-inspection', '2024-06-01', 'independent-healthcare-2022'],
    ['nhs-trust', 'inspection-manager', '2020-10-21', 'nhs-trusts-2020'],
    ['nhs-trust', 'inspector', '2025-06-01', 'nhs-trusts-2020'],
  ])('accepts for a %s provider a %s on %s, under %s (R-REL-1)', (sector, role, on, policyId) => {
    const applied = checkHolderAllocation(catalogue, aProvider(sector, 2), PROVIDER, [role], on);

    expect(applied).toEqual(noException(policyId, 'R-REL-1'));
  });

  it('refuses a provider-level holder of an NHS trust before seed 000 (2020-10-20): nothing is in force', () => {
    const refused = refusal(() =>
      checkHolderAllocation(catalogue, aProvider('nhs-trust'), PROVIDER, ['inspector'], '2020-10-20'),
    );

    expect(refused.ruleId).toBe('R-REL-1');
  });

  it('refuses a provider-level holder of a single-location independent healthcare provider under the framework (R-REL-1, corporate level only)', () => {
    const refused = refusal(() =>
      checkHolderAllocation(catalogue, aProvider('independent-healthcare', 1), PROVIDER, ['inspector'], '2024-06-01'),
    );

    expect(refused.message).toMatch(/only with more than one location/);
  });

  it.each([['2020-10-21'], ['2023-11-01'], ['2030-01-01']])(
    'refuses a head of inspection as relationship holder of an NHS trust on %s, reason or not: inspectors or inspection managers only (R-REL-1, nhs-trusts-2020)',
    (on) => {
      const refused = refusal(() =>
        checkHolderAllocation(catalogue, aProvider('nhs-trust'), PROVIDER, ['head-of-inspection'], on, 'Cover'),
      );

      expect(refused.ruleId).toBe('R-REL-1');
      expect(refused.message).toMatch(/inspector or inspection-manager under nhs-trusts-2020/);
    },
  );

  it('accepts someone with several roles when one of them fits (R-REL-1)', () => {
    const applied = checkHolderAllocation(
      catalogue,
      aProvider('nhs-trust'),
      PROVIDER,
      ['admin', 'inspection-manager'],
      '2024-06-01',
    );

    expect(applied).toEqual(noException('nhs-trusts-2020', 'R-REL-1'));
  });

  it('refuses someone with no role at all (R-REL-1)', () => {
    const refused = refusal(() => checkHolderAllocation(catalogue, aProvider('nhs-trust'), PROVIDER, [], '2024-06-01'));

    expect(refused.ruleId).toBe('R-REL-1');
  });

  it('names the roles allowed and the policy applied when it refuses (R-REL-1)', () => {
    const refused = refusal(() =>
      checkHolderAllocation(catalogue, aProvider('independent-healthcare', 2), PROVIDER, ['assessor'], '2022-06-01'),
    );

    expect(refused.message).toBe(
      'A provider-level relationship holder for independent-healthcare must be inspector or inspection-manager or head-of-inspection under independent-healthcare-2022 (R-REL-1)',
    );
  });

  it('refuses every allocation when no version in force gives a relationship holder (R-REL-1)', () => {
    const refused = refusal(() =>
      checkHolderAllocation([], aProvider('nhs-trust'), PROVIDER, ['inspector'], '2024-06-01'),
    );

    expect(refused.ruleId).toBe('R-REL-1');
    expect(refused.message).toMatch(/No policy in force on 2024-06-01/);
  });
});

describe('exceptions to a default holder rule (R-EXC-1: adult social care, an inspector "in most cases")', () => {
  it('refuses an inspection manager as an adult social care location holder without a reason, naming the rule', () => {
    const refused = refusal(() =>
      checkHolderAllocation(
        catalogue,
        aProvider('adult-social-care'),
        atLocation('loc-1'),
        ['inspection-manager'],
        '2023-06-01',
      ),
    );

    expect(refused.ruleId).toBe('R-REL-1');
    expect(refused.message).toMatch(/needs an exception reason \(R-EXC-1\)/);
  });

  it.each<StaffRole>(['inspection-manager', 'head-of-inspection'])(
    'accepts a %s as an adult social care location holder with a reason, and returns the exception',
    (role) => {
      const applied = checkHolderAllocation(
        catalogue,
        aProvider('adult-social-care'),
        atLocation('loc-1'),
        [role],
        '2023-06-01',
        'No inspector in the team until March',
      );

      expect(applied).toEqual({
        policyId: 'adult-social-care',
        ruleId: 'R-REL-1',
        exception: { ruleId: 'R-REL-1', reason: 'No inspector in the team until March' },
      });
    },
  );

  it('accepts an inspector without any exception, and ignores a reason given needlessly', () => {
    const applied = checkHolderAllocation(
      catalogue,
      aProvider('adult-social-care'),
      atLocation('loc-1'),
      ['inspector'],
      '2023-06-01',
      'Just because',
    );

    expect(applied.exception).toBeNull();
  });

  it('refuses an assessor as an adult social care location holder even with a reason: inspecting roles only', () => {
    const refused = refusal(() =>
      checkHolderAllocation(
        catalogue,
        aProvider('adult-social-care'),
        atLocation('loc-1'),
        ['assessor'],
        '2023-06-01',
        'Cover',
      ),
    );

    expect(refused.message).toMatch(/must be inspector or inspection-manager or head-of-inspection/);
  });
});

describe('who may hold a location-level relationship (R-REL-1, R-REL-6)', () => {
  it.each<[Sector, string, PolicyId, string]>([
    ['adult-social-care', '2023-10-31', 'adult-social-care', 'R-REL-1'],
    ['adult-social-care', '1999-01-01', 'adult-social-care', 'R-REL-1'],
    ['independent-healthcare', '2023-10-31', 'independent-healthcare-2022', 'R-REL-1'],
    ['independent-healthcare', '2022-05-12', 'independent-healthcare-2022', 'R-REL-1'],
    ['independent-mental-health', '2023-11-01', 'independent-healthcare-2022', 'R-REL-1'],
  ])('accepts an inspector at a %s location not at risk on %s, under %s (%s)', (sector, on, policyId, ruleId) => {
    const applied = checkHolderAllocation(catalogue, aProvider(sector), atLocation('loc-1'), ['inspector'], on);

    expect(applied).toEqual(noException(policyId, ruleId));
  });

  it.each<[Sector, string]>([
    ['nhs-trust', '2024-06-01'],
    ['community-interest-company', '2024-06-01'],
    ['primary-medical-services', '2023-10-31'],
    ['primary-dental-care', '2024-06-01'],
    ['independent-ambulance', '2024-06-01'],
    ['independent-healthcare', '2022-05-11'],
  ])('refuses a location holder at a %s location on %s: no seed gives one', (sector, on) => {
    const refused = refusal(() =>
      checkHolderAllocation(catalogue, aProvider(sector), atLocation('loc-1'), ['inspector'], on),
    );

    expect(refused.message).toMatch(/^No policy in force/);
  });

  it.each<[Sector]>([['adult-social-care'], ['primary-medical-services']])(
    'refuses a location-level holder for %s from 2023-11-01: no location-level relationship under the framework (R-REL-6)',
    (sector) => {
      const refused = refusal(() =>
        checkHolderAllocation(catalogue, aProvider(sector), atLocation('loc-1'), ['inspector'], '2023-11-01'),
      );

      expect(refused.ruleId).toBe('R-REL-6');
      expect(refused.message).toMatch(
        new RegExp(`^${sector} has no location-level relationship under assessment-framework-2023`),
      );
    },
  );

  it('refuses even a head of inspection at an adult social care location, at risk or not, under the framework (R-REL-6)', () => {
    const provider = aProvider('adult-social-care', 1, { atRisk: ['loc-1'] });

    const refused = refusal(() =>
      checkHolderAllocation(catalogue, provider, atLocation('loc-1'), ['head-of-inspection'], '2024-06-01'),
    );

    expect(refused.ruleId).toBe('R-REL-6');
  });

  it('refuses a holder at an independent healthcare location not at significant risk from 2023-11-01 (R-REL-6)', () => {
    const provider = aProvider('independent-healthcare', 2, { atRisk: ['loc-2'] });

    const refused = refusal(() =>
      checkHolderAllocation(catalogue, provider, atLocation('loc-1'), ['inspector'], '2023-11-01'),
    );

    expect(refused.ruleId).toBe('R-REL-6');
    expect(refused.message).toMatch(/assessment-framework-2023 unless there is a significant risk of poor care/);
  });

  it('accepts a holder at an independent healthcare location flagged at significant risk (R-REL-6)', () => {
    const provider = aProvider('independent-healthcare', 2, { atRisk: ['loc-2'] });

    const applied = checkHolderAllocation(catalogue, provider, atLocation('loc-2'), ['inspector'], '2023-11-01');

    expect(applied).toEqual(noException('assessment-framework-2023', 'R-REL-6'));
  });

  it('refuses an assessor at an at-risk independent healthcare location, naming the rule applied (R-REL-6)', () => {
    const provider = aProvider('independent-healthcare', 1, { atRisk: ['loc-1'] });

    const refused = refusal(() =>
      checkHolderAllocation(catalogue, provider, atLocation('loc-1'), ['assessor'], '2023-11-01'),
    );

    expect(refused.ruleId).toBe('R-REL-6');
    expect(refused.message).toMatch(
      /inspector or inspection-manager or head-of-inspection under assessment-framework-2023/,
    );
  });

  it('accepts an adult social care location holder on 2024-03-31 when the framework is configured from 2024-04-01 (R-REL-1)', () => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const applied = checkHolderAllocation(
      moved,
      aProvider('adult-social-care'),
      atLocation('loc-1'),
      ['inspector'],
      '2024-03-31',
    );

    expect(applied).toEqual(noException('adult-social-care', 'R-REL-1'));
  });

  it('refuses an adult social care location holder on 2024-04-01 when the framework is configured from that day (R-REL-6)', () => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2024-04-01' });

    const refused = refusal(() =>
      checkHolderAllocation(moved, aProvider('adult-social-care'), atLocation('loc-1'), ['inspector'], '2024-04-01'),
    );

    expect(refused.ruleId).toBe('R-REL-6');
  });
});
