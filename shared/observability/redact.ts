/**
 * Errors are logged without the personal data or secrets their messages can carry: SES and
 * DynamoDB messages may quote an email address, and a failed link check may quote the token.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LINK_TOKEN = /v1\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;

export const redact = (text: string): string =>
  text.replace(JWT, '[token]').replace(LINK_TOKEN, '[link]').replace(EMAIL, '[email]');

/** An error as a log entry: its name, and its message and stack with addresses and tokens taken out. */
export function loggableError(error: unknown): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const safe = new Error(redact(source.message));
  safe.name = source.name;
  safe.stack = source.stack ? redact(source.stack) : undefined;
  return safe;
}
