import { auditEntry } from '../domain/bookkeeping.ts';
import { dayInWords, meetingStatusInWords } from '../domain/emails/in-words.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Staff } from '../schemas/staff.ts';
import { allDelivered, type DeliveryReport, type OutgoingEmail } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { MeetingStore, RegisterStore } from './ports.ts';
import { readOnce } from './read-once.ts';
import type { DigestLine } from './send-due-reminders.ts';

/**
 * R-CAD-8: a required meeting not held by its due date is overdue; its holder and the operations
 * managers are told once (R-REM-4).
 * Course: 1. read the open meetings due before the day (a sparse index: only those are read)
 *         2. for each not yet alerted, an email to the holder (or lead) and each operations manager
 *         3. hand them to deliverEmails, whose per-email records make a repeated, concurrent or
 *            crashed run send none twice; mark the meeting alerted once all of its emails went, so
 *            one with an email still owed is tried again by the next run (nothing lost).
 */
export interface OverdueSummary {
  overdue: number;
  alerted: number;
  alreadyAlerted: number;
  /** Meetings with an email still owed after this run: the next run tries again. */
  stillOwed: number;
}

async function operationsManagers(register: Pick<RegisterStore, 'listStaff'>): Promise<Staff[]> {
  const managers: Staff[] = [];
  let nextToken: string | undefined;
  do {
    const page = await register.listStaff({ role: 'operations-manager', limit: 100, nextToken });
    managers.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return managers;
}

export interface OverdueDeps {
  register: Pick<RegisterStore, 'listStaff' | 'getStaff'>;
  meetings: Pick<MeetingStore, 'openDueBefore' | 'markOverdueNotified'>;
  deliver: (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

export async function alertOverdueMeetings(
  deps: OverdueDeps,
  on: string,
  context: { actor: { type: 'schedule'; id: string }; now: Date; newId: () => string },
): Promise<{ summary: OverdueSummary; digest: DigestLine[] }> {
  const overdue = await deps.meetings.openDueBefore(on);
  const toAlert = overdue.filter((meeting) => !meeting.overdueNotifiedAt);
  const summary: OverdueSummary = {
    overdue: overdue.length,
    alerted: 0,
    alreadyAlerted: overdue.length - toAlert.length,
    stillOwed: 0,
  };
  if (toAlert.length === 0) return { summary, digest: [] };
  const managers = await operationsManagers(deps.register);
  const staffMember = readOnce((staffId) => deps.register.getStaff(staffId));

  const emailsOf = new Map<Meeting, OutgoingEmail[]>();
  const digest: DigestLine[] = [];
  for (const meeting of toAlert) {
    const holderId = meeting.lead?.staffId ?? meeting.holderStaffId;
    const holder = holderId ? await staffMember(holderId) : null;
    const recipients = [
      ...(holder ? [holder] : []),
      ...managers.filter((manager) => manager.staffId !== holder?.staffId),
    ];
    emailsOf.set(
      meeting,
      recipients.map((recipient) => ({
        key: { pk: `MEETING#${meeting.meetingId}`, sk: `DELIVERY#overdue#${recipient.staffId}` },
        template: 'overdue-engagement',
        to: { name: recipient.name, email: recipient.email },
        data: {
          recipientName: recipient.name,
          meetingTitle: meetingTitle(meeting),
          providerName: meeting.providerName,
          ruleId: meeting.ruleId,
          dueBy: dayInWords(meeting.dueBy),
          status: meetingStatusInWords(meeting.status),
          holderName: holder?.name ?? 'none allocated',
          // Issue 15: the meeting's page, where it is booked or its outcome recorded.
          workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'meeting', meetingId: meeting.meetingId }),
        },
        tags: { kind: 'overdue-engagement', meetingId: meeting.meetingId, providerId: meeting.providerId },
      })),
    );
    if (holder) {
      digest.push({
        staffId: holder.staffId,
        text: `Overdue (${meeting.ruleId}): the ${meetingTitle(meeting)} with ${meeting.providerName} was due by ${dayInWords(meeting.dueBy)}.`,
      });
    }
  }

  const report = await deps.deliver([...emailsOf.values()].flat());
  for (const [meeting, emails] of emailsOf) {
    if (!allDelivered(emails, report)) {
      summary.stillOwed += 1;
      continue;
    }
    const at = context.now.toISOString();
    const marked = await deps.meetings.markOverdueNotified(meeting, at, [
      auditEntry({
        auditId: context.newId(),
        providerId: meeting.providerId,
        entityType: 'meeting',
        entityId: meeting.meetingId,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        before: { overdueNotifiedAt: null },
        after: { overdueNotifiedAt: at, ruleId: 'R-CAD-8', emails: emails.length },
      }),
    ]);
    if (marked) summary.alerted += 1;
    else summary.alreadyAlerted += 1;
  }
  return { summary, digest };
}
