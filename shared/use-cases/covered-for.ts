import { actingFor } from '../domain/cover.ts';
import type { Staff } from '../schemas/staff.ts';
import { MAX_COVER_CHAIN } from './current-holder.ts';
import type { RegisterStore } from './ports.ts';

/**
 * The people `staffId` acts for on `day` (R-TEAM-5, R-REL-2): those away whose cover is them, and, where that
 * cover is away too, those whose cover is the cover, and so on, as far as the emails follow it
 * (up to MAX_COVER_CHAIN people, the holder resolver’s bound). The index only finds candidates; whom the person acts
 * for is decided by the one rule, actingFor (shared/domain/cover.ts), on the records read, so a dashboard and
 * an email never disagree.
 * Course: 1. who names me as cover today (one Query of gsi3 `COVERING#<me>`); if anyone, my record (GetItem)
 *         2. for each of them, who names them (one Query each), up to MAX_COVER_CHAIN people in all
 *         3. keep those actingFor sends to me.
 * Cost: 1 Query when nobody names me; else 1 GetItem + 1 Query per person in the chain.
 */
export async function coveredFor(
  register: Pick<RegisterStore, 'coveredBy' | 'getStaff'>,
  staffId: string,
  day: string,
): Promise<Staff[]> {
  // Most people cover nobody: their record is read only when someone names them (one Query otherwise).
  const first = await register.coveredBy(staffId, day);
  if (first.length === 0) return [];
  const me = await register.getStaff(staffId);
  if (!me) return [];
  const known = new Map<string, Staff>([[staffId, me]]);
  const candidates: Staff[] = [];
  let frontier = first;
  for (let link = 1; frontier.length > 0; link += 1) {
    const fresh = frontier.filter((person) => !known.has(person.staffId));
    for (const person of fresh) known.set(person.staffId, person);
    candidates.push(...fresh);
    // coveredBy answers only people away on the day, so work reaching them passes on along the chain.
    frontier =
      link < MAX_COVER_CHAIN - 1
        ? (await Promise.all(fresh.map((person) => register.coveredBy(person.staffId, day)))).flat()
        : [];
  }
  return candidates.filter((person) => actingFor(person.staffId, day, (id) => known.get(id)).staffId === staffId);
}
