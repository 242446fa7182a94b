import { describe, expect, it } from 'vitest';
import { businessYearOf, quarterOf, slotsFor } from '../../shared/domain/meetings/planning.ts';
import type { EngagementPlan, PlannedMeeting } from '../../shared/domain/policy/engine.ts';

const requirement = (perYear: number, type = `t${perYear}`): PlannedMeeting => ({
  type,
  level: 'provider',
  locationId: null,
  perYear,
  cadence: 'at-least',
  leadRoles: [],
  regulatorAttendees: [],
  providerAttendees: [],
  modes: ['in-person'],
  ofWhich: null,
  ruleId: `R-${type}`,
  policyId: null,
  summary: '',
});
const planWith = (...meetings: PlannedMeeting[]) => ({ meetings }) as unknown as EngagementPlan;

describe('planning periods', () => {
  it.each([
    ['2027-01-01', '2027-Q1', '2027-01-01', '2027-03-31'],
    ['2027-03-31', '2027-Q1', '2027-01-01', '2027-03-31'],
    ['2027-04-01', '2027-Q2', '2027-04-01', '2027-06-30'],
    ['2028-12-31', '2028-Q4', '2028-10-01', '2028-12-31'],
  ])('%s is in quarter %s (%s to %s)', (on, id, startsOn, endsOn) => {
    expect(quarterOf(on)).toEqual({ id, startsOn, endsOn });
  });

  it.each([
    ['2027-03-31', '2026-27'],
    ['2027-04-01', '2027-28'],
    ['2028-02-29', '2027-28'],
  ])('%s is in business year %s (1 April to 31 March)', (on, id) => {
    expect(businessYearOf(on).id).toBe(id);
  });
});

describe('which slots a run plans (R-REM-1, R-REM-2)', () => {
  it('plans quarterly meetings (4 a year) in the quarterly run only, due by the quarter end', () => {
    const plan = planWith(requirement(4), requirement(1));

    const quarterly = slotsFor(plan, 'quarterly-planning', '2027-04-01');
    const annual = slotsFor(plan, 'annual-planning', '2027-04-01');

    expect(quarterly.map((slot) => [slot.requirement.type, slot.dueBy])).toEqual([['t4', '2027-06-30']]);
    expect(annual.map((slot) => [slot.requirement.type, slot.dueBy])).toEqual([['t1', '2028-03-31']]);
  });

  it('spreads twice-yearly meetings (R-CAD-2) over the business year', () => {
    const slots = slotsFor(planWith(requirement(2)), 'annual-planning', '2027-06-15');

    expect(slots.map((slot) => slot.dueBy)).toEqual(['2027-09-30', '2028-03-31']);
  });

  it('gives each slot a key unique to its period, type, level, location and number', () => {
    const slots = slotsFor(planWith(requirement(2)), 'annual-planning', '2027-06-15');

    expect(slots.map((slot) => slot.slotKey)).toEqual(['2027-28#t2#provider#-#1', '2027-28#t2#provider#-#2']);
  });
});
