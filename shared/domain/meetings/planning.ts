import type { JobName } from '../../definitions/schedules.ts';
import { dayOf as day, endOfMonth, partsOf } from '../calendar.ts';
import type { EngagementPlan, PlannedMeeting } from '../policy/engine.ts';

/**
 * Which meetings a planning run creates (R-REM-1, R-REM-2). Pure: the day it runs as is passed in.
 * - The quarterly run plans the calendar quarter containing its day: each meeting required at
 *   least four times a year gets perYear/4 slots, due by the quarter's last day (R-CAD-1, R-CAD-4).
 * - The annual run plans the business year (1 April to 31 March) containing its day: each
 *   meeting required fewer than four times a year gets perYear slots spread evenly, each due by
 *   the end of its share of the year (R-CAD-2, R-CAD-3, R-CAD-6, R-CAD-7).
 * Every slot has a key unique per provider, so a second run of the same period plans nothing twice.
 */
export type PlanningJob = Extract<JobName, 'quarterly-planning' | 'annual-planning'>;

export interface Period {
  id: string;
  startsOn: string;
  endsOn: string;
}

export interface MeetingSlot {
  slotKey: string;
  period: string;
  dueBy: string;
  requirement: PlannedMeeting;
  /** R-CAD-5: this slot is the year's meeting that must also include these people. */
  designated?: NonNullable<PlannedMeeting['ofWhich']>;
}

/** Year and month (1–12) of a YYYY-MM-DD day (shared/domain/calendar.ts: exact for every four-digit year). */
function parts(on: string): [number, number] {
  const [year, month] = partsOf(on);
  return [year, month];
}

/**
 * R-CAD-5 (product default, configurable): which quarter of the business year (1 = April to June) the
 * annual run designates as the deputy director + chief executive meeting. The third (October to December)
 * leaves a quarter to put it right: not held by 31 December, it is overdue, and the daily run escalates it
 * through the business year's last quarter like any overdue meeting (R-CAD-8).
 */
export const DEFAULT_DESIGNATED_QUARTER = 3;

const yearOf = (year: number) => String(year).padStart(4, '0');

export function quarterOf(on: string): Period {
  const [year, month] = parts(on);
  const quarter = Math.floor((month - 1) / 3) + 1;
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    id: `${yearOf(year)}-Q${quarter}`,
    startsOn: day(year, firstMonth, 1),
    endsOn: endOfMonth(year, firstMonth + 2),
  };
}

/** The regulator's business year, 1 April to 31 March, named by the year it starts in. */
export function businessYearOf(on: string): Period {
  const [year, month] = parts(on);
  const starts = month >= 4 ? year : year - 1;
  return {
    id: `${yearOf(starts)}-${yearOf(starts + 1).slice(2)}`,
    startsOn: day(starts, 4, 1),
    endsOn: day(starts + 1, 3, 31),
  };
}

export function periodFor(job: PlanningJob, on: string): Period {
  return job === 'quarterly-planning' ? quarterOf(on) : businessYearOf(on);
}

const plannedBy = (job: PlanningJob, meeting: PlannedMeeting) =>
  job === 'quarterly-planning' ? meeting.perYear >= 4 : meeting.perYear < 4;

export function slotsFor(plan: EngagementPlan, job: PlanningJob, on: string): MeetingSlot[] {
  const period = periodFor(job, on);
  const [startYear, startMonth] = parts(period.startsOn);
  return plan.meetings
    .filter((meeting) => meeting.perYear > 0 && plannedBy(job, meeting))
    .flatMap((meeting) => {
      const count = job === 'quarterly-planning' ? Math.max(1, Math.round(meeting.perYear / 4)) : meeting.perYear;
      const months = job === 'quarterly-planning' ? 3 : 12;
      return Array.from({ length: count }, (_, index) => ({
        slotKey: [period.id, meeting.type, meeting.level, meeting.locationId ?? '-', index + 1].join('#'),
        period: period.id,
        dueBy: endOfMonth(startYear, startMonth - 1 + Math.round(((index + 1) * months) / count)),
        requirement: meeting,
      }));
    });
}

/**
 * R-CAD-5, R-REM-2: the annual run designates, for each requirement "of which so many must also include …",
 * that many of the year's quarterly slots (from the configured quarter of the business year on). Each has
 * the very slot key the quarterly run gives the same quarter, so whichever run comes first plans it and the
 * other finds it there.
 */
export function designatedSlots(
  plan: EngagementPlan,
  job: PlanningJob,
  on: string,
  quarterOfYear: number = DEFAULT_DESIGNATED_QUARTER,
): MeetingSlot[] {
  if (job !== 'annual-planning') return [];
  const year = businessYearOf(on);
  const [startYear] = parts(year.startsOn);
  return plan.meetings.flatMap((meeting) => {
    const need = meeting.ofWhich;
    if (!need || meeting.perYear < 4) return [];
    return Array.from({ length: Math.min(need.count, 4) }, (_, index) => {
      const businessQuarter = ((Math.min(Math.max(quarterOfYear, 1), 4) - 1 + index) % 4) + 1;
      // Business quarters start in April, July, October and January (of the next calendar year).
      const month = 4 + (businessQuarter - 1) * 3;
      const calendar = quarterOf(month > 12 ? day(startYear + 1, month - 12, 1) : day(startYear, month, 1));
      return {
        slotKey: [calendar.id, meeting.type, meeting.level, meeting.locationId ?? '-', 1].join('#'),
        period: calendar.id,
        dueBy: calendar.endsOn,
        requirement: meeting,
        designated: need,
      };
    });
  });
}

/** R-CAD-7 (configurable): how many days after a location is flagged at significant risk its meeting falls due. */
export const DEFAULT_RISK_MEETING_WITHIN_DAYS = 90;

/**
 * R-CAD-7: the meetings a location has only because it is flagged at significant risk of poor care, from
 * the plans with and without the flag; planned at once, due `withinDays` after the day it was flagged.
 * Their slot key is the annual run's for that location and year, so the next annual run does not plan
 * them again (`attempt` > 1 gives a fresh key when an earlier one was cancelled).
 */
export function riskTriggeredSlots(
  atRisk: EngagementPlan,
  notAtRisk: EngagementPlan,
  locationId: string,
  on: string,
  withinDays: number = DEFAULT_RISK_MEETING_WITHIN_DAYS,
): MeetingSlot[] {
  const year = businessYearOf(on);
  const without = new Set(
    notAtRisk.meetings.filter((meeting) => meeting.locationId === locationId).map((meeting) => meeting.type),
  );
  const due = new Date(`${on}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + withinDays);
  return atRisk.meetings
    .filter((meeting) => meeting.locationId === locationId && !without.has(meeting.type))
    .map((meeting) => ({
      slotKey: [year.id, meeting.type, meeting.level, locationId, 1].join('#'),
      period: year.id,
      dueBy: due.toISOString().slice(0, 10),
      requirement: meeting,
    }));
}
