import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, StaleVersionError } from '../../domain/errors.ts';
import type { Team, TeamAssignment, TeamHistoryEntry } from '../../schemas/team.ts';
import type { Page, PageRequest } from '../../use-cases/ports.ts';
import type { StoredTeamAssignments, TeamMove, TeamStore } from '../../use-cases/team-ports.ts';
import { commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import {
  byName,
  TEAMS_LIST,
  teamAssignmentKey,
  teamHistoryKey,
  teamKey,
  teamKindList,
  teamProvidersList,
} from './keys.ts';
import { queryAll, queryPage } from './paged-query.ts';

/** Teams and team assignments on the providers table (keys in keys.ts; access patterns in docs/access-patterns.md). */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'kind'];

function withoutKeys<T>(item: Record<string, unknown>): T {
  const entity = { ...item };
  for (const key of KEY_ATTRIBUTES) delete entity[key];
  return entity as T;
}

/** `kind` names the item's entity on this table, so the team's own kind is stored as `teamKind`. */
export const teamItem = ({ kind, ...team }: Team) => ({
  ...teamKey(team.teamId),
  kind: 'team',
  teamKind: kind,
  gsi1pk: TEAMS_LIST,
  gsi1sk: byName(team.name, team.teamId),
  gsi2pk: teamKindList(kind),
  gsi2sk: byName(team.name, team.teamId),
  ...team,
});

function teamOf(item: Record<string, unknown>): Team {
  const { teamKind, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return { ...rest, kind: teamKind } as Team;
}

export const teamAssignmentItem = (assignment: TeamAssignment) => ({
  ...teamAssignmentKey(assignment.providerId, assignment.scope, assignment.locationId),
  kind: 'team-assignment',
  gsi1pk: teamProvidersList(assignment.teamId),
  gsi1sk: `${byName(assignment.providerName, assignment.providerId)}#${assignment.locationId ?? ''}`,
  ...assignment,
});

const historyItem = (providerId: string, entry: TeamHistoryEntry) => ({
  ...teamHistoryKey(providerId, entry.scope, entry.locationId, entry.from, entry.teamId),
  kind: 'team-history',
  ...entry,
});

export class DynamoTeamStore implements TeamStore {
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail: entries are put there, never here. */
    private readonly auditTableName: string,
  ) {}

  async getTeam(teamId: string): Promise<Team | null> {
    const result = await documentClient.send(new GetCommand({ TableName: this.tableName, Key: teamKey(teamId) }));
    return result.Item ? teamOf(result.Item) : null;
  }

  listTeams(request: PageRequest & { kind?: string | undefined }): Promise<Page<Team>> {
    const byKind = request.kind !== undefined;
    return queryPage(
      this.tableName,
      {
        IndexName: byKind ? 'gsi2' : 'gsi1',
        KeyConditionExpression: byKind ? 'gsi2pk = :list' : 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': byKind ? teamKindList(String(request.kind)) : TEAMS_LIST },
      },
      request,
      teamOf,
    );
  }

  createTeam(team: Team, audit: AuditEntry[]): Promise<void> {
    return commitWithAudit(
      this.auditTableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: teamItem(team),
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () => new ConflictError('A team with this id already exists'),
          },
        },
      ],
      audit,
    );
  }

  replaceTeam(team: Team, expectedVersion: number, audit: AuditEntry[]): Promise<void> {
    return commitWithAudit(
      this.auditTableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: teamItem(team),
          condition: {
            expression: 'version = :expected',
            values: { ':expected': expectedVersion },
            onFailure: () => new StaleVersionError('The team has changed since you read it: read it again and retry'),
          },
        },
      ],
      audit,
    );
  }

  async providerTeams(providerId: string): Promise<StoredTeamAssignments> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `PROVIDER#${providerId}`, ':prefix': 'TEAM' },
    });
    const current = items.filter((item) => item.kind === 'team-assignment').map((i) => withoutKeys<TeamAssignment>(i));
    const history = items
      .filter((item) => item.kind === 'team-history')
      .map((i) => withoutKeys<TeamHistoryEntry>(i))
      .sort((a, b) => b.from.localeCompare(a.from));
    return { current, history };
  }

  moveProvider(move: TeamMove): Promise<void> {
    const { next, previous } = move;
    const conflict = () =>
      new ConflictError('The provider or its team changed at the same moment: read its teams again and retry');
    const operations: WriteOperation[] = [
      {
        kind: 'check',
        tableName: this.tableName,
        key: teamKey(next.teamId),
        condition: { expression: 'attribute_exists(pk)', onFailure: conflict },
      },
      {
        kind: 'put',
        tableName: this.tableName,
        item: teamAssignmentItem(next),
        condition: previous
          ? { expression: 'version = :seen', values: { ':seen': previous.version }, onFailure: conflict }
          : { expression: 'attribute_not_exists(pk)', onFailure: conflict },
      },
      { kind: 'put', tableName: this.tableName, item: historyItem(next.providerId, move.history) },
    ];
    if (previous) {
      operations.push({
        kind: 'update',
        tableName: this.tableName,
        key: teamHistoryKey(previous.providerId, previous.scope, previous.locationId, previous.since, previous.teamId),
        update: 'SET #to = :to, endReason = :why',
        names: { '#to': 'to' },
        values: { ':to': next.since, ':why': next.reason },
      });
    }
    return commitWithAudit(this.auditTableName, operations, move.audit);
  }

  async teamProviders(teamId: string): Promise<TeamAssignment[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :list',
      ExpressionAttributeValues: { ':list': teamProvidersList(teamId) },
    });
    return items.map((item) => withoutKeys<TeamAssignment>(item));
  }
}
