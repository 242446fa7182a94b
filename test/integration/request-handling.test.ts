import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProvider, uniqueName } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { storedProvidersNamed } from './support/stored.ts';

/**
 * Bad input anywhere gets a clear 4xx in the error shape of ../shared/API.md, names what is
 * wrong, and stores nothing.
 */
let api: LocalApi;
let editor: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

describe('bad bodies', () => {
  const named = {
    malformed: uniqueName('Malformed'),
    wrongType: uniqueName('Wrong type'),
    unknownField: uniqueName('Unknown field'),
    unknownSector: uniqueName('Unknown sector'),
    badEmail: uniqueName('Bad email'),
  };

  it.each([
    [
      'malformed JSON',
      400,
      'body',
      { rawBody: `{"name": "${named.malformed}", `, headers: { 'content-type': 'application/json' } },
    ],
    [
      'a wrong type',
      400,
      'body.marketOversight',
      { body: { ...aProvider({ name: named.wrongType }), marketOversight: 'yes' } },
    ],
    ['a missing field', 400, 'body.name', { body: { sector: 'nhs-trust', contacts: [] } }],
    ['an unknown field', 400, 'body.colour', { body: { ...aProvider({ name: named.unknownField }), colour: 'blue' } }],
    [
      'an unknown sector',
      400,
      'body.sector',
      { body: { ...aProvider({ name: named.unknownSector }), sector: 'hospital' } },
    ],
    [
      'a contact with a bad email address',
      400,
      'body.contacts.0.email',
      {
        body: {
          ...aProvider({ name: named.badEmail }),
          contacts: [{ name: 'A', email: 'not-an-email', roles: ['other'] }],
        },
      },
    ],
    ['an empty body', 400, 'body', { rawBody: '', headers: { 'content-type': 'application/json' } }],
  ])('answers %s with %i naming %s, and stores nothing', async (_case, status, path, options) => {
    const answer = await api.call<{ error: { code: string; details: { path: string }[] } }>('POST', '/providers', {
      token: editor,
      ...options,
    });

    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details.map((detail) => detail.path)).toContain(path);
    for (const name of Object.values(named)) expect(await storedProvidersNamed(name)).toBe(0);
  });

  it('answers a body that is not JSON with 415', async () => {
    const answer = await api.call('POST', '/providers', {
      token: editor,
      rawBody: 'name=Acme',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('answers a body over 64 KiB with 413 and stores nothing', async () => {
    const input = { ...aProvider(), registrationId: 'x'.repeat(70 * 1024) };

    const answer = await api.call('POST', '/providers', { token: editor, body: input });

    expect(answer.status).toBe(413);
    expect(await storedProvidersNamed(input.name)).toBe(0);
  });

  it('answers a path parameter that is not an id with 400', async () => {
    const answer = await api.call('GET', '/providers/not-an-id', { token: editor });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'path.providerId' }] } });
  });

  it('answers an unknown query parameter with 400 naming it', async () => {
    const answer = await api.call('GET', '/providers?colour=blue', { token: editor });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'query.colour' }] } });
  });
});

describe('routes and methods', () => {
  it('answers an unknown path with 404 in the error shape', async () => {
    const answer = await api.call('GET', '/no-such-thing', { token: editor });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'not_found', message: 'No such route' } });
  });

  it('answers a known path with the wrong method with 405 and the methods it accepts', async () => {
    const answer = await api.call('DELETE', '/providers', { token: editor });

    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST, GET');
    expect(answer.body).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('staff tokens, checked as the JWT authorizer checks them', () => {
  it('refuses a request without a token (401)', async () => {
    const answer = await api.call('GET', '/providers', { token: null });

    expect(answer.status).toBe(401);
  });

  it('refuses an expired token (401)', async () => {
    const expired = await api.issuer.sign({
      staffId: '01J00000000000000000000002',
      roles: ['admin'],
      issuedAt: new Date(Date.now() - 3_600_000),
      lifetimeSeconds: 60,
    });

    const answer = await api.call('GET', '/providers', { token: expired });

    expect(answer.status).toBe(401);
  });

  it('refuses a token signed by another key (401)', async () => {
    const other = await startLocalApi();
    const forged = await other.tokenFor(['admin']);
    await other.close();

    const answer = await api.call('GET', '/providers', { token: forged });

    expect(answer.status).toBe(401);
  });

  // Cognito's ID token passes API Gateway's JWT authorizer (its aud is the client id); only access tokens may call
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), R-ROLE as usual after.
  it('refuses a validly signed ID token of the same client, even for an admin (401)', async () => {
    const idToken = await api.issuer.sign({ staffId: 'S-ID-TOKEN', roles: ['admin'], tokenUse: 'id' });

    const answer = await api.call('GET', '/providers', { token: idToken });

    expect(answer.status).toBe(401);
  });

  it('refuses a token whose claims were altered after signing (401)', async () => {
    const [header, , signature] = editor.split('.');
    const claims = Buffer.from(JSON.stringify({ username: 'someone-else', 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );

    const answer = await api.call('GET', '/providers', { token: `${header}.${claims}.${signature}` });

    expect(answer.status).toBe(401);
  });
});
