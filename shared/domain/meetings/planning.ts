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
}

/** Year and month (1–12) of a YYYY-MM-DD day (shared/domain/calendar.ts: exact for every four-digit year). */
function parts(on: string): [number, number] {
  const [year, month] = partsOf(on);
  return [year, month];
}

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
