import { RuleViolation } from '../errors.ts';
import type { ContactRole, Sector, StaffRole } from '../vocabulary.ts';
import { isCalendarDate } from './catalogue.ts';
import type {
  Applied,
  AppliedMeeting,
  CorporateLeadBand,
  HolderRule,
  MeetingLevel,
  MeetingMode,
  MeetingRequirement,
  PolicyId,
  PolicyVersion,
  SectorProvisions,
  Topic,
} from './types.ts';

/**
 * The policy engine: which version's rule applies to a provider on a day, whether an allocation keeps to
 * it, and what a provider's engagement plan is. Pure: no I/O, no clock; days are 'YYYY-MM-DD' strings.
 */

export interface ProviderFacts {
  sector: Sector;
  marketOversight: boolean;
  locations: readonly { locationId: string; name: string; significantRisk: boolean }[];
  /** R-CAD-3: the provider's own cadence of provider-level relationship meetings, where one is set. */
  cadence?: { meetingsPerYear: number; reason: string } | null;
}

/** R-CAD-3's "more often for larger organisations": the rule a provider's own cadence may raise. */
export const CADENCE_RULE_ID = 'R-CAD-3';

export interface CurrentRelationships {
  providerHolder: { staffId: string; exception?: RuleException | null } | null;
  /** By locationId. */
  locationHolders: Readonly<Record<string, { staffId: string; exception?: RuleException | null }>>;
  corporateLead: {
    staffId: string;
    bandRuleId: string;
    reviewNeeded: boolean;
    exception?: RuleException | null;
  } | null;
}

/** What each topic's answer is, by topic: the value type of Applied<T>. */
/** The topics one rule answers whole: who holds a relationship at each level, and the corporate lead bands. */
export type SingleRuleTopic = 'relationship-holder-provider' | 'relationship-holder-location' | 'corporate-lead';

export interface TopicRule {
  'relationship-holder-provider': HolderRule;
  'relationship-holder-location': HolderRule;
  'corporate-lead': readonly CorporateLeadBand[];
}

function provision<K extends SingleRuleTopic>(provisions: SectorProvisions, topic: K): TopicRule[K] | undefined;
function provision(provisions: SectorProvisions, topic: SingleRuleTopic): TopicRule[SingleRuleTopic] | undefined {
  switch (topic) {
    case 'relationship-holder-provider':
      return provisions.relationshipHolderProvider;
    case 'relationship-holder-location':
      return provisions.relationshipHolderLocation;
    case 'corporate-lead':
      return provisions.corporateLead;
  }
}

function assertDay(on: string): void {
  if (!isCalendarDate(on)) throw new RangeError(`A policy day must be a date written YYYY-MM-DD, not ${on}`);
}

/** The versions in force on a day, newest first; a version with no effective date is in force from the start, and oldest. */
export function inForce(catalogue: readonly PolicyVersion[], on: string): PolicyVersion[] {
  assertDay(on);
  const rank = (version: PolicyVersion): string => version.effectiveFrom ?? '';
  return catalogue
    .filter((version) => version.effectiveFrom === null || version.effectiveFrom <= on)
    .sort((a, b) => (rank(a) < rank(b) ? 1 : rank(a) > rank(b) ? -1 : 0));
}

/** The provisions in force on a day for a sector, newest version first (the sector → versions map already applied). */
function governing(
  catalogue: readonly PolicyVersion[],
  sector: Sector,
  on: string,
): { policyId: PolicyId; provisions: SectorProvisions }[] {
  return inForce(catalogue, on).flatMap((version) =>
    version.provisions
      .filter((provisions) => provisions.sectors.includes(sector))
      .map((provisions) => ({ policyId: version.policyId, provisions })),
  );
}

/**
 * The rule on a single-rule topic for a sector on a day: from the newest version in force that governs the
 * sector and states it. A version that governs the sector but does not restate the rule leaves the older one
 * in force (correction 2 of 2026-11-29). `value` is null, with `policyId` null, when no version states one.
 */
export function applicableRule<K extends SingleRuleTopic>(
  catalogue: readonly PolicyVersion[],
  sector: Sector,
  on: string,
  topic: K,
): Applied<TopicRule[K]> {
  for (const { policyId, provisions } of governing(catalogue, sector, on)) {
    const value = provision(provisions, topic);
    if (value !== undefined) return { topic, policyId, value };
  }
  return { topic, policyId: null, value: null };
}

