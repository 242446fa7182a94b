import type { Meeting } from '../../schemas/meeting.ts';
import type { Relationship } from '../../schemas/relationship.ts';
import type { TeamAssignment } from '../../schemas/team.ts';

type Held = Pick<Relationship, 'scope' | 'locationId' | 'staffId'>;

/**
 * Who holds the relationship a meeting belongs to **now** (R-REL-2), from the provider's current
 * relationships: for a location meeting the holder of that location, for a provider meeting the provider
 * holder. A location meeting whose location has no holder of its own (R-REL-6 ended most of them) falls back
 * to the provider holder, who sees what happens at each of the provider's locations (R-REL-3). Corporate
 * leads are not holders. null when nobody holds it: the meeting's lead and the team still hear (R-CAD-8).
 * Pure: the caller passes the provider's current relationships.
 */
export function currentHolderId(
  meeting: Pick<Meeting, 'level' | 'locationId'>,
  current: readonly Held[],
): string | null {
  const provider = current.find((held) => held.scope === 'provider');
  if (meeting.level === 'location' && meeting.locationId) {
    const location = current.find((held) => held.scope === 'location' && held.locationId === meeting.locationId);
    if (location) return location.staffId;
  }
  return provider?.staffId ?? null;
}

/**
 * The team responsible for a meeting's provider (R-TEAM-2): the location's own team for a location meeting
 * whose location has one, else the provider's. null when the provider has no team yet (issue 14 item 7:
 * its escalations go to the admins). Pure.
 */
export function responsibleTeamId(
  meeting: Pick<Meeting, 'level' | 'locationId'>,
  assignments: readonly Pick<TeamAssignment, 'scope' | 'locationId' | 'teamId'>[],
): string | null {
  if (meeting.level === 'location' && meeting.locationId) {
    const own = assignments.find((a) => a.scope === 'location' && a.locationId === meeting.locationId);
    if (own) return own.teamId;
  }
  return assignments.find((a) => a.scope === 'provider')?.teamId ?? null;
}
