import type { WorkToReallocate } from '../schemas/departure.ts';
import type { Staff } from '../schemas/staff.ts';
import { recordLeaving, type StaffChangeDeps } from './change-staff.ts';
import type { ChangeContext, ContactStore, MeetingStore, RelationshipStore } from './ports.ts';
import { openMeetingsNow } from './work-held-now.ts';

export interface DepartureDeps extends StaffChangeDeps {
  relationships: RelationshipStore;
  meetings: MeetingStore;
  contact: ContactStore;
}

/**
 * What a member of staff holds or leads **now**, to be reallocated when they leave or taken on by their cover
 * (R-TEAM-5, R-REL-2): the relationships and corporate leads they hold, the open meetings of what they hold
 * whose holder now is them plus those they lead (shared/use-cases/work-held-now.ts), and the open submissions
 * routed to them. Queries: 3 + 2 × (providers held).
 */
export async function workOf(
  deps: Pick<DepartureDeps, 'relationships' | 'meetings' | 'contact'>,
  staffId: string,
): Promise<WorkToReallocate> {
  const [now, open] = await Promise.all([openMeetingsNow(deps, staffId), deps.contact.openFor(staffId)]);
  return {
    relationships: now.held.filter((relationship) => relationship.scope !== 'corporate-lead'),
    corporateLeads: now.held.filter((relationship) => relationship.scope === 'corporate-lead'),
    openMeetings: now.meetings,
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