/**
 * The meeting rules in force at one level for a sector on a day, rule by rule: for each subject (regular
 * meetings, board meetings, the medicines conversation) the newest version in force that restates it. So
 * R-CAD-4 replaces R-CAD-1 on 2023-11-01 and R-CAD-2's board meetings continue (correction 2).
 */
export function applicableMeetings(
  catalogue: readonly PolicyVersion[],
  sector: Sector,
  on: string,
  level: MeetingLevel,
): AppliedMeeting[] {
  const taken = new Set<string>();
  const applied: AppliedMeeting[] = [];
  for (const { policyId, provisions } of governing(catalogue, sector, on)) {
    const stated = level === 'provider' ? provisions.providerMeetings : provisions.locationMeetings;
    const subjects = new Set<string>();
    for (const requirement of stated ?? []) {
      if (taken.has(requirement.subject)) continue;
      subjects.add(requirement.subject);
      applied.push({ policyId, requirement });
    }
    for (const subject of subjects) taken.add(subject);
  }
  return applied;
}

/**
 * The corporate lead band (R-CORP-1..4) that fits the provider: the first of the applicable bands, in order.
 * `value` is null when none fits, which with the catalogue's bands means fewer than 2 locations (R-CORP-1);
 * `policyId` still names the version whose bands were read.
 */
export function corporateLeadBand(
  catalogue: readonly PolicyVersion[],
  facts: { sector: Sector; marketOversight: boolean; locationCount: number },
  on: string,
): Applied<CorporateLeadBand> {
  const bands = applicableRule(catalogue, facts.sector, on, 'corporate-lead');
  const band = (bands.value ?? []).find(
    (candidate) =>
      facts.locationCount >= candidate.minLocations &&
      (candidate.maxLocations === null || facts.locationCount <= candidate.maxLocations) &&
      (candidate.marketOversight === null || candidate.marketOversight === facts.marketOversight),
  );
  return { topic: 'corporate-lead', policyId: bands.policyId, value: band ?? null };
}

type HolderTarget = { level: 'provider' } | { level: 'location'; locationId: string };

/** Whether the target is at significant risk of poor care: a location by its flag, a provider by any of its locations. */
function atSignificantRisk(facts: ProviderFacts, target: HolderTarget): boolean {
  if (target.level === 'provider') return facts.locations.some((location) => location.significantRisk);
  return facts.locations.some((location) => location.locationId === target.locationId && location.significantRisk);
}

function holderRequired(rule: HolderRule | null, atRisk: boolean, locationCount: number): boolean {
  if (rule === null) return false;
  switch (rule.required) {
    case 'always':
      return true;
    case 'when-significant-risk':
      return atRisk;
    case 'when-several-locations':
      return locationCount > 1;
    case 'never':
      return false;
  }
}

/** Whether the policy in force gives this provider a provider-level relationship holder (R-REL-1, R-REL-4), and under which version. */
export function providerHolderRule(
  catalogue: readonly PolicyVersion[],
  facts: ProviderFacts,
  on: string,
): { required: boolean; policyId: PolicyId | null } {
  const rule = applicableRule(catalogue, facts.sector, on, 'relationship-holder-provider');
  return {
    required: holderRequired(rule.value, atSignificantRisk(facts, { level: 'provider' }), facts.locations.length),
    policyId: rule.policyId,
  };
}

const roleList = (roles: readonly StaffRole[]): string => (roles.length === 0 ? 'no role' : roles.join(' or '));

/** R-EXC-1: a departure from a default rule, accepted with the reason given; kept with the record. */
export interface RuleException {
  ruleId: string;
  reason: string;
}

/** What an allocation was checked against, and the exception it needed (null: it keeps to the rule). */
export interface AllocationCheck {
  policyId: PolicyId | null;
  ruleId: string;
  exception: RuleException | null;
}

/**
 * Roles against a rule that may be a default (R-EXC-1): the rule's own roles pass; its exception roles pass
 * only with a reason, and without one the refusal says so; any other role is a hard refusal no reason opens.
 */
