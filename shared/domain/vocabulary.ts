/**
 * The regulator's vocabulary (../shared/DOMAIN.md, "Who is who").
 * Kept as const arrays so schemas, OpenAPI and Cognito groups all derive from one list.
 */
export const SECTORS = [
  'nhs-trust',
  'community-interest-company',
  'independent-healthcare',
  'independent-mental-health',
  'adult-social-care',
  'primary-medical-services',
  // Held on the register but addressed by no seed: no relationship or meeting requirements (DOMAIN.md).
  'primary-dental-care',
  'independent-ambulance',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Regulator staff roles; also the Cognito groups of the user pool. */
export const STAFF_ROLES = [
  'regulatory-coordinator',
  'assessor',
  'inspector',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'senior-specialist',
  'deputy-director',
  'medicines-team',
  'corporate-relationship-manager',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles a provider contact can hold (R-CAD-4, R-CAD-5, R-CAD-6 name the first three). */
export const CONTACT_ROLES = [
  'executive-board-member',
  'chief-executive',
  'medicines-optimisation-lead',
  'other',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
