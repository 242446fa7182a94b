/**
 * R-CAD-8, R-TEAM-3: who is told of an overdue meeting, and the one digest each of them gets.
 * Pure: the caller resolves the people (the holder now and who acts for them, the lead, the team's
 * operations manager) and passes them in.
 */

/** Why someone is told of an overdue meeting. */
export type OverdueRole = 'holder' | 'lead' | 'operations-manager' | 'admin';

export interface OverdueRecipient {
  staffId: string;
  role: OverdueRole;
  /** Set when the person is told because they cover for the one who would be (R-TEAM-5). */
  coveringFor: string | null;
}

/**
 * The people told of one overdue meeting (R-CAD-8): whoever acts for the current holder, whoever acts for
 * the lead, and whoever acts for the operations manager of the provider's team (R-TEAM-3); a provider
 * with no team yet (or a team with no operations manager) goes to the admins instead (issue 14 item 7),
 * never to every operations manager.
 * Someone in two roles is told once, under the first (holder, lead, operations manager).
 */
export function overdueRecipients(people: {
  holder: { staffId: string; coveringFor: string | null } | null;
  lead: { staffId: string; coveringFor: string | null } | null;
  /** Whoever acts for the operations manager of the provider's team; null when it has no team, or its team none. */
  operationsManager: { staffId: string; coveringFor: string | null } | null;
  /** Only read when there is no operations manager to tell. */
  admins: readonly string[];
}): OverdueRecipient[] {
  const out: OverdueRecipient[] = [];
  const add = (who: { staffId: string; coveringFor: string | null } | null, role: OverdueRole) => {
    if (who && !out.some((known) => known.staffId === who.staffId)) out.push({ ...who, role });
  };
  add(people.holder, 'holder');
  add(people.lead, 'lead');
  if (people.operationsManager) add(people.operationsManager, 'operations-manager');
  else for (const admin of people.admins) add({ staffId: admin, coveringFor: null }, 'admin');
  return out;
}

/**
 * One digest per person (R-CAD-8: "one daily digest each, not one email per meeting"): every meeting
 * they are told of, soonest due first, each with why they are told.
 */
export function overdueDigests<M extends { meetingId: string; dueBy: string }>(
  alerts: readonly { meeting: M; recipients: readonly OverdueRecipient[] }[],
): Map<string, { meeting: M; recipient: OverdueRecipient }[]> {
  const byPerson = new Map<string, { meeting: M; recipient: OverdueRecipient }[]>();
  for (const { meeting, recipients } of alerts) {
    for (const recipient of recipients) {
      const list = byPerson.get(recipient.staffId) ?? [];
      if (!list.some((entry) => entry.meeting.meetingId === meeting.meetingId)) list.push({ meeting, recipient });
      byPerson.set(recipient.staffId, list);
    }
  }
  for (const list of byPerson.values()) {
    list.sort(
      (a, b) =>
        a.meeting.dueBy.localeCompare(b.meeting.dueBy) || a.meeting.meetingId.localeCompare(b.meeting.meetingId),
    );
  }
  return byPerson;
}
