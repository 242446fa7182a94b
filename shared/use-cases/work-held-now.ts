import { currentHolderId } from '../domain/meetings/current-holder.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Relationship } from '../schemas/relationship.ts';
import type { MeetingStore, RelationshipStore } from './ports.ts';

export interface WorkHeldNowDeps {
  relationships: Pick<RelationshipStore, 'listHeldBy' | 'currentRelationships'>;
  meetings: Pick<MeetingStore, 'openMeetingsOf' | 'openMeetingsOfProvider'>;
}

/** Holder relationships (not corporate leads): the providers whose meetings their holder sees (R-REL-2). */
export const holdsMeetings = (held: Pick<Relationship, 'scope'>) =>
  held.scope === 'provider' || held.scope === 'location';

/** A person's open meetings now, with what each read found, so callers name the holder without reading again. */
export interface OpenMeetingsNow {
  /** Every relationship the person holds now (HOLDER#), corporate leads included. */
  held: Relationship[];
  /** Open meetings whose relationship they hold now, or that they lead (R-CAD-4), each once, soonest first. */
  meetings: Meeting[];
  /** Why each meeting is theirs: holder, lead, or both. */
  why: Map<string, ('holder' | 'lead')[]>;
  /** The current relationships of each provider they hold (read in 2), by provider id. */
  currentOf: Map<string, Relationship[]>;
}

/**
 * The open meetings a member of staff holds or leads **now** (R-REL-2, R-CAD-4), not those filed under them
 * when a meeting was planned (holderStaffId is frozen then).
 * Course: 1. in parallel: the relationships they hold (one Query of HOLDER#) and the meetings filed under them
 *            on gsi3 (one Query), of which only those they lead count
 *         2. per provider or location they hold: its open meetings and current relationships (two Queries),
 *            keeping those whose holder now is them (shared/domain/meetings/current-holder.ts)
 * Bounded: 2 + 2 × (providers held) Queries; a holder holds tens of providers, not thousands.
 */
export async function openMeetingsNow(deps: WorkHeldNowDeps, staffId: string): Promise<OpenMeetingsNow> {
  const [held, filed] = await Promise.all([
    deps.relationships.listHeldBy(staffId),
    deps.meetings.openMeetingsOf(staffId),
  ]);
  const providerIds = [...new Set(held.filter(holdsMeetings).map((relationship) => relationship.providerId))];
  const perProvider = await Promise.all(
    providerIds.map(async (providerId) => {
      const [meetings, current] = await Promise.all([
        deps.meetings.openMeetingsOfProvider(providerId),
        deps.relationships.currentRelationships(providerId),
      ]);
      return { providerId, meetings, current };
    }),
  );
  const found = new Map<string, Meeting>();
  const why = new Map<string, ('holder' | 'lead')[]>();
  const add = (meeting: Meeting, role: 'holder' | 'lead') => {
    found.set(meeting.meetingId, meeting);
    const roles = why.get(meeting.meetingId) ?? [];
    if (!roles.includes(role)) roles.push(role);
    why.set(meeting.meetingId, roles);
  };
  for (const { meetings, current } of perProvider) {
    for (const meeting of meetings) if (currentHolderId(meeting, current) === staffId) add(meeting, 'holder');
  }
  // The lead index also holds meetings filed under the holder at planning (before R-REL-2): only those
  // whose lead is the person count; a holder's own are found above from what they hold today.
  for (const meeting of filed) if (meeting.lead?.staffId === staffId) add(meeting, 'lead');
  return {
    held,
    meetings: [...found.values()].sort((a, b) => (a.startsAt ?? a.dueBy).localeCompare(b.startsAt ?? b.dueBy)),
    why,
    currentOf: new Map(perProvider.map(({ providerId, current }) => [providerId, current])),
  };
}
