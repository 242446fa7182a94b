import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../domain/errors.ts';
import { nameWords, postcodeIn, wordLine, wordShard } from '../../domain/register/search-terms.ts';
import type { Location, Provider } from '../../schemas/provider.ts';
import type { Staff } from '../../schemas/staff.ts';
import type { LeadAsRead, Page, PageRequest, RegisterStore } from '../../use-cases/ports.ts';
import type { ImportedProviderWrite, RegisterImportStore, RegisterSearch } from '../../use-cases/register-ports.ts';
import type { StaffChangeStore } from '../../use-cases/team-ports.ts';
import { auditPut, commitWithAudit, MAX_TRANSACTION_ITEMS, type WriteOperation } from './accountable-write.ts';
import { documentClient } from './client.ts';
import {
  byName,
  coveringList,
  locationKey,
  locationRegistration,
  PROVIDERS_LIST,
  postcodeList,
  providerKey,
  providerRegistration,
  providerWordKey,
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
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'kind', 'expiresAt'];

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
  // Found by its CQC Provider ID (search, and the register import's look-up): one partition per id.
  ...(provider.registrationId ? { gsi3pk: providerRegistration(provider.registrationId), gsi3sk: 'PROVIDER' } : {}),
  ...provider,
});

/**
 * A location as stored: on gsi1 by postcode (outward code partition, inward code + id sort key)
 * and on gsi3 by its CQC Location ID (issue 16). Locations had no index entries before.
 */
export const locationItem = (location: Location) => {
  const postcode = postcodeIn(location.address);
  return {
    ...locationKey(location.providerId, location.locationId),
    kind: 'location',
    ...(postcode
      ? { gsi1pk: postcodeList(postcode.outward), gsi1sk: `${postcode.inward}#${location.locationId}` }
      : {}),
    ...(location.registrationId ? { gsi3pk: locationRegistration(location.registrationId), gsi3sk: 'LOCATION' } : {}),
    ...location,
  };
};

/**
 * One item per distinct word of a provider's name, on gsi3 under the word's first two letters
 * (never one constant key: STYLE.md "DynamoDB at the register's scale"). `words` lets a search
 * of several words filter on the others.
 */
export const providerWordItems = (provider: Pick<Provider, 'providerId' | 'name'>) => {
  const words = nameWords(provider.name);
  const line = wordLine(words);
  return words.map((word) => ({
    ...providerWordKey(provider.providerId, word),
    kind: 'provider-word',
    gsi3pk: wordShard(word),
    gsi3sk: `${word}#${provider.providerId}`,
    providerId: provider.providerId,
    words: line,
  }));
};

/**
 * The word items to write and delete when a name changes from `before` (null: new provider) to
 * `after`. A word kept whose word line changed is rewritten too, so multi-word search stays true.
 */
export function wordWrites(
  tableName: string,
  providerId: string,
  before: string[] | null,
  after: string,
): WriteOperation[] {
  const next = providerWordItems({ providerId, name: after });
  const nextWords = new Set(next.map((item) => item.sk));
  const previousLine = before ? wordLine(before) : null;
  const operations: WriteOperation[] = [];
  for (const word of before ?? []) {
    const key = providerWordKey(providerId, word);
    if (!nextWords.has(key.sk)) operations.push({ kind: 'delete', tableName, key });
  }
  for (const item of next) {
    const unchanged = previousLine === item.words && before?.includes(item.sk.slice('WORD#'.length));
    if (!unchanged) operations.push({ kind: 'put', tableName, item });
  }
  return operations;
}

