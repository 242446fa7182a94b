import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoEngagementStore } from '../../shared/adapters/dynamodb/engagement-store.ts';
import { DynamoInspectionStore } from '../../shared/adapters/dynamodb/inspection-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { ok } from '../../shared/adapters/http/responses.ts';
import { staffDirectoryFor } from '../../shared/adapters/identity/staff-directory.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { RELATIONSHIPS_ROUTE as ROUTE } from '../../shared/definitions/routes/relationships.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { describePolicies } from '../../shared/domain/policy/engine.ts';
import { currentPolicyId } from '../../shared/domain/policy/types.ts';
import { allocateCorporateLead, allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { findStaff } from '../../shared/use-cases/read-register.ts';
import {
  providerEngagementPlan,
  providerRelationships,
  staffDashboard,
} from '../../shared/use-cases/read-relationships.ts';
import { recordDeparture } from '../../shared/use-cases/record-departure.ts';
import { providerRiskProfile } from '../../shared/use-cases/risk-profile.ts';
import { teamDashboard } from '../../shared/use-cases/team-dashboard.ts';

/** Relationship holders, corporate leads, engagement plans, the policy versions, and my dashboard. */
const config = readEnv([ENV.providersTable, ENV.auditTable, ENV.meetingsTable]);
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const deps = {
  register,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  policy: policyFromEnvironment(),
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE),
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  contact: new DynamoContactStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  inspections: new DynamoInspectionStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  // The dashboard's recent engagement beyond planned meetings (R-CAD-11).
  engagement: new DynamoEngagementStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
};
const policies = describePolicies(deps.policy);
const teamView = {
  ...deps,
  teams: new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  staffChanges: register,
};
const leavers = { ...deps, staffChanges: register, directory: staffDirectoryFor(process.env[ENV.staffUserPoolId]) };

export const handler = apiFunction([
  staffRoute(ROUTE.allocateRelationshipHolder, async ({ path, body, change }) => {
    const relationship = await allocateRelationshipHolder(deps, path.providerId, body, change);
    return ok(relationship, relationship.version);
  }),
  staffRoute(ROUTE.allocateCorporateLead, async ({ path, body, change }) => {
    const relationship = await allocateCorporateLead(deps, path.providerId, body, change);
    return ok(relationship, relationship.version);
  }),
  staffRoute(ROUTE.listProviderRelationships, async ({ path }) =>
    ok(await providerRelationships(deps, path.providerId)),
  ),
  staffRoute(ROUTE.getEngagementPlan, async ({ path, query, change }) =>
    ok(await providerEngagementPlan(deps, path.providerId, query.on, change.now)),
  ),
  staffRoute(ROUTE.listStaffRelationships, async ({ path, change }) => {
    await findStaff(register, path.staffId);
    return ok(await staffDashboard(deps, path.staffId, change.now));
  }),
  staffRoute(ROUTE.getMyDashboard, async ({ change }) => ok(await staffDashboard(deps, change.actor.id, change.now))),
  staffRoute(ROUTE.listPolicies, async () => ok({ items: policies })),
  staffRoute(ROUTE.getPolicy, async ({ path }) => {
    // An id of the old catalogue ('providers-general', still on relationships allocated under it) finds its version.
    const wanted = currentPolicyId(path.policyId);
    const policy = policies.find((candidate) => candidate.policyId === wanted);
    if (!policy) throw new NotFoundError(`No policy version ${path.policyId}`);
    return ok(policy);
  }),
  staffRoute(ROUTE.getTeamDashboard, async ({ path, change }) =>
    ok(await teamDashboard(teamView, path.teamId, change.now)),
  ),
  staffRoute(ROUTE.recordDeparture, async ({ path, body, change }) =>
    ok(await recordDeparture(leavers, path.staffId, body.leftOn, change)),
  ),
  staffRoute(ROUTE.getRiskProfile, async ({ path, change }) =>
    ok(await providerRiskProfile(deps, path.providerId, change.now)),
  ),
]);
