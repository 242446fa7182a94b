import { withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, firstVersion } from '../domain/bookkeeping.ts';
import type { CreateStaffInput, Staff } from '../schemas/staff.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Register a member of regulator staff with their roles.
 * Course: 1. build the record  2. store it, its email's uniqueness claim and one membership per
 *         role in one transaction (409 if the email address is taken; 400 if the team named does not
 *         exist), with an audit entry.
 */
export async function registerStaff(
  store: RegisterStore,
  input: CreateStaffInput,
  context: ChangeContext,
): Promise<Staff> {
  const staff: Staff = {
    staffId: context.newId(),
    name: input.name,
    email: input.email.toLowerCase(),
    roles: input.roles,
    team: input.team ?? null,
    teamId: input.teamId ?? null,
    leftOn: null,
    absence: null,
    ...firstVersion(context.actor, context.now),
  };
  await store.createStaff(staff, [
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'staff',
      entityId: staff.staffId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: withoutBookkeeping(staff),
    }),
  ]);
  return staff;
}
