/**
 * Key layouts of the providers table (shared/definitions/tables.ts). One function per item kind,
 * so every reader and writer builds the same keys. Access patterns: docs/access-patterns.md.
 */
export const providerKey = (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'PROFILE' });
export const locationKey = (providerId: string, locationId: string) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `LOCATION#${locationId}`,
});
export const staffKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'PROFILE' });
export const staffEmailKey = (email: string) => ({ pk: `STAFF_EMAIL#${email.toLowerCase()}`, sk: 'UNIQUE' });

/** Audit entries live beside what they describe: a provider's, or a member of staff's. */
export const auditPartition = (scope: { providerId: string } | { staffId: string }): string =>
  'providerId' in scope ? `PROVIDER#${scope.providerId}` : `STAFF#${scope.staffId}`;
export const auditSortKey = (at: string, auditId: string) => `AUDIT#${at}#${auditId}`;

/** Sort keys for name-ordered lists (case-insensitive; the id breaks ties). */
export const byName = (name: string, id: string) => `${name.toLowerCase()}#${id}`;

export const PROVIDERS_LIST = 'PROVIDERS';
export const sectorList = (sector: string) => `SECTOR#${sector}`;
export const STAFF_LIST = 'STAFF';
export const roleList = (role: string) => `ROLE#${role}`;

/** Current relationships and their history share the provider's partition: one Query reads both (sk begins `REL`). */
type Scope = 'provider' | 'location' | 'corporate-lead';
const scopeKey = (scope: Scope, locationId: string | null) =>
  scope === 'location' ? `LOCATION#${locationId}` : scope === 'provider' ? 'PROVIDER' : 'CORPORATE';
export const relationshipKey = (providerId: string, scope: Scope, locationId: string | null) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `REL#${scopeKey(scope, locationId)}`,
});
export const relationshipHistoryKey = (
  providerId: string,
  scope: Scope,
  locationId: string | null,
  from: string,
  staffId: string,
) => ({ pk: `PROVIDER#${providerId}`, sk: `RELHIST#${scopeKey(scope, locationId)}#${from}#${staffId}` });
/** A member of staff's current relationships, on gsi2: one Query answers "what do I hold". */
export const holderList = (staffId: string) => `HOLDER#${staffId}`;

/** Teams (R-TEAM-1): a profile per team, on gsi1 by name and on gsi2 by kind. */
export const teamKey = (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'PROFILE' });
export const TEAMS_LIST = 'TEAMS';
export const teamKindList = (kind: string) => `TEAMKIND#${kind}`;
/**
 * Which team is responsible for a provider, or for a location that differs (R-TEAM-2): the current
 * assignment and its history share the provider's partition (sk begins `TEAM`), so one Query reads both.
 */
type TeamScope = 'provider' | 'location';
const teamScopeKey = (scope: TeamScope, locationId: string | null) =>
  scope === 'location' ? `LOCATION#${locationId}` : 'PROVIDER';
export const teamAssignmentKey = (providerId: string, scope: TeamScope, locationId: string | null) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `TEAM#${teamScopeKey(scope, locationId)}`,
});
export const teamHistoryKey = (
  providerId: string,
  scope: TeamScope,
  locationId: string | null,
  from: string,
  teamId: string,
) => ({ pk: `PROVIDER#${providerId}`, sk: `TEAMHIST#${teamScopeKey(scope, locationId)}#${from}#${teamId}` });
/** A team's providers (current assignments), on gsi1: one Query. */
export const teamProvidersList = (teamId: string) => `TEAM_PROVIDERS#${teamId}`;
/**
 * Who a member of staff covers (R-TEAM-5), on gsi3 of the absent person's profile item while an absence is
 * recorded, sorted by its last day: one Query finds the absences covered that have not ended.
 */
export const coveringList = (coverStaffId: string) => `COVERING#${coverStaffId}`;
/** A team's staff, on gsi2 of the staff profile item: one Query. */
export const teamStaffList = (teamId: string) => `TEAM_STAFF#${teamId}`;
/** Register search and the import (issue 16): docs/access-patterns.md, "Searching the register". */
export const providerRegistration = (registrationId: string) => `PROVIDER_REG#${registrationId}`;
export const locationRegistration = (registrationId: string) => `LOCATION_REG#${registrationId}`;
export const postcodeList = (outward: string) => `POSTCODE#${outward}`;
export const providerWordKey = (providerId: string, word: string) => ({
  pk: `PROVIDER#${providerId}`,
  sk: `WORD#${word}`,
});
