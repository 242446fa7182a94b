import { changedFields, withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, firstVersion, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError, RuleViolation, StaleVersionError, ValidationError } from '../domain/errors.ts';
import { refuseLeaver } from '../domain/leaver.ts';
import type { StaffRole } from '../domain/vocabulary.ts';
import type { CreateTeamInput, Team, UpdateTeamInput } from '../schemas/team.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';
import type { TeamStore } from './team-ports.ts';

export interface TeamDeps {
  teams: TeamStore;
  register: RegisterStore;
}

export async function findTeam(teams: TeamStore, teamId: string): Promise<Team> {
  const team = await teams.getTeam(teamId);
  if (!team) throw new NotFoundError('No such team');
  return team;
}

/**
 * The named member of staff, who must hold `role` and not have left (R-TEAM-5):
 * the operations manager manages the team (R-TEAM-3); the deputy director is the one R-CAD-5 invites (R-TEAM-1).
 */
async function namedStaff(
  register: RegisterStore,
  staffId: string | null | undefined,
  role: StaffRole,
  field: string,
  today: string,
): Promise<{ id: string; name: string } | null> {
  if (staffId === null || staffId === undefined) return null;
  const staff = await register.getStaff(staffId);
  if (!staff) {
    throw new ValidationError('No member of staff has this id', [
      { path: `body.${field}`, message: 'no member of staff has this id' },
    ]);
  }
  if (!staff.roles.includes(role)) {
    throw new RuleViolation(
      'R-TEAM-1',
      `${staff.name} is not a ${role.replaceAll('-', ' ')}, so cannot be the team's ${role.replaceAll('-', ' ')}`,
      [{ path: `body.${field}`, message: `must hold the role ${role}` }],
    );
  }
  refuseLeaver(staff, today, `body.${field}`);
  return { id: staff.staffId, name: staff.name };
}

/**
 * Create a team (R-TEAM-1).
 * Course: 1. check the operations manager and deputy director named  2. store the team with an audit entry.
 */
export async function createTeam(deps: TeamDeps, input: CreateTeamInput, context: ChangeContext): Promise<Team> {
  const [manager, director] = await Promise.all([
    namedStaff(
      deps.register,
      input.operationsManagerId,
      'operations-manager',
      'operationsManagerId',
      londonDate(context.now),
    ),
    namedStaff(deps.register, input.deputyDirectorId, 'deputy-director', 'deputyDirectorId', londonDate(context.now)),
  ]);
  const team: Team = {
    teamId: context.newId(),
    name: input.name,
    kind: input.kind,
    operationsManagerId: manager?.id ?? null,
    operationsManagerName: manager?.name ?? null,
    deputyDirectorId: director?.id ?? null,
    deputyDirectorName: director?.name ?? null,
    area: input.area ?? null,
    ...firstVersion(context.actor, context.now),
  };
  await deps.teams.createTeam(team, [
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'team',
      entityId: team.teamId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: withoutBookkeeping(team),
    }),
  ]);
  return team;
}

/**
 * Change a team.
 * Course: 1. read it; 412 if the caller read another version  2. check whoever is newly named
 *         3. store it if still that version, with an audit entry of what changed.
 */
export async function updateTeam(
  deps: TeamDeps,
  teamId: string,
  change: UpdateTeamInput,
  expectedVersion: number,
  context: ChangeContext,
): Promise<Team> {
  const current = await findTeam(deps.teams, teamId);
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The team has changed since you read it: read it again and retry');
  }
  const [manager, director] = await Promise.all([
    change.operationsManagerId === undefined
      ? undefined
      : namedStaff(
          deps.register,
          change.operationsManagerId,
          'operations-manager',
          'operationsManagerId',
          londonDate(context.now),
        ),
    change.deputyDirectorId === undefined
      ? undefined
      : namedStaff(
          deps.register,
          change.deputyDirectorId,
          'deputy-director',
          'deputyDirectorId',
          londonDate(context.now),
        ),
  ]);
  const next: Team = {
    ...current,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.kind !== undefined ? { kind: change.kind } : {}),
    ...(change.area !== undefined ? { area: change.area } : {}),
    ...(manager !== undefined
      ? { operationsManagerId: manager?.id ?? null, operationsManagerName: manager?.name ?? null }
      : {}),
    ...(director !== undefined
      ? { deputyDirectorId: director?.id ?? null, deputyDirectorName: director?.name ?? null }
      : {}),
    ...nextVersion(current, context.actor, context.now),
  };
  const { before, after } = changedFields(current, next);
  await deps.teams.replaceTeam(next, expectedVersion, [
    auditEntry({
      auditId: context.newId(),
      providerId: null,
      entityType: 'team',
      entityId: teamId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      before,
      after,
    }),
  ]);
  return next;
}
