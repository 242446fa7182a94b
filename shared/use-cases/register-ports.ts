import type { Location, Provider } from '../schemas/provider.ts';
import type { Page, PageRequest } from './ports.ts';

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
