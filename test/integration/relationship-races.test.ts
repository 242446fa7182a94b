import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { ConflictError, RuleViolation } from '../../shared/domain/errors.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { corporateLeadBand } from '../../shared/domain/policy/engine.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import {
  allocateCorporateLead,
  allocateRelationshipHolder,
  type RelationshipDeps,
} from '../../shared/use-cases/allocate-relationship.ts';
import { changeProvider } from '../../shared/use-cases/change-provider.ts';
import type { Allocation, LeadAsRead } from '../../shared/use-cases/ports.ts';
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

/** The real register, each write that can move a provider's corporate band held at `barrier` first. */
class HeldRegister extends DynamoRegisterStore {
  constructor(private readonly barrier: () => Promise<void>) {
    super(table(), process.env.AUDIT_TABLE ?? '');
  }
  override async replaceProvider(provider: Provider, expected: number, audit: AuditEntry[], lead?: LeadAsRead) {
    await this.barrier();
    return super.replaceProvider(provider, expected, audit, lead);
  }
  override async addLocation(location: Location, audit: AuditEntry[], lead?: LeadAsRead) {
    await this.barrier();
    return super.addLocation(location, audit, lead);
  }
}

function racingDeps(barrier: () => Promise<void>): RelationshipDeps {
  const relationships = new DynamoRelationshipStore(table(), process.env.AUDIT_TABLE ?? '');
  return {
    register: new HeldRegister(barrier),
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

describe('the corporate band race (R-CORP, issue 12 item 14)', () => {
  const policy = policyCatalogue();

  /** The lead fits the provider's band as it is now, or is flagged for review towards that band. */
  async function leadFitsOrIsFlagged(deps: RelationshipDeps, providerId: string) {
    const [provider, lead] = await Promise.all([
      deps.register.getProvider(providerId),
      deps.relationships.getCorporateLead(providerId),
    ]);
    if (!provider || !lead) return { lead: lead?.ruleId ?? null, fits: true };
    const band = corporateLeadBand(policy, provider, londonDate(new Date())).value?.ruleId ?? null;
    return {
      lead: lead.ruleId,
      band,
      flaggedTowards: lead.reviewNeeded?.toRuleId,
      fits: lead.ruleId === band || (lead.reviewNeeded !== null && lead.reviewNeeded.toRuleId === band),
    };
  }

  it('never leaves a lead in the wrong band unflagged, over 50 rounds of allocation racing a 4th location or Market Oversight', async () => {
    const plain = racingDeps(async () => undefined);
    const inspector = await registerStaff(plain.register, aStaffMember({ roles: ['inspector'] }), context());
    const refusals: Record<string, number> = {};
    for (let round = 0; round < 50; round++) {
      const provider = await registerProvider(plain.register, aProvider({ sector: 'adult-social-care' }), context());
      for (const name of ['One', 'Two', 'Three']) {
        await addLocation(plain, provider.providerId, { name, significantRisk: false }, context());
      }
      const current = await plain.register.getProvider(provider.providerId);
      const deps = racingDeps(barrierOf(2));
      const byMarketOversight = round % 2 === 1;
      const bandChange = byMarketOversight
        ? () => changeProvider(deps, provider.providerId, current?.version ?? 0, { marketOversight: true }, context())
        : () => addLocation(deps, provider.providerId, { name: 'Fourth', significantRisk: false }, context());
      const allocation = () =>
        allocateCorporateLead(deps, provider.providerId, { staffId: inspector.staffId, reason: 'Race' }, context());

      const outcomes = await Promise.allSettled([allocation(), bandChange()]);

      // Both read before either wrote: exactly one commits, the other is told to read again (409).
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(refusal?.status === 'rejected' && refusal.reason).toBeInstanceOf(ConflictError);
      expect(await leadFitsOrIsFlagged(plain, provider.providerId)).toMatchObject({ fits: true });
      const loser = outcomes[0]?.status === 'rejected' ? 'allocation' : 'band change';
      refusals[loser] = (refusals[loser] ?? 0) + 1;

      // The loser, retried as its caller would, leaves it right too (an inspector cannot lead in Market Oversight: R-CORP-4).
      const retried = await Promise.allSettled([loser === 'allocation' ? allocation() : bandChange()]);
      if (retried[0]?.status === 'rejected') expect(retried[0].reason).toBeInstanceOf(RuleViolation);
      expect(await leadFitsOrIsFlagged(plain, provider.providerId)).toMatchObject({ fits: true });
    }
    expect(Object.values(refusals).reduce((sum, count) => sum + count, 0)).toBe(50);
  }, 120_000);
});
