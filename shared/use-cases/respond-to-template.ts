import { createHash } from 'node:crypto';
import { auditEntry } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { referenceFrom } from '../domain/contact/reference.ts';
import { ConflictError, type FieldProblem } from '../domain/errors.ts';
import { type LinkClaims, verifyLink } from '../domain/links/provider-link.ts';
import { providerView } from '../domain/templates/compose-template.ts';
import { logger } from '../observability/logger.ts';
import type { Submission } from '../schemas/contact.ts';
import type { Meeting } from '../schemas/meeting.ts';
import { PROVIDER_ADDITION_KINDS, type ProviderComment } from '../schemas/template.ts';
import { type ContactDeps, MAX_CONTACT_TEXT, raiseSubmission } from './contact-the-regulator.ts';
import { type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import { holderNoticeOfComments, holderOf } from './notify-holder.ts';
import type { MeetingStore, RegisterStore, TemplateStore } from './ports.ts';

/**
 * The provider's side of the template (R-TPL-2, R-TPL-3): through their signed link, read what was
 * shared, comment on each section or add an item, until the meeting starts. Every submission is
 * added beside the others (never overwriting), with who sent it, when, and the version it answers;
 * the holder is told (R-TPL-4) by an email written to the outbox in the same transaction as the comments,
 * so no failure after the commit can lose it or make the provider send the comments twice.
 */
export interface RespondDeps {
  register: RegisterStore;
  meetings: MeetingStore;
  templates: TemplateStore;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

export type RespondView =
  | { kind: 'refused' }
  | { kind: 'closed'; providerName: string | null; meetingTitle: string | null }
  | {
      kind: 'open';
      claims: LinkClaims;
      meeting: Meeting;
      meetingTitle: string;
      providerName: string;
      contactName: string;
      sections: ReturnType<typeof providerView>;
      earlier: ProviderComment[];
    };

export async function openResponse(deps: RespondDeps, token: string, key: Buffer, now: Date): Promise<RespondView> {
  const check = verifyLink(token, key, now);
  if (!check.ok && check.reason === 'refused') return { kind: 'refused' };
  const claims = check.claims;
  if (claims?.purpose !== 'respond' || !claims.meetingId) return { kind: 'refused' };
  const meeting = await deps.meetings.getMeeting(claims.meetingId);
  // A link for another provider, or one replaced by a later share, is refused like a forged one.
  if (!meeting || meeting.providerId !== claims.providerId || meeting.share?.shareId !== claims.shareId) {
    return { kind: 'refused' };
  }
  // The window is the meeting's, not the link's: a meeting rescheduled after the share moves its close
  // (share.closesAt follows startsAt), so a link signed for the old start works until the new one. The
  // signature and the share id (checked above) are what make the link genuine.
  const closesAt = meeting.share?.closesAt ?? meeting.startsAt;
  const closed =
    meeting.status !== 'booked' ||
    !meeting.startsAt ||
    !closesAt ||
    Math.min(new Date(meeting.startsAt).getTime(), new Date(closesAt).getTime()) <= now.getTime();
  if (closed) return { kind: 'closed', providerName: meeting.providerName, meetingTitle: meetingTitle(meeting) };
  const [provider, template, comments] = await Promise.all([
    deps.register.getProvider(meeting.providerId),
    deps.templates.templateVersion(meeting.meetingId, meeting.share?.templateVersion ?? 0),
    deps.templates.comments(meeting.meetingId),
  ]);
  const contact = provider?.contacts.find((candidate) => candidate.contactId === claims.contactId);
  if (!provider || !contact || !template) return { kind: 'refused' };
  return {
    kind: 'open',
    claims,
    meeting,
    meetingTitle: meetingTitle(meeting),
    providerName: provider.name,
    contactName: contact.name,
    sections: providerView(template),
    earlier: comments,
  };
}

export interface ResponseForm {
  /** By section id; blank ones are ignored. */
  comments: Record<string, string>;
  /** R-PRV-1: a concern added here carries the action being taken, as on the contact page. */
  addition: { kind: string; text: string; actionTaken: string };
}

export const MAX_COMMENT_LENGTH = 4000;

export function checkResponse(form: ResponseForm, sectionIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [sectionId, text] of Object.entries(form.comments)) {
    if (!sectionIds.includes(sectionId))
      problems.push({ path: `comment-${sectionId}`, message: 'This section is not in the template' });
    else if (text.length > MAX_COMMENT_LENGTH) {
      problems.push({
        path: `comment-${sectionId}`,
        message: `Comment must be ${MAX_COMMENT_LENGTH} characters or fewer`,
      });
    }
  }
  const { kind, text } = form.addition;
  if (text.trim() && !(PROVIDER_ADDITION_KINDS as readonly string[]).includes(kind)) {
    problems.push({ path: 'addition-kind', message: 'Select what kind of item you are adding' });
  }
  if (kind && !text.trim()) problems.push({ path: 'addition-text', message: 'Enter the item you want to add' });
  if (text.length > MAX_COMMENT_LENGTH) {
    problems.push({ path: 'addition-text', message: `Item must be ${MAX_COMMENT_LENGTH} characters or fewer` });
  }
  // R-PRV-1: the same question the contact page asks of a concern, with the same words.
  const actionTaken = form.addition.actionTaken ?? '';
  if (kind === 'concern' && text.trim() && !actionTaken.trim()) {
    problems.push({ path: 'addition-action', message: 'Enter the action you are taking about the concern' });
  } else if (actionTaken.length > MAX_CONTACT_TEXT) {
    problems.push({ path: 'addition-action', message: `The action must be ${MAX_CONTACT_TEXT} characters or fewer` });
  }
  const anything = Object.values(form.comments).some((comment) => comment.trim()) || text.trim();
  if (problems.length === 0 && !anything) {
    problems.push({
      path: `comment-${sectionIds[0] ?? 'other'}`,
      message: 'Enter a comment on a section, or add an item',
    });
  }
  return problems;
}

/**
 * What makes two posts the same submission: the share, the contact and what they wrote. A browser or
 * proxy that sends the same form again (a double click, a retried POST) is told it was received, once.
 */
export function submissionKey(claims: Pick<LinkClaims, 'shareId' | 'contactId'>, form: ResponseForm): string {
  const comments = Object.entries(form.comments)
    .filter(([, text]) => text.trim())
    .map(([sectionId, text]) => [sectionId, text.trim()])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  const addition = form.addition.text.trim()
    ? [
        form.addition.kind,
        form.addition.text.trim(),
        ...(form.addition.kind === 'concern' ? [form.addition.actionTaken.trim()] : []),
      ]
    : null;
  return createHash('sha256')
    .update(JSON.stringify([claims.shareId ?? '', claims.contactId, comments, addition]))
    .digest('base64url');
}

/** What raising a concern from the template page needs beyond the template's own stores (R-PRV-1). */
export type ConcernDeps = Pick<ContactDeps, 'relationships' | 'contact' | 'policy' | 'teams' | 'staffChanges'>;

/**
 * A concern's reference made from the submission itself, so the same form posted again (or retried after
 * a failure between the two transactions) finds the submission already raised instead of raising another.
 */
const concernReference = (key: string) =>
  referenceFrom(createHash('sha256').update(`concern:${key}`).digest().subarray(0, 5));

/**
 * R-PRV-1: a concern added on the template page becomes a submission exactly as one sent from the contact
 * page: raiseSubmission gives it its reference, routing and response clock and acknowledges it by email.
 * Answers the submission, raised now or by the same form posted before.
 */
async function raiseConcern(
  deps: RespondDeps & ConcernDeps,
  view: Extract<RespondView, { kind: 'open' }>,
  form: ResponseForm,
  context: { now: Date; newId: () => string; links: { key: Buffer; baseUrl: string } },
): Promise<Submission> {
  const provider = await deps.register.getProvider(view.meeting.providerId);
  const contact = provider?.contacts.find((candidate) => candidate.contactId === view.claims.contactId);
  if (!provider || !contact) throw new ConflictError('The contact is no longer one of the provider’s');
  const reference = concernReference(submissionKey(view.claims, form));
  try {
    return await raiseSubmission(
      deps,
      { provider, contact },
      { kind: 'concern', details: form.addition.text, actionTaken: form.addition.actionTaken },
      { ...context, newReference: () => reference, workspaceOrigin: deps.workspaceOrigin },
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const earlier = await deps.contact.getSubmission(reference);
    if (earlier?.providerId !== provider.providerId || earlier.contactId !== contact.contactId) throw error;
    return earlier;
  }
}

/**
 * Store a provider's submission (R-TPL-3) and tell the holder (R-TPL-4); a concern added among it is also
 * raised as a submission (R-PRV-1), with its reference, routing and response clock.
 * Course: 1. a concern: raised through the contact page's use case, first (its reference is made from the
 *            submission, so a second post finds it rather than raising another)  2. the comments, their audit
 *            entry, a marker of the submission (the same form posted again is refused by it, so nothing is
 *            stored twice) and the holder's email (the outbox), in one transaction  3. send the holder's email
 *            now, through the ledger; if that fails it stays owed and the next run sends it, and the provider
 *            still sees their confirmation.
 * Answers the comments stored (none when the same submission was already received) and the concern's
 * submission, if one was added.
 */
export async function submitResponse(
  deps: RespondDeps & ConcernDeps,
  view: Extract<RespondView, { kind: 'open' }>,
  form: ResponseForm,
  context: { now: Date; newId: () => string; links: { key: Buffer; baseUrl: string } },
): Promise<{ comments: ProviderComment[]; concern: Submission | null }> {
  const { meeting, claims } = view;
  const { now, newId } = context;
  const concern =
    form.addition.kind === 'concern' && form.addition.text.trim()
      ? await raiseConcern(deps, view, form, context)
      : null;
  const base = {
    meetingId: meeting.meetingId,
    shareId: claims.shareId ?? '',
    templateVersion: meeting.share?.templateVersion ?? 0,
    contactId: claims.contactId,
    contactName: view.contactName,
    submittedAt: now.toISOString(),
  };
  const comments: ProviderComment[] = [
    ...Object.entries(form.comments)
      .filter(([, text]) => text.trim())
      .map(([sectionId, text]) => ({ ...base, commentId: newId(), sectionId, addition: null, text: text.trim() })),
    ...(form.addition.text.trim()
      ? [
          {
            ...base,
            commentId: newId(),
            sectionId: null,
            addition: form.addition.kind as ProviderComment['addition'],
            text: concern
              ? `${form.addition.text.trim()} Action being taken: ${form.addition.actionTaken.trim()} (${concern.reference})`
              : form.addition.text.trim(),
          },
        ]
      : []),
  ];
  // R-REL-2: whoever holds the relationship now (or covers for them today), not who held it when planned.
  const holder = await holderOf(deps, meeting, londonDate(now));
  const owed: OutgoingEmail[] = holder ? [holderNoticeOfComments(meeting, holder, comments, deps.workspaceOrigin)] : [];
  const stored = await deps.templates.addComments(
    comments,
    [
      auditEntry({
        auditId: newId(),
        providerId: meeting.providerId,
        entityType: 'template-comment',
        entityId: meeting.meetingId,
        action: 'created',
        actor: { type: 'provider-contact', id: claims.contactId, providerId: meeting.providerId },
        now,
        before: null,
        after: { commentIds: comments.map((comment) => comment.commentId), templateVersion: base.templateVersion },
      }),
    ],
    // On the dashboard of the person told (R-TPL-4): the holder at that moment, or their cover.
    holder?.staffId ?? null,
    { submissionKey: submissionKey(claims, form), owed },
  );
  if (stored === 'duplicate') {
    logger.info('Provider comments already received', { meetingId: meeting.meetingId });
    return { comments: [], concern };
  }
  logger.info('Provider comments stored; holder notice owed', {
    meetingId: meeting.meetingId,
    comments: comments.length,
    owed: owed.length,
  });
  await sendOwedNow(deps.deliver, owed);
  return { comments, concern };
}
