import type { ContactRole, Sector, StaffRole } from '../vocabulary.ts';

/**
 * Engagement policy as data (../shared/DOMAIN.md, the policy-version table and "What is in force,
 * sector by sector"). A policy version states rules for the sectors its seed covers; which versions
 * govern which sector is configuration (catalogue.ts, SECTOR_VERSIONS). Precedence is **rule by rule**
 * (correction 2 of 2026-11-29): for a sector, a level and a subject (who holds the relationship, the
 * corporate lead, the regular meetings, board meetings, the medicines conversation), the newest version
 * in force that states a rule on that subject wins; a subject the newer version does not restate stays
 * with the older one. Every answer names the version and the rule id it applied.
 */
export type PolicyId =
  | 'nhs-trusts-2020'
  | 'independent-healthcare-2022'
  | 'assessment-framework-2023'
  | 'adult-social-care'
  | 'national-partners-2022';

/**
 * Ids written by earlier catalogues, and what each is called now. Stored relationships and meetings keep the
 * id they were written with; reads show the current one (`currentPolicyId`).
 * `providers-general` was seed 004 read as applying to every sector; it is the adult social care version.
 */
export const LEGACY_POLICY_IDS: Readonly<Record<string, PolicyId>> = { 'providers-general': 'adult-social-care' };

/** The current id of a policy id read from storage (old or new catalogue); anything else unchanged. */
export function currentPolicyId<T extends string | null>(stored: T): T | PolicyId {
  if (stored === null) return stored;
  return LEGACY_POLICY_IDS[stored] ?? stored;
}

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

/**
 * What a meeting rule decides, so that a newer version replaces only the rule it restates: R-CAD-4
 * restates the trust's regular meetings (R-CAD-1) but not its board meetings (R-CAD-2).
 */
export type MeetingSubject = 'regular-meetings' | 'board-meetings' | 'medicines-conversation';

/** Who may hold a relationship at one level, and whether one is required. */
export interface HolderRule {
  ruleId: string;
  /**
   * 'always': every provider (or location) has one; 'when-significant-risk': only locations flagged at risk
   * (R-REL-6); 'when-several-locations': only providers with more than one location (corporate-level
   * engagement that continues under seed 002); 'never': none at this level.
   */
  required: 'always' | 'when-significant-risk' | 'when-several-locations' | 'never';
  /** The roles the rule names; where `exceptionRoles` is not empty they are a default ("in most cases"). */
  roles: readonly StaffRole[];
  /**
   * R-EXC-1: further roles accepted with an exception reason, where the seed states the roles as a default.
   * Empty: `roles` is a hard rule and no reason opens it.
   */
  exceptionRoles: readonly StaffRole[];
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
  /** R-EXC-1: roles accepted with an exception reason ("Normally", R-CORP-1..3); empty for a hard band (R-CORP-4). */
  exceptionRoles: readonly StaffRole[];
  summary: string;
}

export type MeetingLevel = 'provider' | 'location';
export type MeetingMode = 'in-person' | 'telephone' | 'video';

/** A meeting the policy requires, and who must be at it. */
export interface MeetingRequirement {
  ruleId: string;
  /** What it decides: a newer version's requirement on the same subject and level replaces it. */
  subject: MeetingSubject;
  /** Stable name of the kind of meeting, e.g. 'engagement', 'board-meeting', 'medicines-conversation'. */
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
  /** Only for providers with at least this many locations (corporate-level engagement under seed 002). */
  minLocations?: number;
  /** Of the perYear meetings, how many must satisfy this (e.g. R-CAD-5: one of the quarterly meetings). */
  ofWhich?: {
    count: number;
    regulatorAttendees: readonly StaffRole[];
    providerAttendees: readonly ContactRole[];
    ruleId: string;
  };
  summary: string;
}

/** What one version says for the sectors named; a topic left out is not addressed. */
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
  /** YYYY-MM-DD; null for "in force from the start of the record". */
  effectiveFrom: string | null;
  /** The sectors this version governs, after the sector → versions configuration (SECTOR_VERSIONS). */
  sectors: readonly Sector[];
  /** Rules of this version with no effect on relationships or meetings, listed for GET /policies. */
  otherRules: readonly { ruleId: string; summary: string }[];
  provisions: readonly SectorProvisions[];
}

/** Which policy versions govern each sector: configuration (DOMAIN.md), so a reading can change without code. */
export type SectorVersions = Readonly<Record<Sector, readonly PolicyId[]>>;

/** The answer for one topic: the rule applied and which version it came from, or that no version addresses it. */
export interface Applied<T> {
  topic: Topic;
  policyId: PolicyId | null;
  value: T | null;
}

/** A meeting requirement with the version it was taken from. */
export interface AppliedMeeting {
  policyId: PolicyId;
  requirement: MeetingRequirement;
}

/**
 * R-EXC-1: rules the seeds state as "usually", "normally", "should", "to be confirmed" or "as determined by
 * risk". A booking or allocation that departs from one is accepted only with an exception reason.
 */
export const DEFAULT_RULE_IDS: ReadonlySet<string> = new Set([
  'R-CAD-1',
  'R-CAD-2',
  'R-CAD-4',
  'R-CAD-5',
  'R-CORP-1',
  'R-CORP-2',
  'R-CORP-3',
]);
