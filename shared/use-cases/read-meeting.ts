import { londonDate } from '../domain/calendar.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { MeetingAsRead } from '../schemas/meeting-read.ts';
import { type HolderReads, holderResolver } from './current-holder.ts';
import type { MeetingStore } from './ports.ts';

/**
 * One meeting, with who holds its relationship now (R-REL-2) and, while they are away, who acts for them
 * along the chain of covers (R-TEAM-5): the same resolver the emails use (shared/use-cases/current-holder.ts).
 * Course: 1. the meeting (GetItem)  2. the provider's current relationships (one Query) and the holder's
 *         record, and their cover's while away (one GetItem a link).
 */
export async function readMeeting(
  deps: HolderReads & { meetings: Pick<MeetingStore, 'getMeeting'> },
  meetingId: string,
  now: Date,
): Promise<MeetingAsRead> {
  const meeting = await deps.meetings.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError('No such meeting');
  const acting = await holderResolver(deps, londonDate(now)).addressHolder(meeting);
  return {
    ...meeting,
    currentHolder: acting
      ? {
          staffId: acting.staff.staffId,
          name: acting.staff.name,
          coveringFor: acting.coveringFor
            ? { staffId: acting.coveringFor.staffId, name: acting.coveringFor.name }
            : null,
        }
      : null,
  };
}
