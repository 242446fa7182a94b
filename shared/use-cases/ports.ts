import type { Actor } from '../domain/actor.ts';
import type { AuditEntry } from '../domain/audit.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { Staff } from '../schemas/staff.ts';

/**
 * The small interfaces use cases call. shared/adapters/ implements them on DynamoDB and SES;
 * tests may implement them in memory for pure use-case tests.
 */
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface PageRequest {
  limit: number;
  nextToken?: string | undefined;
}

/** Every use case that changes something is given who is acting, the time, and an id source. */
export interface ChangeContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}

export interface RegisterStore {
  getProvider(providerId: string): Promise<Provider | null>;
  listProviders(request: PageRequest & { sector?: string | undefined }): Promise<Page<Provider>>;
  /** Stores a new provider; ConflictError if the id is taken. */
  createProvider(provider: Provider, audit: AuditEntry[]): Promise<void>;
  /** Replaces a provider if its stored version is still `expectedVersion`; StaleVersionError otherwise. */
  replaceProvider(provider: Provider, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  /** Stores a location and counts it on its provider, in one transaction; NotFoundError if the provider is gone. */
  addLocation(location: Location, audit: AuditEntry[]): Promise<void>;
  listLocations(providerId: string, request: PageRequest): Promise<Page<Location>>;
  getStaff(staffId: string): Promise<Staff | null>;
  listStaff(request: PageRequest & { role?: string | undefined }): Promise<Page<Staff>>;
  /** Stores a member of staff; ConflictError if the email address is already registered. */
  createStaff(staff: Staff, audit: AuditEntry[]): Promise<void>;
  listProviderAudit(providerId: string, request: PageRequest): Promise<Page<AuditEntry>>;
}
