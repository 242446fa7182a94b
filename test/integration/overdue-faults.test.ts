import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { alertOverdueMeetings } from '../../shared/use-cases/alert-overdue-meetings.ts';
import { allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { planMeetings } from '../../shared/use-cases/plan-meetings.ts';
import type { Mailer, Recipient } from '../../shared/use-cases/ports.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';

/**
 * R-CAD-8 when SES fails: an alert none of whose emails went out is given back and sent by the
 * next run, once. The stores are the real ones on DynamoDB Local; only the mailer is a stand-in,
 * to fail on demand (SES local cannot) and to count what would have gone out.
 */
const tables = () => ({ providers: process.env.PROVIDERS_TABLE ?? '', meetings: process.env.MEETINGS_TABLE ?? '' });

function mailer(failing: () => boolean) {
  const sent: { to: string; meetingId: string }[] = [];
  const stub: Mailer = {
    sender: 'engagement@regulator.test',
    sendTemplated: async (_template, to: Recipient, data) => {
      if (failing()) throw new Error('Throttling: Maximum sending rate exceeded');
      sent.push({ to: to.email, meetingId: data.meetingId ?? '' });
    },
    sendRaw: async () => undefined,
  };
  return { stub, sent };
}

describe('overdue alerts when email fails (R-CAD-8)', () => {
  it('gives back an alert whose emails all failed, and the next run sends it exactly once', async () => {
    const { providers, meetings } = tables();
    const register = new DynamoRegisterStore(providers);
    const deps = {
      register,
      relationships: new DynamoRelationshipStore(providers),
      meetings: new DynamoMeetingStore(meetings, providers),
      policy: policyCatalogue(),
    };
    const context = { actor: { type: 'schedule' as const, id: 'fault-test' }, now: new Date(), newId: ulid };
    const provider = await registerProvider(register, aProvider({ sector: 'community-interest-company' }), context);
    const holder = await registerStaff(register, aStaffMember({ roles: ['inspector'] }), context);
    await allocateRelationshipHolder(deps, provider.providerId, { staffId: holder.staffId, reason: 'Test' }, context);
    await planMeetings(deps, 'quarterly-planning', '2024-01-01', context);
    const [meeting] = (await deps.meetings.listProviderMeetings(provider.providerId, { limit: 10 })).items;
    let down = true;
    const { stub, sent } = mailer(() => down);
    // Other files' daily runs sweep every overdue meeting too (through SES local): count both sinks.
    const mine = async () =>
      sent.filter((mail) => mail.meetingId === meeting?.meetingId && mail.to === holder.email).length +
      (await inbox()).filter(
        (mail) =>
          mail.destination.to.some((to) => to.includes(holder.email)) &&
          mail.body.text?.includes(meeting?.meetingId ?? '-'),
      ).length;

    const failed = await alertOverdueMeetings({ ...deps, mailer: stub }, '2024-04-02', context);
    const afterFailure = await deps.meetings.getMeeting(meeting?.meetingId ?? '');
    down = false;
    await alertOverdueMeetings({ ...deps, mailer: stub }, '2024-04-03', context);
    await alertOverdueMeetings({ ...deps, mailer: stub }, '2024-04-04', context);

    expect(failed.released).toBeGreaterThanOrEqual(1);
    // Unless another file's run got there first and sent it (then it was never claimed by this one).
    expect(afterFailure?.overdueNotifiedAt === null || (await mine()) === 1).toBe(true);
    expect(await mine()).toBe(1);
    expect((await deps.meetings.getMeeting(meeting?.meetingId ?? ''))?.overdueNotifiedAt).not.toBeNull();
  });
});
