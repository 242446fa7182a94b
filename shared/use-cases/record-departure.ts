import type { WorkToReallocate } from '../schemas/departure.ts';
import type { Staff } from '../schemas/staff.ts';
import { recordLeaving, type StaffChangeDeps } from './change-staff.ts';
import type { ChangeContext, ContactStore, MeetingStore, RelationshipStore } from './ports.ts';

export interface DepartureDeps extends StaffChangeDeps {
  relationships: RelationshipStore;
  meetings: MeetingStore;
  contact: ContactStore;
}

/** What a member of staff holds now, to be reallocated when they leave: one Query per collection. */
export async function workOf(
  deps: Pick<DepartureDeps, 'relationships' | 'meetings' | 'contact'>,
  staffId: string,
): Promise<WorkToReallocate> {
  const [held, openMeetings, open] = await Promise.all([
    deps.relationships.listHeldBy(staffId),
    deps.meetings.openMeetingsOf(staffId),
    deps.contact.openFor(staffId),
  ]);
  return {
    relationships: held.filter((relationship) => relationship.scope !== 'corporate-lead'),
    corporateLeads: held.filter((relationship) => relationship.scope === 'corporate-lead'),
    openMeetings,
    openSubmissions: open.submissions,
  };
}

/**
 * A member of staff leaves (R-TEAM-5).
 * Course: 1. record the leaving day (audited) and disable their sign-in  2. list every relationship,
 *         corporate lead, open meeting and open submission to reallocate. From that day the
 *         allocation routes refuse them (shared/domain/leaver.ts).
 */
export async function recordDeparture(
  deps: DepartureDeps,
  staffId: string,
  leftOn: string,
  context: ChangeContext,
): Promise<{ staff: Staff; toReallocate: WorkToReallocate }> {
  const staff = await recordLeaving(deps, staffId, leftOn, context);
  return { staff, toReallocate: await workOf(deps, staffId) };
}
