import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * HTTPS only, for a year, this host and its subdomains (issue 12 item 18). API Gateway serves HTTPS only
 * but adds no Strict-Transport-Security itself, so a browser that once followed an http:// link to a
 * provider page would try plain HTTP again; with this header it never does. Browsers ignore it over
 * plain HTTP, so the local stack is unaffected.
 */
export const STRICT_TRANSPORT_SECURITY = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' };

/** Headers on every API answer: JSON, never cached by intermediaries, never sniffed, HTTPS only. */
const COMMON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  ...STRICT_TRANSPORT_SECURITY,
};

export interface ApiResult {
  status: number;
  body?: unknown;
  /** The stored version of the document answered; becomes a strong ETag. */
  version?: number;
  headers?: Record<string, string>;
}

export const etagOf = (version: number): string => `"${version}"`;

export function toHttpResponse(result: ApiResult): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: result.status,
    headers: {
      ...COMMON_HEADERS,
      ...(result.version !== undefined ? { etag: etagOf(result.version) } : {}),
      ...result.headers,
    },
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

export const ok = (body: unknown, version?: number): ApiResult => ({
  status: 200,
  body,
  ...(version ? { version } : {}),
});
export const created = (body: unknown, version: number): ApiResult => ({ status: 201, body, version });