function checkRoles(
  rule: { ruleId: string; roles: readonly StaffRole[]; exceptionRoles: readonly StaffRole[] },
  staffRoles: readonly StaffRole[],
  exceptionReason: string | undefined,
  refusal: (roles: string) => string,
): RuleException | null {
  if (staffRoles.some((role) => rule.roles.includes(role))) return null;
  if (staffRoles.some((role) => rule.exceptionRoles.includes(role))) {
    if (exceptionReason) return { ruleId: rule.ruleId, reason: exceptionReason };
    throw new RuleViolation(
      rule.ruleId,
      `${refusal(roleList(rule.roles))}; another ${roleList(rule.exceptionRoles)} needs an exception reason (R-EXC-1)`,
    );
  }
  throw new RuleViolation(rule.ruleId, refusal(roleList([...rule.roles, ...rule.exceptionRoles])));
}

/**
 * Throws RuleViolation when the allocation breaks the policy in force; returns what it applied and any
 * exception it needed. Who holds, and at which level, is a hard rule; which inspecting role is a default
 * only where the seed says so ("in most cases", adult social care, R-REL-1).
 */
export function checkHolderAllocation(
  catalogue: readonly PolicyVersion[],
  facts: ProviderFacts,
  target: HolderTarget,
  staffRoles: readonly StaffRole[],
  on: string,
  exceptionReason?: string,
): AllocationCheck {
  const topic = target.level === 'provider' ? 'relationship-holder-provider' : 'relationship-holder-location';
  const { policyId, value: rule } = applicableRule(catalogue, facts.sector, on, topic);
  if (rule === null) {
    throw new RuleViolation(
      'R-REL-1',
      `No policy in force on ${on} gives ${facts.sector} a relationship holder at ${target.level} level`,
    );
  }
  if (rule.required === 'never') {
    throw new RuleViolation(
      rule.ruleId,
      `${facts.sector} has no ${target.level}-level relationship under ${policyId}: ${rule.summary}`,
    );
  }
  if (rule.required === 'when-significant-risk' && !atSignificantRisk(facts, target)) {
    throw new RuleViolation(
      rule.ruleId,
      `${facts.sector} has no ${target.level}-level relationship under ${policyId} unless there is a significant risk of poor care, and none is flagged`,
    );
  }
  if (rule.required === 'when-several-locations' && facts.locations.length < 2) {
    throw new RuleViolation(
      rule.ruleId,
      `${facts.sector} has a ${target.level}-level relationship under ${policyId} only with more than one location`,
    );
  }
  const exception = checkRoles(
    rule,
    staffRoles,
    exceptionReason,
    (roles) => `A ${target.level}-level relationship holder for ${facts.sector} must be ${roles} under ${policyId}`,
  );
  return { policyId, ruleId: rule.ruleId, exception };
}

const bandSituation = (facts: { marketOversight: boolean; locationCount: number }): string =>
  `${facts.locationCount} location${facts.locationCount === 1 ? '' : 's'}, ${
    facts.marketOversight ? 'in' : 'not in'
  } Market Oversight`;

export function checkCorporateLeadAllocation(
  catalogue: readonly PolicyVersion[],
  facts: ProviderFacts,
  staffRoles: readonly StaffRole[],
  on: string,
  exceptionReason?: string,
): AllocationCheck {
  const situation = { marketOversight: facts.marketOversight, locationCount: facts.locations.length };
  const { policyId, value: band } = corporateLeadBand(catalogue, { sector: facts.sector, ...situation }, on);
  if (facts.locations.length < 2) {
    throw new RuleViolation('R-CORP-1', 'a corporate lead is for providers with more than one location');
  }
  if (band === null) {
    throw new RuleViolation(
      'R-CORP-1',
      `No policy in force on ${on} gives a corporate lead to a ${facts.sector} provider with ${bandSituation(situation)}`,
    );
  }
  const exception = checkRoles(
    band,
    staffRoles,
    exceptionReason,
    (roles) => `The corporate lead of a provider with ${bandSituation(situation)} must be ${roles} under ${policyId}`,
  );
  return { policyId, ruleId: band.ruleId, exception };
}

/** A relationship the plan requires (or would give a holder), and who holds it now. */
export interface PlannedHolder {
  required: boolean;
  roles: StaffRole[];
  ruleId: string | null;
  policyId: PolicyId | null;
  holder: { staffId: string; exception: RuleException | null } | null;
}

export interface PlannedLocation extends PlannedHolder {
  locationId: string;
  name: string;
  significantRisk: boolean;
  /** Why the location does or does not have a relationship holder, citing the rule and version. */
  why: string;
}

