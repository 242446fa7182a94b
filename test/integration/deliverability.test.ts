import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { DynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { deliveryTags } from '../../shared/adapters/ses/delivery-tags.ts';
import {
  SES_DETAIL_TYPES,
  SES_EVENT_SOURCE,
  type SesDeliverabilityDetail,
  type SesSendFailureDetail,
} from '../../shared/definitions/events.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * Bounces and complaints: SES puts them on the account's default bus (the stack's configuration set
 * has an EventBridge destination); the `mark-undeliverable` rule hands them to the notifications
 * function. SES local cannot bounce, so these tests put on the run's local bus the event SES would,
 * and everything after that is the real path: the bus, the rule, the handler, DynamoDB, SES local.
 */
let api: LocalApi;
let admin: string;
const events = new EventBridgeClient({});

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

async function aProviderWithHolder() {
  const provider = (
    await api.call<Provider>('POST', '/providers', {
      token: admin,
      body: aProvider({ sector: 'nhs-trust' }),
    })
  ).body;
  const holder = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember() })).body;
  await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder.staffId, reason: 'Test' },
  });
  const [contact] = provider.contacts;
  if (!contact) throw new Error('no contact');
  return { provider, holder, contact };
}

function sesEvent(
  kind: 'Bounce' | 'Complaint',
  address: string,
  tags: Record<string, string>,
  bounceType = 'Permanent',
) {
  const detail: SesDeliverabilityDetail = {
    eventType: kind,
    mail: {
      messageId: `ses-${Date.now()}`,
      tags: Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]])),
    },
    ...(kind === 'Bounce'
      ? { bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }] } }
      : { complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse' } }),
  };
  return events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'default',
          Source: SES_EVENT_SOURCE,
          DetailType: kind === 'Bounce' ? SES_DETAIL_TYPES.bounce : SES_DETAIL_TYPES.complaint,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
}

const toHolder = async (holder: Staff) =>
  (await inbox()).filter(
    (mail) => mail.destination.to.some((to) => to.includes(holder.email)) && mail.subject.startsWith('We cannot email'),
  );
const contactOf = async (provider: Provider) =>
  (await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin })).body.contacts[0];

describe('a bounce or complaint stops further sends to the address', () => {
  it('marks the contact undeliverable and asks the holder, once, for a new address', async () => {
    const { provider, holder, contact } = await aProviderWithHolder();
    const tags = { providerId: provider.providerId, contactId: contact.contactId, kind: 'meeting-reminder' };

    await sesEvent('Bounce', contact.email, tags);
    await expect
      .poll(async () => (await contactOf(provider))?.undeliverable?.reason, { timeout: 10_000 })
      .toBe('bounce');
    await expect.poll(async () => (await toHolder(holder)).length, { timeout: 10_000 }).toBe(1);
    await sesEvent('Bounce', contact.email, tags);
    await sesEvent('Complaint', contact.email, tags);

    const suppressed = await new DynamoSuppressionList(process.env.PROVIDERS_TABLE ?? '').suppressed([contact.email]);
    expect(suppressed.has(contact.email.toLowerCase())).toBe(true);
    // The repeated events are handled before a marker event put after them (the handler takes each
    // in turn) has been: wait for the marker, then count again.
    const marker = `marker.${contact.contactId.toLowerCase()}@provider.test`;
    await sesEvent('Bounce', marker, {});
    const list = new DynamoSuppressionList(process.env.PROVIDERS_TABLE ?? '');
    await expect.poll(async () => (await list.suppressed([marker])).size, { timeout: 10_000 }).toBe(1);
    expect(await toHolder(holder)).toHaveLength(1);
    expect((await toHolder(holder))[0]?.body.text).toContain(contact.name);
  });

  it('leaves the address alone after a transient bounce (SES retries those itself)', async () => {
    const { provider, contact } = await aProviderWithHolder();

    await sesEvent('Bounce', contact.email, { providerId: provider.providerId }, 'Transient');
    // A permanent bounce of another address, sent after it, shows the bus has delivered both.
    const other = `other.${contact.contactId.toLowerCase()}@provider.test`;
    await sesEvent('Bounce', other, {});
    const list = new DynamoSuppressionList(process.env.PROVIDERS_TABLE ?? '');
    await expect.poll(async () => (await list.suppressed([other])).size, { timeout: 10_000 }).toBe(1);

    expect((await list.suppressed([contact.email])).size).toBe(0);
    expect((await contactOf(provider))?.undeliverable).toBeUndefined();
  });

  it('clears the mark when staff give the contact a new address', async () => {
    const { provider, contact } = await aProviderWithHolder();
    await sesEvent('Complaint', contact.email, { providerId: provider.providerId, contactId: contact.contactId });
    await expect
      .poll(async () => (await contactOf(provider))?.undeliverable?.reason, { timeout: 10_000 })
      .toBe('complaint');
    const current = (await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin })).body;

    const unchanged = await api.call<Provider>('PATCH', `/providers/${provider.providerId}`, {
      token: admin,
      headers: { 'if-match': `"${current.version}"` },
      body: {
        contacts: [
          { contactId: contact.contactId, name: `${contact.name} Jr`, email: contact.email, roles: contact.roles },
        ],
      },
    });
    const moved = await api.call<Provider>('PATCH', `/providers/${provider.providerId}`, {
      token: admin,
      headers: { 'if-match': `"${unchanged.body.version}"` },
      body: {
        contacts: [
          { contactId: contact.contactId, name: contact.name, email: `new.${contact.email}`, roles: contact.roles },
        ],
      },
    });

    expect(unchanged.body.contacts[0]?.undeliverable?.reason).toBe('complaint');
    expect(moved.status).toBe(200);
    expect(moved.body.contacts[0]?.undeliverable).toBeUndefined();
  });

  it('sends an undeliverable contact nothing more: an information request goes to the other contacts only', async () => {
    const { provider, contact } = await aProviderWithHolder();
    const other = {
      name: 'Second Contact',
      email: `second.${contact.contactId.toLowerCase()}@provider.test`,
      roles: ['chief-executive'],
    };
    const current = (await api.call<Provider>('GET', `/providers/${provider.providerId}`, { token: admin })).body;
    const kept = { contactId: contact.contactId, name: contact.name, email: contact.email, roles: contact.roles };
    await api.call('PATCH', `/providers/${provider.providerId}`, {
      token: admin,
      headers: { 'if-match': `"${current.version}"` },
      body: { contacts: [kept, other] },
    });
    await sesEvent('Bounce', contact.email, { providerId: provider.providerId, contactId: contact.contactId });
    await expect
      .poll(async () => (await contactOf(provider))?.undeliverable?.reason, { timeout: 10_000 })
      .toBe('bounce');

    const asked = await api.call<{ reference: string }>(
      'POST',
      `/providers/${provider.providerId}/information-requests`,
      {
        token: admin,
        body: { signal: 'deterioration', question: 'Why did complaints rise?', dueOn: '2027-12-01' },
      },
    );

    expect(asked.status).toBe(201);
    const about = async (address: string) =>
      (await inbox()).filter(
        (mail) => mail.destination.to.some((to) => to.includes(address)) && mail.subject.includes(asked.body.reference),
      );
    expect(await about(other.email)).toHaveLength(1);
    expect(await about(contact.email)).toEqual([]);
  });
});

