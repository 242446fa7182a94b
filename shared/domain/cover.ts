import { hasLeft } from './leaver.ts';

/** What the cover resolution needs of a member of staff: their id, their leaving day and any absence recorded. */
export interface CoverableStaff {
  staffId: string;
  leftOn: string | null;
  absence: { from: string; to: string; coverStaffId: string } | null;
}

/** Whether `staff` is away on `day` (YYYY-MM-DD, London): inside the recorded absence, both days included. */
export const isAbsentOn = (staff: CoverableStaff, day: string): boolean =>
  staff.absence !== null && staff.absence.from <= day && day <= staff.absence.to;

/**
 * Who acts for a member of staff on `day` (R-TEAM-5, R-REL-2): themselves, or while they are away the person
 * recorded as covering them. Cover is followed along a chain (the cover may be away too) until someone is
 * present; a chain that comes back on itself, reaches someone who has left, or names someone unknown stops at
 * the last person present in it, or at the original person when nobody in it is. Nothing is ever lost: the
 * answer is always somebody. Pure: the caller passes who the staff are and the day.
 */
export function actingFor(
  staffId: string,
  day: string,
  staffById: (id: string) => CoverableStaff | undefined,
): { staffId: string; coveringFor: string | null } {
  const seen = new Set<string>([staffId]);
  let current = staffById(staffId);
  while (current && isAbsentOn(current, day) && current.absence) {
    const next = staffById(current.absence.coverStaffId);
    if (!next || seen.has(next.staffId) || hasLeft(next, day)) break;
    seen.add(next.staffId);
    current = next;
    if (!isAbsentOn(current, day)) return { staffId: current.staffId, coveringFor: staffId };
  }
  return { staffId, coveringFor: null };
}
