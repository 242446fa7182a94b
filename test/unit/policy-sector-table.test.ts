import { describe, expect, it } from 'vitest';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { type EngagementPlan, engagementPlan } from '../../shared/domain/policy/engine.ts';
import { SECTORS, type Sector } from '../../shared/domain/vocabulary.ts';
import { aProvider, NOBODY } from './policy-builders.ts';

/**
 * DOMAIN.md's "What is in force, sector by sector (rule-by-rule supersession)", written out again here as an
 * oracle independent of the catalogue, and walked over every sector × day × location count × Market
 * Oversight × significant risk (loc-1 flagged). Each requirement is "what rule-id version"; the plan must
 * list exactly these and nothing the seeds do not ask for.
 */
const catalogue = policyCatalogue();
const DAYS = ['2021-06-01', '2023-10-31', '2023-11-01', '2025-06-01'] as const;
const LOCATION_COUNTS = [1, 2, 4, 20] as const;
const FRAMEWORK_STARTS = '2023-11-01';

interface Situation {
  sector: Sector;
  on: string;
  locations: number;
  marketOversight: boolean;
  atRisk: boolean;
}

const locationIds = (count: number) => Array.from({ length: count }, (_, index) => `loc-${index + 1}`);

/** The table, read row by row. */
function expectedRequirements(s: Situation): string[] {
  const framework = s.on >= FRAMEWORK_STARTS;
  const out: string[] = [];
  const each = (what: (locationId: string) => string) => out.push(...locationIds(s.locations).map(what));
  const atRiskLocations = s.atRisk ? ['loc-1'] : [];
  switch (s.sector) {
    case 'nhs-trust':
      // From 2020-10-21: holder (R-REL-1), RM meetings (R-CAD-1), board meetings (R-CAD-2). From 002: R-CAD-4
      // (with R-CAD-5) replaces R-CAD-1, R-CAD-6 is added; the holder and board meetings continue.
      out.push('holder@provider R-REL-1 nhs-trusts-2020', 'meeting@provider R-CAD-2 nhs-trusts-2020');
      if (framework) {
        out.push('meeting@provider R-CAD-4 assessment-framework-2023');
        out.push('meeting@provider R-CAD-6 assessment-framework-2023');
      } else out.push('meeting@provider R-CAD-1 nhs-trusts-2020');
      break;
    case 'community-interest-company':
      // Before 002 nothing is enforced; from 002 quarterly engagement meetings at provider level.
      if (framework) out.push('meeting@provider R-CAD-4 assessment-framework-2023');
      break;
    case 'independent-healthcare':
      if (s.on < '2022-05-12') break;
      if (!framework) {
        out.push('holder@provider R-REL-1 independent-healthcare-2022');
        out.push('meeting@provider R-CAD-3 independent-healthcare-2022');
        each((id) => `holder@${id} R-REL-1 independent-healthcare-2022`);
        each((id) => `meeting@${id} R-CAD-3 independent-healthcare-2022`);
        break;
      }
      // From 002: corporate level continues above one location; locations only at significant risk.
      if (s.locations > 1) {
        out.push('holder@provider R-REL-1 assessment-framework-2023');
        out.push('meeting@provider R-CAD-3 assessment-framework-2023');
      }
      for (const id of atRiskLocations) {
        out.push(`holder@${id} R-REL-6 assessment-framework-2023`, `meeting@${id} R-CAD-7 assessment-framework-2023`);
      }
      break;
    case 'independent-mental-health':
      // Seed 001 as an assumed stand-in, unchanged by 002.
      if (s.on < '2022-05-12') break;
      out.push('holder@provider R-REL-1 independent-healthcare-2022');
      out.push('meeting@provider R-CAD-3 independent-healthcare-2022');
      each((id) => `holder@${id} R-REL-1 independent-healthcare-2022`);
      each((id) => `meeting@${id} R-CAD-3 independent-healthcare-2022`);
      break;
    case 'adult-social-care': {
      // Seed 004 from the start of the record: a holder for each service, no provider-level holder; a corporate
      // lead above one location (R-CORP-1..4). From 002 location holders end; corporate leads continue.
      if (!framework) each((id) => `holder@${id} R-REL-1 adult-social-care`);
      const band =
        s.locations < 2
          ? null
          : s.marketOversight
            ? 'R-CORP-4'
            : s.locations <= 3
              ? 'R-CORP-1'
              : s.locations <= 19
                ? 'R-CORP-2'
                : 'R-CORP-3';
      if (band) out.push(`corporate-lead ${band} adult-social-care`);
      break;
    }
    case 'primary-medical-services':
    case 'primary-dental-care':
    case 'independent-ambulance':
      // Nothing in the seeds (PMS: from 002, no location-level relationship management; the others: no seed).
      break;
  }
  return out.sort();
}

/** What the plan requires, in the same words. */
function planRequirements(plan: EngagementPlan): string[] {
  const { provider, locations, corporateLead } = plan.relationships;
  return [
    ...(provider.required ? [`holder@provider ${provider.ruleId} ${provider.policyId}`] : []),
    ...locations
      .filter((location) => location.required)
      .map((location) => `holder@${location.locationId} ${location.ruleId} ${location.policyId}`),
    ...(corporateLead.required ? [`corporate-lead ${corporateLead.band?.ruleId} ${corporateLead.policyId}`] : []),
    ...plan.meetings.map(
      (meeting) => `meeting@${meeting.locationId ?? 'provider'} ${meeting.ruleId} ${meeting.policyId}`,
    ),
  ].sort();
}

const situations: Situation[] = SECTORS.flatMap((sector) =>
  DAYS.flatMap((on) =>
    LOCATION_COUNTS.flatMap((locations) =>
      [false, true].flatMap((marketOversight) =>
        [false, true].map((atRisk) => ({ sector, on, locations, marketOversight, atRisk })),
      ),
    ),
  ),
);

describe("DOMAIN.md's sector-by-sector table, rule by rule (corrections 1 and 2 of 2026-11-29)", () => {
  it.each(situations)(
    '$sector on $on, $locations location(s), Market Oversight $marketOversight, loc-1 at risk $atRisk',
    (situation) => {
      const facts = aProvider(situation.sector, situation.locations, {
        marketOversight: situation.marketOversight,
        atRisk: situation.atRisk ? ['loc-1'] : [],
      });

      const plan = engagementPlan(catalogue, facts, NOBODY, situation.on);

      expect(planRequirements(plan)).toEqual(expectedRequirements(situation));
      // With nobody allocated, every required relationship is missing and nothing else is.
      expect(
        plan.missing.map((gap) => `${gap.kind}:${'locationId' in gap ? gap.locationId : 'provider'}`).sort(),
      ).toEqual(
        expectedRequirements(situation)
          .filter((line) => !line.startsWith('meeting@'))
          .map((line) =>
            line.startsWith('corporate-lead')
              ? 'corporate-lead:provider'
              : `relationship-holder:${line.slice('holder@'.length).split(' ')[0]}`,
          )
          .sort(),
      );
    },
  );

  it('walks all 512 situations', () => {
    expect(situations).toHaveLength(SECTORS.length * 4 * 4 * 2 * 2);
    expect(SECTORS).toContain('primary-dental-care');
    expect(SECTORS).toContain('independent-ambulance');
  });
});
