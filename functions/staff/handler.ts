import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { created, ok } from '../../shared/adapters/http/responses.ts';
import { staffDirectoryFor } from '../../shared/adapters/identity/staff-directory.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { STAFF_ROUTE as ROUTE } from '../../shared/definitions/routes/staff.ts';
import { assignProviderTeam, providerTeams } from '../../shared/use-cases/assign-provider-team.ts';
import { endAbsence, recordAbsence, syncStaffSignIn, updateStaff } from '../../shared/use-cases/change-staff.ts';
import { createTeam, findTeam, updateTeam } from '../../shared/use-cases/manage-team.ts';
import { findStaff } from '../../shared/use-cases/read-register.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';

/** Regulator staff, their roles, and the teams they work in (R-TEAM). */
const config = readEnv([ENV.providersTable, ENV.auditTable]);
const store = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const teams = new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const deps = {
  register: store,
  teams,
  staffChanges: store,
  directory: staffDirectoryFor(process.env[ENV.staffUserPoolId]),
};

export const handler = apiFunction([
  staffRoute(ROUTE.createStaff, async ({ body, change }) => {
    const staff = await registerStaff(store, body, change);
    return created(staff, staff.version);
  }),
  staffRoute(ROUTE.listStaff, async ({ query }) => ok(await store.listStaff(query))),
  staffRoute(ROUTE.getStaff, async ({ path }) => {
    const staff = await findStaff(store, path.staffId);
    return ok(staff, staff.version);
  }),
  staffRoute(ROUTE.createTeam, async ({ body, change }) => {
    const team = await createTeam(deps, body, change);
    return created(team, team.version);
  }),
  staffRoute(ROUTE.listTeams, async ({ query }) => ok(await teams.listTeams(query))),
  staffRoute(ROUTE.getTeam, async ({ path }) => {
    const team = await findTeam(teams, path.teamId);
    return ok(team, team.version);
  }),
  staffRoute(ROUTE.updateTeam, async ({ path, body, ifMatch, change }) => {
    const team = await updateTeam(deps, path.teamId, body, ifMatch, change);
    return ok(team, team.version);
  }),
  staffRoute(ROUTE.assignProviderTeam, async ({ path, body, change }) =>
    ok(await assignProviderTeam(deps, path.providerId, body, change)),
  ),
  staffRoute(ROUTE.updateStaff, async ({ path, body, ifMatch, change }) => {
    const staff = await updateStaff(deps, path.staffId, body, ifMatch, change);
    return ok(staff, staff.version);
  }),
  staffRoute(ROUTE.recordAbsence, async ({ path, body, change }) => {
    const staff = await recordAbsence(deps, path.staffId, body, change);
    return ok(staff, staff.version);
  }),
  staffRoute(ROUTE.endAbsence, async ({ path, change }) => {
    const staff = await endAbsence(deps, path.staffId, change);
    return ok(staff, staff.version);
  }),
  staffRoute(ROUTE.getProviderTeams, async ({ path }) => ok(await providerTeams(deps, path.providerId))),
  staffRoute(ROUTE.syncStaffSignIn, async ({ path }) => {
    const staff = await syncStaffSignIn(deps, path.staffId);
    return ok(staff, staff.version);
  }),
]);
