import type { AddressInfo } from 'node:net';
import { ulid } from 'ulid';
import { createLocalApi } from '../../../infra/local/http-adapter.ts';
import { ephemeralIssuer, type Issuer } from '../../../infra/local/local-issuer.ts';
import type { StaffRole } from '../../../shared/domain/vocabulary.ts';

/**
 * The real handlers behind the local HTTP adapter on a free loopback port, and a small client
 * for it. Tokens are signed by this file's own issuer, checked as the JWT authorizer would.
 */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface LocalApi {
  baseUrl: string;
  issuer: Issuer;
  call<T = Record<string, unknown>>(method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
  /** A token for a member of staff with these roles (a fresh staff id unless one is given). */
  tokenFor(roles: readonly StaffRole[], staffId?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalApi(): Promise<LocalApi> {
  const issuer = await ephemeralIssuer();
  const server = createLocalApi({ issuer, stage: 'test' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    issuer,
    async call<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as T, text };
    },
    tokenFor: (roles, staffId = ulid()) => issuer.sign({ staffId, roles }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
