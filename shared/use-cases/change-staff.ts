import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { ConflictError, SignInOutOfStep, StaleVersionError, ValidationError } from '../domain/errors.ts';
import { refuseLeaver } from '../domain/leaver.ts';
import { logger } from '../observability/logger.ts';
import { loggableError } from '../observability/redact.ts';
import type { Absence, Staff, UpdateStaffInput } from '../schemas/staff.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';
import { findStaff } from './read-register.ts';
import type { StaffDirectory } from './staff-directory.ts';
import type { StaffChangeStore } from './team-ports.ts';

/** People change role, move team, go on leave and leave (R-TEAM-5). */
export interface StaffChangeDeps {
  register: RegisterStore;
  staffChanges: StaffChangeStore;
  directory: StaffDirectory;
}

async function store(deps: StaffChangeDeps, previous: Staff, next: Staff, context: ChangeContext): Promise<Staff> {
  const { before, after } = changedFields(previous, next);
  await deps.staffChanges.replaceStaff(next, previous, [
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'staff',
      entityId: previous.staffId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      before,
      after,
    }),
  ]);
  return next;
}

/**
 * Change a member of staff's name, email address, roles or team.
 * Course: 1. read them; 412 if the caller read another version  2. store the change, its email claim,
 *         role memberships and audit entry in one transaction (400 for a team nobody created, 409 for an
 *         email taken)  3. bring the sign-in groups into step with the roles.
 */
export async function updateStaff(
  deps: StaffChangeDeps,
  staffId: string,
  change: UpdateStaffInput,
  expectedVersion: number,
  context: ChangeContext,
): Promise<Staff> {
  const previous = await findStaff(deps.register, staffId);
  if (previous.version !== expectedVersion) {
    throw new StaleVersionError('The member of staff has changed since you read them: read again and retry');
  }
  const next: Staff = {
    ...previous,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.email !== undefined ? { email: change.email.toLowerCase() } : {}),
    ...(change.roles !== undefined ? { roles: change.roles } : {}),
    ...(change.teamId !== undefined ? { teamId: change.teamId } : {}),
    ...nextVersion(previous, context.actor, context.now),
  };
  const stored = await store(deps, previous, next, context);
  const rolesChanged =
    next.roles.some((role) => !previous.roles.includes(role)) ||
    previous.roles.some((role) => !next.roles.includes(role));
  if (rolesChanged) await inStep(deps, stored);
  return stored;
}

/**
 * Step 3 of a change: the sign-in directory follows the stored record (R-TEAM-5). A full, idempotent sync
 * (not only this change's difference), so it also finishes any earlier sync that failed. When it fails the
 * record is already stored: a 503 saying so, and POST /staff/{staffId}/sign-in-groups repeats the sync.
 */
async function inStep(deps: Pick<StaffChangeDeps, 'directory'>, staff: Staff): Promise<void> {
  try {
    // As before teams: sign-in is disabled once a leaving day is recorded (nothing runs on the day itself in AWS).
    await deps.directory.syncSignIn(staff.staffId, staff.roles, staff.leftOn === null);
  } catch (error) {
    logger.warn('Sign-in directory out of step with a stored staff change', {
      staffId: staff.staffId,
      ...loggableError(error),
    });
    throw new SignInOutOfStep(
      `${staff.name}'s record is saved (version ${staff.version}), but their sign-in could not be brought into step just now. Nothing is lost: send POST /staff/${staff.staffId}/sign-in-groups to retry (safe to repeat)`,
    );
  }
}

/**
 * Bring someone's sign-in into step with their stored record (R-TEAM-5): the retry after a 503, or a check.
 * Course: 1. read them (404)  2. sync their groups with their roles and, for a leaver, disable sign-in: idempotent.
 */
export async function syncStaffSignIn(
  deps: Pick<StaffChangeDeps, 'register' | 'directory'>,
  staffId: string,
): Promise<Staff> {
  const staff = await findStaff(deps.register, staffId);
  await inStep(deps, staff);
  return staff;
}

/**
 * Record leave and who covers it (R-TEAM-5: the cover receives what the absent person would).
 * Course: 1. read both; the cover must be someone else who has not left by the first day  2. store with audit.
 */
export async function recordAbsence(
  deps: StaffChangeDeps,
  staffId: string,
  absence: Absence,
  context: ChangeContext,
): Promise<Staff> {
  if (absence.coverStaffId === staffId) {
    throw new ValidationError('Someone cannot cover their own absence', [
      { path: 'body.coverStaffId', message: 'must be someone else' },
    ]);
  }
  const [previous, cover] = await Promise.all([
    findStaff(deps.register, staffId),
    deps.register.getStaff(absence.coverStaffId),
  ]);
  if (!cover) {
    throw new ValidationError('No member of staff has this id', [
      { path: 'body.coverStaffId', message: 'no member of staff has this id' },
    ]);
  }
  refuseLeaver(
    cover,
    absence.from > londonDate(context.now) ? absence.from : londonDate(context.now),
    'body.coverStaffId',
  );
  return store(deps, previous, { ...previous, absence, ...nextVersion(previous, context.actor, context.now) }, context);
}

/** End a recorded absence (back early, or recorded in error). 409 when none is recorded. */
export async function endAbsence(deps: StaffChangeDeps, staffId: string, context: ChangeContext): Promise<Staff> {
  const previous = await findStaff(deps.register, staffId);
  if (!previous.absence) throw new ConflictError(`${previous.name} has no absence recorded`);
  return store(
    deps,
    previous,
    { ...previous, absence: null, ...nextVersion(previous, context.actor, context.now) },
    context,
  );
}

/** Record the day someone leaves; their sign-in is disabled (R-TEAM-5). 409 if already recorded. */
export async function recordLeaving(
  deps: StaffChangeDeps,
  staffId: string,
  leftOn: string,
  context: ChangeContext,
): Promise<Staff> {
  const previous = await findStaff(deps.register, staffId);
  if (previous.leftOn)
    throw new ConflictError(`${previous.name}'s leaving day is already recorded (${previous.leftOn})`);
  const stored = await store(
    deps,
    previous,
    { ...previous, leftOn, ...nextVersion(previous, context.actor, context.now) },
    context,
  );
  await inStep(deps, stored);
  return stored;
}
