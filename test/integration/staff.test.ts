import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

describe('regulator staff', () => {
  it('registers a member of staff with roles, readable by id', async () => {
    const input = aStaffMember({ roles: ['inspection-manager', 'head-of-inspection'] });

    const created = await api.call<Staff>('POST', '/staff', { token: admin, body: input });
    const read = await api.call<Staff>('GET', `/staff/${created.body.staffId}`, { token: admin });

    expect(created.status).toBe(201);
    expect(read.body).toMatchObject({ name: input.name, roles: ['inspection-manager', 'head-of-inspection'] });
  });

  it('lists the holders of one role with one query, and no one else', async () => {
    const director = await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['deputy-director'] }),
    });
    const inspector = await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['inspector'] }),
    });

    const answer = await api.call<{ items: Staff[] }>('GET', '/staff?role=deputy-director&limit=100', {
      token: admin,
    });

    const ids = answer.body.items.map((staff) => staff.staffId);
    expect(ids).toContain(director.body.staffId);
    expect(ids).not.toContain(inspector.body.staffId);
  });

  it('refuses a second member of staff with the same email address, in any case (409)', async () => {
    const input = aStaffMember();
    await api.call('POST', '/staff', { token: admin, body: input });

    const again = await api.call('POST', '/staff', {
      token: admin,
      body: { ...aStaffMember(), email: input.email.toUpperCase() },
    });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('refuses an unknown role with 400 naming the field', async () => {
    const answer = await api.call('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['wizard' as never] }),
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { details: [{ path: 'body.roles.0' }] } });
  });

  it('lets only admins register staff (403 for an inspector)', async () => {
    const inspector = await api.tokenFor(['inspector']);

    const answer = await api.call('POST', '/staff', { token: inspector, body: aStaffMember() });

    expect(answer.status).toBe(403);
  });

  it('answers 404 for a member of staff nobody registered', async () => {
    const answer = await api.call('GET', '/staff/01J0000000000000000000ZZZZ', { token: admin });

    expect(answer.status).toBe(404);
  });
});
