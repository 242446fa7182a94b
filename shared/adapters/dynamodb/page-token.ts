import { ValidationError } from '../../domain/errors.ts';

/**
 * Opaque pagination tokens: DynamoDB's LastEvaluatedKey, base64url-encoded JSON. A token that
 * does not decode to a key of the expected shape is the caller's error, not a 500.
 */
export function encodePageToken(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

export function decodePageToken(token: string | undefined): Record<string, string> | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((value) => typeof value === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('nextToken is not a token this API issued', [
    { path: 'nextToken', message: 'not a token this API issued' },
  ]);
}
