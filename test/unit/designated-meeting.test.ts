import { describe, expect, it } from 'vitest';
import { designatedSlots, slotsFor } from '../../shared/domain/meetings/planning.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { engagementPlan } from '../../shared/domain/policy/engine.ts';
import type { Sector } from '../../shared/domain/vocabulary.ts';
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
