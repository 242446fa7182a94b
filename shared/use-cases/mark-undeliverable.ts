import { createHash } from 'node:crypto';
import type { SesDeliverabilityDetail } from '../definitions/events.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import { logger } from '../observability/logger.ts';
import type { Provider } from '../schemas/provider.ts';
import { holderResolver } from './current-holder.ts';
import { allDelivered, type Deliver, type OutgoingEmail } from './deliver-emails.ts';
import type { ChangeContext, RegisterStore, RelationshipStore } from './ports.ts';

/**
 * SES told us an address bounced for good, or its owner complained.
 * Course: 1. a bounce that is not permanent changes nothing (SES has retried it already, and the
 *            next email may well arrive)
 *         2. put each address on the suppression list: every later send leaves it out
 *         3. the email was to a provider contact (its tags say which): mark the contact
 *            undeliverable, audited, so staff see it on the provider
 *         4. tell the provider's relationship holder (else its corporate lead) to get a new address,
 *            once an address: a retried event finds the holder already told.
 */
export interface SuppressionWriter {
  suppress(entry: {
    address: string;
    reason: 'bounce' | 'complaint';
    detail: string;
    at: string;
    providerId: string | null;
    contactId: string | null;
  }): Promise<{ holderToldAt: string | null }>;
  recordHolderTold(address: string, at: string): Promise<void>;
}

export interface UndeliverableDeps {
  suppression: SuppressionWriter;
  register: Pick<RegisterStore, 'getProvider' | 'replaceProvider' | 'getStaff'>;
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  /** Through the delivery ledger: a retried or concurrent event finds the holder's email already sent. */
  deliver: Deliver;
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

export interface UndeliverableOutcome {
  outcome: 'ignored-transient-bounce' | 'suppressed';
  addresses: number;
  contactsMarked: number;
  holdersTold: number;
}

const tag = (detail: SesDeliverabilityDetail, name: string) => detail.mail.tags?.[name]?.[0] ?? null;

export async function markUndeliverable(
  deps: UndeliverableDeps,
  detail: SesDeliverabilityDetail,
  context: ChangeContext,
): Promise<UndeliverableOutcome> {
  const complaint = detail.eventType === 'Complaint';
  if (!complaint && detail.bounce?.bounceType !== 'Permanent') {
    return { outcome: 'ignored-transient-bounce', addresses: 0, contactsMarked: 0, holdersTold: 0 };
  }
  const reason = complaint ? 'complaint' : 'bounce';
  const addresses = [
    ...new Set(
      (complaint ? detail.complaint?.complainedRecipients : detail.bounce?.bouncedRecipients)?.map((recipient) =>
        recipient.emailAddress.toLowerCase(),
      ) ?? [],
    ),
  ];
  const providerId = tag(detail, 'providerId');
  const contactId = tag(detail, 'contactId');
  const at = context.now.toISOString();
  const why = complaint
    ? 'drew a complaint'
    : `bounced for good (${[detail.bounce?.bounceType, detail.bounce?.bounceSubType].filter(Boolean).join('/')})`;
  const result: UndeliverableOutcome = {
    outcome: 'suppressed',
    addresses: addresses.length,
    contactsMarked: 0,
    holdersTold: 0,
  };

  for (const address of addresses) {
    const entry = await deps.suppression.suppress({ address, reason, detail: why, at, providerId, contactId });
    if (!providerId) continue;
    const provider = await deps.register.getProvider(providerId);
    if (!provider) continue;
    const contacts = provider.contacts.filter((contact) => contact.email.toLowerCase() === address);
    if (contacts.length === 0) continue;
    result.contactsMarked += await markContacts(deps, provider, address, reason, context);
    if (entry.holderToldAt) continue;
    const holder = await holderOf(deps, providerId, londonDate(context.now));
    if (!holder) {
      logger.warn('An undeliverable contact with no holder to tell', { providerId });
      continue;
    }
    const email: OutgoingEmail = {
      // One a holder an address: the address is hashed so the key holds no personal data.
      key: {
        pk: `UNDELIVERABLE#${createHash('sha256').update(address).digest('base64url')}`,
        sk: `DELIVERY#address-undeliverable#${holder.staffId}`,
      },
      template: 'address-undeliverable',
      to: { name: holder.name, email: holder.email },
      data: {
        recipientName: holder.name,
        contactName: contacts.map((contact) => contact.name).join(', '),
        providerName: provider.name,
        reason: why,
        // Issue 15: the provider's page, where its contacts are kept.
        workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'provider', providerId }),
      },
      tags: { kind: 'address-undeliverable', providerId },
    };
    const report = await deps.deliver([email]);
    // Not sent for now: fail the event, so EventBridge retries it (the ledger keeps it to one email).
    if (!allDelivered([email], report)) throw new Error('The holder could not be emailed yet');
    await deps.suppression.recordHolderTold(address, at);
    result.holdersTold += 1;
  }
  return result;
}

async function markContacts(
  deps: UndeliverableDeps,
  provider: Provider,
  address: string,
  reason: 'bounce' | 'complaint',
  context: ChangeContext,
): Promise<number> {
  const toMark = provider.contacts.filter(
    (contact) => contact.email.toLowerCase() === address && !contact.undeliverable,
  );
  if (toMark.length === 0) return 0;
  const since = context.now.toISOString();
  const changed: Provider = {
    ...provider,
    contacts: provider.contacts.map((contact) =>
      toMark.includes(contact) ? { ...contact, undeliverable: { since, reason } } : contact,
    ),
    ...nextVersion(provider, context.actor, context.now),
  };
  await deps.register.replaceProvider(changed, provider.version, [
    auditEntry({
      auditId: context.newId(),
      providerId: provider.providerId,
      entityType: 'provider',
      entityId: provider.providerId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      before: { undeliverable: [] },
      after: { undeliverable: toMark.map((contact) => contact.contactId), reason },
    }),
  ]);
  return toMark.length;
}

/** Who is asked for the new address: the holder now (R-REL-2), or whoever covers for them today (R-TEAM-5). */
async function holderOf(deps: UndeliverableDeps, providerId: string, day: string) {
  const current = await deps.relationships.currentRelationships(providerId);
  const order = ['provider', 'corporate', 'location'];
  const chosen = [...current].sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope))[0];
  return chosen ? ((await holderResolver(deps, day).actingOn(chosen.staffId))?.staff ?? null) : null;
}
