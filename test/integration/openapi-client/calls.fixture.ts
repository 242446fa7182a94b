import createClient, { type Client } from 'openapi-fetch';
// Generated from the served /openapi.json at test time, beside a copy of this file (test/integration/openapi-client.test.ts).
import type { components, paths } from './api.ts';

/**
 * Calls the integration tests make (providers.test.ts), through a client generated from the OpenAPI
 * document: type-checked against the generated types, then run against the local API. Not compiled
 * with the project (tsconfig excludes it): its types exist only once the document is generated.
 */
type Provider = components['schemas']['Provider'];
type Refusal = components['schemas']['Error'] | components['schemas']['GatewayError'];

/** Our functions answer the one error shape; the API gateway (401, 429) its own. */
const codeOf = (refusal: Refusal | undefined) => (refusal && 'error' in refusal ? refusal.error.code : undefined);

export async function registerReadChangeAndList(baseUrl: string, token: string, name: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

  const created = await client.POST('/providers', {
    body: {
      name,
      sector: 'nhs-trust',
      contacts: [{ name: `Chief of ${name}`, email: 'chief@provider.test', roles: ['chief-executive'] }],
    },
  });
  if (!created.data) throw new Error(`POST /providers answered ${created.response.status}`);
  const provider: Provider = created.data;
  const etag = created.response.headers.get('etag') ?? '';

  const read = await client.GET('/providers/{providerId}', { params: { path: { providerId: provider.providerId } } });
  const changed = await client.PATCH('/providers/{providerId}', {
    params: { path: { providerId: provider.providerId }, header: { 'If-Match': etag } },
    body: { marketOversight: true },
  });
  const located = await client.POST('/providers/{providerId}/locations', {
    params: { path: { providerId: provider.providerId } },
    body: { name: `${name} North`, significantRisk: true },
  });
  const listed = await client.GET('/providers', { params: { query: { sector: 'nhs-trust', limit: 100 } } });
  const stale = await client.PATCH('/providers/{providerId}', {
    params: { path: { providerId: provider.providerId }, header: { 'If-Match': etag } },
    body: { name: `${name} again` },
  });
  const missing = await client.GET('/providers/{providerId}', {
    params: { path: { providerId: '01J00000000000000000000000' } },
  });

  return {
    providerId: provider.providerId,
    contactIds: provider.contacts.map((contact) => contact.contactId),
    readName: read.data?.name,
    marketOversight: changed.data?.marketOversight,
    locationRisk: located.data?.significantRisk,
    listedIds: listed.data?.items.map((item) => item.providerId) ?? [],
    stale: { status: stale.response.status, code: codeOf(stale.error) },
    missing: { status: missing.response.status, code: codeOf(missing.error) },
  };
}

/** Calls the generated types must refuse: each is a compile error, or its directive is. Never run. */
export function refusedCalls(client: Client<paths>) {
  // @ts-expect-error a provider needs its sector
  void client.POST('/providers', { body: { name: 'No sector' } });
  // @ts-expect-error the sector must be one of the six
  void client.POST('/providers', { body: { name: 'Odd', sector: 'bakery' } });
  // @ts-expect-error no such route
  void client.GET('/provider');
  // @ts-expect-error If-Match is required to change a provider
  void client.PATCH('/providers/{providerId}', { params: { path: { providerId: 'x' } }, body: { name: 'y' } });
  // @ts-expect-error a location is read by provider and location id
  void client.PATCH('/providers/{providerId}/locations/{locationId}', { params: { path: { providerId: 'x' } } });
}
