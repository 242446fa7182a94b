import { SECTORS, type Sector, type StaffRole } from '../vocabulary.ts';
import type { HolderRule, MeetingRequirement, PolicyId, PolicyVersion, SectorVersions } from './types.ts';

/**
 * The policy versions of ../shared/DOMAIN.md as data, each distilled from one seed page
 * (../shared/seeds/). Rule ids cite DOMAIN.md; where DOMAIN.md and a seed differ, the data follows
 * the seed and the comment says so. Precedence (types.ts) is rule by rule: for a sector, level and
 * subject, the newest version in force that restates the rule wins; what it does not restate continues.
 */

/** Policy is shared by every request a container serves: frozen, so no caller can edit it for the next. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

const INSPECTION_STAFF: readonly StaffRole[] = ['inspector', 'inspection-manager', 'head-of-inspection'];

/** Seed 000: 'One of your local CQC Inspectors or Inspection Managers will be designated as your relationship holder.' */
const NHS_TRUST_HOLDER: HolderRule = {
  ruleId: 'R-REL-1',
  required: 'always',
  roles: ['inspector', 'inspection-manager'],
  exceptionRoles: [],
  summary: 'Each NHS trust has a relationship holder: one of its local inspectors or inspection managers.',
};

/** R-CAD-3, seed 001: 'at least annually at provider and location level, either in person or by telephone'. */
const annualRelationshipMeeting = (level: 'provider' | 'location'): MeetingRequirement => ({
  ruleId: 'R-CAD-3',
  subject: 'regular-meetings',
  type: 'relationship-management',
  level,
  perYear: 1,
  cadence: 'at-least',
  leadRoles: [],
  regulatorAttendees: [],
  providerAttendees: [],
  modes: ['in-person', 'telephone'],
  onlyWhenSignificantRisk: false,
  summary: `Relationship management meetings at ${level} level at least once a year, in person or by telephone; more often for larger organisations.`,
});

/**
 * R-CAD-4 and R-CAD-5, seed 002. The seed names no mode for these meetings, so none is excluded.
 * 'Be held quarterly' is a schedule, not a minimum: four a year, exactly. It restates the trust's regular
 * meetings (R-CAD-1), so it replaces them; board meetings (R-CAD-2) are another subject and continue.
 */
const QUARTERLY_ENGAGEMENT: MeetingRequirement = {
  ruleId: 'R-CAD-4',
  subject: 'regular-meetings',
  type: 'engagement',
  level: 'provider',
  perYear: 4,
  cadence: 'exactly',
  leadRoles: ['assessor', 'operations-manager', 'senior-specialist'],
  regulatorAttendees: [],
  providerAttendees: ['executive-board-member'],
  modes: ['in-person', 'telephone', 'video'],
  onlyWhenSignificantRisk: false,
  ofWhich: {
    count: 1,
    regulatorAttendees: ['deputy-director'],
    providerAttendees: ['chief-executive'],
    ruleId: 'R-CAD-5',
  },
  summary:
    'Provider-level engagement meetings every quarter, led by an assessor, operations manager or senior specialist as determined by risk, with an executive board member of the provider.',
};

/** The rules R-TPL and R-PRV distil from seed 000 and seed 001 alike. */
const TEMPLATE_AND_PROVIDER_RULES = [
  {
    ruleId: 'R-TPL-1',
    summary:
      'Before a meeting the holder fills in a template from what the regulator holds: changes in practice, serious incidents, complaints, notifications, monitoring data.',
  },
  {
    ruleId: 'R-PRV-1',
    summary: 'Providers raise significant concerns about quality, with the action they are taking, at any time.',
  },
  { ruleId: 'R-PRV-2', summary: 'Providers disclose external reviews they commissioned as a matter of course.' },
  {
    ruleId: 'R-REL-4',
    summary:
      "The relationship holder is the provider's first point of contact: registration queries, significant changes, concerns and feedback.",
  },
] as const;

/**
 * How meetings are recorded and chased (R-CAD-8, R-CAD-9) and the template's record (R-TPL-3, R-TPL-4): product
 * rules (DOMAIN.md) for every version that plans meetings.
 */
