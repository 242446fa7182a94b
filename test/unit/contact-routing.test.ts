import { describe, expect, it } from 'vitest';
import { ROUTE } from '../../shared/definitions/routes.ts';
import { minutesBetween, pickCoordinator, routeSubmission } from '../../shared/domain/contact/route-submission.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';
import { aProvider } from './policy-builders.ts';

const catalogue = policyCatalogue();
const HOLDER = { staffId: 'holder-1' };
const BEFORE_FRAMEWORK = '2023-06-01';
const UNDER_FRAMEWORK = '2024-06-01';

describe('who handles what a provider sends (R-REL-4, R-REL-6)', () => {
  it.each<[Sector, number, string, string]>([
    ['nhs-trust', 1, UNDER_FRAMEWORK, 'nhs-trusts-2020'],
    ['independent-mental-health', 1, UNDER_FRAMEWORK, 'independent-healthcare-2022'],
    ['independent-healthcare', 1, BEFORE_FRAMEWORK, 'independent-healthcare-2022'],
    ['independent-healthcare', 3, UNDER_FRAMEWORK, 'assessment-framework-2023'],
  ])(
    'sends a %s provider’s submission (%i location(s)) on %s to its relationship holder, under %s (R-REL-4)',
    (sector, locations, on, policyId) => {
      const route = routeSubmission(catalogue, aProvider(sector, locations), HOLDER, on);

      expect(route).toMatchObject({ to: 'relationship-holder', staffId: 'holder-1', ruleId: 'R-REL-4', policyId });
    },
  );

  it.each<[Sector, string]>([
    ['community-interest-company', UNDER_FRAMEWORK],
    ['adult-social-care', BEFORE_FRAMEWORK],
    ['primary-medical-services', BEFORE_FRAMEWORK],
    ['primary-dental-care', UNDER_FRAMEWORK],
    ['independent-ambulance', UNDER_FRAMEWORK],
  ])(
    'sends a %s provider’s submission on %s to the co-ordinator, even with a holder on record: no version gives it a provider holder (R-TEAM-4, correction 1)',
    (sector, on) => {
      const route = routeSubmission(catalogue, aProvider(sector, 2), HOLDER, on);

      expect(route).toMatchObject({ to: 'regulatory-coordinator', ruleId: 'R-TEAM-4' });
    },
  );

  it.each<Sector>(['adult-social-care', 'primary-medical-services'])(
    'sends a %s provider’s submission to the regulatory co-ordinator under assessment-framework-2023, holder or not (R-REL-6)',
    (sector) => {
      const route = routeSubmission(catalogue, aProvider(sector), HOLDER, UNDER_FRAMEWORK);

      expect(route).toMatchObject({
        to: 'regulatory-coordinator',
        ruleId: 'R-REL-6',
        policyId: 'assessment-framework-2023',
      });
    },
  );

  it('sends a single-location independent healthcare provider to the co-ordinator under the framework while it is not at significant risk (R-REL-6)', () => {
    const route = routeSubmission(catalogue, aProvider('independent-healthcare', 1), HOLDER, UNDER_FRAMEWORK);

    expect(route).toMatchObject({ to: 'regulatory-coordinator', ruleId: 'R-REL-6' });
  });

  it('follows a moved effective-from date: a single-location independent healthcare provider keeps its holder until the framework is in force', () => {
    const moved = policyCatalogue({ 'assessment-framework-2023': '2025-01-01' });

    const route = routeSubmission(moved, aProvider('independent-healthcare'), HOLDER, UNDER_FRAMEWORK);

    expect(route.to).toBe('relationship-holder');
  });

  it('sends a trust with no holder allocated to the co-ordinator, so nothing is left with nobody (R-REL-4)', () => {
    const route = routeSubmission(catalogue, aProvider('nhs-trust'), null, UNDER_FRAMEWORK);

    expect(route).toMatchObject({ to: 'regulatory-coordinator', ruleId: 'R-REL-4' });
  });
});

describe('which regulatory co-ordinator', () => {
  it('picks the same co-ordinator for a provider whatever order they are listed in', () => {
    const coordinators = ['c-1', 'c-2', 'c-3', 'c-4'];

    const picks = [coordinators, [...coordinators].reverse()].map((list) => pickCoordinator('provider-9', list));

    expect(picks[0]).toBe(picks[1]);
    expect(coordinators).toContain(picks[0]);
  });

  it('spreads providers across co-ordinators', () => {
    const picks = new Set(Array.from({ length: 40 }, (_, n) => pickCoordinator(`provider-${n}`, ['a', 'b', 'c'])));

    expect(picks).toEqual(new Set(['a', 'b', 'c']));
  });

  it('picks nobody when there is no co-ordinator', () => {
    expect(pickCoordinator('provider-1', [])).toBeNull();
  });
});

describe('time to first response (R-PRV-4)', () => {
  it.each([
    ['2026-01-01T09:00:00.000Z', '2026-01-01T09:00:59.999Z', 0],
    ['2026-01-01T09:00:00.000Z', '2026-01-01T09:01:00.000Z', 1],
    ['2026-03-28T23:30:00.000Z', '2026-03-29T01:30:00.000Z', 120],
    ['2026-01-01T09:00:00.000Z', '2025-12-31T09:00:00.000Z', 0],
  ])('from %s to %s is %i whole minutes', (from, to, minutes) => {
    expect(minutesBetween(from, to)).toBe(minutes);
  });
});

describe('whoever a submission is routed to may answer it (R-REL-4, R-REL-6)', () => {
  const holderRoles = new Set(
    catalogue.flatMap((version) =>
      version.provisions.flatMap((provisions) => [
        ...(provisions.relationshipHolderProvider?.roles ?? []),
        ...(provisions.relationshipHolderLocation?.roles ?? []),
      ]),
    ),
  );

  it.each([ROUTE.answerSubmission, ROUTE.closeSubmission, ROUTE.createInformationRequest])(
    '$operationId is open to every holder role and to regulatory co-ordinators',
    (route) => {
      const roles: readonly string[] = route.roles;

      expect([...holderRoles, 'regulatory-coordinator'].filter((role) => !roles.includes(role))).toEqual([]);
      expect(holderRoles.size).toBeGreaterThan(0);
    },
  );
});
