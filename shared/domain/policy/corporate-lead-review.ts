import type { ReviewFlag } from '../../schemas/relationship.ts';
import type { Sector } from '../vocabulary.ts';
import { corporateLeadBand } from './engine.ts';
import type { PolicyVersion } from './types.ts';

/**
 * R-CORP: when a provider's location count or Market Oversight flag moves it into another
 * corporate band, its current lead is flagged for review, never silently changed. Moving back
 * into the lead's own band clears the flag. Pure: `on` is the London day, `at` the instant.
 */
export function corporateLeadReview(
  policy: readonly PolicyVersion[],
  lead: { ruleId: string; reviewNeeded: ReviewFlag | null } | null,
  provider: { sector: Sector; marketOversight: boolean; locationCount: number },
  on: string,
  at: string,
): { reviewNeeded: ReviewFlag | null } | undefined {
  if (!lead) return undefined;
  const toRuleId = corporateLeadBand(policy, provider, on).value?.ruleId ?? null;
  if (toRuleId === lead.ruleId) return lead.reviewNeeded ? { reviewNeeded: null } : undefined;
  if (lead.reviewNeeded && lead.reviewNeeded.toRuleId === toRuleId) return undefined;
  const now = `${provider.locationCount} location${provider.locationCount === 1 ? '' : 's'}${
    provider.marketOversight ? ', in Market Oversight' : ''
  }`;
  return {
    reviewNeeded: {
      since: at,
      fromRuleId: lead.ruleId,
      toRuleId,
      reason: toRuleId
        ? `The provider now has ${now}: its corporate lead falls under ${toRuleId}, not ${lead.ruleId}`
        : `The provider now has ${now}: it no longer needs a corporate lead`,
    },
  };
}
