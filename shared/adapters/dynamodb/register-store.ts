import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../domain/errors.ts';
import type { Location, Provider } from '../../schemas/provider.ts';
import type { Staff } from '../../schemas/staff.ts';
import type { LeadReviewChange, Page, PageRequest, RegisterStore } from '../../use-cases/ports.ts';
import type { StaffChangeStore } from '../../use-cases/team-ports.ts';
import { commitWithAudit, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import {
  byName,
  locationKey,
  PROVIDERS_LIST,
  providerKey,
  relationshipKey,
  roleList,
  STAFF_LIST,
  sectorList,
  staffEmailKey,
  staffKey,
  teamKey,
  teamStaffList,
} from './keys.ts';
import { queryAll, queryPage } from './paged-query.ts';

/**
 * The register (providers, locations, staff, audit) on the providers table.
 * Item attributes are the entity's own fields plus keys; `kind` names the entity.
 */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'kind', 'expiresAt'];

function withoutKeys<T>(item: Record<string, unknown>): T {
  const entity = { ...item };
  for (const key of KEY_ATTRIBUTES) delete entity[key];
  return entity as T;
}

/** A provider as stored (keys and list entries included); the bench writes the same items. */
export const providerItem = (provider: Provider) => ({
  ...providerKey(provider.providerId),
  kind: 'provider',
  gsi1pk: PROVIDERS_LIST,
  gsi1sk: byName(provider.name, provider.providerId),
  gsi2pk: sectorList(provider.sector),
  gsi2sk: byName(provider.name, provider.providerId),
  ...provider,
});

export const staffItem = (staff: Staff) => ({
  ...staffKey(staff.staffId),
  kind: 'staff',
  gsi1pk: STAFF_LIST,
  gsi1sk: byName(staff.name, staff.staffId),
  // A team's staff on gsi2 (R-TEAM-1); staff in no team are on no team's list.
  ...(staff.teamId ? { gsi2pk: teamStaffList(staff.teamId), gsi2sk: byName(staff.name, staff.staffId) } : {}),
  ...staff,
});

/** Staff stored before teams (and before leaving or leave were recorded) read as in no team, present, not away. */
export const staffOf = (item: Record<string, unknown>): Staff => {
  const staff = withoutKeys<Staff>(item);
  return { ...staff, teamId: staff.teamId ?? null, leftOn: staff.leftOn ?? null, absence: staff.absence ?? null };
};

/** The team named must exist when the member of staff is stored. */
const teamExists = (tableName: string, teamId: string | null): WriteOperation[] =>
  teamId
    ? [
        {
          kind: 'check',
          tableName,
          key: teamKey(teamId),
          condition: {
            expression: 'attribute_exists(pk)',
            onFailure: () =>
              new ValidationError('No team has this id', [{ path: 'body.teamId', message: 'no team has this id' }]),
          },
        },
      ]
    : [];

/** The corporate lead's review flag, changed only if the lead is as it was read (else the caller retries). */
function leadReviewUpdate(tableName: string, change: LeadReviewChange | undefined): WriteOperation[] {
  if (!change) return [];
  return [
    {
      kind: 'update',
      tableName,
      key: relationshipKey(change.lead.providerId, 'corporate-lead', null),
      update: 'SET reviewNeeded = :review, version = version + :one',
      values: { ':review': change.reviewNeeded, ':one': 1, ':leadVersion': change.lead.version },
      condition: {
        expression: 'version = :leadVersion',
        onFailure: () =>
          new ConflictError('The corporate lead changed at the same moment: read the provider again and retry'),
      },
    },
  ];
}

/**
 * One membership item per role puts each member on the role's list (gsi2): one Query answers
 * "who holds this role", which allocation and routing ask often.
 */
export const staffRoleItems = (staff: Staff) =>
  staff.roles.map((role) => ({
    pk: `STAFF#${staff.staffId}`,
    sk: `ROLE#${role}`,
    kind: 'staff-role',
    gsi2pk: roleList(role),
    gsi2sk: byName(staff.name, staff.staffId),
    ...staff,
  }));

/** The claim that keeps an email address to one member of staff. */
export const staffEmailItem = (staff: Staff) => ({
  ...staffEmailKey(staff.email),
  kind: 'staff-email',
  staffId: staff.staffId,
});

export class DynamoRegisterStore implements RegisterStore, StaffChangeStore {
  constructor(private readonly tableName: string) {}

  private query<T>(input: Omit<QueryCommandInput, 'TableName'>, request: PageRequest): Promise<Page<T>> {
    return queryPage(this.tableName, input, request, (item) => withoutKeys<T>(item));
  }

