import { describe, expect, it } from 'vitest';
import { seedDemoData, seedDemoTeams } from '../../infra/local/demo-data.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';

/** The local stack's demo data has at least two assessment teams, each with staff and providers (issue 14). */
describe('demo teams', () => {
  it('seeds two assessment teams with an operations manager, staff and providers, and one location team', async () => {
    const table = process.env.PROVIDERS_TABLE ?? '';
    const audit = process.env.AUDIT_TABLE ?? '';
    const register = new DynamoRegisterStore(table, audit);
    const teams = new DynamoTeamStore(table, audit);
    const deps = {
      register,
      relationships: new DynamoRelationshipStore(table, audit),
      policy: policyCatalogue(),
      teams,
    };
    const seeded = await seedDemoData(deps);

    const seededTeams = await seedDemoTeams({ ...deps, staffChanges: register }, seeded);

    const assessment = seededTeams.filter((team) => team.kind === 'assessment');
    expect(assessment).toHaveLength(2);
    for (const team of assessment) {
      const [staff, providers] = await Promise.all([register.teamStaff(team.teamId), teams.teamProviders(team.teamId)]);
      expect(team.operationsManagerId).not.toBeNull();
      expect(staff.map((member) => member.staffId)).toContain(team.operationsManagerId);
      expect(providers.length).toBeGreaterThanOrEqual(3);
    }
    const north = assessment[0];
    const locationTeams = north ? (await teams.teamProviders(north.teamId)).filter((a) => a.scope === 'location') : [];
    expect(locationTeams.map((a) => a.providerName)).toEqual(['Cedar Private Hospitals Ltd: Cedar Clinic Harrogate']);
  });
});
