import { ValidationError } from '../domain/errors.ts';
import { MIN_SEARCH_WORD, postcodeQuery, searchWords } from '../domain/register/search-terms.ts';
import type { ListProvidersQuery, Location, Provider, SearchLocationsQuery } from '../schemas/provider.ts';
import type { Page, RegisterStore } from './ports.ts';
import type { RegisterSearch } from './register-ports.ts';

/**
 * Find providers for someone who phones (issue 16), for the API and the staff workspace alike.
 * Course: 1. by name: fold what was typed to words (case, accents), the longest leads one index
 *         Query, the others filter it  2. by CQC Provider ID: one Query  3. by sector, or
 *         nothing: the name-ordered lists as before. Never a Scan.
 */
export function searchProviders(
  store: Pick<RegisterStore, 'listProviders'> & RegisterSearch,
  query: ListProvidersQuery,
): Promise<Page<Provider>> {
  const page = { limit: query.limit, nextToken: query.nextToken };
  if (query.name !== undefined) {
    const words = searchWords(query.name);
    if (!words) {
      throw new ValidationError('The name to search for needs a word of at least two letters or digits', [
        { path: 'query.name', message: `give at least ${MIN_SEARCH_WORD} letters or digits of a word in the name` },
      ]);
    }
    return store.providersNamed(words, page);
  }
  if (query.registrationId !== undefined) return store.providersRegistered(query.registrationId, page);
  return store.listProviders({ ...page, sector: query.sector });
}

/** Locations by postcode: an outward code lists its district, a full postcode one address. */
export function searchLocations(store: RegisterSearch, query: SearchLocationsQuery): Promise<Page<Location>> {
  const postcode = postcodeQuery(query.postcode);
  if (!postcode) {
    throw new ValidationError('The postcode is not a UK postcode or outward code', [
      { path: 'query.postcode', message: 'give an outward code such as "LL57" or a full postcode such as "LL57 2PW"' },
    ]);
  }
  return store.locationsAt(postcode, { limit: query.limit, nextToken: query.nextToken });
}