export const staffItem = (staff: Staff) => ({
  ...staffKey(staff.staffId),
  kind: 'staff',
  gsi1pk: STAFF_LIST,
  gsi1sk: byName(staff.name, staff.staffId),
  // A team's staff on gsi2 (R-TEAM-1); staff in no team are on no team's list.
  ...(staff.teamId ? { gsi2pk: teamStaffList(staff.teamId), gsi2sk: byName(staff.name, staff.staffId) } : {}),
  // Whom the cover covers (R-TEAM-5): the cover's dashboard finds this absence with one Query.
  ...(staff.absence
    ? { gsi3pk: coveringList(staff.absence.coverStaffId), gsi3sk: `${staff.absence.to}#${staff.staffId}` }
    : {}),
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

/**
 * The register import's write of one provider or location: only over the version it read (another change
 * meanwhile is a StaleVersionError), or, for a new one, only if nothing was added there first.
 */
function importedPut(
  tableName: string,
  item: Record<string, unknown>,
  previous: { version: number } | null | undefined,
  refusal: { changed: string; added: string },
): WriteOperation {
  return {
    kind: 'put',
    tableName,
    item,
    condition: previous
      ? {
          expression: 'version = :expected',
          values: { ':expected': previous.version },
          onFailure: () => new StaleVersionError(refusal.changed),
        }
      : { expression: 'attribute_not_exists(pk)', onFailure: () => new ConflictError(refusal.added) },
  };
}

export class DynamoRegisterStore implements RegisterStore, RegisterSearch, RegisterImportStore, StaffChangeStore {
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
        ...wordWrites(this.tableName, provider.providerId, null, provider.name),
      ],
      audit,
    );
  }

  /** The words a provider is indexed under now (one Query of its partition's WORD# items, keys only). */
  async indexedWords(providerId: string): Promise<string[]> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': 'WORD#' },
      ProjectionExpression: 'sk',
    });
    return items.map((item) => String(item.sk).slice('WORD#'.length));
  }

  async replaceProvider(
    provider: Provider,
    expectedVersion: number,
    audit: AuditEntry[],
    lead?: LeadAsRead,
  ): Promise<void> {
    // The name's search words change with it, in the same transaction (issue 16).
    const words = await this.indexedWords(provider.providerId);
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
        ...wordWrites(this.tableName, provider.providerId, words, provider.name),
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
          item: locationItem(location),
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
          item: locationItem(location),
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
    return result.Item ? staffOf(result.Item) : null;
  }

  /**
   * The staff `coverStaffId` covers on `day` (R-TEAM-5): absences naming them that end on or after the day
   * (one Query of gsi3 `COVERING#<cover>`), of which those already begun, of people who have not left.
   */
  async coveredBy(coverStaffId: string, day: string): Promise<Staff[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :cover AND gsi3sk >= :day',
      ExpressionAttributeValues: { ':cover': coveringList(coverStaffId), ':day': day },
    });
    return items
      .map(staffOf)
      .filter(
        (staff) =>
          staff.absence?.coverStaffId === coverStaffId &&
          staff.absence.from <= day &&
          day <= staff.absence.to &&
          !(staff.leftOn && staff.leftOn <= day),
      );
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
      this.auditTableName,
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
        ...teamExists(this.tableName, staff.teamId),
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

  /** The provider's audit entries written at one instant (one import's clock), oldest first; every page. */
  async auditWrittenAt(providerId: string, at: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let nextToken: string | undefined;
    do {
      const page = await queryPage(
        this.auditTableName,
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': providerKey(providerId).pk, ':prefix': `AUDIT#${at}#` },
        },
        { limit: 100, nextToken },
        (item) => withoutKeys<AuditEntry>(item),
      );
      entries.push(...page.items);
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
    return entries;
  }

  /**
   * Name search (issue 16): one Query of the lead word's partition on gsi3, filtered on the other
   * words, then one BatchGet of the providers the page names. A provider with two words starting
   * with the lead (“care” and “carers” for “car”) is listed once per page.
   */
  async providersNamed(words: { lead: string; others: string[] }, request: PageRequest): Promise<Page<Provider>> {
    const others = Object.fromEntries(words.others.map((word, index) => [`:w${index}`, ` ${word}`]));
    const page = await queryPage<{ providerId: string }>(
      this.tableName,
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :shard AND begins_with(gsi3sk, :lead)',
        ...(words.others.length > 0
          ? {
              FilterExpression: Object.keys(others)
                .map((name) => `contains(#words, ${name})`)
                .join(' AND '),
            }
          : {}),
        ...(words.others.length > 0 ? { ExpressionAttributeNames: { '#words': 'words' } } : {}),
        ExpressionAttributeValues: { ':shard': wordShard(words.lead), ':lead': words.lead, ...others },
      },
      request,
      (item) => ({ providerId: String(item.providerId) }),
    );
    const ids = [...new Set(page.items.map((item) => item.providerId))];
    return { items: await this.providersById(ids), nextToken: page.nextToken };
  }

  /** Providers in the order of `ids` (one BatchGet per 100; unprocessed keys retried). */
  private async providersById(ids: string[]): Promise<Provider[]> {
    const found = new Map<string, Provider>();
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(start, start + 100).map((id) => providerKey(id));
      for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt += 1) {
        const result: BatchGetCommandOutput = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const provider = withoutKeys<Provider>(item);
          found.set(provider.providerId, provider);
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
        if (keys && keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return ids.flatMap((id) => {
      const provider = found.get(id);
      return provider ? [provider] : [];
    });
  }

  /** By CQC Provider ID: one Query of that id's own partition on gsi3. */
  providersRegistered(registrationId: string, request: PageRequest): Promise<Page<Provider>> {
    return this.query<Provider>(
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :id AND gsi3sk = :kind',
        ExpressionAttributeValues: { ':id': providerRegistration(registrationId), ':kind': 'PROVIDER' },
      },
      request,
    );
  }

  /** A location by its CQC Location ID (the register import's look-up): one Query on gsi3. */
  async locationsRegistered(registrationId: string): Promise<Location[]> {
    const items = await queryAll(this.tableName, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :id AND gsi3sk = :kind',
      ExpressionAttributeValues: { ':id': locationRegistration(registrationId), ':kind': 'LOCATION' },
    });
    return items.map((item) => withoutKeys<Location>(item));
  }

  /** By postcode: the outward code's partition on gsi1, narrowed to one inward code when given. */
  locationsAt(postcode: { outward: string; inward: string | null }, request: PageRequest): Promise<Page<Location>> {
    return this.query<Location>(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: postcode.inward
          ? 'gsi1pk = :outward AND begins_with(gsi1sk, :inward)'
          : 'gsi1pk = :outward',
        ExpressionAttributeValues: {
          ':outward': postcodeList(postcode.outward),
          ...(postcode.inward ? { ':inward': `${postcode.inward}#` } : {}),
        },
      },
      request,
    );
  }

  /**
   * Writes the search index attributes a provider's items lack (items stored before issue 16):
   * reads its partition's profile, locations and words, and writes only what differs, so a second
   * run writes nothing. Index attributes are not data: no version bump, no audit entry.
   * Returns the number of items written.
   */
  async reindexProvider(providerId: string): Promise<number> {
    const items = await queryAll(this.tableName, {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#kind IN (:provider, :location, :word)',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: {
        ':pk': providerKey(providerId).pk,
        ':provider': 'provider',
        ':location': 'location',
        ':word': 'provider-word',
      },
    });
    const profile = items.find((item) => item.kind === 'provider');
    if (!profile) return 0;
    const writes: WriteOperation[] = [];
    const setIndex = (stored: Record<string, unknown>, wanted: Record<string, unknown>) => {
      const names = ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'].filter(
        (name) => name in wanted && stored[name] !== wanted[name],
      );
      if (names.length === 0) return;
      writes.push({
        kind: 'update',
        tableName: this.tableName,
        key: { pk: String(stored.pk), sk: String(stored.sk) },
        update: `SET ${names.map((name) => `${name} = :${name}`).join(', ')}`,
        values: Object.fromEntries(names.map((name) => [`:${name}`, wanted[name]])),
      });
    };
    setIndex(profile, providerItem(withoutKeys<Provider>(profile)));
    for (const item of items.filter((candidate) => candidate.kind === 'location')) {
      setIndex(item, locationItem(withoutKeys<Location>(item)));
    }
    const words = items
      .filter((item) => item.kind === 'provider-word')
      .map((item) => String(item.sk).slice('WORD#'.length));
    writes.push(...wordWrites(this.tableName, providerId, words, String(profile.name)));
    for (const write of writes) {
      if (write.kind === 'update') {
        await documentClient.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: write.key,
            UpdateExpression: write.update,
            ExpressionAttributeValues: write.values,
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
      } else if (write.kind === 'put') {
        await documentClient.send(new PutCommand({ TableName: this.tableName, Item: write.item }));
      } else if (write.kind === 'delete') {
        await documentClient.send(new DeleteCommand({ TableName: this.tableName, Key: write.key }));
      }
    }
    return writes.length;
  }

  async applyImport(write: ImportedProviderWrite): Promise<void> {
    const table = this.tableName;
    const audited = (entry: AuditEntry): WriteOperation => auditPut(this.auditTableName, entry);
    const locationGroups: WriteOperation[][] = write.locations.map(({ next, previous, audit }) => [
      importedPut(table, locationItem(next), previous, {
        changed: 'A location changed during the import: import again',
        added: 'A location was added during the import: import again',
      }),
      audited(audit),
    ]);
    const providerGroup: WriteOperation[] = [];
    const provider = write.provider;
    if (provider) {
      const { next, previous, audit } = provider;
      providerGroup.push(
        importedPut(table, providerItem(next), previous, {
          changed: 'The provider changed during the import: import again',
          added: 'A provider with this id already exists',
        }),
        ...wordWrites(table, next.providerId, previous ? nameWords(previous.name) : null, next.name),
        audited(audit),
        ...leadAsReadWrites(table, write.leadReview, next.providerId),
      );
      if (!previous && next.registrationId) {
        // Two imports at once never both create a provider for one CQC id.
        providerGroup.push({
          kind: 'put',
          tableName: table,
          item: {
            pk: providerRegistration(next.registrationId),
            sk: 'CLAIM',
            kind: 'registration-claim',
            providerId: next.providerId,
          },
          condition: {
            expression: 'attribute_not_exists(pk)',
            onFailure: () =>
              new ConflictError('Another import registered this provider at the same moment: import again'),
          },
        });
      }
    }
    // A new provider goes first (a re-run after a crash finds it and adds the rest); a changed one
    // last, so its location count lands after the locations it counts.
    const groups =
      provider && !provider.previous ? [providerGroup, ...locationGroups] : [...locationGroups, providerGroup];
    let batch: WriteOperation[] = [];
    const flush = async () => {
      if (batch.length > 0) await commitWithAudit(this.auditTableName, batch, []);
      batch = [];
    };
    for (const group of groups) {
      if (group.length === 0) continue;
      if (batch.length + group.length > MAX_TRANSACTION_ITEMS) await flush();
      batch.push(...group);
    }
    await flush();
  }
}
