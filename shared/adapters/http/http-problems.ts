import { DomainError } from '../../domain/errors.ts';

/** Problems that only exist at the HTTP edge (no domain rule behind them). */
export class HttpProblem extends DomainError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = () =>
  new HttpProblem(401, 'unauthenticated', 'Send a valid staff bearer token in the Authorization header');
export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
export const unsupportedMediaType = () =>
  new HttpProblem(415, 'unsupported_media_type', 'Send the request body as application/json');
export const methodNotAllowed = (allowed: readonly string[]) =>
  new HttpProblem(405, 'method_not_allowed', `This path accepts ${allowed.join(', ')}`, { allow: allowed.join(', ') });
export const routeNotFound = () => new HttpProblem(404, 'not_found', 'No such route');
