import { withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, firstVersion } from '../domain/bookkeeping.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { CreateLocationInput, Location } from '../schemas/provider.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Add a location (a service) to a provider.
 * Course: 1. the provider must exist (404)  2. build the location  3. store it and count it on
 *         the provider in one transaction, with audit entries for both.
 */
export async function addLocation(
  store: RegisterStore,
  providerId: string,
  input: CreateLocationInput,
  context: ChangeContext,
): Promise<Location> {
  const provider = await store.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  const location: Location = {
    locationId: context.newId(),
    providerId,
    name: input.name,
    registrationId: input.registrationId ?? null,
    address: input.address ?? null,
    ...firstVersion(context.actor, context.now),
  };
  const common = { providerId, actor: context.actor, now: context.now };
  await store.addLocation(location, [
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
      after: { locationCount: provider.locationCount + 1 },
    }),
  ]);
  return location;
}