/**
 * SES accepted an email, then could not render it or rejected it: it publishes "Email Rendering Failed" or
 * "Email Rejected" (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html), with the tags
 * the email was sent with. The `record-send-failure` rule hands it to the notifications function, which
 * records the email's delivery record as failed: never counted as sent, never claimed and sent again.
 */
describe('an email SES did not send after all', () => {
  const ledger = () => new DynamoDeliveryLedger(process.env.MEETINGS_TABLE ?? '');
  const put = (detailType: string, detail: SesSendFailureDetail) =>
    events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'default', Source: SES_EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) },
        ],
      }),
    );
  const sentRecord = async () => {
    const key = { pk: `MEETING#${randomUUID()}`, sk: `DELIVERY#meeting-reminder-7#${randomUUID()}` };
    const runId = randomUUID();
    expect(await ledger().claim(key, { runId, now: new Date(), leaseSeconds: 60 })).toBe('claimed');
    await ledger().markSent(key, { runId, messageId: 'ses-1', at: new Date() });
    return key;
  };
  const claimLater = (key: { pk: string; sk: string }) =>
    ledger().claim(key, { runId: randomUUID(), now: new Date(Date.now() + 86_400_000), leaseSeconds: 60 });
  const tagsOf = (key: { pk: string; sk: string }) =>
    Object.fromEntries(Object.entries({ kind: 'meeting-reminder', ...deliveryTags(key) }).map(([k, v]) => [k, [v]]));

  it.each([
    [
      SES_DETAIL_TYPES.renderingFailure,
      'Rendering Failure' as const,
      { failure: { templateName: 'test-meeting-reminder', errorMessage: "Attribute 'mode' is not present" } },
    ],
    [SES_DETAIL_TYPES.reject, 'Reject' as const, { reject: { reason: 'Bad content' } }],
  ])(
    'records the email of an SES %j event as failed, so no run counts or sends it again',
    async (detailType, eventType, part) => {
      const key = await sentRecord();

      await put(detailType, { eventType, mail: { messageId: 'ses-1', tags: tagsOf(key) }, ...part });

      await expect.poll(() => claimLater(key), { timeout: 10_000 }).toBe('failed');
    },
  );
});
