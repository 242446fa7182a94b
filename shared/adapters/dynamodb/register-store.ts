import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, NotFoundError, StaleVersionError } from '../../domain/errors.ts';
import type { Location, Provider } from '../../schemas/provider.ts';
import type { Staff } from '../../schemas/staff.ts';
import type { LeadAsRead, Page, PageRequest, RegisterStore } from '../../use-cases/ports.ts';
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
  ...staff,
});

/**
 * The corporate lead as the change read it (R-CORP): still absent, or still at the version read, or
 * the transaction fails (409) and the caller reads again; with a review flag to set, set it.
 */
function leadAsReadWrites(tableName: string, asRead: LeadAsRead | undefined, providerId: string): WriteOperation[] {
  if (!asRead) return [];
  const key = relationshipKey(providerId, 'corporate-lead', null);
  const concurrent = () =>
    new ConflictError('The corporate lead changed at the same moment: read the provider again and retry');
  if (!asRead.lead) {
    return [
      {
        kind: 'check',
        tableName,
        key,
        condition: { expression: 'attribute_not_exists(pk)', onFailure: concurrent },
      },
    ];
  }
  const sameLead = {
    expression: 'version = :leadVersion',
    values: { ':leadVersion': asRead.lead.version },
    onFailure: concurrent,
  };
  if (asRead.reviewNeeded === undefined) return [{ kind: 'check', tableName, key, condition: sameLead }];
  return [
    {
      kind: 'update',
      tableName,
      key,
      update: 'SET reviewNeeded = :review, version = version + :one',
      values: { ':review': asRead.reviewNeeded, ':one': 1, ':leadVersion': asRead.lead.version },
      condition: { expression: sameLead.expression, onFailure: concurrent },
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

export class DynamoRegisterStore implements RegisterStore {
  constructor(
    private readonly tableName: string,
    /** The append-only audit trail (shared/definitions/tables.ts): entries are put there, never here. */
    private readonly auditTableName: string,
  ) {}

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
      this.auditTableName,
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

  replaceProvider(provider: Provider, expectedVersion: number, audit: AuditEntry[], lead?: LeadAsRead): Promise<void> {
    return commitWithAudit(
      this.auditTableName,
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
        ...leadAsReadWrites(this.tableName, lead, provider.providerId),
      ],
      audit,
    );
  }

  addLocation(location: Location, audit: AuditEntry[], lead?: LeadAsRead): Promise<void> {
    return commitWithAudit(
      this.auditTableName,
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
        ...leadAsReadWrites(this.tableName, lead, location.providerId),
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
      this.auditTableName,
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

  /** Every location, read whole (no page tokens: callers that need them all never hand a token out). */
  async allLocations(providerId: string): Promise<Location[]> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': 'LOCATION#' },
    });
    return items.map((item) => withoutKeys<Location>(item));
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
    return result.Item ? withoutKeys<Staff>(result.Item) : null;
  }

  listStaff(request: PageRequest & { role?: string | undefined }): Promise<Page<Staff>> {
    if (request.role === undefined) {
      return this.query<Staff>(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :list',
          ExpressionAttributeValues: { ':list': STAFF_LIST },
        },
        request,
      );
    }
    return this.query<Staff>(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :list',
        ExpressionAttributeValues: { ':list': roleList(request.role) },
      },
      request,
    );
  }

  createStaff(staff: Staff, audit: AuditEntry[]): Promise<void> {
    const memberships = staffRoleItems(staff).map((item) => ({
      kind: 'put' as const,
      tableName: this.tableName,
      item,
    }));
    return commitWithAudit(
      this.auditTableName,
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
      ],
      audit,
    );
  }

  /** The provider's entries on the audit trail, newest first (entries keep their providers-table keys). */
  listProviderAudit(providerId: string, request: PageRequest): Promise<Page<AuditEntry>> {
    return queryPage(
      this.auditTableName,
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': 'AUDIT#' },
        ScanIndexForward: false,
      },
      request,
      (item) => withoutKeys<AuditEntry>(item),
    );
  }
}
