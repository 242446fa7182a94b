import type { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../domain/vocabulary.ts';
import { PageQuerySchema } from '../schemas/common.ts';
import { PolicyPathSchema } from '../schemas/policy.ts';
import {
  CreateLocationSchema,
  CreateProviderSchema,
  ListProvidersQuerySchema,
  LocationPageSchema,
  LocationPathSchema,
  LocationSchema,
  ProviderPageSchema,
  ProviderPathSchema,
  ProviderSchema,
  UpdateLocationSchema,
  UpdateProviderSchema,
} from '../schemas/provider.ts';
import {
  AllocateCorporateLeadSchema,
  AllocateHolderSchema,
  DashboardSchema,
  EngagementPlanQuerySchema,
  ProviderRelationshipsSchema,
  RelationshipSchema,
} from '../schemas/relationship.ts';
import {
  CreateStaffSchema,
  ListStaffQuerySchema,
  StaffPageSchema,
  StaffPathSchema,
  StaffSchema,
} from '../schemas/staff.ts';
import { AuditPageSchema, HealthSchema } from '../schemas/system.ts';
import type { FunctionId } from './functions.ts';

/**
 * The API's routes, declared once. infra/ makes one HTTP API route per entry (with the JWT
 * authorizer where auth is 'staff'); the local HTTP adapter matches requests against the same
 * list; the OpenAPI document is generated from it. Paths and verbs are fixed by ../shared/API.md.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  path: string;
  functionId: FunctionId;
  summary: string;
  /** 'staff': a bearer JWT checked by the authorizer; 'public': no token (health, docs, provider links). */
  auth: 'staff' | 'public';
  /** Staff roles allowed; checked by the function from the token's groups claim. */
  roles: readonly StaffRole[];
  request: { path?: z.ZodType; query?: z.ZodType; body?: z.ZodType; ifMatch?: boolean };
  responses: Readonly<Record<number, { description: string; schema?: z.ZodType; etag?: boolean }>>;
  /** Error statuses this route can answer with, beyond 400/401/403/500 that all staff routes share. */
  errors: readonly number[];
}

const ANY_STAFF = STAFF_ROLES;
/** Staff who maintain the register of providers and locations. */
const REGISTER_EDITORS: readonly StaffRole[] = [
  'admin',
  'regulatory-coordinator',
  'inspector',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'corporate-relationship-manager',
];
const ADMIN: readonly StaffRole[] = ['admin'];
/** Staff who decide who holds a relationship (R-REL, R-CORP). */
const ALLOCATORS: readonly StaffRole[] = [
  'admin',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'deputy-director',
];

