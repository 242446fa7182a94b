import { applicableRule, type ProviderFacts, providerHolderRule } from '../policy/engine.ts';
import type { PolicyId, PolicyVersion } from '../policy/types.ts';

/**
 * Who handles what a provider sends (R-REL-4, R-REL-6). Where the policy in force gives the provider a
 * provider-level relationship holder, the holder is its first point of contact (R-REL-4). Where the policy in force gives the provider's sector no
 * location-level relationship management (R-REL-6: adult social care and primary medical services
 * under `assessment-framework-2023`; independent healthcare too, unless a location is at significant
 * risk of poor care), enquiries go to the assessment team through the regulatory co-ordinator. A
 * provider with no holder allocated also reaches the co-ordinator, so nothing sent is left with nobody.
 * Pure: the policy, the facts and the day are passed in.
 */
export type SubmissionRoute =
  | { to: 'relationship-holder'; staffId: string; ruleId: string; policyId: PolicyId | null; why: string }
  | { to: 'regulatory-coordinator'; ruleId: string; policyId: PolicyId | null; why: string };

export function routeSubmission(
  catalogue: readonly PolicyVersion[],
  facts: ProviderFacts,
  providerHolder: { staffId: string } | null,
  on: string,
): SubmissionRoute {
  const gives = providerHolderRule(catalogue, facts, on);
  if (gives.required && providerHolder) {
    return {
      to: 'relationship-holder',
      staffId: providerHolder.staffId,
      ruleId: 'R-REL-4',
      policyId: gives.policyId,
      why: 'The relationship holder is the provider’s first point of contact',
    };
  }
  if (gives.required) {
    return {
      to: 'regulatory-coordinator',
      ruleId: 'R-REL-4',
      policyId: gives.policyId,
      why: 'No relationship holder is allocated yet: the regulatory co-ordinator handles it until one is',
    };
  }
  const location = applicableRule(catalogue, facts.sector, on, 'relationship-holder-location');
  const rule = location.value;
  const atRisk = facts.locations.some((candidate) => candidate.significantRisk);
  if (rule && (rule.required === 'never' || (rule.required === 'when-significant-risk' && !atRisk))) {
    return {
      to: 'regulatory-coordinator',
      ruleId: rule.ruleId,
      policyId: location.policyId,
      why:
        rule.required === 'never'
          ? `${facts.sector} has no location-level relationship management under ${location.policyId}: enquiries go to the assessment team through the regulatory co-ordinator`
          : `${facts.sector} has no location-level relationship management under ${location.policyId} while no location is at significant risk of poor care: enquiries go to the regulatory co-ordinator`,
    };
  }
  // No version in force gives the provider a provider-level holder (a CIC, adult social care, or a sector no
  // seed addresses): its team's co-ordinator is the point of contact (R-REL-4, R-TEAM-4).
  return {
    to: 'regulatory-coordinator',
    ruleId: 'R-TEAM-4',
    policyId: gives.policyId,
    why: `No policy in force gives a ${facts.sector} provider a relationship holder: the assessment team’s regulatory co-ordinator is its point of contact`,
  };
}

/**
 * Which regulatory co-ordinator: the same one for a provider every time while the co-ordinators stay the
 * same (R-REL-2's continuity, as far as it goes), spread across them by the provider's id.
 */
export function pickCoordinator(providerId: string, coordinatorIds: readonly string[]): string | null {
  if (coordinatorIds.length === 0) return null;
  const sorted = [...coordinatorIds].sort();
  let hash = 0;
  for (const character of providerId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return sorted[hash % sorted.length] ?? null;
}

/** Whole minutes from one instant to another (R-PRV-4: time to first response). */
export const minutesBetween = (from: string, to: string): number =>
  Math.max(0, Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 60_000));
