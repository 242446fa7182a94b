import { RuleViolation } from './errors.ts';

/** Whether someone has left on `today` (YYYY-MM-DD, London): from their leaving day on (R-TEAM-5). */
export const hasLeft = (staff: { leftOn: string | null }, today: string): boolean =>
  staff.leftOn !== null && staff.leftOn <= today;

/**
 * R-TEAM-5: nothing is allocated to a person who has left. `field` names the request field that named them.
 * Pure: the caller passes today's date.
 */
export function refuseLeaver(staff: { name: string; leftOn: string | null }, today: string, field: string): void {
  if (!hasLeft(staff, today)) return;
  throw new RuleViolation(
    'R-TEAM-5',
    `${staff.name} left on ${staff.leftOn}, so nothing can be allocated to them: choose someone still here`,
    [{ path: field, message: 'has left' }],
  );
}