export interface PlannedCorporateLead {
  required: boolean;
  band: { ruleId: string; roles: StaffRole[]; summary: string } | null;
  policyId: PolicyId | null;
  holder: { staffId: string; exception: RuleException | null } | null;
  /** Stored as needing review, or allocated under another band than the one that fits now (R-CORP). */
  reviewNeeded: boolean;
}

export interface PlannedMeeting {
  type: string;
  level: MeetingLevel;
  /** The location it is for; null at provider level. */
  locationId: string | null;
  perYear: number;
  cadence: 'at-least' | 'exactly';
  /** Empty: led by the relationship holder. */
  leadRoles: StaffRole[];
  regulatorAttendees: StaffRole[];
  providerAttendees: ContactRole[];
  modes: MeetingMode[];
  ofWhich: { count: number; regulatorAttendees: StaffRole[]; providerAttendees: ContactRole[]; ruleId: string } | null;
  ruleId: string;
  policyId: PolicyId | null;
  summary: string;
}

export type PlanGap =
  | { kind: 'relationship-holder'; level: 'provider'; ruleId: string; policyId: PolicyId | null }
  | { kind: 'relationship-holder'; level: 'location'; locationId: string; ruleId: string; policyId: PolicyId | null }
  | { kind: 'corporate-lead'; ruleId: string; policyId: PolicyId | null }
  | { kind: 'corporate-lead-review'; fromRuleId: string; toRuleId: string | null; policyId: PolicyId | null };

/** What the policy in force on `on` requires of a provider, and where it stands against that. JSON-serialisable. */
export interface EngagementPlan {
  on: string;
  sector: Sector;
  marketOversight: boolean;
  locationCount: number;
  /** For each topic, the versions whose rules were applied (rule by rule: meetings may come from several); empty when none. */
  applied: Record<Topic, PolicyId[]>;
  relationships: {
    provider: PlannedHolder;
    locations: PlannedLocation[];
    corporateLead: PlannedCorporateLead;
  };
  meetings: PlannedMeeting[];
  missing: PlanGap[];
}

function whyLocation(sector: Sector, applied: Applied<HolderRule>, required: boolean): string {
  const rule = applied.value;
  if (rule === null) return `No policy in force gives ${sector} locations a relationship holder`;
  const cited = `${applied.policyId}, ${rule.ruleId}`;
  switch (rule.required) {
    case 'always':
      return `Every ${sector} location has a relationship holder (${cited})`;
    case 'never':
      return `${sector} has no location-level relationship management (${cited})`;
    case 'when-several-locations':
      return required
        ? `The provider has more than one location, so it keeps this relationship (${cited})`
        : `The provider has one location (${cited})`;
    case 'when-significant-risk':
      return required
        ? `Flagged at significant risk of poor care, so it keeps location-level relationship management (${cited})`
        : `Not flagged at significant risk of poor care: ${sector} has location-level relationship management only where there is (${cited})`;
  }
}

function planMeeting(
  requirement: MeetingRequirement,
  policyId: PolicyId | null,
  locationId: string | null,
): PlannedMeeting {
  return {
    type: requirement.type,
    level: requirement.level,
    locationId,
    perYear: requirement.perYear,
    cadence: requirement.cadence,
    leadRoles: [...requirement.leadRoles],
    regulatorAttendees: [...requirement.regulatorAttendees],
    providerAttendees: [...requirement.providerAttendees],
    modes: [...requirement.modes],
    ofWhich: requirement.ofWhich
      ? {
          count: requirement.ofWhich.count,
          regulatorAttendees: [...requirement.ofWhich.regulatorAttendees],
          providerAttendees: [...requirement.ofWhich.providerAttendees],
          ruleId: requirement.ofWhich.ruleId,
        }
      : null,
    ruleId: requirement.ruleId,
    policyId,
    summary: requirement.summary,
  };
}

/** R-CAD-3: a provider's own cadence raises its provider-level R-CAD-3 meetings; it never lowers a rule's minimum. */
function withCadence(requirement: MeetingRequirement, cadence: ProviderFacts['cadence']): MeetingRequirement {
  if (!cadence || requirement.ruleId !== CADENCE_RULE_ID || cadence.meetingsPerYear <= requirement.perYear) {
    return requirement;
  }
  return {
    ...requirement,
    perYear: cadence.meetingsPerYear,
    summary: `${requirement.summary} For this provider: ${cadence.meetingsPerYear} a year (${cadence.reason}).`,
  };
}

