import type { ProviderCommented } from '../definitions/events.ts';
import { logger } from '../observability/logger.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Staff } from '../schemas/staff.ts';
import type { ProviderComment } from '../schemas/template.ts';
import { allDelivered, type Deliver, type OutgoingEmail } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { MeetingStore, RegisterStore, TemplateStore } from './ports.ts';
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
      count: String(comments.length),
      meetingTitle: meetingTitle(meeting),
      meetingDate: meeting.startsAt ? londonDateTime(meeting.startsAt) : meeting.dueBy,
      meetingId: meeting.meetingId,
    },
    tags: { kind: 'provider-commented', meetingId: meeting.meetingId, providerId: meeting.providerId },
  };
}

/** Who is told of a meeting's comments: its holder, else its lead. */
export async function holderOf(register: Pick<RegisterStore, 'getStaff'>, meeting: Meeting): Promise<Staff | null> {
  const holderId = meeting.holderStaffId ?? meeting.lead?.staffId;
  return holderId ? register.getStaff(holderId) : null;
}

/**
 * A ProviderCommented event (published before the outbox took over; kept so none is lost in a deploy).
 * Course: 1. read the meeting and the comments the event names  2. find the holder (else the lead)
 *         3. send the same email the outbox holds, through the ledger: once, whichever sends it first.
 * A meeting with nobody to tell is logged, not failed: retrying would not find anyone either.
 */
export async function notifyHolderOfComments(
  deps: { register: RegisterStore; meetings: MeetingStore; templates: TemplateStore; deliver: Deliver },
  event: ProviderCommented,
): Promise<'sent' | 'nobody-to-tell'> {
  const meeting = await deps.meetings.getMeeting(event.meetingId);
  const holder = meeting ? await holderOf(deps.register, meeting) : null;
  if (!meeting || !holder) {
    logger.warn('Provider comments with nobody to tell', { meetingId: event.meetingId });
    return 'nobody-to-tell';
  }
  const named = new Set(event.commentIds);
  const comments = (await deps.templates.comments(event.meetingId))
    .filter((comment) => named.has(comment.commentId))
    .sort((a, b) => event.commentIds.indexOf(a.commentId) - event.commentIds.indexOf(b.commentId));
  const email = holderNoticeOfComments(meeting, holder, comments);
  const report = await deps.deliver([email]);
  // Not sent for now (SES down): fail, so EventBridge retries the event.
  if (!allDelivered([email], report)) throw new Error('The holder could not be emailed yet');
  return 'sent';
}
