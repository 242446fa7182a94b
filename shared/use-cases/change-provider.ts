import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { NotFoundError, StaleVersionError } from '../domain/errors.ts';
import type { Provider, UpdateProviderInput } from '../schemas/provider.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Change a provider's editable fields.
 * Course: 1. read it (404)  2. refuse if the caller's version is not the current one (412)
 *         3. apply the patch; contacts given replace the list, keeping ids that are named
 *         4. store it on condition the version is unchanged, with an audit entry of what changed.
 */
export async function changeProvider(
  store: RegisterStore,
  providerId: string,
  expectedVersion: number,
  patch: UpdateProviderInput,
  context: ChangeContext,
): Promise<Provider> {
  const current = await store.getProvider(providerId);
  if (!current) throw new NotFoundError('No such provider');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The provider has changed since you read it: read it again and retry');
  }
  const changed: Provider = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.marketOversight !== undefined ? { marketOversight: patch.marketOversight } : {}),
    ...(patch.registrationId !== undefined ? { registrationId: patch.registrationId } : {}),
    ...(patch.contacts !== undefined
      ? { contacts: patch.contacts.map((contact) => ({ ...contact, contactId: contact.contactId ?? context.newId() })) }
      : {}),
    ...nextVersion(current, context.actor, context.now),
  };
  const diff = changedFields(current, changed);
  if (Object.keys(diff.after).length === 0) return current;
  await store.replaceProvider(changed, expectedVersion, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'provider',
      entityId: providerId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...diff,
    }),
  ]);
  return changed;
}
