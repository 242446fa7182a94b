import type { ProviderCommented } from '../definitions/events.ts';
import { londonDate } from '../domain/calendar.ts';
import { dayInWords } from '../domain/emails/in-words.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import { logger } from '../observability/logger.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Staff } from '../schemas/staff.ts';
import type { ProviderComment } from '../schemas/template.ts';
import { type HolderReads, holderResolver } from './current-holder.ts';
import { allDelivered, type Deliver, type OutgoingEmail } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { MeetingStore, RegisterStore, RelationshipStore, TemplateStore } from './ports.ts';
import { londonDateTime } from './pre-meeting-template.ts';

/**
 * R-TPL-4: the holder (else the lead) is told when the provider comments. The provider page writes this
 * email to the outbox in the same transaction as the comments (shared/use-cases/respond-to-template.ts);
 * its delivery key is the submission's first comment, so however it is sent (at once, by a later run, or
 * for a ProviderCommented event still on the bus from before the outbox) it goes once.
 */
export function holderNoticeOfComments(
  meeting: Meeting,
  holder: Staff,
  comments: readonly ProviderComment[],
  workspaceOrigin: string,
): OutgoingEmail {
  const first = comments[0];
  return {
    key: { pk: `MEETING#${meeting.meetingId}`, sk: `DELIVERY#provider-commented#${first?.commentId ?? 'none'}` },
    template: 'provider-commented',
    to: { name: holder.name, email: holder.email },
    data: {
      recipientName: holder.name,
      contactName: first?.contactName ?? 'A contact',
      providerName: meeting.providerName,
      comments: comments.length === 1 ? 'a comment' : `${comments.length} comments`,
      meetingTitle: meetingTitle(meeting),
      meetingDate: meeting.startsAt ? londonDateTime(meeting.startsAt) : dayInWords(meeting.dueBy),
      // Issue 15: the template page, where the comments are read beside what they comment on.
      workspaceLink: workspaceUrl(workspaceOrigin, { page: 'template', meetingId: meeting.meetingId }),
    },
    tags: { kind: 'provider-commented', meetingId: meeting.meetingId, providerId: meeting.providerId },
  };
}

/**
 * Who is told of a meeting's comments (R-TPL-4, R-REL-2): whoever holds its relationship at that moment, or
 * covers for them that day (R-TEAM-5); else the lead (or their cover). Not the holder when it was planned.
 */
export async function holderOf(deps: HolderReads, meeting: Meeting, day: string): Promise<Staff | null> {
  const people = holderResolver(deps, day);
  const told = (await people.addressHolder(meeting)) ?? (await people.addressLead(meeting));
  return told?.staff ?? null;
}

/**
 * A ProviderCommented event (published before the outbox took over; kept so none is lost in a deploy).
 * Course: 1. read the meeting and the comments the event names  2. find the holder now, or their cover (else the lead)
 *         3. send the same email the outbox holds, through the ledger: once, whichever sends it first.
 * A meeting with nobody to tell is logged, not failed: retrying would not find anyone either.
 */
export async function notifyHolderOfComments(
  deps: {
    register: RegisterStore;
    relationships: Pick<RelationshipStore, 'currentRelationships'>;
    meetings: MeetingStore;
    templates: TemplateStore;
    deliver: Deliver;
    workspaceOrigin: string;
  },
  event: ProviderCommented,
  now: Date = new Date(),
): Promise<'sent' | 'nobody-to-tell'> {
  const meeting = await deps.meetings.getMeeting(event.meetingId);
  const holder = meeting ? await holderOf(deps, meeting, londonDate(now)) : null;
  if (!meeting || !holder) {
    logger.warn('Provider comments with nobody to tell', { meetingId: event.meetingId });
    return 'nobody-to-tell';
  }
  const named = new Set(event.commentIds);
  const comments = (await deps.templates.comments(event.meetingId))
    .filter((comment) => named.has(comment.commentId))
    .sort((a, b) => event.commentIds.indexOf(a.commentId) - event.commentIds.indexOf(b.commentId));
  const email = holderNoticeOfComments(meeting, holder, comments, deps.workspaceOrigin);
  const report = await deps.deliver([email]);
  // Not sent for now (SES down): fail, so EventBridge retries the event.
  if (!allDelivered([email], report)) throw new Error('The holder could not be emailed yet');
  return 'sent';
}
