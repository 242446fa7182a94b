import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { backfillCoveringIndex, type CoveringBackfill } from '../../shared/adapters/dynamodb/covering-backfill.ts';
import { staffKey } from '../../shared/adapters/dynamodb/keys.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aStaffMember } from './support/builders.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * The one-off backfill of the COVERING# index (R-TEAM-5, issue 14): an absence recorded before the staff item
 * carried gsi3 `COVERING#<cover>` reaches the cover's dashboard once the backfill has run, without waiting for
 * the member's next write. On DynamoDB Local: legacy items are made by removing the key the store now writes.
 */
let api: LocalApi;
let admin: string;
let manager: string;
const table = () => process.env.PROVIDERS_TABLE ?? '';
const today = () => londonDate(new Date());

beforeAll(async () => {
  api = await startLocalApi();
  [admin, manager] = await Promise.all([api.tokenFor(['admin']), api.tokenFor(['operations-manager'])]);
});
afterAll(() => api.close());

const anInspector = async () =>
  (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['inspector'] }) })).body;
/** An absence as stored before the COVERING# index: the absence on the item, no gsi3 key. */
const aLegacyAbsence = async (from: string, to: string) => {
  const [member, cover] = await Promise.all([anInspector(), anInspector()]);
  const recorded = await api.call('PUT', `/staff/${member.staffId}/absence`, {
    token: manager,
    body: { from, to, coverStaffId: cover.staffId, reason: 'Leave booked before the index' },
  });
  expect(recorded.status).toBe(200);
  await documentClient.send(
    new UpdateCommand({ TableName: table(), Key: staffKey(member.staffId), UpdateExpression: 'REMOVE gsi3pk, gsi3sk' }),
  );
  return { member, cover };
};
const covering = async (cover: Staff) =>
  (
    await api.call<{ covering: { staffId: string }[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(cover.roles, cover.staffId),
    })
  ).body.covering.map((person) => person.staffId);
const storedKey = async (staffId: string) => {
  const item = (await documentClient.send(new GetCommand({ TableName: table(), Key: staffKey(staffId) }))).Item;
  return { gsi3pk: item?.gsi3pk, gsi3sk: item?.gsi3sk, version: item?.version };
};

describe('backfilling the COVERING# index (R-TEAM-5)', () => {
  it('a legacy absence is missing from the cover’s dashboard until the backfill keys it; then it shows', async () => {
    const { member, cover } = await aLegacyAbsence(today(), '2099-12-31');
    const before = await covering(cover);

    const done = await backfillCoveringIndex({ table: table(), today: today(), dryRun: false });

    expect(before).toEqual([]);
    expect(done.keyed).toBeGreaterThanOrEqual(1);
    expect(await covering(cover)).toEqual([member.staffId]);
    expect(await storedKey(member.staffId)).toMatchObject({
      gsi3pk: `COVERING#${cover.staffId}`,
      gsi3sk: `2099-12-31#${member.staffId}`,
    });
  });

  it('a dry run counts what it would key and writes nothing', async () => {
    const { member, cover } = await aLegacyAbsence(today(), '2099-12-31');
    const before = await storedKey(member.staffId);

    const dry = await backfillCoveringIndex({ table: table(), today: today(), dryRun: true });

    expect(dry.keyed).toBeGreaterThanOrEqual(1);
    expect(await storedKey(member.staffId)).toEqual(before);
    expect(await covering(cover)).toEqual([]);
  });

  it('is safe to re-run: a second run writes nothing and changes no version', async () => {
    const { member } = await aLegacyAbsence(today(), '2099-12-31');
    await backfillCoveringIndex({ table: table(), today: today(), dryRun: false });
    const once = await storedKey(member.staffId);

    const again = await backfillCoveringIndex({ table: table(), today: today(), dryRun: false });

    expect(again.keyed).toBe(0);
    expect(again.alreadyKeyed).toBeGreaterThanOrEqual(1);
    expect(await storedKey(member.staffId)).toEqual(once);
  });

  it('leaves an absence that has ended unkeyed (no cover reads it) and does not bump versions', async () => {
    const { member } = await aLegacyAbsence('2020-01-06', '2020-01-10');
    const before = await storedKey(member.staffId);

    await backfillCoveringIndex({ table: table(), today: today(), dryRun: false });

    expect(await storedKey(member.staffId)).toEqual(before);
    expect(before.gsi3pk).toBeUndefined();
  });

  it('reports progress page by page, ending on the totals it returns', async () => {
    await aLegacyAbsence(today(), '2099-12-31');
    const pages: CoveringBackfill[] = [];

    const done = await backfillCoveringIndex({
      table: table(),
      today: today(),
      dryRun: true,
      onPage: (progress) => pages.push(progress),
    });

    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.at(-1)).toEqual(done);
    expect(done.read).toBeGreaterThanOrEqual(2);
  });
});
