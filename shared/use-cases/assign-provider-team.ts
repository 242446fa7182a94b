import { describeActor } from '../domain/actor.ts';
import { auditEntry } from '../domain/bookkeeping.ts';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import type { AssignProviderTeamInput, ProviderTeams, TeamAssignment, TeamHistoryEntry } from '../schemas/team.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';
import { findProvider } from './read-register.ts';
import type { TeamStore } from './team-ports.ts';

/**
 * Make a team responsible for a provider, or for one of its locations where that differs (R-TEAM-2).
 * Course: 1. read the provider, the location named, the team and the current assignment
 *         2. close the current history entry and open a new one (R-REL-2's "who held what when", for teams)
 *         3. store assignment, history and audit entry in one transaction (409 on a race).
 */
export async function assignProviderTeam(
  deps: { teams: TeamStore; register: RegisterStore },
  providerId: string,
  input: AssignProviderTeamInput,
  context: ChangeContext,
): Promise<ProviderTeams> {
  const [provider, location, team, stored] = await Promise.all([
    findProvider(deps.register, providerId),
    input.locationId ? deps.register.getLocation(providerId, input.locationId) : Promise.resolve(null),
    deps.teams.getTeam(input.teamId),
    deps.teams.providerTeams(providerId),
  ]);
  if (input.locationId && !location) {
    throw new ValidationError('This provider has no location with this id', [
      { path: 'body.locationId', message: 'not a location of this provider' },
    ]);
  }
  if (!team) {
    throw new ValidationError('No team has this id', [{ path: 'body.teamId', message: 'no team has this id' }]);
  }
  const scope = input.locationId ? 'location' : 'provider';
  const locationId = input.locationId ?? null;
  const previous = stored.current.find((a) => a.scope === scope && a.locationId === locationId) ?? null;
  if (previous?.teamId === team.teamId) throw new ConflictError(`${team.name} is already responsible for this`);
  const since = context.now.toISOString();
  const next: TeamAssignment = {
    providerId,
    providerName: location ? `${provider.name}: ${location.name}` : provider.name,
    scope,
    locationId,
    teamId: team.teamId,
    teamName: team.name,
    since,
    reason: input.reason,
    version: (previous?.version ?? 0) + 1,
  };
  const history: TeamHistoryEntry = {
    scope,
    locationId,
    teamId: team.teamId,
    teamName: team.name,
    from: since,
    to: null,
    reason: input.reason,
    endReason: null,
    assignedBy: describeActor(context.actor),
  };
  await deps.teams.moveProvider({
    next,
    previous,
    history,
    audit: [
      auditEntry({
        auditId: context.newId(),
        providerId,
        entityType: 'team-assignment',
        entityId: locationId ?? providerId,
        action: previous ? 'updated' : 'created',
        actor: context.actor,
        now: context.now,
        before: previous ? { teamId: previous.teamId } : null,
        after: { teamId: next.teamId, reason: next.reason, locationId },
      }),
    ],
  });
  const closed = stored.history.map((entry) =>
    previous && entry.teamId === previous.teamId && entry.from === previous.since && entry.locationId === locationId
      ? { ...entry, to: since, endReason: input.reason }
      : entry,
  );
  return {
    current: [...stored.current.filter((a) => a !== previous), next],
    history: [history, ...closed],
  };
}

/** A provider's teams now and their history: one Query (+1 GetItem when it has none, to tell a 404). */
export async function providerTeams(
  deps: { teams: TeamStore; register: RegisterStore },
  providerId: string,
): Promise<ProviderTeams> {
  const stored = await deps.teams.providerTeams(providerId);
  if (stored.current.length === 0 && stored.history.length === 0) await findProvider(deps.register, providerId);
  return stored;
}
