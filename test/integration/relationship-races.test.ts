import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { ConflictError } from '../../shared/domain/errors.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import { allocateRelationshipHolder, type RelationshipDeps } from '../../shared/use-cases/allocate-relationship.ts';
import type { Allocation } from '../../shared/use-cases/ports.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';

/**
 * Races that HTTP timing cannot produce on demand: two allocations that both read the provider
 * before either writes. The stores are the real ones on DynamoDB Local; only the moment each
 * write starts is held back, by a barrier that opens when both have read.
 */
const table = () => process.env.PROVIDERS_TABLE ?? '';
const context = () => ({ actor: { type: 'system' as const, id: 'race-test' }, now: new Date(), newId: ulid });

function barrierOf(parties: number) {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived === parties) open();
    await opened;
  };
}

function racingDeps(barrier: () => Promise<void>): RelationshipDeps {
  const relationships = new DynamoRelationshipStore(table(), process.env.AUDIT_TABLE ?? '');
  return {
    register: new DynamoRegisterStore(table(), process.env.AUDIT_TABLE ?? ''),
    policy: policyCatalogue(),
    relationships: {
      getRelationships: (providerId) => relationships.getRelationships(providerId),
      currentRelationships: (providerId) => relationships.currentRelationships(providerId),
      getCorporateLead: (providerId) => relationships.getCorporateLead(providerId),
      listHeldBy: (staffId) => relationships.listHeldBy(staffId),
      allocate: async (allocation: Allocation) => {
        await barrier();
        return relationships.allocate(allocation);
      },
    },
  };
}

describe('concurrent allocations to the same provider', () => {
  it('lets exactly one win; the other is refused with 409 and leaves no trace (R-REL-2)', async () => {
    const plain = racingDeps(async () => undefined);
    const provider = await registerProvider(plain.register, aProvider(), context());
    const [a, b] = await Promise.all([
      registerStaff(plain.register, aStaffMember({ roles: ['inspector'] }), context()),
      registerStaff(plain.register, aStaffMember({ roles: ['inspector'] }), context()),
    ]);
    const deps = racingDeps(barrierOf(2));

    const outcomes = await Promise.allSettled([
      allocateRelationshipHolder(deps, provider.providerId, { staffId: a.staffId, reason: 'A' }, context()),
      allocateRelationshipHolder(deps, provider.providerId, { staffId: b.staffId, reason: 'B' }, context()),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refusal?.status === 'rejected' && refusal.reason).toBeInstanceOf(ConflictError);
    const stored = await plain.relationships.getRelationships(provider.providerId);
    expect(stored.current).toHaveLength(1);
    expect(stored.history).toHaveLength(1);
    expect(stored.history[0]?.staffId).toBe(stored.current[0]?.staffId);
  });

  it('refuses an allocation checked against a location count that changed meanwhile (409)', async () => {
    const plain = racingDeps(async () => undefined);
    const provider = await registerProvider(plain.register, aProvider(), context());
    const inspector = await registerStaff(plain.register, aStaffMember({ roles: ['inspector'] }), context());
    let release: () => void = () => undefined;
    let reachedWrite: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = new Promise<void>((resolve) => {
      reachedWrite = resolve;
    });
    const deps = racingDeps(() => {
      reachedWrite();
      return held;
    });

    const allocation = allocateRelationshipHolder(
      deps,
      provider.providerId,
      { staffId: inspector.staffId, reason: 'Checked before the new location' },
      context(),
    );
    await writing;
    await addLocation(plain, provider.providerId, { name: 'Opened meanwhile', significantRisk: false }, context());
    release();

    await expect(allocation).rejects.toBeInstanceOf(ConflictError);
    expect((await plain.relationships.getRelationships(provider.providerId)).current).toEqual([]);
  });
});
