import { auditEntry } from '../domain/bookkeeping.ts';
import type { Staff } from '../schemas/staff.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { Mailer, MeetingStore, RegisterStore } from './ports.ts';

/**
 * R-CAD-8: a required meeting not held by its due date is overdue; its holder and the operations
 * managers are told once.
 * Course: 1. read the open meetings due before the day (a sparse index: only those are read)
 *         2. claim each alert with a conditional write, so a repeated or concurrent run skips it
 *         3. email the holder (or lead) and each operations manager; if no email went out at all,
 *            give the claim back so the next run tries again (nothing lost), and count the failure.
 */
export interface OverdueSummary {
  overdue: number;
  alerted: number;
  alreadyAlerted: number;
  emailsSent: number;
  emailsFailed: number;
  /** Alerts whose every email failed: given back for the next run. */
  released: number;
}

async function operationsManagers(register: RegisterStore): Promise<Staff[]> {
  const managers: Staff[] = [];
  let nextToken: string | undefined;
  do {
    const page = await register.listStaff({ role: 'operations-manager', limit: 100, nextToken });
    managers.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return managers;
}

export async function alertOverdueMeetings(
  deps: { register: RegisterStore; meetings: MeetingStore; mailer: Mailer },
  on: string,
  context: { actor: { type: 'schedule'; id: string }; now: Date; newId: () => string },
): Promise<OverdueSummary> {
  const overdue = await deps.meetings.openDueBefore(on);
  const summary: OverdueSummary = {
    overdue: overdue.length,
    alerted: 0,
    alreadyAlerted: 0,
    emailsSent: 0,
    emailsFailed: 0,
    released: 0,
  };
  if (overdue.length === 0) return summary;
  const managers = await operationsManagers(deps.register);
  // A holder has many meetings: read each once per run (at 10x: 200 reads, not 5,200).
  const staffById = new Map<string, Promise<Staff | null>>();
  const staffMember = (staffId: string) => {
    const known = staffById.get(staffId) ?? deps.register.getStaff(staffId);
    staffById.set(staffId, known);
    return known;
  };
  for (const meeting of overdue) {
    if (meeting.overdueNotifiedAt) {
      summary.alreadyAlerted += 1;
      continue;
    }
    const at = context.now.toISOString();
    const claimed = await deps.meetings.markOverdueNotified(meeting, at, [
      auditEntry({
        auditId: context.newId(),
        providerId: meeting.providerId,
        entityType: 'meeting',
        entityId: meeting.meetingId,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        before: { overdueNotifiedAt: null },
        after: { overdueNotifiedAt: at, ruleId: 'R-CAD-8' },
      }),
    ]);
    if (!claimed) {
      summary.alreadyAlerted += 1;
      continue;
    }
    summary.alerted += 1;
    const holderId = meeting.lead?.staffId ?? meeting.holderStaffId;
    const holder = holderId ? await staffMember(holderId) : null;
    const recipients = [
      ...(holder ? [holder] : []),
      ...managers.filter((manager) => manager.staffId !== holder?.staffId),
    ];
    let sent = 0;
    for (const recipient of recipients) {
      try {
        await deps.mailer.sendTemplated('overdue-engagement', recipient, {
          recipientName: recipient.name,
          meetingTitle: meetingTitle(meeting),
          providerName: meeting.providerName,
          ruleId: meeting.ruleId,
          dueBy: meeting.dueBy,
          status: meeting.status,
          holderName: holder?.name ?? 'none allocated',
          meetingId: meeting.meetingId,
        });
        summary.emailsSent += 1;
        sent += 1;
      } catch {
        summary.emailsFailed += 1;
      }
    }
    if (recipients.length > 0 && sent === 0) {
      await deps.meetings.releaseOverdueNotified(meeting, at);
      summary.alerted -= 1;
      summary.released += 1;
    }
  }
  return summary;
}
