/**
 * Reference numbers for what providers send and what we ask of them (R-PRV-1..5): one format
 * everywhere, in emails, on the provider's pages, in the API's paths and in the audit trail.
 * `PE-XXXX-XXXX`: eight Crockford base-32 characters (no I, L, O or U, so nothing is misread
 * over the phone), 40 random bits. Pure: the random bytes are passed in.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PATTERN = /^PE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The reference made from five random bytes (40 bits: eight characters of five bits). */
export function referenceFrom(bytes: Uint8Array): string {
  if (bytes.length !== 5) throw new RangeError('a reference is made from exactly 5 random bytes');
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let characters = '';
  for (let shift = 35n; shift >= 0n; shift -= 5n) characters += CROCKFORD[Number((bits >> shift) & 31n)];
  return `PE-${characters.slice(0, 4)}-${characters.slice(4)}`;
}

export const isReference = (value: string): boolean => REFERENCE_PATTERN.test(value);

/**
 * A reference as someone typed it: upper-cased, spaces dropped, and the letters people confuse with
 * digits read as the digits (O→0, I/L→1), as Crockford's alphabet intends. Null when it is still not one.
 */
export function normaliseReference(typed: string): string | null {
  const cleaned = typed.trim().toUpperCase().replace(/\s+/g, '');
  const [prefix, ...rest] = cleaned.split('-');
  if (prefix !== 'PE' || rest.length !== 2) return null;
  const body = rest.map((part) => part.replace(/O/g, '0').replace(/[IL]/g, '1'));
  const candidate = `PE-${body.join('-')}`;
  return isReference(candidate) ? candidate : null;
}
