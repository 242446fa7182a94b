import type { ContactRole, Sector, StaffRole } from '../vocabulary.ts';

/**
 * Engagement policy as data (../shared/DOMAIN.md, the policy-version table). A policy version
 * says, for the sectors it covers, what it requires on each topic. For a provider on a day, each
 * topic is answered by the newest version in force that covers the provider's sector and speaks
 * to that topic: so a later version supersedes an earlier one exactly where they overlap, and the
 * answer always names the version (and rule ids) it applied.
 */
export type PolicyId =
  | 'nhs-trusts-2020'
  | 'independent-healthcare-2022'
  | 'assessment-framework-2023'
  | 'providers-general'
  | 'national-partners-2022';

export type Topic =
  | 'relationship-holder-provider'
  | 'relationship-holder-location'
  | 'corporate-lead'
  | 'provider-meetings'
  | 'location-meetings';

export const TOPICS: readonly Topic[] = [
  'relationship-holder-provider',
  'relationship-holder-location',
  'corporate-lead',
  'provider-meetings',
  'location-meetings',
];

/** Who may hold a relationship at one level, and whether one is required. */
export interface HolderRule {
  ruleId: string;
  /** 'always': every provider (or location) has one; 'when-significant-risk': only locations flagged at risk; 'never': none at this level. */
  required: 'always' | 'when-significant-risk' | 'never';
  roles: readonly StaffRole[];
  summary: string;
}

/** One band of the corporate lead rule (R-CORP-1..4). Bands are checked in order; the first that fits applies. */
export interface CorporateLeadBand {
  ruleId: string;
  minLocations: number;
  /** Inclusive; null for no upper bound. */
  maxLocations: number | null;
  /** true: only Market Oversight providers; false: only others; null: either. */
  marketOversight: boolean | null;
  roles: readonly StaffRole[];
  summary: string;
}

export type MeetingLevel = 'provider' | 'location';
export type MeetingMode = 'in-person' | 'telephone' | 'video';

/** A meeting the policy requires, and who must be at it. */
export interface MeetingRequirement {
  ruleId: string;
  /** Stable name of the kind of meeting, e.g. 'engagement', 'annual-executive', 'medicines-conversation'. */
  type: string;
  level: MeetingLevel;
  /** How many a year (4 = quarterly). */
  perYear: number;
  /** 'at-least': a minimum ('at least every three months'); 'exactly': this many. */
  cadence: 'at-least' | 'exactly';
  /** Who may lead it on the regulator's side; empty means the relationship holder. */
  leadRoles: readonly StaffRole[];
  /** Regulator roles that must attend (beyond the lead). */
  regulatorAttendees: readonly StaffRole[];
  /** Provider contact roles that must attend. */
  providerAttendees: readonly ContactRole[];
  modes: readonly MeetingMode[];
  /** Only for locations flagged at significant risk of poor care (R-CAD-7). */
  onlyWhenSignificantRisk: boolean;
  /** Of the perYear meetings, how many must satisfy this (e.g. R-CAD-5: one of the quarterly meetings). */
  ofWhich?: {
    count: number;
    regulatorAttendees: readonly StaffRole[];
    providerAttendees: readonly ContactRole[];
    ruleId: string;
  };
  summary: string;
}

/** What one version says on each topic for the sectors it covers; a topic left out is not addressed. */
export interface SectorProvisions {
  sectors: readonly Sector[];
  relationshipHolderProvider?: HolderRule;
  relationshipHolderLocation?: HolderRule;
  corporateLead?: readonly CorporateLeadBand[];
  providerMeetings?: readonly MeetingRequirement[];
  locationMeetings?: readonly MeetingRequirement[];
}

export interface PolicyVersion {
  policyId: PolicyId;
  title: string;
  /** The seed page it was distilled from (../shared/seeds/). */
  source: string;
  /** YYYY-MM-DD; null for "always in force". */
  effectiveFrom: string | null;
  /** Rules of this version with no effect on relationships or meetings, listed for GET /policies. */
  otherRules: readonly { ruleId: string; summary: string }[];
  provisions: readonly SectorProvisions[];
}

/** The answer for one topic: the rule applied and which version it came from, or that no version addresses it. */
export interface Applied<T> {
  topic: Topic;
  policyId: PolicyId | null;
  value: T | null;
}
