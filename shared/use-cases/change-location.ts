import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { NotFoundError, StaleVersionError } from '../domain/errors.ts';
import type { Location, UpdateLocationInput } from '../schemas/provider.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Change a location: its name, address, registration id, or whether there is a significant risk
 * of poor care there (which decides location-level relationships and meetings: R-REL-6, R-CAD-7).
 * Course: 1. read it (404)  2. refuse a stale If-Match (412)  3. store it if unchanged meanwhile, audited.
 */
export async function changeLocation(
  store: RegisterStore,
  providerId: string,
  locationId: string,
  expectedVersion: number,
  patch: UpdateLocationInput,
  context: ChangeContext,
): Promise<Location> {
  const current = await store.getLocation(providerId, locationId);
  if (!current) throw new NotFoundError('No such location of this provider');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The location has changed since you read it: read it again and retry');
  }
  const changed: Location = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
    ...nextVersion(current, context.actor, context.now),
  };
  const diff = changedFields(current, changed);
  if (Object.keys(diff.after).length === 0) return current;
  await store.replaceLocation(changed, expectedVersion, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'location',
      entityId: locationId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...diff,
    }),
  ]);
  return changed;
}
