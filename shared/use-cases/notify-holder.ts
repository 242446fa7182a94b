import type { ProviderCommented } from '../definitions/events.ts';
import { logger } from '../observability/logger.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { Mailer, MeetingStore, RegisterStore, TemplateStore } from './ports.ts';

/**
 * R-TPL-4: the holder is told when the provider comments.
 * Course: 1. read the meeting and the comments the event names  2. find the holder (else the lead)
 *         3. email them who commented and how much, pointing to where to read it.
 * A meeting with nobody to tell is logged, not failed: retrying would not find anyone either.
 */
export async function notifyHolderOfComments(
  deps: { register: RegisterStore; meetings: MeetingStore; templates: TemplateStore; mailer: Mailer },
  event: ProviderCommented,
): Promise<'sent' | 'nobody-to-tell'> {
  const meeting = await deps.meetings.getMeeting(event.meetingId);
  const holderId = meeting?.holderStaffId ?? meeting?.lead?.staffId;
  const holder = holderId ? await deps.register.getStaff(holderId) : null;
  if (!meeting || !holder) {
    logger.warn('Provider comments with nobody to tell', { meetingId: event.meetingId });
    return 'nobody-to-tell';
  }
  const comments = (await deps.templates.comments(event.meetingId)).filter((comment) =>
    event.commentIds.includes(comment.commentId),
  );
  await deps.mailer.sendTemplated('provider-commented', holder, {
    recipientName: holder.name,
    contactName: comments[0]?.contactName ?? 'A contact',
    providerName: meeting.providerName,
    count: String(comments.length),
    meetingTitle: meetingTitle(meeting),
    meetingDate: meeting.startsAt
      ? new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'short' }).format(
          new Date(meeting.startsAt),
        )
      : meeting.dueBy,
    meetingId: meeting.meetingId,
  });
  return 'sent';
}