const MEETING_RECORD_RULES = [
  {
    ruleId: 'R-CAD-8',
    summary:
      'A required meeting not held by its due date is overdue: the holder, the lead and the operations manager are told, and it shows on their dashboards.',
  },
  {
    ruleId: 'R-CAD-9',
    summary:
      'A meeting records its type, level, mode, date and time (Europe/London), attendees on both sides, lead, status, notes and agreed actions.',
  },
  {
    ruleId: 'R-TPL-3',
    summary: 'Every version of the template and every provider comment is kept, with who wrote it and when.',
  },
  { ruleId: 'R-TPL-4', summary: 'The holder is told when the provider comments on the template.' },
] as const;

/** The versions as the seeds write them; `sectors` is each seed's own coverage, before SECTOR_VERSIONS. */
export const POLICY_VERSIONS: readonly PolicyVersion[] = deepFreeze([
  {
    // Seed 004 ends 'This page is for: adult social care services' (correction 1 of 2026-11-29).
    policyId: 'adult-social-care',
    title: 'Our relationships with providers, local and national organisations, and the public (adult social care)',
    source: '004_1c9f8e33219fc60e.txt',
    effectiveFrom: null,
    sectors: ['adult-social-care'],
    otherRules: [
      {
        ruleId: 'R-REL-5',
        summary:
          'The relationship holder carries out the inspection of the service unless unavailable; who inspected, and why another person did, is recorded.',
      },
      {
        ruleId: 'R-PRV-6',
        summary:
          'Where monitoring identifies risks, the relationship holder checks with the provider what action it is taking.',
      },
      {
        ruleId: 'R-CORP-5',
        summary:
          "A corporate lead oversees the quality and risk profile across all the provider's locations, so that trends, risks and issues show.",
      },
      {
        ruleId: 'R-PUB-1',
        summary:
          'People who use services, their carers, relatives and the public share their experiences; these inform what and when to inspect.',
      },
      {
        ruleId: 'R-PTN-1',
        summary:
          'Local and national organisations share information regularly and before an inspection; contacts with them are logged against the providers they concern.',
      },
    ],
    provisions: [
      {
        sectors: ['adult-social-care'],
        // No provider-level holder: seed 004 gives a holder 'to each service' and, above one service, a
        // corporate relationship lead. So a single care home has a location holder and nothing at provider level.
        // R-REL-1. Seed 004: 'We will allocate a relationship holder to each service. In most cases this will
        // be a local CQC inspector, though in some cases it may be an inspection manager or head of inspection.'
        // 'In most cases' is a default (R-EXC-1): an inspection manager or head of inspection with a reason.
        relationshipHolderLocation: {
          ruleId: 'R-REL-1',
          required: 'always',
          roles: ['inspector'],
          exceptionRoles: ['inspection-manager', 'head-of-inspection'],
          summary:
            'Each location (service) has a relationship holder: in most cases a local inspector, in some an inspection manager or head of inspection (with a reason).',
        },
        // Seed 004: 'a corporate relationship lead to all providers with more than one location'. Checked in
        // order, so Market Oversight (R-CORP-4) takes precedence over every count band. 'Normally' (R-EXC-1):
        // another inspecting role is accepted for R-CORP-1..3 with a reason; R-CORP-4 is not a default.
        corporateLead: [
          {
            ruleId: 'R-CORP-4',
            minLocations: 2,
            maxLocations: null,
            marketOversight: true,
            roles: ['corporate-relationship-manager'],
            exceptionRoles: [],
            summary:
              'A provider in the Market Oversight scheme has a corporate relationship manager of the Corporate Provider Team as its corporate lead.',
          },
          {
            ruleId: 'R-CORP-1',
            minLocations: 2,
            maxLocations: 3,
            marketOversight: null,
            roles: ['inspector'],
            exceptionRoles: ['inspection-manager', 'head-of-inspection'],
            summary: 'A provider with 2–3 locations normally has an inspector as its corporate lead.',
          },
          {
            ruleId: 'R-CORP-2',
            minLocations: 4,
            maxLocations: 19,
            marketOversight: null,
            roles: ['inspector', 'inspection-manager'],
            exceptionRoles: ['head-of-inspection'],
            summary:
              'A provider with 4–19 locations normally has an inspector or an inspection manager as its corporate lead.',
          },
          {
            ruleId: 'R-CORP-3',
            minLocations: 20,
            maxLocations: null,
            marketOversight: false,
            roles: ['inspection-manager', 'head-of-inspection'],
            exceptionRoles: ['inspector'],
            summary:
              'A provider with 20 or more locations, not in Market Oversight, normally has an inspection manager or a head of inspection as its corporate lead.',
          },
        ],
      },
    ],
  },
  {
    policyId: 'nhs-trusts-2020',
    title: 'How we manage our relationship with NHS trusts',
    source: '000_07b31d2aed40dafd.txt',
    effectiveFrom: '2020-10-21',
    sectors: ['nhs-trust'],
    otherRules: [
      ...TEMPLATE_AND_PROVIDER_RULES,
      ...MEETING_RECORD_RULES,
      {
        ruleId: 'R-TPL-2',
        summary:
          'The template is shared with the provider before the meeting; the provider can comment on it or add to it until the meeting starts.',
      },
      {
        ruleId: 'R-PRV-4',
        summary: 'Feedback or concerns about the regulator get a response as quickly as the holder can.',
      },
      {
        ruleId: 'R-CAD-10',
        summary:
          "As part of a relationship management meeting the regulator may ask to meet staff or patient groups, for a broader view of the trust's culture and quality.",
      },
      {
        ruleId: 'R-CAD-11',
        summary: 'The relationship holder may stay in contact more regularly, for example by teleconference.',
      },
      {
        ruleId: 'R-CAD-12',
        summary:
          'Contact with the trust is aligned with national bodies such as NHS Improvement to reduce duplication.',
      },
    ],
    provisions: [
      {
        sectors: ['nhs-trust'],
        relationshipHolderProvider: NHS_TRUST_HOLDER,
        providerMeetings: [
          {
            // Seed 000: 'Face-to-face relationship management meetings will usually happen at least every three months'
            // with 'senior and/or executive members of the trust's management team'. 'Usually': a default (R-EXC-1).
            ruleId: 'R-CAD-1',
            subject: 'regular-meetings',
            type: 'relationship-management',
            level: 'provider',
            perYear: 4,
            cadence: 'at-least',
            leadRoles: [],
            regulatorAttendees: [],
            providerAttendees: ['executive-board-member'],
            modes: ['in-person'],
            onlyWhenSignificantRisk: false,
            summary:
              'Face-to-face relationship management meetings with the trust usually at least every three months, with its senior or executive members.',
          },
          {
            // Seed 000: 'Your relationship holder will normally attend two of the trust's board meetings in a year
            // (to be confirmed)'. They are the trust's meetings: the holder attends, so no provider attendee is added.
            // Seed 002 does not restate it, so it continues after 2023-11-01 (correction 2 of 2026-11-29).
            ruleId: 'R-CAD-2',
            subject: 'board-meetings',
            type: 'board-meeting',
            level: 'provider',
            perYear: 2,
            cadence: 'exactly',
            leadRoles: [],
            regulatorAttendees: [],
            providerAttendees: [],
            modes: ['in-person'],
            onlyWhenSignificantRisk: false,
            summary: "The relationship holder normally attends two of the trust's board meetings a year.",
          },
        ],
      },
    ],
  },
  {
    policyId: 'independent-healthcare-2022',
    title: 'How we manage our relationship with independent healthcare services',
    source: '001_c21ccccb12e008db.txt',
    effectiveFrom: '2022-05-12',
    // Independent mental health (national providers) reads this page as an assumed stand-in (DOMAIN.md, Assumptions).
    sectors: ['independent-healthcare', 'independent-mental-health'],
    otherRules: [
      ...TEMPLATE_AND_PROVIDER_RULES,
      ...MEETING_RECORD_RULES,
      {
        ruleId: 'R-REL-2',
        summary:
          'Continuity: the same relationship holder as far as possible, with the full history of who held which relationship when, and why.',
      },
      {
        ruleId: 'R-REL-3',
        summary:
          'A service that is part of a larger provider may have a different holder at location and provider level; what one knows is shared with the other.',
      },
      {
        ruleId: 'R-PRV-3',
        summary: 'Providers tell the holder of significant changes to their services and bring registration queries.',
      },
      {
        ruleId: 'R-PRV-5',
        summary:
          'When monitoring suggests a significant improvement or deterioration, the holder may ask the provider to explain, by a due date.',
      },
    ],
    provisions: [
      {
        sectors: ['independent-healthcare', 'independent-mental-health'],
        // Seed 001: 'We will allocate a relationship holder to every provider and location ... either be an
        // Inspector, Inspection Manager or Head of Hospital Inspection.'
        relationshipHolderProvider: {
          ruleId: 'R-REL-1',
          required: 'always',
          roles: INSPECTION_STAFF,
          exceptionRoles: [],
          summary:
            'Every independent healthcare provider has a relationship holder: an inspector, an inspection manager or a head of (hospital) inspection.',
        },
        relationshipHolderLocation: {
          ruleId: 'R-REL-1',
          required: 'always',
          roles: INSPECTION_STAFF,
          exceptionRoles: [],
          summary:
            'Every independent healthcare location has a relationship holder: an inspector, an inspection manager or a head of (hospital) inspection.',
        },
        providerMeetings: [annualRelationshipMeeting('provider')],
        locationMeetings: [annualRelationshipMeeting('location')],
      },
    ],
  },
  {
    policyId: 'national-partners-2022',
    title: 'How we work with national partners: NHS trusts',
    source: '003_7344a7d7bc69c11b.txt',
    effectiveFrom: '2022-05-12',
    sectors: ['nhs-trust'],
    otherRules: [
      {
        ruleId: 'R-PTN-1',
        summary:
          'National partners (NHS Improvement, the ombudsman, professional regulators, royal colleges) share information regularly and before an inspection.',
      },
      {
        ruleId: 'R-PTN-2',
        summary:
          "NHS Improvement provides information on a trust's financial and resource governance before a well-led inspection.",
      },
      {
        ruleId: 'R-CAD-12',
        summary: 'How the regulator and NHS Improvement engage with individual providers is co-ordinated.',
      },
    ],
    provisions: [],
  },
  {
    policyId: 'assessment-framework-2023',
    title: 'How we manage our relationship with services (the assessment framework)',
    source: '002_3ab11119ae8ad834.txt',
    // An assumption (DOMAIN.md): the seed carries no date. Deployments move it with policyCatalogue overrides.
    effectiveFrom: '2023-11-01',
    // Not national independent providers of mental health: 'We are not making any changes to our current
    // arrangements' for them (DOMAIN.md's table), so SECTOR_VERSIONS leaves them with seed 001 alone.
    sectors: [
      'nhs-trust',
      'community-interest-company',
      'independent-healthcare',
      'adult-social-care',
      'primary-medical-services',
    ],
    otherRules: [
      ...MEETING_RECORD_RULES,
      {
        ruleId: 'R-TEAM-4',
        summary:
          "The assessment team's regulatory co-ordinator is the main point of contact for general enquiries and keeps the record of risk and activities up to date.",
      },
      {
        ruleId: 'R-TEAM-3',
        summary: "The team's operations manager has oversight of risk in its area.",
      },
    ],
    // 'Where there has been engagement at a corporate or brand level this will continue': nothing below restates
    // the NHS trust's provider holder (R-REL-1), its board meetings (R-CAD-2) or adult social care's corporate
    // leads (R-CORP-1..4), so those stay with the earlier versions.
    provisions: [
      {
        sectors: ['nhs-trust'],
        providerMeetings: [
          QUARTERLY_ENGAGEMENT,
          {
            // Seed 002: 'CQC's Medicines team will also hold structured conversations with medicines optimisation
            // leaders each year.' No mode is named.
            ruleId: 'R-CAD-6',
            subject: 'medicines-conversation',
            type: 'medicines-conversation',
            level: 'provider',
            perYear: 1,
            cadence: 'at-least',
            leadRoles: ['medicines-team'],
            regulatorAttendees: [],
            providerAttendees: ['medicines-optimisation-lead'],
            modes: ['in-person', 'telephone', 'video'],
            onlyWhenSignificantRisk: false,
            summary:
              "The Medicines team holds a structured conversation with the trust's medicines optimisation leaders each year.",
          },
        ],
      },
      {
        sectors: ['community-interest-company'],
        providerMeetings: [QUARTERLY_ENGAGEMENT],
      },
      {
        sectors: ['independent-healthcare'],
        // The provider holder and annual provider meeting continue where there is a corporate level, that is
        // for providers with more than one location; a single-location provider follows R-REL-6 and R-CAD-7 alone.
        relationshipHolderProvider: {
          ruleId: 'R-REL-1',
          required: 'when-several-locations',
          roles: INSPECTION_STAFF,
          exceptionRoles: [],
          summary:
            'An independent healthcare provider with more than one location keeps its provider-level relationship holder (engagement at a corporate level continues).',
        },
        providerMeetings: [
          {
            ...annualRelationshipMeeting('provider'),
            minLocations: 2,
            summary:
              'A provider with more than one location keeps its provider-level relationship management meeting at least once a year (engagement at a corporate level continues).',
          },
        ],
        relationshipHolderLocation: {
          ruleId: 'R-REL-6',
          required: 'when-significant-risk',
          roles: INSPECTION_STAFF,
          exceptionRoles: [],
          summary:
            'Independent healthcare has no location-level relationship management, except at a location where there is a significant risk of poor care.',
        },
        locationMeetings: [
          {
            // Seed 002: 'We will not continue our relationship management approach at location level except where we
            // think there is significant risk of poor care.' Where it continues, it continues as it was (R-CAD-3):
            // the seed sets no other cadence.
            ruleId: 'R-CAD-7',
            subject: 'regular-meetings',
            type: 'relationship-management',
            level: 'location',
            perYear: 1,
            cadence: 'at-least',
            leadRoles: [],
            regulatorAttendees: [],
            providerAttendees: [],
            modes: ['in-person', 'telephone'],
            onlyWhenSignificantRisk: true,
            summary:
              'Location-level meetings only at a location where there is a significant risk of poor care, at least once a year.',
          },
        ],
      },
      {
        sectors: ['adult-social-care', 'primary-medical-services'],
        relationshipHolderLocation: {
          ruleId: 'R-REL-6',
          required: 'never',
          roles: [],
          exceptionRoles: [],
          summary:
            'No location-level relationship management: enquiries go to the assessment team through the regulatory co-ordinator.',
        },
      },
    ],
  },
]);

