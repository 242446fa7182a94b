import type { AuditEntry } from '../domain/audit.ts';
import type { Location, Provider } from '../schemas/provider.ts';
import type { LeadAsRead, Page, PageRequest } from './ports.ts';

/**
 * Searching the register (issue 16): every answer is one Query on an index, never a Scan
 * (docs/access-patterns.md, "Searching the register").
 */
export interface RegisterSearch {
  /** Providers with a word starting `lead` whose names also have words starting each of `others`. */
  providersNamed(words: { lead: string; others: string[] }, request: PageRequest): Promise<Page<Provider>>;
  providersRegistered(registrationId: string, request: PageRequest): Promise<Page<Provider>>;
  /** Locations in an outward code, or at one full postcode when `inward` is given. */
  locationsAt(postcode: { outward: string; inward: string | null }, request: PageRequest): Promise<Page<Location>>;
}

/** One provider's share of a register import: what to store, each with its audit entry (issue 16). */
export interface ImportedProviderWrite {
  /** The provider as it should be (`previous` null: a new one), or null when it is unchanged. */
  provider: { next: Provider; previous: Provider | null; audit: AuditEntry } | null;
  locations: Array<{ next: Location; previous: Location | null; audit: AuditEntry }>;
  leadReview?: LeadAsRead | undefined;
}

export interface RegisterImportStore {
  providersRegistered(registrationId: string, request: PageRequest): Promise<Page<Provider>>;
  listProviders(request: PageRequest): Promise<Page<Provider>>;
  allLocations(providerId: string): Promise<Location[]>;
  /**
   * Stores one provider's changes in transactions of at most 100 items, each change with its audit
   * entry; a new provider first (with a claim on its CQC id, so two imports never both create it),
   * a changed one last (if its version is unchanged). ConflictError/StaleVersionError: read again.
   */
  applyImport(write: ImportedProviderWrite): Promise<void>;
  /**
   * The provider's audit entries stamped with one instant: what an earlier attempt of the same import
   * (its clock, `at`) wrote for it, read when a retried step meets its own writes (issue 16).
   */
  auditWrittenAt(providerId: string, at: string): Promise<AuditEntry[]>;
}
