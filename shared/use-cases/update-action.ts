import { changedFields } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors.ts';
import type { Meeting, UpdateActionInput } from '../schemas/meeting.ts';
import type { ChangeContext, MeetingStore } from './ports.ts';

/**
 * Mark an action agreed at a held meeting done, or open again (R-CAD-9: agreed actions "with owner, due
 * date and whether done"). Open actions are carried into the next meeting's template (R-TPL-1).
 * Course: 1. read the meeting (404) at the version read (412)  2. it is held (409: only a held meeting has
 *         agreed actions)  3. the action is one of its own (404)  4. store it, audited; unchanged: nothing.
 */
export async function updateAction(
  deps: { meetings: Pick<MeetingStore, 'getMeeting' | 'replaceMeeting'> },
  meetingId: string,
  actionId: string,
  expectedVersion: number,
  input: UpdateActionInput,
  context: ChangeContext,
): Promise<Meeting> {
  const current = await deps.meetings.getMeeting(meetingId);
  if (!current) throw new NotFoundError('No such meeting');
  if (current.version !== expectedVersion) {
    throw new StaleVersionError('The meeting has changed since you read it: read it again and retry');
  }
  if (current.status !== 'held')
    throw new ConflictError(`The meeting is ${current.status}: it has no agreed actions yet`);
  const action = current.actions.find((candidate) => candidate.actionId === actionId);
  if (!action) throw new NotFoundError('No such action on this meeting');
  if (action.status === input.status) return current;
  const done = input.status === 'done';
  const changed: Meeting = {
    ...current,
    actions: current.actions.map((candidate) =>
      candidate.actionId === actionId
        ? {
            ...candidate,
            status: input.status,
            doneAt: done ? context.now.toISOString() : null,
            doneBy: done ? `${context.actor.type}:${context.actor.id}` : null,
          }
        : candidate,
    ),
    ...nextVersion(current, context.actor, context.now),
  };
  await deps.meetings.replaceMeeting(changed, current, [
    auditEntry({
      auditId: context.newId(),
      providerId: current.providerId,
      entityType: 'meeting',
      entityId: meetingId,
      action: 'updated',
      actor: context.actor,
      now: context.now,
      ...changedFields(current, changed),
    }),
  ]);
  return changed;
}