export const ROUTE = {
  getHealth: {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    functionId: 'system',
    summary: 'Liveness and the state of each dependency',
    auth: 'public',
    roles: [],
    request: {},
    responses: {
      200: { description: 'Every dependency answered', schema: HealthSchema },
      503: { description: 'At least one dependency did not answer', schema: HealthSchema },
    },
    errors: [],
  },
  getOpenApi: {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    functionId: 'system',
    summary: 'This API, machine-readable (OpenAPI 3.1)',
    auth: 'public',
    roles: [],
    request: {},
    responses: { 200: { description: 'The OpenAPI document' } },
    errors: [],
  },
  createStaff: {
    operationId: 'createStaff',
    method: 'POST',
    path: '/staff',
    functionId: 'staff',
    summary: 'Add a member of regulator staff with their roles',
    auth: 'staff',
    roles: ADMIN,
    request: { body: CreateStaffSchema },
    responses: { 201: { description: 'Created', schema: StaffSchema, etag: true } },
    errors: [409, 413, 415],
  },
  listStaff: {
    operationId: 'listStaff',
    method: 'GET',
    path: '/staff',
    functionId: 'staff',
    summary: 'List staff, optionally those holding one role',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { query: ListStaffQuerySchema },
    responses: { 200: { description: 'A page of staff', schema: StaffPageSchema } },
    errors: [],
  },
  getStaff: {
    operationId: 'getStaff',
    method: 'GET',
    path: '/staff/{staffId}',
    functionId: 'staff',
    summary: 'One member of staff',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: StaffPathSchema },
    responses: { 200: { description: 'The member of staff', schema: StaffSchema, etag: true } },
    errors: [404],
  },
  createProvider: {
    operationId: 'createProvider',
    method: 'POST',
    path: '/providers',
    functionId: 'providers',
    summary: 'Register a provider (sector, Market Oversight, contacts)',
    auth: 'staff',
    roles: REGISTER_EDITORS,
    request: { body: CreateProviderSchema },
    responses: { 201: { description: 'Created', schema: ProviderSchema, etag: true } },
    errors: [413, 415],
  },
  listProviders: {
    operationId: 'listProviders',
    method: 'GET',
    path: '/providers',
    functionId: 'providers',
    summary: 'List providers by name, optionally of one sector',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { query: ListProvidersQuerySchema },
    responses: { 200: { description: 'A page of providers', schema: ProviderPageSchema } },
    errors: [],
  },
  getProvider: {
    operationId: 'getProvider',
    method: 'GET',
    path: '/providers/{providerId}',
    functionId: 'providers',
    summary: 'One provider',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: ProviderPathSchema },
    responses: { 200: { description: 'The provider', schema: ProviderSchema, etag: true } },
    errors: [404],
  },
  updateProvider: {
    operationId: 'updateProvider',
    method: 'PATCH',
    path: '/providers/{providerId}',
    functionId: 'providers',
    summary: 'Change a provider; send If-Match with the ETag you read',
    auth: 'staff',
    roles: REGISTER_EDITORS,
    request: { path: ProviderPathSchema, body: UpdateProviderSchema, ifMatch: true },
    responses: { 200: { description: 'The provider as changed', schema: ProviderSchema, etag: true } },
    errors: [404, 412, 413, 415, 428],
  },
  createLocation: {
    operationId: 'createLocation',
    method: 'POST',
    path: '/providers/{providerId}/locations',
    functionId: 'providers',
    summary: 'Add a location (service) to a provider',
    auth: 'staff',
    roles: REGISTER_EDITORS,
    request: { path: ProviderPathSchema, body: CreateLocationSchema },
    responses: { 201: { description: 'Created', schema: LocationSchema, etag: true } },
    errors: [404, 413, 415],
  },
  listLocations: {
    operationId: 'listLocations',
    method: 'GET',
    path: '/providers/{providerId}/locations',
    functionId: 'providers',
    summary: "A provider's locations",
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: ProviderPathSchema, query: PageQuerySchema },
    responses: { 200: { description: 'A page of locations', schema: LocationPageSchema } },
    errors: [404],
  },
  updateLocation: {
    operationId: 'updateLocation',
    method: 'PATCH',
    path: '/providers/{providerId}/locations/{locationId}',
    functionId: 'providers',
    summary: 'Change a location (name, address, significant risk of poor care); send If-Match',
    auth: 'staff',
    roles: REGISTER_EDITORS,
    request: { path: LocationPathSchema, body: UpdateLocationSchema, ifMatch: true },
    responses: { 200: { description: 'The location as changed', schema: LocationSchema, etag: true } },
    errors: [404, 412, 413, 415, 428],
  },
  allocateRelationshipHolder: {
    operationId: 'allocateRelationshipHolder',
    method: 'PUT',
    path: '/providers/{providerId}/relationship-holder',
    functionId: 'relationships',
    summary: 'Allocate the relationship holder of the provider, or of one location (locationId); R-REL-1, R-REL-6',
    auth: 'staff',
    roles: ALLOCATORS,
    request: { path: ProviderPathSchema, body: AllocateHolderSchema },
    responses: { 200: { description: 'The relationship as now held', schema: RelationshipSchema } },
    errors: [404, 409, 413, 415, 422],
  },
  allocateCorporateLead: {
    operationId: 'allocateCorporateLead',
    method: 'PUT',
    path: '/providers/{providerId}/corporate-lead',
    functionId: 'relationships',
    summary: 'Allocate the corporate relationship lead of a multi-location provider; R-CORP-1..4',
    auth: 'staff',
    roles: ALLOCATORS,
    request: { path: ProviderPathSchema, body: AllocateCorporateLeadSchema },
    responses: { 200: { description: 'The corporate lead as now held', schema: RelationshipSchema } },
    errors: [404, 409, 413, 415, 422],
  },
  listProviderRelationships: {
    operationId: 'listProviderRelationships',
    method: 'GET',
    path: '/providers/{providerId}/relationships',
    functionId: 'relationships',
    summary: 'Current holders and corporate lead, and the full history of who held what when (R-REL-2)',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: ProviderPathSchema },
    responses: { 200: { description: 'Current and past relationships', schema: ProviderRelationshipsSchema } },
    errors: [404],
  },
  getEngagementPlan: {
    operationId: 'getEngagementPlan',
    method: 'GET',
    path: '/providers/{providerId}/engagement-plan',
    functionId: 'relationships',
    summary: 'What the policy in force on a day (default today) requires of this provider, and what is missing',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: ProviderPathSchema, query: EngagementPlanQuerySchema },
    responses: { 200: { description: 'The engagement plan, naming the policy version applied to each topic' } },
    errors: [404],
  },
  listStaffRelationships: {
    operationId: 'listStaffRelationships',
    method: 'GET',
    path: '/staff/{staffId}/relationships',
    functionId: 'relationships',
    summary: 'The relationships a member of staff holds now',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: StaffPathSchema },
    responses: { 200: { description: 'Relationships held', schema: DashboardSchema } },
    errors: [404],
  },
  getMyDashboard: {
    operationId: 'getMyDashboard',
    method: 'GET',
    path: '/me/dashboard',
    functionId: 'relationships',
    summary: 'My relationships and the corporate leads of mine flagged for review',
    auth: 'staff',
    roles: ANY_STAFF,
    request: {},
    responses: { 200: { description: 'The dashboard', schema: DashboardSchema } },
    errors: [],
  },
  listPolicies: {
    operationId: 'listPolicies',
    method: 'GET',
    path: '/policies',
    functionId: 'relationships',
    summary: 'Policy versions, their effective-from dates and their rules',
    auth: 'staff',
    roles: ANY_STAFF,
    request: {},
    responses: { 200: { description: 'Every policy version' } },
    errors: [],
  },
  getPolicy: {
    operationId: 'getPolicy',
    method: 'GET',
    path: '/policies/{policyId}',
    functionId: 'relationships',
    summary: 'One policy version and its rules',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: PolicyPathSchema },
    responses: { 200: { description: 'The policy version' } },
    errors: [404],
  },
  listProviderAudit: {
    operationId: 'listProviderAudit',
    method: 'GET',
    path: '/providers/{providerId}/audit',
    functionId: 'providers',
    summary: 'Who changed what about this provider, and when (newest first)',
    auth: 'staff',
    roles: ANY_STAFF,
    request: { path: ProviderPathSchema, query: PageQuerySchema },
    responses: { 200: { description: 'A page of audit entries', schema: AuditPageSchema } },
    errors: [404],
  },
} as const satisfies Record<string, RouteDefinition>;

export const ROUTES: readonly RouteDefinition[] = Object.values(ROUTE);

/** The route key API Gateway puts in each event, e.g. "GET /providers/{providerId}". */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export const routesOf = (functionId: FunctionId): RouteDefinition[] =>
  ROUTES.filter((route) => route.functionId === functionId);
