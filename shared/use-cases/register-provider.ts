import { withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, firstVersion } from '../domain/bookkeeping.ts';
import type { CreateProviderInput, Provider } from '../schemas/provider.ts';
import type { ChangeContext, RegisterStore } from './ports.ts';

/**
 * Register a provider.
 * Course: 1. give the provider and each contact an id  2. stamp who and when
 *         3. store it with its audit entry in one transaction.
 */
export async function registerProvider(
  store: RegisterStore,
  input: CreateProviderInput,
  context: ChangeContext,
): Promise<Provider> {
  const provider: Provider = {
    providerId: context.newId(),
    name: input.name,
    sector: input.sector,
    marketOversight: input.marketOversight,
    registrationId: input.registrationId ?? null,
    contacts: input.contacts.map((contact) => ({ ...contact, contactId: context.newId() })),
    locationCount: 0,
    ...firstVersion(context.actor, context.now),
  };
  await store.createProvider(provider, [
    auditEntry({
      auditId: context.newId(),
      providerId: provider.providerId,
      entityType: 'provider',
      entityId: provider.providerId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: withoutBookkeeping(provider),
    }),
  ]);
  return provider;
}