/** Whether a provider has provider-level meetings under R-CAD-3 on a day, which its own cadence can raise. */
export function cadenceApplies(catalogue: readonly PolicyVersion[], facts: ProviderFacts, on: string): boolean {
  return engagementPlan(catalogue, { ...facts, cadence: null }, NO_RELATIONSHIPS, on).meetings.some(
    (meeting) => meeting.level === 'provider' && meeting.ruleId === CADENCE_RULE_ID,
  );
}

const NO_RELATIONSHIPS: CurrentRelationships = { providerHolder: null, locationHolders: {}, corporateLead: null };

const held = (current: { staffId: string; exception?: RuleException | null } | null | undefined) =>
  current ? { staffId: current.staffId, exception: current.exception ?? null } : null;

const versions = (...ids: (PolicyId | null)[]): PolicyId[] =>
  [...new Set(ids)].filter((id): id is PolicyId => id !== null);

export function engagementPlan(
  catalogue: readonly PolicyVersion[],
  facts: ProviderFacts,
  current: CurrentRelationships,
  on: string,
): EngagementPlan {
  const providerRule = applicableRule(catalogue, facts.sector, on, 'relationship-holder-provider');
  const locationRule = applicableRule(catalogue, facts.sector, on, 'relationship-holder-location');
  const providerMeetings = applicableMeetings(catalogue, facts.sector, on, 'provider');
  const locationMeetings = applicableMeetings(catalogue, facts.sector, on, 'location');
  const locationCount = facts.locations.length;
  const band = corporateLeadBand(
    catalogue,
    { sector: facts.sector, marketOversight: facts.marketOversight, locationCount },
    on,
  );
  const missing: PlanGap[] = [];

  const provider: PlannedHolder = {
    required: holderRequired(providerRule.value, atSignificantRisk(facts, { level: 'provider' }), locationCount),
    roles: [...(providerRule.value?.roles ?? [])],
    ruleId: providerRule.value?.ruleId ?? null,
    policyId: providerRule.policyId,
    holder: held(current.providerHolder),
  };
  if (provider.required && provider.holder === null && provider.ruleId !== null) {
    missing.push({
      kind: 'relationship-holder',
      level: 'provider',
      ruleId: provider.ruleId,
      policyId: provider.policyId,
    });
  }

  const locations = facts.locations.map((location): PlannedLocation => {
    const required = holderRequired(locationRule.value, location.significantRisk, locationCount);
    const planned: PlannedLocation = {
      locationId: location.locationId,
      name: location.name,
      significantRisk: location.significantRisk,
      required,
      why: whyLocation(facts.sector, locationRule, required),
      roles: [...(locationRule.value?.roles ?? [])],
      ruleId: locationRule.value?.ruleId ?? null,
      policyId: locationRule.policyId,
      holder: held(current.locationHolders[location.locationId]),
    };
    if (planned.required && planned.holder === null && planned.ruleId !== null) {
      missing.push({
        kind: 'relationship-holder',
        level: 'location',
        locationId: location.locationId,
        ruleId: planned.ruleId,
        policyId: planned.policyId,
      });
    }
    return planned;
  });

  const lead = current.corporateLead;
  const toRuleId = band.value?.ruleId ?? null;
  const corporateLead: PlannedCorporateLead = {
    required: band.value !== null,
    band: band.value ? { ruleId: band.value.ruleId, roles: [...band.value.roles], summary: band.value.summary } : null,
    policyId: band.policyId,
    holder: held(lead),
    reviewNeeded: lead !== null && (lead.reviewNeeded || lead.bandRuleId !== toRuleId),
  };
  if (band.value !== null && lead === null) {
    missing.push({ kind: 'corporate-lead', ruleId: band.value.ruleId, policyId: band.policyId });
  }
  if (lead !== null && corporateLead.reviewNeeded) {
    missing.push({ kind: 'corporate-lead-review', fromRuleId: lead.bandRuleId, toRuleId, policyId: band.policyId });
  }

  const providerAtRisk = atSignificantRisk(facts, { level: 'provider' });
  const applies = (requirement: MeetingRequirement, atRisk: boolean): boolean =>
    (!requirement.onlyWhenSignificantRisk || atRisk) && locationCount >= (requirement.minLocations ?? 0);
  const providerPlanned = providerMeetings.filter(({ requirement }) => applies(requirement, providerAtRisk));
  const locationPlanned = facts.locations.flatMap((location) =>
    locationMeetings
      .filter(({ requirement }) => applies(requirement, location.significantRisk))
      .map((applied) => ({ ...applied, locationId: location.locationId })),
  );
  const meetings: PlannedMeeting[] = [
    ...providerPlanned.map(({ requirement, policyId }) =>
      planMeeting(withCadence(requirement, facts.cadence), policyId, null),
    ),
    ...locationPlanned.map(({ requirement, policyId, locationId }) => planMeeting(requirement, policyId, locationId)),
  ];

  return {
    on,
    sector: facts.sector,
    marketOversight: facts.marketOversight,
    locationCount,
    applied: {
      'relationship-holder-provider': versions(providerRule.policyId),
      'relationship-holder-location': versions(locationRule.policyId),
      'corporate-lead': versions(band.policyId),
      'provider-meetings': versions(...providerPlanned.map(({ policyId }) => policyId)),
      'location-meetings': versions(...locationPlanned.map(({ policyId }) => policyId)),
    },
    relationships: { provider, locations, corporateLead },
    meetings,
    missing,
  };
}

