import { describe, expect, it } from 'vitest';
import { designatedSlots, riskTriggeredSlots, slotsFor } from '../../shared/domain/meetings/planning.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { engagementPlan } from '../../shared/domain/policy/engine.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';
import { lastFourQuarters } from '../../shared/use-cases/risk-profile.ts';
import { aProvider, NOBODY } from './policy-builders.ts';

/** R-CAD-5, R-REM-2: the annual run designates the year's deputy director + chief executive meeting. */
const catalogue = policyCatalogue();
const planOf = (sector: Sector, on: string) => engagementPlan(catalogue, aProvider(sector), NOBODY, on);

describe('designating the deputy director + chief executive meeting (R-CAD-5)', () => {
  it.each<[Sector, number]>([
    ['nhs-trust', 1],
    ['community-interest-company', 1],
    ['independent-healthcare', 0],
    ['adult-social-care', 0],
    ['primary-dental-care', 0],
  ])('designates %s: %i meeting a year under the framework', (sector, count) => {
    expect(designatedSlots(planOf(sector, '2027-04-01'), 'annual-planning', '2027-04-01')).toHaveLength(count);
  });

  it('designates nothing before the framework, and nothing from the quarterly run', () => {
    expect(designatedSlots(planOf('nhs-trust', '2023-04-01'), 'annual-planning', '2023-04-01')).toEqual([]);
    expect(designatedSlots(planOf('nhs-trust', '2027-04-01'), 'quarterly-planning', '2027-04-01')).toEqual([]);
  });

  it.each<[number, string, string]>([
    [1, '2027-Q2', '2027-06-30'],
    [2, '2027-Q3', '2027-09-30'],
    [3, '2027-Q4', '2027-12-31'],
    [4, '2028-Q1', '2028-03-31'],
  ])('in business quarter %i of 2027-28 designates the %s slot, due %s', (quarter, period, dueBy) => {
    const [slot] = designatedSlots(planOf('nhs-trust', '2027-04-01'), 'annual-planning', '2027-04-01', quarter);

    expect(slot).toMatchObject({ period, dueBy, designated: { ruleId: 'R-CAD-5' } });
  });

  it('uses the very slot key the quarterly run gives that quarter, so the two runs never plan it twice', () => {
    const [designated] = designatedSlots(planOf('nhs-trust', '2027-04-01'), 'annual-planning', '2027-04-01');
    const quarterly = slotsFor(planOf('nhs-trust', '2027-10-01'), 'quarterly-planning', '2027-10-01');

    expect(quarterly.map((slot) => slot.slotKey)).toContain(designated?.slotKey);
  });

  it('by default designates October to December, so a year without it is overdue from 1 January: its last quarter', () => {
    const [slot] = designatedSlots(planOf('community-interest-company', '2028-02-10'), 'annual-planning', '2028-02-10');

    expect(slot).toMatchObject({ period: '2027-Q4', dueBy: '2027-12-31' });
    expect(slot?.designated).toEqual({
      count: 1,
      regulatorAttendees: ['deputy-director'],
      providerAttendees: ['chief-executive'],
      ruleId: 'R-CAD-5',
    });
  });
});

describe('meetings a significant-risk flag brings (R-CAD-7)', () => {
  const hospital = (atRisk: boolean) =>
    engagementPlan(
      catalogue,
      aProvider('independent-healthcare', 2, { atRisk: atRisk ? ['loc-1'] : [] }),
      NOBODY,
      '2027-05-10',
    );

  it('plans the flagged location’s meeting, due 90 days on by default, keyed as the annual run keys it', () => {
    const slots = riskTriggeredSlots(hospital(true), hospital(false), 'loc-1', '2027-05-10');

    expect(slots).toEqual([
      expect.objectContaining({
        slotKey: '2027-28#relationship-management#location#loc-1#1',
        period: '2027-28',
        dueBy: '2027-08-08',
      }),
    ]);
    expect(slots[0]?.requirement.ruleId).toBe('R-CAD-7');
  });

  it('takes the number of days from configuration', () => {
    const [slot] = riskTriggeredSlots(hospital(true), hospital(false), 'loc-1', '2027-12-20', 30);

    expect(slot?.dueBy).toBe('2028-01-19');
  });

  it.each<[Sector, string]>([
    ['nhs-trust', '2027-05-10'],
    ['adult-social-care', '2027-05-10'],
    ['independent-healthcare', '2023-05-10'],
  ])('brings nothing for %s on %s, where locations do not depend on risk', (sector, on) => {
    const plan = (atRisk: boolean) =>
      engagementPlan(catalogue, aProvider(sector, 2, { atRisk: atRisk ? ['loc-1'] : [] }), NOBODY, on);

    expect(riskTriggeredSlots(plan(true), plan(false), 'loc-1', on)).toEqual([]);
  });
});

describe('a provider’s own cadence (R-CAD-3: more often for larger organisations)', () => {
  const group = (cadence: number | null, on = '2027-05-10') =>
    engagementPlan(
      catalogue,
      {
        ...aProvider('independent-healthcare', 3),
        cadence: cadence === null ? null : { meetingsPerYear: cadence, reason: 'Twelve hospitals' },
      },
      NOBODY,
      on,
    );

  it.each<[number | null, number]>([
    [null, 1],
    [1, 1],
    [2, 2],
    [6, 6],
  ])('with cadence %s plans %i provider-level meetings a year', (cadence, perYear) => {
    const meeting = group(cadence).meetings.find((candidate) => candidate.level === 'provider');

    expect(meeting).toMatchObject({ ruleId: 'R-CAD-3', perYear });
  });

  it('spreads a cadence of 2 over the business year in the annual run, and moves 8 to the quarterly run', () => {
    expect(slotsFor(group(2), 'annual-planning', '2027-05-10').map((slot) => slot.dueBy)).toEqual([
      '2027-09-30',
      '2028-03-31',
    ]);
    expect(
      slotsFor(group(8), 'quarterly-planning', '2027-05-10').filter((slot) => slot.requirement.level === 'provider'),
    ).toHaveLength(2);
  });

  it('changes no other rule: an NHS trust’s meetings ignore it', () => {
    const trust = engagementPlan(
      catalogue,
      { ...aProvider('nhs-trust'), cadence: { meetingsPerYear: 12, reason: 'x' } },
      NOBODY,
      '2027-05-10',
    );

    expect(trust.meetings.map((meeting) => [meeting.ruleId, meeting.perYear])).toEqual([
      ['R-CAD-4', 4],
      ['R-CAD-6', 1],
      ['R-CAD-2', 2],
    ]);
  });
});

describe('the four quarters of a risk profile (R-CORP-5)', () => {
  it.each<[string, string[]]>([
    ['2026-11-29', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['2027-01-01', ['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']],
    ['2028-02-29', ['2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1']],
  ])('on %s are %j', (on, expected) => {
    expect(lastFourQuarters(on).map((quarter) => quarter.id)).toEqual(expected);
  });
});
