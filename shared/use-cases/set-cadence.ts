import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError, RuleViolation, StaleVersionError } from '../domain/errors.ts';
import { CADENCE_RULE_ID, cadenceApplies } from '../domain/policy/engine.ts';
import type { PolicyVersion } from '../domain/policy/types.ts';
import type { Provider, SetCadenceInput } from '../schemas/provider.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Set a provider's own cadence of provider-level relationship meetings (R-CAD-3: "at least annually …
 * for larger organisations we are likely to meet more frequently"); the planning runs honour it.
 * Course: 1. read the provider (404)  2. refuse a stale If-Match (412)  3. refuse a provider with no
 *         R-CAD-3 meetings under the policy in force today (422 R-CAD-3)  4. store it, audited.
 */
export async function setCadence(
  deps: { register: RegisterStore; policy: readonly PolicyVersion[] },
  providerId: string,
  expectedVersion: number,
  input: SetCadenceInput,
  context: ChangeContext,
): Promise<Provider> {
  const current = await deps.register.getProvider(providerId);
  if (!current) throw new NotFoundError('No such provider');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The provider has changed since you read it: read it again and retry');
  }
  const locations = await deps.register.allLocations(providerId);
  const facts = {
    sector: current.sector,
    marketOversight: current.marketOversight,
    locations: locations.map(({ locationId, name, significantRisk }) => ({ locationId, name, significantRisk })),
  };
  if (!cadenceApplies(deps.policy, facts, londonDate(context.now))) {
    throw new RuleViolation(
      CADENCE_RULE_ID,
      `${current.name} has no provider-level relationship meetings under the policy in force today, so it has no cadence to set`,
    );
  }
  const changed: Provider = {
    ...current,
    cadence: {
      meetingsPerYear: input.meetingsPerYear,
      reason: input.reason,
      setAt: context.now.toISOString(),
      setBy: `${context.actor.type}:${context.actor.id}`,
    },
    ...nextVersion(current, context.actor, context.now),
  };
  await deps.register.replaceProvider(changed, expectedVersion, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'provider',
      entityId: providerId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...changedFields(current, changed),
    }),
  ]);
  return changed;
}
