import type { Relationship } from '../../schemas/relationship.ts';
import type { TeamAssignment } from '../../schemas/team.ts';
import type { ProviderResponsibility, Responsibility } from '../../use-cases/ports.ts';
import { providerKey } from './keys.ts';
import { queryAll } from './paged-query.ts';

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'kind'];
const entity = <T>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const key of KEYS) delete copy[key];
  return copy as T;
};

/**
 * Who is responsible for a provider now, in ONE Query of its partition (R-REL-2, R-TEAM-2): the current
 * relationships (sk `REL#…`) and team assignments (sk `TEAM#…`) lie in one sort-key range,
 * `REL#` … `TEAM#~`, with the relationship history (`RELHIST#`) and information requests (`REQUEST#`)
 * between them, which the filter drops (read, not returned). The daily run asks this once per provider
 * with an overdue meeting, instead of two Queries (docs/access-patterns.md).
 */
export class DynamoResponsibilityStore implements ProviderResponsibility {
  constructor(private readonly tableName: string) {}

  async responsibilityOf(providerId: string): Promise<Responsibility> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      FilterExpression: '#kind IN (:relationship, :team)',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: {
        ':pk': providerKey(providerId).pk,
        ':from': 'REL#',
        // '#' sorts before 'H', so TEAMHIST# (history) falls after the range.
        ':to': 'TEAM#~',
        ':relationship': 'relationship',
        ':team': 'team-assignment',
      },
    });
    return {
      relationships: items.filter((item) => item.kind === 'relationship').map((item) => entity<Relationship>(item)),
      teams: items.filter((item) => item.kind === 'team-assignment').map((item) => entity<TeamAssignment>(item)),
    };
  }
}
