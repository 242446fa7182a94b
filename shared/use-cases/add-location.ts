import { withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, firstVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { NotFoundError } from '../domain/errors.ts';
import { corporateLeadReview } from '../domain/policy/corporate-lead-review.ts';
import type { CreateLocationInput, Location } from '../schemas/provider.ts';
import type { RelationshipDeps } from './allocate-relationship.ts';
import type { ChangeContext } from './ports.ts';

/**
 * Add a location (a service) to a provider.
 * Course: 1. the provider must exist (404)  2. build the location  3. if the new count moves the
 *         provider into another corporate band, flag its lead for review (R-CORP)  4. store the
 *         location, the new count and any flag in one transaction, on condition the corporate
 *         lead is as read (409 otherwise), with audit entries.
 */
export async function addLocation(
  deps: RelationshipDeps,
  providerId: string,
  input: CreateLocationInput,
  context: ChangeContext,
): Promise<Location> {
  const [provider, lead] = await Promise.all([
    deps.register.getProvider(providerId),
    deps.relationships.getCorporateLead(providerId),
  ]);
  if (!provider) throw new NotFoundError('No such provider');
  const location: Location = {
    locationId: context.newId(),
    providerId,
    name: input.name,
    registrationId: input.registrationId ?? null,
    address: input.address ?? null,
    significantRisk: input.significantRisk,
    ...firstVersion(context.actor, context.now),
  };
  const locationCount = provider.locationCount + 1;
  const review = corporateLeadReview(
    deps.policy,
    lead,
    { sector: provider.sector, marketOversight: provider.marketOversight, locationCount },
    londonDate(context.now),
    context.now.toISOString(),
  );
  const common = { providerId, actor: context.actor, now: context.now };
  await deps.register.addLocation(
    location,
    [
      auditEntry({
        ...common,
        auditId: context.newId(),
        entityType: 'location',
        entityId: location.locationId,
        action: 'created',
        before: null,
        after: withoutBookkeeping(location),
      }),
      auditEntry({
        ...common,
        auditId: context.newId(),
        entityType: 'provider',
        entityId: providerId,
        action: 'updated',
        before: { locationCount: provider.locationCount },
        after: { locationCount },
      }),
    ],
    // R-CORP: the count moves, so the write holds only if the corporate lead is as read (issue 12 item 14).
    { lead, ...(lead && review ? { reviewNeeded: review.reviewNeeded } : {}) },
  );
  return location;
}
