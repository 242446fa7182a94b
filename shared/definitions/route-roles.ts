import type { StaffRole } from '../domain/vocabulary.ts';
import { ADMIN, ALLOCATORS, ANY_STAFF, PROVIDER_CORRESPONDENTS, REGISTER_EDITORS, TEAM_MANAGERS } from './roles.ts';

/**
 * Who may call each API route, by operationId: the one place a route's roles are written. The route
 * modules (shared/definitions/routes/*.ts) take their `roles` from here, and so do the workspace's pages,
 * which check the roles of the API route each form or link stands for (`changeAs(request, ROUTE_ROLES.bookMeeting)`)
 * without importing the route modules:
 * those bring every route's schemas with them, about 50 KiB of each workspace function's bundle that a
 * cold start parsed for nothing (issue 17). test/unit/route-roles.test.ts holds the two in step.
 */
export const ROUTE_ROLES = {
  // shared/definitions/routes/contact.ts
  getContactPage: [],
  submitContactPage: [],
  getSubmission: ANY_STAFF,
  answerSubmission: PROVIDER_CORRESPONDENTS,
  closeSubmission: PROVIDER_CORRESPONDENTS,
  listProviderSubmissions: ANY_STAFF,
  createInformationRequest: PROVIDER_CORRESPONDENTS,
  listInformationRequests: ANY_STAFF,
  listAdminQueue: TEAM_MANAGERS,
  // shared/definitions/routes/imports.ts
  startImport: ADMIN,
  getImport: ADMIN,
  listImports: ADMIN,
  // shared/definitions/routes/jobs.ts
  startJobRun: ADMIN,
  listJobRuns: ['admin', 'operations-manager'],
  // shared/definitions/routes/meetings.ts
  listProviderMeetings: ANY_STAFF,
  getMeeting: ANY_STAFF,
  bookMeeting: ANY_STAFF,
  cancelMeeting: ANY_STAFF,
  recordMeetingOutcome: ANY_STAFF,
  getTemplate: ANY_STAFF,
  saveTemplate: ANY_STAFF,
  shareTemplate: ANY_STAFF,
  listComments: ANY_STAFF,
  updateMeetingAction: ANY_STAFF,
  createAdHocMeeting: PROVIDER_CORRESPONDENTS,
  logActivity: PROVIDER_CORRESPONDENTS,
  listActivities: ANY_STAFF,
  // shared/definitions/routes/providers.ts
  createProvider: REGISTER_EDITORS,
  listProviders: ANY_STAFF,
  getProvider: ANY_STAFF,
  updateProvider: REGISTER_EDITORS,
  createLocation: REGISTER_EDITORS,
  listLocations: ANY_STAFF,
  updateLocation: REGISTER_EDITORS,
  recordInformation: ANY_STAFF,
  listInformation: ANY_STAFF,
  listProviderAudit: ANY_STAFF,
  setProviderCadence: ALLOCATORS,
  recordInspection: PROVIDER_CORRESPONDENTS,
  listInspections: ANY_STAFF,
  searchLocations: ANY_STAFF,
  listMentalHealthProviders: ANY_STAFF,
  markMentalHealthProvider: REGISTER_EDITORS,
  unmarkMentalHealthProvider: REGISTER_EDITORS,
  // shared/definitions/routes/relationships.ts
  allocateRelationshipHolder: ALLOCATORS,
  allocateCorporateLead: ALLOCATORS,
  listProviderRelationships: ANY_STAFF,
  getEngagementPlan: ANY_STAFF,
  listStaffRelationships: ANY_STAFF,
  getMyDashboard: ANY_STAFF,
  listPolicies: ANY_STAFF,
  getPolicy: ANY_STAFF,
  recordDeparture: TEAM_MANAGERS,
  getTeamDashboard: ANY_STAFF,
  getRiskProfile: ANY_STAFF,
  // shared/definitions/routes/respond.ts
  getRespondPage: [],
  submitRespondPage: [],
  getStylesheet: [],
  // shared/definitions/routes/staff.ts
  createStaff: ADMIN,
  listStaff: ANY_STAFF,
  getStaff: ANY_STAFF,
  createTeam: TEAM_MANAGERS,
  listTeams: ANY_STAFF,
  getTeam: ANY_STAFF,
  updateTeam: TEAM_MANAGERS,
  assignProviderTeam: TEAM_MANAGERS,
  updateStaff: TEAM_MANAGERS,
  recordAbsence: TEAM_MANAGERS,
  endAbsence: TEAM_MANAGERS,
  getProviderTeams: ANY_STAFF,
  syncStaffSignIn: TEAM_MANAGERS,
  // shared/definitions/routes/system.ts
  getHealth: [],
  getOpenApi: [],
  getDocs: [],
  getDocsScript: [],
} as const satisfies Readonly<Record<string, readonly StaffRole[]>>;

export type RouteWithRoles = keyof typeof ROUTE_ROLES;
