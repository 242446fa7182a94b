import { auditEntry } from '../domain/bookkeeping.ts';
import { minutesBetween } from '../domain/contact/route-submission.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import type { Submission } from '../schemas/contact.ts';
import { type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import type { ChangeContext, ContactStore, Page, PageRequest, RegisterStore } from './ports.ts';

/**
 * Staff answer or close what a provider sent (R-PRV-1..4). The first answer stops the clock on the time
 * to first response (R-PRV-4); the provider is emailed each answer, with their contact link to reply.
 */
export interface SubmissionDeps {
  register: RegisterStore;
  contact: ContactStore;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
}

export async function findSubmission(deps: Pick<SubmissionDeps, 'contact'>, reference: string): Promise<Submission> {
  const submission = await deps.contact.getSubmission(reference);
  if (!submission) throw new NotFoundError(`No submission ${reference}`);
  return submission;
}

export async function providerSubmissions(
  deps: Pick<SubmissionDeps, 'contact' | 'register'>,
  providerId: string,
  request: PageRequest,
): Promise<Page<Submission>> {
  const page = await deps.contact.listProviderSubmissions(providerId, request);
  if (page.items.length === 0 && !(await deps.register.getProvider(providerId))) {
    throw new NotFoundError('No such provider');
  }
  return page;
}

/** Stores a change to a submission if nobody changed it meanwhile (409), with its audit entry. */
async function storeChange(
  deps: Pick<SubmissionDeps, 'contact'>,
  before: Submission,
  after: Submission,
  audited: { before: Record<string, unknown>; after: Record<string, unknown> },
  context: ChangeContext,
  owed: readonly OutgoingEmail[] = [],
): Promise<void> {
  await deps.contact.replaceSubmission(
    after,
    before.version,
    [
      auditEntry({
        auditId: context.newId(),
        providerId: before.providerId,
        entityType: 'submission',
        entityId: before.reference,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        ...audited,
      }),
    ],
    owed,
  );
}

/**
 * Course: 1. the submission exists (404) and is not closed (409)  2. add the answer; the first one sets
 *   the time to first response; stored if nobody changed it meanwhile (409), audited, with the email to the
 *   contact in the outbox  3. send it through the delivery ledger (the next run does, if SES fails now).
 */
export async function answerSubmission(
  deps: SubmissionDeps,
  reference: string,
  text: string,
  links: { key: Buffer; baseUrl: string },
  context: ChangeContext,
): Promise<Submission> {
  const submission = await findSubmission(deps, reference);
  if (submission.status === 'closed') throw new ConflictError(`${reference} is closed: it takes no more answers`);
  const at = context.now.toISOString();
  const first = submission.firstResponseAt === null;
  const answered: Submission = {
    ...submission,
    status: 'answered',
    answers: [...submission.answers, { text, answeredAt: at, answeredBy: `staff:${context.actor.id}` }],
    firstResponseAt: submission.firstResponseAt ?? at,
    minutesToFirstResponse: submission.minutesToFirstResponse ?? minutesBetween(submission.submittedAt, at),
    version: submission.version + 1,
  };
  // The email to the contact is stored with the answer (the outbox) and sent through the ledger.
  const provider = await deps.register.getProvider(submission.providerId);
  const contact = provider?.contacts.find((candidate) => candidate.contactId === submission.contactId);
  const answerer = await deps.register.getStaff(context.actor.id);
  const owed: OutgoingEmail[] = contact
    ? [
        {
          key: { pk: `SUBMISSION#${reference}`, sk: `DELIVERY#submission-answered#${answered.answers.length}` },
          template: 'submission-answered',
          to: { name: contact.name, email: contact.email },
          data: {
            recipientName: contact.name,
            reference,
            answer: text,
            answererName: answerer?.name ?? 'The Care Quality Commission',
            contactLink: contactLink(submission, links, context.now),
          },
          tags: { kind: 'submission-answered', providerId: submission.providerId, contactId: contact.contactId },
        },
      ]
    : [];
  await storeChange(
    deps,
    submission,
    answered,
    {
      before: { status: submission.status, answers: submission.answers.length },
      after: {
        status: answered.status,
        answers: answered.answers.length,
        ...(first ? { minutesToFirstResponse: answered.minutesToFirstResponse } : {}),
      },
    },
    context,
    owed,
  );
  await sendOwedNow(deps.deliver, owed);
  return answered;
}

/** Course: 1. the submission exists (404) and is still open or answered (409 if closed)  2. close it, audited. */
export async function closeSubmission(
  deps: Pick<SubmissionDeps, 'contact'>,
  reference: string,
  reason: string,
  context: ChangeContext,
): Promise<Submission> {
  const submission = await findSubmission(deps, reference);
  if (submission.status === 'closed') throw new ConflictError(`${reference} is already closed`);
  const closed: Submission = {
    ...submission,
    status: 'closed',
    closedAt: context.now.toISOString(),
    closeReason: reason,
    version: submission.version + 1,
  };
  await storeChange(
    deps,
    submission,
    closed,
    { before: { status: submission.status }, after: { status: 'closed', reason } },
    context,
  );
  return closed;
}
