import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { formToken, sameSecret } from '../../../domain/links/provider-link.ts';
import type { ApiEvent } from '../api-function.ts';
import { PAGE_HEADERS } from './html.ts';

/**
 * What every provider page (respond, contact) does with HTTP: answer HTML with the strict page headers,
 * read a url-encoded form of bounded size, and accept a post only from a page this service rendered.
 */
export const MAX_FORM_BYTES = 64 * 1024;

export const htmlPage = (
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({ statusCode, headers: { ...PAGE_HEADERS, ...headers }, body });

/** The posted form, or null when it is over MAX_FORM_BYTES. */
export function formOf(event: ApiEvent): URLSearchParams | null {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_FORM_BYTES) return null;
  return new URLSearchParams(raw);
}

/** A post must come from this service's own page: its Origin (when sent) is this host, and it carries the page's form token. */
export function fromOurPage(event: ApiEvent, form: URLSearchParams, token: string, key: Buffer): boolean {
  const origin = event.headers.origin;
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== event.headers.host) return false;
    } catch {
      return false;
    }
  }
  return sameSecret(form.get('formToken') ?? '', formToken(token, key));
}