/**
 * Which versions govern each sector (DOMAIN.md): configuration, so a reading can change without code
 * (policyFromEnvironment reads POLICY_SECTOR_VERSIONS). Sectors no seed addresses govern nothing: no
 * relationship or meeting requirements; their enquiries go to the team's co-ordinator.
 */
export const SECTOR_VERSIONS: SectorVersions = deepFreeze({
  'nhs-trust': ['nhs-trusts-2020', 'national-partners-2022', 'assessment-framework-2023'],
  'community-interest-company': ['assessment-framework-2023'],
  'independent-healthcare': ['independent-healthcare-2022', 'assessment-framework-2023'],
  'independent-mental-health': ['independent-healthcare-2022'],
  'adult-social-care': ['adult-social-care', 'assessment-framework-2023'],
  'primary-medical-services': ['assessment-framework-2023'],
  'primary-dental-care': [],
  'independent-ambulance': [],
});

const POLICY_IDS = new Set<string>(POLICY_VERSIONS.map((version) => version.policyId));

/** True for a real calendar day written YYYY-MM-DD (2023-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The catalogue with effective-from dates moved where `overrides` says (the 2023 framework's date and 004's
 * are assumptions: DOMAIN.md), each version governing only the sectors `sectorVersions` gives it (its
 * provisions for other sectors are dropped). A malformed date or an unknown policy id throws, so a typo in
 * configuration fails at cold start instead of silently applying the wrong year's rules.
 */
