import { actingFor, isAbsentOn } from '../domain/cover.ts';
import { hasLeft } from '../domain/leaver.ts';
import { currentHolderId } from '../domain/meetings/current-holder.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Relationship } from '../schemas/relationship.ts';
import type { Staff } from '../schemas/staff.ts';
import type { RegisterStore, RelationshipStore } from './ports.ts';
import { readOnce } from './read-once.ts';

/** Who is addressed on a day: the person who acts, and the person they cover for (R-TEAM-5), if any. */
export interface Addressee {
  staff: Staff;
  coveringFor: Staff | null;
}

/** Reads the resolver needs: a provider's current relationships (one Query) and staff (one GetItem each). */
export interface HolderReads {
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  register: Pick<RegisterStore, 'getStaff'>;
}

/** How far a chain of covers is followed (each link is a GetItem); actingFor stops a loop on its own. */
export const MAX_COVER_CHAIN = 5;

/**
 * R-REL-2: the holder is resolved when it matters, not frozen when a meeting was planned. For one run (a
 * request, a daily run) on one day: each provider's relationships and each member of staff are read once.
 * Course: 1. the provider's current relationships → the holder of the meeting's kind (shared/domain/meetings/current-holder.ts)
 *         2. the holder's record and, while they are away, their cover's (and so on) → actingFor (shared/domain/cover.ts)
 * A holder who has left holds nothing to address: their relationships wait for reallocation (R-TEAM-5).
 */
export function holderResolver(
  deps: HolderReads,
  day: string,
  /** Where the run already reads the provider's relationships with more (the daily run's one Query). */
  currentRelationships: (providerId: string) => Promise<Relationship[]> = (providerId) =>
    deps.relationships.currentRelationships(providerId),
) {
  const relationshipsOf = readOnce(currentRelationships);
  const staffMember = readOnce((staffId) => deps.register.getStaff(staffId));

  /** Who acts for `staffId` on the day (themselves, or their cover), with the staff records read. */
  async function actingOn(staffId: string): Promise<Addressee | null> {
    const known = new Map<string, Staff>();
    let next: string | undefined = staffId;
    for (let link = 0; next && link < MAX_COVER_CHAIN && !known.has(next); link += 1) {
      const member: Staff | null = await staffMember(next);
      if (!member) break;
      known.set(next, member);
      next = isAbsentOn(member, day) ? member.absence?.coverStaffId : undefined;
    }
    const acting = actingFor(staffId, day, (id) => known.get(id));
    const staff = known.get(acting.staffId);
    if (!staff) return null;
    return { staff, coveringFor: acting.coveringFor ? (known.get(acting.coveringFor) ?? null) : null };
  }

  /** The member of staff who holds the meeting's relationship now (not who acts for them): null if nobody. */
  async function holderOf(meeting: Pick<Meeting, 'providerId' | 'level' | 'locationId'>): Promise<Staff | null> {
    const holderId = currentHolderId(meeting, await relationshipsOf(meeting.providerId));
    const holder = holderId ? await staffMember(holderId) : null;
    return holder && !hasLeft(holder, day) ? holder : null;
  }

  return {
    staffMember,
    holderOf,
    actingOn,
    /** Who is addressed for the holder today: the holder, or whoever covers for them (R-REL-2, R-TEAM-5). */
    async addressHolder(meeting: Pick<Meeting, 'providerId' | 'level' | 'locationId'>): Promise<Addressee | null> {
      const holder = await holderOf(meeting);
      return holder ? actingOn(holder.staffId) : null;
    },
    /** Who is addressed for the meeting's lead today: the lead, or whoever covers for them. */
    async addressLead(meeting: Pick<Meeting, 'lead'>): Promise<Addressee | null> {
      return meeting.lead ? actingOn(meeting.lead.staffId) : null;
    },
  };
}

export type HolderResolver = ReturnType<typeof holderResolver>;
