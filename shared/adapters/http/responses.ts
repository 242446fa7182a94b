import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Headers on every API answer: JSON, never cached by intermediaries, never sniffed. */
const COMMON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
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
