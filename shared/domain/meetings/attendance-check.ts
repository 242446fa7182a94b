import type { Meeting } from '../../schemas/meeting.ts';
import type { PlannedMeeting } from '../policy/engine.ts';
import { meetingTitleOf } from './meeting-title.ts';
import { businessYearOf } from './planning.ts';

/**
 * R-CAD-5 and rules like it: of a year's meetings of one type, so many must also include certain
 * people (one engagement meeting a year with the deputy director and the chief executive). A year
 * whose booked or held meetings do not yet meet it is flagged on the plan, with how many meetings
 * of the year are still open to put it right, so it shows before the year runs out. Pure.
 */
export interface AttendanceCheck {
  ruleId: string;
  type: string;
  year: string;
  required: number;
  met: number;
  /** Open meetings of this type in the year that could still be booked to meet it. */
  stillOpen: number;
  flagged: boolean;
  summary: string;
}

const meets = (meeting: Meeting, need: NonNullable<PlannedMeeting['ofWhich']>) => {
  // R-EXC-1: booked without them with an exception reason to this rule: it stands, and shows as an exception.
  if (meeting.exception?.ruleId === need.ruleId) return true;
  const regulator = new Set([...(meeting.lead?.roles ?? []), ...meeting.regulatorAttendees.flatMap((a) => a.roles)]);
  const provider = new Set(meeting.providerAttendees.flatMap((attendee) => attendee.roles));
  return (
    need.regulatorAttendees.every((role) => regulator.has(role)) &&
    need.providerAttendees.every((role) => provider.has(role))
  );
};

const roleWords = (role: string) => role.replace(/-/g, ' ');
const withArticle = (words: string) => `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
const counted = (count: number, one: string, many: string) =>
  `${count === 1 ? 'one' : count} ${count === 1 ? one : many}`;

/**
 * Read by staff on the engagement plan (issue 13 item 11: words, not slugs): "One engagement meeting in the
 * business year 2026 to 2027 with a deputy director and the provider's chief executive: none yet, 1 still to book".
 */
function attendanceSummary(
  type: string,
  need: NonNullable<PlannedMeeting['ofWhich']>,
  year: { startsOn: string; endsOn: string },
  met: number,
  stillOpen: number,
): string {
  const title = meetingTitleOf(type);
  const people = [
    ...need.regulatorAttendees.map((role) => withArticle(roleWords(role))),
    ...need.providerAttendees.map((role) => `the provider's ${roleWords(role)}`),
  ].join(' and ');
  const wanted = counted(need.count, title, `${title}s`);
  const years = `${year.startsOn.slice(0, 4)} to ${year.endsOn.slice(0, 4)}`;
  const sofar = met === 0 ? 'none yet' : `${met} so far`;
  return `${wanted.charAt(0).toUpperCase()}${wanted.slice(1)} in the business year ${years} with ${people}: ${sofar}, ${stillOpen} still to book`;
}

export function attendanceChecks(planned: readonly PlannedMeeting[], meetings: readonly Meeting[], on: string) {
  const year = businessYearOf(on);
  const checks: AttendanceCheck[] = [];
  for (const requirement of planned) {
    const need = requirement.ofWhich;
    if (!need) continue;
    const ofYear = meetings.filter(
      (meeting) => meeting.type === requirement.type && meeting.dueBy >= year.startsOn && meeting.dueBy <= year.endsOn,
    );
    const met = ofYear.filter((meeting) => meeting.status !== 'cancelled' && meets(meeting, need)).length;
    const stillOpen = ofYear.filter((meeting) => meeting.status === 'planned').length;
    checks.push({
      ruleId: need.ruleId,
      type: requirement.type,
      year: year.id,
      required: need.count,
      met,
      stillOpen,
      flagged: met < need.count,
      summary: attendanceSummary(requirement.type, need, year, met, stillOpen),
    });
  }
  return checks;
}
