import { auditEntry } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { refuseLeaver } from '../domain/leaver.ts';
import {
  type AllocationCheck,
  checkCorporateLeadAllocation,
  checkHolderAllocation,
  type ProviderFacts,
} from '../domain/policy/engine.ts';
import type { PolicyVersion } from '../domain/policy/types.ts';
import { logger } from '../observability/logger.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type {
  AllocateCorporateLeadInput,
  AllocateHolderInput,
  Relationship,
  RelationshipScope,
} from '../schemas/relationship.ts';
import type { Staff } from '../schemas/staff.ts';
import type { ChangeContext, RegisterStore, RelationshipStore } from './ports.ts';

/**
 * Allocate a relationship holder (R-REL-1, R-REL-3, R-REL-6) or a corporate lead (R-CORP-1..4).
 * Course: 1. read the provider, its locations, the person and the current relationships
 *         2. refuse a location of another provider (400) or a person who does not exist (400)
 *         3. check the person's roles against the policy in force today (422 naming the rule); a role the
 *            rule names only as a default ("in most cases", "normally") stands with an exceptionReason (R-EXC-1)
 *         4. refuse re-allocating the same person (409) unless confirming a lead flagged for review
 *         5. store the new holder, close the previous one's history and open a new entry, with an
 *            audit entry, in one transaction that fails (409) if anything changed meanwhile (R-REL-2).
 */
export interface RelationshipDeps {
  register: RegisterStore;
  relationships: RelationshipStore;
  policy: readonly PolicyVersion[];
}

interface Situation {
  provider: Provider;
  locations: Location[];
  staff: Staff;
  current: Relationship[];
  facts: ProviderFacts;
}

async function situation(deps: RelationshipDeps, providerId: string, staffId: string): Promise<Situation> {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  const [locations, staff, current] = await Promise.all([
    deps.register.allLocations(providerId),
    deps.register.getStaff(staffId),
    deps.relationships.currentRelationships(providerId),
  ]);
  if (!staff) {
    throw new ValidationError('No member of staff has this id', [
      { path: 'body.staffId', message: 'no member of staff has this id' },
    ]);
  }
  const facts: ProviderFacts = {
    sector: provider.sector,
    marketOversight: provider.marketOversight,
    locations: locations.map(({ locationId, name, significantRisk }) => ({ locationId, name, significantRisk })),
  };
  return { provider, locations, staff, current, facts };
}

async function allocate(
  deps: RelationshipDeps,
  found: Situation,
  target: { scope: RelationshipScope; locationId: string | null; reason: string },
  applied: AllocationCheck,
  context: ChangeContext,
): Promise<Relationship> {
  const previous =
    found.current.find((held) => held.scope === target.scope && held.locationId === target.locationId) ?? null;
  const confirmingReview = target.scope === 'corporate-lead' && previous?.reviewNeeded;
  if (previous?.staffId === found.staff.staffId && !confirmingReview) {
    throw new ConflictError(`${found.staff.name} already holds this relationship`);
  }
  const at = context.now.toISOString();
  const next: Relationship = {
    providerId: found.provider.providerId,
    providerName: found.provider.name,
    scope: target.scope,
    locationId: target.locationId,
    staffId: found.staff.staffId,
    staffName: found.staff.name,
    since: at,
    reason: target.reason,
    ruleId: applied.ruleId,
    policyId: applied.policyId,
    reviewNeeded: null,
    exception: applied.exception,
    version: (previous?.version ?? 0) + 1,
  };
  const common = {
    providerId: found.provider.providerId,
    entityType: target.scope === 'corporate-lead' ? 'corporate-lead' : 'relationship-holder',
    entityId: target.locationId ?? found.provider.providerId,
    actor: context.actor,
    now: context.now,
  };
  await deps.relationships.allocate({
    next,
    previous,
    providerVersion: found.provider.version,
    band: { locationCount: found.provider.locationCount, marketOversight: found.provider.marketOversight },
    history: {
      historyId: context.newId(),
      scope: target.scope,
      locationId: target.locationId,
      staffId: found.staff.staffId,
      staffName: found.staff.name,
      from: at,
      to: null,
      reason: target.reason,
      endReason: null,
      allocatedBy: `${context.actor.type}:${context.actor.id}`,
    },
    audit: [
      auditEntry({
        ...common,
        auditId: context.newId(),
        action: previous ? 'updated' : 'created',
        before: previous ? { staffId: previous.staffId, ruleId: previous.ruleId } : null,
        after: {
          staffId: next.staffId,
          ruleId: next.ruleId,
          policyId: next.policyId,
          reason: next.reason,
          exception: next.exception,
        },
      }),
    ],
  });
  if (applied.exception) {
    // R-EXC-1: counted in reports (README, Logs Insights: exceptions by rule).
    logger.info('Rule exception accepted', { providerId: found.provider.providerId, ruleId: applied.exception.ruleId });
  }
  return next;
}

export async function allocateRelationshipHolder(
  deps: RelationshipDeps,
  providerId: string,
  input: AllocateHolderInput,
  context: ChangeContext,
): Promise<Relationship> {
  const found = await situation(deps, providerId, input.staffId);
  refuseLeaver(found.staff, londonDate(context.now), 'body.staffId');
  if (input.locationId && !found.locations.some((location) => location.locationId === input.locationId)) {
    throw new ValidationError('The location is not one of this provider’s', [
      { path: 'body.locationId', message: 'not a location of this provider' },
    ]);
  }
  const target = input.locationId
    ? ({ level: 'location', locationId: input.locationId } as const)
    : ({ level: 'provider' } as const);
  const applied = checkHolderAllocation(
    deps.policy,
    found.facts,
    target,
    found.staff.roles,
    londonDate(context.now),
    input.exceptionReason,
  );
  return allocate(
    deps,
    found,
    { scope: input.locationId ? 'location' : 'provider', locationId: input.locationId ?? null, reason: input.reason },
    applied,
    context,
  );
}

export async function allocateCorporateLead(
  deps: RelationshipDeps,
  providerId: string,
  input: AllocateCorporateLeadInput,
  context: ChangeContext,
): Promise<Relationship> {
  const found = await situation(deps, providerId, input.staffId);
  refuseLeaver(found.staff, londonDate(context.now), 'body.staffId');
  const applied = checkCorporateLeadAllocation(
    deps.policy,
    found.facts,
    found.staff.roles,
    londonDate(context.now),
    input.exceptionReason,
  );
  return allocate(deps, found, { scope: 'corporate-lead', locationId: null, reason: input.reason }, applied, context);
}