export function policyCatalogue(
  overrides: Partial<Record<PolicyId, string>> = {},
  sectorVersions: SectorVersions = SECTOR_VERSIONS,
): readonly PolicyVersion[] {
  for (const [policyId, date] of Object.entries(overrides)) {
    if (!POLICY_IDS.has(policyId)) {
      throw new RangeError(`Cannot move the effective date of ${policyId}: there is no such policy version`);
    }
    if (date !== undefined && !isCalendarDate(date)) {
      throw new RangeError(`The effective date of ${policyId} must be a date written YYYY-MM-DD, not ${date}`);
    }
  }
  for (const [sector, policyIds] of Object.entries(sectorVersions)) {
    for (const policyId of policyIds) {
      if (!POLICY_IDS.has(policyId)) {
        throw new RangeError(`${sector} cannot be governed by ${policyId}: there is no such policy version`);
      }
    }
  }
  const governs = (policyId: PolicyId, sector: Sector): boolean => sectorVersions[sector]?.includes(policyId) ?? false;
  return deepFreeze(
    POLICY_VERSIONS.map((version) => {
      const moved = overrides[version.policyId];
      const sectors = SECTORS.filter((sector) => governs(version.policyId, sector));
      return {
        ...version,
        effectiveFrom: moved === undefined ? version.effectiveFrom : moved,
        sectors,
        provisions: version.provisions
          .map((provisions) => ({
            ...provisions,
            sectors: provisions.sectors.filter((sector) => governs(version.policyId, sector)),
          }))
          .filter((provisions) => provisions.sectors.length > 0),
      };
    }),
  );
}
