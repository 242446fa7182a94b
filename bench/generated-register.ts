import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { locationKey } from '../shared/adapters/dynamodb/keys.ts';
import { providerItem, staffEmailItem, staffItem, staffRoleItems } from '../shared/adapters/dynamodb/register-store.ts';
import { relationshipHistoryItem, relationshipItem } from '../shared/adapters/dynamodb/relationship-store.ts';
import type { Sector, StaffRole } from '../shared/domain/vocabulary.ts';
import type { Contact, Location, Provider } from '../shared/schemas/provider.ts';
import type { Relationship, RelationshipHistoryEntry } from '../shared/schemas/relationship.ts';
import type { Staff } from '../shared/schemas/staff.ts';

/**
 * A generated register at the regulator's scale, written straight into the providers table with
 * BatchWriteItem with the stores' own item builders (register-store.ts, relationship-store.ts), so the
 * planning run reads it as it would read the real one. Deterministic apart from the ids: every
 * twentieth location (5 %) is at significant risk of poor care.
 */
export interface RegisterSize {
  nhsTrusts: number;
  communityInterestCompanies: number;
  independentHealthcare: number;
  locationsPerIndependentHealthcare: number;
  adultSocialCare: number;
  inspectors: number;
  operationsManagers: number;
}

export interface GeneratedRegister {
  providersBySector: Partial<Record<Sector, number>>;
  locations: number;
  significantRiskLocations: number;
  relationships: number;
  staff: number;
  items: number;
}

type Item = Record<string, unknown>;

const SEEDED_AT = '2027-01-04T09:00:00.000Z';
const SEEDED_BY = 'system:bench';
const bookkeeping = {
  version: 1,
  createdAt: SEEDED_AT,
  createdBy: SEEDED_BY,
  updatedAt: SEEDED_AT,
  updatedBy: SEEDED_BY,
};
const SIGNIFICANT_RISK_EVERY = 20;
/** Provider-level holders for every NHS trust, CIC and independent healthcare provider, and this share of ASC. */
const ASC_WITH_HOLDER_EVERY = 5;

const pad = (value: number) => String(value).padStart(5, '0');

const staffItems = (staff: Staff): Item[] => [staffEmailItem(staff), staffItem(staff), ...staffRoleItems(staff)];

function relationshipItems(relationship: Relationship, historyId: string): Item[] {
  const history: RelationshipHistoryEntry = {
    historyId,
    scope: relationship.scope,
    locationId: relationship.locationId,
    staffId: relationship.staffId,
    staffName: relationship.staffName,
    from: relationship.since,
    to: null,
    reason: relationship.reason,
    endReason: null,
    allocatedBy: SEEDED_BY,
  };
  return [relationshipItem(relationship), relationshipHistoryItem(relationship, history)];
}

/** The register's items, and what they add up to. */
export function generateRegister(size: RegisterSize): { items: Item[]; register: GeneratedRegister } {
  const newId = monotonicFactory();
  const items: Item[] = [];
  const register: GeneratedRegister = {
    providersBySector: {},
    locations: 0,
    significantRiskLocations: 0,
    relationships: 0,
    staff: 0,
    items: 0,
  };

  const member = (role: StaffRole, index: number): Staff => {
    const staffId = newId();
    return {
      staffId,
      name: `${role.replace(/-/g, ' ')} ${pad(index)}`,
      email: `${role}-${pad(index)}@regulator.example`,
      roles: [role],
      team: 'Bench',
      teamId: null,
      leftOn: null,
      absence: null,
      ...bookkeeping,
    };
  };
  const inspectors = Array.from({ length: size.inspectors }, (_, index) => member('inspector', index));
  const managers = Array.from({ length: size.operationsManagers }, (_, index) => member('operations-manager', index));
  for (const staff of [...inspectors, ...managers]) items.push(...staffItems(staff));
  register.staff = inspectors.length + managers.length;

  const hold = (provider: Provider, ordinal: number, locationId: string | null) => {
    const inspector = inspectors[ordinal % inspectors.length];
    if (!inspector) return;
    const relationship: Relationship = {
      providerId: provider.providerId,
      providerName: provider.name,
      scope: locationId ? 'location' : 'provider',
      locationId,
      staffId: inspector.staffId,
      staffName: inspector.name,
      since: SEEDED_AT,
      reason: 'Generated for the bench',
      ruleId: locationId ? 'R-REL-6' : 'R-REL-1',
      policyId: locationId ? 'assessment-framework-2023' : 'providers-general',
      reviewNeeded: null,
      version: 1,
    };
    items.push(...relationshipItems(relationship, newId()));
    register.relationships += 1;
  };

  const sectors: [Sector, number, string][] = [
    ['nhs-trust', size.nhsTrusts, 'NHS Foundation Trust'],
    ['community-interest-company', size.communityInterestCompanies, 'Community Interest Company'],
    ['independent-healthcare', size.independentHealthcare, 'Independent Hospitals Ltd'],
    ['adult-social-care', size.adultSocialCare, 'Care Homes Ltd'],
  ];
  let ordinal = 0;
  for (const [sector, count, suffix] of sectors) {
    register.providersBySector[sector] = count;
    const locationCount = sector === 'independent-healthcare' ? size.locationsPerIndependentHealthcare : 0;
    for (let index = 0; index < count; index += 1) {
      ordinal += 1;
      const contact: Contact = {
        contactId: newId(),
        name: `Chief Executive ${pad(index)}`,
        email: `ceo-${pad(ordinal)}@provider.example`,
        roles: sector === 'adult-social-care' ? ['other'] : ['chief-executive', 'executive-board-member'],
      };
      const provider: Provider = {
        providerId: newId(),
        name: `${sector} ${pad(index)} ${suffix}`,
        sector,
        marketOversight: false,
        registrationId: `RX${pad(ordinal)}`,
        contacts: [contact],
        locationCount,
        ...bookkeeping,
      };
      items.push(providerItem(provider));
      if (sector !== 'adult-social-care' || ordinal % ASC_WITH_HOLDER_EVERY === 0) hold(provider, ordinal, null);
      for (let site = 0; site < locationCount; site += 1) {
        register.locations += 1;
        const location: Location = {
          locationId: newId(),
          providerId: provider.providerId,
          name: `${provider.name}, site ${site + 1}`,
          registrationId: `LX${pad(register.locations)}`,
          address: `${site + 1} High Street, Townsville`,
          significantRisk: register.locations % SIGNIFICANT_RISK_EVERY === 0,
          ...bookkeeping,
        };
        items.push({ ...locationKey(provider.providerId, location.locationId), kind: 'location', ...location });
        if (location.significantRisk) {
          register.significantRiskLocations += 1;
          hold(provider, ordinal + site, location.locationId);
        }
      }
    }
  }
  register.items = items.length;
  return { items, register };
}

const BATCH = 25;

/** Writes the items 25 to a request, `inFlight` requests at a time, retrying what DynamoDB leaves unprocessed. */
export async function writeItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  inFlight = 8,
): Promise<void> {
  const batches: Item[][] = [];
  for (let start = 0; start < items.length; start += BATCH) batches.push(items.slice(start, start + BATCH));
  let nextBatch = 0;
  const worker = async () => {
    while (nextBatch < batches.length) {
      const batch = batches[nextBatch];
      nextBatch += 1;
      let requests = (batch ?? []).map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        if (attempt > 10) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed after 10 retries`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
