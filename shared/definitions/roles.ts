import { STAFF_ROLES, type StaffRole } from '../domain/vocabulary.ts';

/** Who may call which route: the role lists the routes share (shared/definitions/routes/*.ts). */
export const ANY_STAFF = STAFF_ROLES;
/** Staff who maintain the register of providers and locations. */
export const REGISTER_EDITORS: readonly StaffRole[] = [
  'admin',
  'regulatory-coordinator',
  'inspector',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'corporate-relationship-manager',
];
export const ADMIN: readonly StaffRole[] = ['admin'];
/** Staff who answer what providers send and ask them to explain (R-REL-4, R-REL-6, R-PRV-5): holders, co-ordinators, their managers. */
export const PROVIDER_CORRESPONDENTS: readonly StaffRole[] = [
  'admin',
  'regulatory-coordinator',
  'assessor',
  'inspector',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'senior-specialist',
  'corporate-relationship-manager',
];
/** Staff who decide who holds a relationship (R-REL, R-CORP). */
export const ALLOCATORS: readonly StaffRole[] = [
  'admin',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'deputy-director',
];

/** Staff who manage teams and who is in them (R-TEAM-1, R-TEAM-3, R-TEAM-5). */
export const TEAM_MANAGERS: readonly StaffRole[] = ['admin', 'operations-manager'];