  async getProvider(providerId: string): Promise<Provider | null> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: providerKey(providerId) }),
    );
    return result.Item ? withoutKeys<Provider>(result.Item) : null;
  }

  listProviders(request: PageRequest & { sector?: string | undefined }): Promise<Page<Provider>> {
    const bySector = request.sector !== undefined;
    return this.query<Provider>(
      {
        IndexName: bySector ? 'gsi2' : 'gsi1',
        KeyConditionExpression: bySector ? 'gsi2pk = :list' : 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': bySector ? sectorList(String(request.sector)) : PROVIDERS_LIST },
      },
      request,
    );
  }

  createProvider(provider: Provider, audit: AuditEntry[]): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: providerItem(provider),
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () => new ConflictError('A provider with this id already exists'),
          },
        },
      ],
      audit,
    );
  }

  replaceProvider(
    provider: Provider,
    expectedVersion: number,
    audit: AuditEntry[],
    leadReview?: LeadReviewChange,
  ): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: providerItem(provider),
          condition: {
            expression: 'version = :expected',
            values: { ':expected': expectedVersion },
            onFailure: () =>
              new StaleVersionError('The provider has changed since you read it: read it again and retry'),
          },
        },
        ...leadReviewUpdate(this.tableName, leadReview),
      ],
      audit,
    );
  }

  addLocation(location: Location, audit: AuditEntry[], leadReview?: LeadReviewChange): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: { ...locationKey(location.providerId, location.locationId), kind: 'location', ...location },
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () => new ConflictError('A location with this id already exists'),
          },
        },
        {
          kind: 'update',
          tableName: this.tableName,
          key: providerKey(location.providerId),
          update: 'ADD locationCount :one, version :one SET updatedAt = :at, updatedBy = :by',
          values: { ':one': 1, ':at': location.createdAt, ':by': location.createdBy },
          condition: {
            expression: 'attribute_exists(pk)',
            onFailure: () => new NotFoundError('No such provider'),
          },
        },
        ...leadReviewUpdate(this.tableName, leadReview),
      ],
      audit,
    );
  }

  async getLocation(providerId: string, locationId: string): Promise<Location | null> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: locationKey(providerId, locationId) }),
    );
    return result.Item ? withoutKeys<Location>(result.Item) : null;
  }

  replaceLocation(location: Location, expectedVersion: number, audit: AuditEntry[]): Promise<void> {
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: { ...locationKey(location.providerId, location.locationId), kind: 'location', ...location },
          condition: {
            expression: 'version = :expected',
            values: { ':expected': expectedVersion },
            onFailure: () =>
              new StaleVersionError('The location has changed since you read it: read it again and retry'),
          },
        },
      ],
      audit,
    );
  }

  async allLocations(providerId: string): Promise<Location[]> {
    const locations: Location[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.listLocations(providerId, { limit: 100, nextToken });
      locations.push(...page.items);
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
    return locations;
  }

  listLocations(providerId: string, request: PageRequest): Promise<Page<Location>> {
    return this.query<Location>(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': 'LOCATION#' },
      },
      request,
    );
  }

  async getStaff(staffId: string): Promise<Staff | null> {
    const result = await documentClient.send(new GetCommand({ TableName: this.tableName, Key: staffKey(staffId) }));
    return result.Item ? staffOf(result.Item) : null;
  }

  listStaff(request: PageRequest & { role?: string | undefined }): Promise<Page<Staff>> {
    if (request.role === undefined) {
      return queryPage(
        this.tableName,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :list',
          ExpressionAttributeValues: { ':list': STAFF_LIST },
        },
        request,
        staffOf,
      );
    }
    return queryPage(
      this.tableName,
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :list',
        ExpressionAttributeValues: { ':list': roleList(request.role) },
      },
      request,
      staffOf,
    );
  }

  /** A team's staff: one Query on gsi2 (all pages). */
  async teamStaff(teamId: string): Promise<Staff[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :list',
      ExpressionAttributeValues: { ':list': teamStaffList(teamId) },
    });
    return items.map(staffOf);
  }

  /**
   * Replaces a member of staff if still at `expectedVersion`, in one transaction with: the email claim moved
   * when the address changes, one membership per role (removed roles deleted), the team checked, the audit.
   */
  replaceStaff(staff: Staff, previous: Staff, audit: AuditEntry[]): Promise<void> {
    const emailMoves: WriteOperation[] =
      staff.email === previous.email
        ? []
        : [
            { kind: 'delete', tableName: this.tableName, key: staffEmailKey(previous.email) },
            {
              kind: 'put',
              tableName: this.tableName,
              item: staffEmailItem(staff),
              condition: {
                expression: 'attribute_not_exists(pk)',
                onFailure: () => new ConflictError('A member of staff with this email address is already registered'),
              },
            },
          ];
    const removedRoles = previous.roles.filter((role) => !staff.roles.includes(role));
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: staffItem(staff),
          condition: {
            expression: 'version = :expected',
            values: { ':expected': previous.version },
            onFailure: () =>
              new StaleVersionError('The member of staff has changed since you read them: read again and retry'),
          },
        },
        ...emailMoves,
        ...staffRoleItems(staff).map((item) => ({ kind: 'put' as const, tableName: this.tableName, item })),
        ...removedRoles.map((role) => ({
          kind: 'delete' as const,
          tableName: this.tableName,
          key: { pk: `STAFF#${staff.staffId}`, sk: `ROLE#${role}` },
        })),
        ...(staff.teamId !== previous.teamId ? teamExists(this.tableName, staff.teamId) : []),
      ],
      audit,
    );
  }

  createStaff(staff: Staff, audit: AuditEntry[]): Promise<void> {
    const memberships = staffRoleItems(staff).map((item) => ({
      kind: 'put' as const,
      tableName: this.tableName,
      item,
    }));
    return commitWithAudit(
      this.tableName,
      [
        {
          kind: 'put',
          tableName: this.tableName,
          item: staffEmailItem(staff),
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () => new ConflictError('A member of staff with this email address is already registered'),
          },
        },
        {
          kind: 'put',
          tableName: this.tableName,
          item: staffItem(staff),
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () => new ConflictError('A member of staff with this id already exists'),
          },
        },
        ...memberships,
        ...teamExists(this.tableName, staff.teamId),
      ],
      audit,
    );
  }

  listProviderAudit(providerId: string, request: PageRequest): Promise<Page<AuditEntry>> {
    return this.query<AuditEntry>(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': 'AUDIT#' },
        ScanIndexForward: false,
      },
      request,
    );
  }
}
