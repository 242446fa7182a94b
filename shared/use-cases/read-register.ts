import type { AuditEntry } from '../domain/audit.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { Staff } from '../schemas/staff.ts';
import type { Page, PageRequest, RegisterStore } from './ports.ts';

/**
 * Reads of the register. Each is one request to the store; a missing parent is a 404,
 * never an empty list that hides a typo in an id.
 */
export async function findProvider(store: RegisterStore, providerId: string): Promise<Provider> {
  const provider = await store.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  return provider;
}

export async function findStaff(store: RegisterStore, staffId: string): Promise<Staff> {
  const staff = await store.getStaff(staffId);
  if (!staff) throw new NotFoundError('No such member of staff');
  return staff;
}

/** An empty page for a provider id nobody registered is a 404: the caller asked about nothing. */
async function ofExistingProvider<T>(
  store: RegisterStore,
  providerId: string,
  read: () => Promise<Page<T>>,
): Promise<Page<T>> {
  const page = await read();
  if (page.items.length === 0 && !(await store.getProvider(providerId))) throw new NotFoundError('No such provider');
  return page;
}

export const listLocations = (
  store: RegisterStore,
  providerId: string,
  request: PageRequest,
): Promise<Page<Location>> => ofExistingProvider(store, providerId, () => store.listLocations(providerId, request));

export const listProviderAudit = (
  store: RegisterStore,
  providerId: string,
  request: PageRequest,
): Promise<Page<AuditEntry>> =>
  ofExistingProvider(store, providerId, () => store.listProviderAudit(providerId, request));
