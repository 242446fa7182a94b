import { RuleViolation } from '../../shared/domain/errors.ts';
import type { CurrentRelationships, ProviderFacts } from '../../shared/domain/policy/engine.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';

/** Small builders for the policy unit tests (test/unit/policy-*.test.ts). */

/** A provider of `sector` with `locationCount` locations loc-1…loc-n; `atRisk` lists the ones flagged at significant risk. */
export function aProvider(
  sector: Sector,
  locationCount = 1,
  options: { marketOversight?: boolean; atRisk?: readonly string[] } = {},
): ProviderFacts {
  return {
    sector,
    marketOversight: options.marketOversight ?? false,
    locations: Array.from({ length: locationCount }, (_, index) => {
      const locationId = `loc-${index + 1}`;
      return {
        locationId,
        name: `Location ${index + 1}`,
        significantRisk: options.atRisk?.includes(locationId) ?? false,
      };
    }),
  };
}

export const NOBODY: CurrentRelationships = { providerHolder: null, locationHolders: {}, corporateLead: null };

/** Every relationship of the provider held, each by its own member of staff; the corporate lead under `bandRuleId`. */
export function everyoneAllocated(facts: ProviderFacts, bandRuleId: string | null): CurrentRelationships {
  return {
    providerHolder: { staffId: 'staff-provider' },
    locationHolders: Object.fromEntries(
      facts.locations.map((location) => [location.locationId, { staffId: `staff-${location.locationId}` }]),
    ),
    corporateLead: bandRuleId ? { staffId: 'staff-lead', bandRuleId, reviewNeeded: false } : null,
  };
}

/** The RuleViolation `act` throws; fails the test if it throws nothing or something else. */
export function refusal(act: () => unknown): RuleViolation {
  try {
    act();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a RuleViolation, but the allocation was accepted');
}