/** One rule of a version as GET /policies shows it. */
export interface PolicyRuleDescription {
  ruleId: string;
  /** The topic it decides; null for a rule with no effect on relationships or meetings. */
  topic: Topic | null;
  sectors: Sector[];
  summary: string;
}

export interface PolicyDescription {
  policyId: PolicyId;
  title: string;
  source: string;
  effectiveFrom: string | null;
  sectors: Sector[];
  rules: PolicyRuleDescription[];
}

function describeOfWhich(requirement: MeetingRequirement): string {
  const of = requirement.ofWhich;
  if (!of) return '';
  const who = [
    ...of.regulatorAttendees.map((role) => `a ${role}`),
    ...of.providerAttendees.map((role) => `the provider's ${role}`),
  ];
  return `${of.count} of the ${requirement.perYear} ${requirement.type} meetings a year also includes ${who.join(' and ')}.`;
}

/** The rules one provisions entry states, with the topic each decides. */
function statedRules(
  provisions: SectorProvisions,
): { topic: Topic; rule: HolderRule | CorporateLeadBand | MeetingRequirement }[] {
  const { relationshipHolderProvider, relationshipHolderLocation } = provisions;
  return [
    ...(relationshipHolderProvider
      ? [{ topic: 'relationship-holder-provider' as const, rule: relationshipHolderProvider }]
      : []),
    ...(relationshipHolderLocation
      ? [{ topic: 'relationship-holder-location' as const, rule: relationshipHolderLocation }]
      : []),
    ...(provisions.corporateLead ?? []).map((rule) => ({ topic: 'corporate-lead' as const, rule })),
    ...(provisions.providerMeetings ?? []).map((rule) => ({ topic: 'provider-meetings' as const, rule })),
    ...(provisions.locationMeetings ?? []).map((rule) => ({ topic: 'location-meetings' as const, rule })),
  ];
}

/** Each version with every rule it states (a rule stated for several sectors is listed once, with all of them). */
export function describePolicies(catalogue: readonly PolicyVersion[]): PolicyDescription[] {
  return catalogue.map((version) => {
    const rules: PolicyRuleDescription[] = [];
    const add = (ruleId: string, topic: Topic | null, sectors: readonly Sector[], summary: string): void => {
      const same = rules.find((rule) => rule.ruleId === ruleId && rule.topic === topic && rule.summary === summary);
      if (!same) {
        rules.push({ ruleId, topic, sectors: [...sectors], summary });
        return;
      }
      for (const sector of sectors) if (!same.sectors.includes(sector)) same.sectors.push(sector);
    };
    for (const provisions of version.provisions) {
      for (const { topic, rule } of statedRules(provisions)) {
        add(rule.ruleId, topic, provisions.sectors, rule.summary);
        if ('ofWhich' in rule && rule.ofWhich) {
          add(rule.ofWhich.ruleId, topic, provisions.sectors, describeOfWhich(rule));
        }
      }
    }
    // The sectors the version governs after the sector → versions configuration (SECTOR_VERSIONS).
    const sectors = [...version.sectors];
    for (const other of version.otherRules) add(other.ruleId, null, sectors, other.summary);
    return {
      policyId: version.policyId,
      title: version.title,
      source: version.source,
      effectiveFrom: version.effectiveFrom,
      sectors,
      rules,
    };
  });
}
