import { auditEntry } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { dayInWords } from '../domain/emails/in-words.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import type { CreateInformationRequestInput, InformationRequest } from '../schemas/contact.ts';
import { type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import type { ChangeContext, ContactStore, Page, PageRequest, RegisterStore } from './ports.ts';

/**
 * R-PRV-5: when monitoring suggests a significant improvement or deterioration, the holder asks the
 * provider to explain, by a due date. The provider answers through their contact page; open requests
 * sit on a sparse index by due date, so the daily run finds those coming due or past due with one Query.
 */
export interface RequestDeps {
  register: RegisterStore;
  contact: ContactStore;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
}

/**
 * Course: 1. the provider exists (404) and has a contact (409); the due date is not in the past (400)  2. store the request and
 *   its information item (R-TPL-1), audited  3. email every contact the question, with their contact link.
 */
export async function requestInformation(
  deps: RequestDeps,
  providerId: string,
  input: CreateInformationRequestInput,
  links: { key: Buffer; baseUrl: string },
  context: ChangeContext & { newReference: () => string },
): Promise<InformationRequest> {
  const provider = await deps.register.getProvider(providerId);
  if (!provider) throw new NotFoundError('No such provider');
  if (provider.contacts.length === 0) throw new ConflictError('The provider has no contact to ask: add one first');
  const today = londonDate(context.now);
  if (input.dueOn < today) {
    throw new ValidationError(`dueOn must be today (${today}) or later`, [
      { path: 'body.dueOn', message: 'must not be in the past' },
    ]);
  }
  const requester = await deps.register.getStaff(context.actor.id);
  const at = context.now.toISOString();
  const request: InformationRequest = {
    reference: context.newReference(),
    providerId,
    providerName: provider.name,
    signal: input.signal,
    question: input.question,
    dueOn: input.dueOn,
    infoId: input.infoId ?? null,
    requestedBy: context.actor.id,
    requestedByName: requester?.name ?? 'Care Quality Commission',
    requestedAt: at,
    status: 'open',
    answer: null,
    version: 1,
  };
  const owed: OutgoingEmail[] = reachableContacts(provider.contacts).map((contact) => ({
    key: { pk: `REQUEST#${request.reference}`, sk: `DELIVERY#information-requested#${contact.contactId}` },
    template: 'information-requested',
    to: { name: contact.name, email: contact.email },
    data: {
      recipientName: contact.name,
      providerName: provider.name,
      reference: request.reference,
      question: request.question,
      dueOn: dayInWords(request.dueOn),
      requesterName: request.requestedByName,
      contactLink: contactLink({ providerId, contactId: contact.contactId }, links, context.now),
    },
    tags: { kind: 'information-requested', providerId, contactId: contact.contactId },
  }));
  await deps.contact.createInformationRequest(
    request,
    {
      infoId: context.newId(),
      providerId,
      kind: 'information-request',
      occurredOn: today,
      source: `${request.requestedByName}, ${request.reference}`,
      // Copy people read (the template shows it to the provider): the due day in words, not ISO.
      summary: `${request.question} (significant ${request.signal}; due by ${dayInWords(request.dueOn)})`,
      sensitive: false,
      recordedAt: at,
      recordedBy: `staff:${context.actor.id}`,
      reference: request.reference,
    },
    [
      auditEntry({
        auditId: context.newId(),
        providerId,
        entityType: 'information-request',
        entityId: request.reference,
        action: 'created',
        actor: context.actor,
        now: context.now,
        before: null,
        after: { signal: request.signal, dueOn: request.dueOn },
      }),
    ],
    owed,
  );
  await sendOwedNow(deps.deliver, owed);
  return request;
}

export async function providerInformationRequests(
  deps: Pick<RequestDeps, 'contact' | 'register'>,
  providerId: string,
  request: PageRequest,
): Promise<Page<InformationRequest>> {
  const page = await deps.contact.listProviderInformationRequests(providerId, request);
  if (page.items.length === 0 && !(await deps.register.getProvider(providerId))) {
    throw new NotFoundError('No such provider');
  }
  return page;
}
