/**
 * How names and postcodes are made searchable (issue 16). Pure: the register store writes what
 * these return as index attributes, and search turns what people type into the same terms.
 */

/** Lower case with accents (and other combining marks) removed: "Ysbyty Gwynedd" and "YSBYTY" meet. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words longer than this are indexed by their first letters only; nobody types more to find one. */
const MAX_WORD_LENGTH = 40;
/** A name's first words are indexed; a longer name is still found by any of these. */
export const MAX_INDEXED_WORDS = 12;

/** The distinct words of a name, folded, in the order they first appear (at most MAX_INDEXED_WORDS). */
export function nameWords(name: string): string[] {
  const words = foldText(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  return [...new Set(words)].slice(0, MAX_INDEXED_WORDS);
}

/**
 * The index partition a word (or a typed prefix of it) lives in: its first two letters. Words
 * spread over hundreds of partitions instead of one constant key, so a bulk import's index writes
 * are not throttled on a single partition (STYLE.md, "DynamoDB at the register's scale").
 */
export const wordShard = (word: string): string => `WORD#${word.slice(0, 2)}`;

/** A search needs a word of this many letters to pick its partition. */
export const MIN_SEARCH_WORD = 2;

/** What someone typed, as the words a name must have a word starting with; the longest leads the index Query. */
export function searchWords(text: string): { lead: string; others: string[] } | null {
  const words = nameWords(text).sort((a, b) => b.length - a.length);
  const [lead, ...others] = words;
  if (!lead || lead.length < MIN_SEARCH_WORD) return null;
  return { lead, others };
}

/**
 * The words as one string, sorted, with a space before each: `contains(words, " ysb")` asks "has a
 * word starting ysb". Sorted, so the same set of words always gives the same line.
 */
export const wordLine = (words: readonly string[]): string =>
  [...words]
    .sort()
    .map((word) => ` ${word}`)
    .join('');

/**
 * A UK postcode: outward code (area, district) and inward code (sector, unit), e.g. "LL57 2PW".
 * Accepts any spacing and case.
 */
const POSTCODE = /([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})/;
const FULL_POSTCODE = new RegExp(`^${POSTCODE.source}$`);
const OUTWARD_CODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

export interface Postcode {
  outward: string;
  inward: string;
}

/** A full postcode typed or stored on its own ("ll57 2pw", "LL572PW"), or null. */
export function parsePostcode(text: string): Postcode | null {
  const match = FULL_POSTCODE.exec(text.trim().toUpperCase());
  return match?.[1] && match[2] ? { outward: match[1], inward: match[2] } : null;
}

/** The last postcode in an address ("Penrhosgarnedd, Bangor, LL57 2PW"), or null. */
export function postcodeIn(address: string | null): Postcode | null {
  if (!address) return null;
  const matches = [...address.toUpperCase().matchAll(new RegExp(`\\b${POSTCODE.source}\\b`, 'g'))];
  const last = matches.at(-1);
  return last?.[1] && last[2] ? { outward: last[1], inward: last[2] } : null;
}

/** A postcode search: a full postcode, or an outward code alone ("LL57"). */
export function postcodeQuery(text: string): { outward: string; inward: string | null } | null {
  const full = parsePostcode(text);
  if (full) return full;
  const outward = text.trim().toUpperCase();
  return OUTWARD_CODE.test(outward) ? { outward, inward: null } : null;
}
