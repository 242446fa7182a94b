import { dayInWords } from '../domain/emails/in-words.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import type { Staff } from '../schemas/staff.ts';
import { alertOverdueMeetings, type OverdueDeps, type OverdueSummary } from './alert-overdue-meetings.ts';
import { allDelivered, type DeliveryReport, noDeliveries, type Outbox, type OutgoingEmail } from './deliver-emails.ts';
import type { ContactStore, RegisterStore } from './ports.ts';
import { readOnce } from './read-once.ts';
import { type RequestReminderSummary, remindInformationRequests } from './remind-information-requests.ts';
import { type DigestLine, type ReminderDeps, type ReminderSummary, sendDueReminders } from './send-due-reminders.ts';

/**
 * The daily run (R-REM-3): what is due today, sent once each (R-REM-4).
 * Course: 1. reminders due (meetings, templates to share, comment deadlines)
 *         2. overdue engagement alerts (R-CAD-8): one digest a person told (holder now or cover, lead,
 *            the team's operations manager)
 *         3. information requests coming due (to the provider) or past due (to who asked) (R-PRV-5)
 *         4. a digest to each holder or lead with something in 1 or 3, once a day
 *         5. what changes owe and could not send at the time (the outbox: shares, acknowledgements,
 *            answers, information requests, holders' notices), each once through the ledger
 *         6. the totals the "expected but not sent" alarm compares: emails this run owed, and sent.
 */
export type EmailTotals = Omit<DeliveryReport, 'outcomes'> & {
  /**
   * Emails this run was responsible for: planned less those sent or refused before, in flight in a live
   * run, or undeliverable. A dead run's claims (orphaned) are included: owed and not sent.
   */
  expected: number;
};

export interface DailySummary {
  reminders: ReminderSummary;
  overdue: OverdueSummary;
  informationRequests: RequestReminderSummary;
  digests: { holders: number; delivered: number };
  outbox: { owed: number; delivered: number };
  emails: EmailTotals;
}

export type DailyDeps = Omit<ReminderDeps, 'deliver'> &
  Omit<OverdueDeps, 'deliver'> & {
    register: Pick<RegisterStore, 'getStaff' | 'getProvider' | 'listStaff'>;
    contacts: Pick<ContactStore, 'openRequestsDueBy'>;
    deliver: (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;
    /** Where changes leave the emails they could not send at the time; without it, step 5 is skipped. */
    outbox?: Outbox;
  };

export async function runDaily(
  deps: DailyDeps,
  day: string,
  context: { now: Date; newId: () => string },
): Promise<DailySummary> {
  const emails: EmailTotals = { ...noDeliveries(), expected: 0 };
  const deliver = async (batch: readonly OutgoingEmail[]) => {
    const report = await deps.deliver(batch);
    for (const key of Object.keys(emails) as (keyof EmailTotals)[]) {
      if (key !== 'expected') emails[key] += report[key];
    }
    // Owed by this run: what a dead run had claimed (orphaned) and what SES refused this run count too,
    // so the "expected but not sent" alarm sees them; what another live run is sending does not.
    emails.expected += report.planned - report.alreadySent - report.alreadyFailed - report.inFlight - report.suppressed;
    return report;
  };
  // R-REL-2: who is responsible for a provider now is read once a run, in one Query, whichever step asks
  // first (a booked overdue meeting has reminders too).
  const responsibilityOf = readOnce((providerId) => deps.responsibility.responsibilityOf(providerId));
  const relationships = {
    currentRelationships: async (providerId: string) => (await responsibilityOf(providerId)).relationships,
  };
  // Each step resolves holders and their covers, and the digests name them: a member of staff (and a
  // provider) is read once a run, not once a step.
  const getStaff = readOnce((staffId) => deps.register.getStaff(staffId));
  const getProvider = readOnce((providerId) => deps.register.getProvider(providerId));
  const register: DailyDeps['register'] = {
    getStaff,
    getProvider,
    listStaff: (request) => deps.register.listStaff(request),
  };
  const reminders = await sendDueReminders({ ...deps, register, relationships, deliver }, day, context.now);
  const overdue = await alertOverdueMeetings(
    { ...deps, register, relationships, responsibility: { responsibilityOf }, deliver },
    day,
    {
      ...context,
      actor: { type: 'schedule', id: 'daily' },
    },
  );
  const requests = await remindInformationRequests({ ...deps, register, deliver }, day, context.now);
  // Overdue meetings have a digest of their own (R-CAD-8), sent by step 2: not repeated here.
  const digests = await sendDigests({ ...deps, register }, deliver, day, [...reminders.digest, ...requests.digest]);
  const owed = (await deps.outbox?.owed()) ?? [];
  const outboxReport = await deliver(owed);
  const outbox = { owed: owed.length, delivered: owed.filter((email) => allDelivered([email], outboxReport)).length };
  return {
    reminders: reminders.summary,
    overdue: overdue.summary,
    informationRequests: requests.summary,
    digests,
    outbox,
    emails,
  };
}

/** One digest a holder a day, listing what the run did or found for their meetings. */
async function sendDigests(
  deps: Pick<DailyDeps, 'register' | 'workspaceOrigin'>,
  deliver: DailyDeps['deliver'],
  day: string,
  lines: readonly DigestLine[],
): Promise<{ holders: number; delivered: number }> {
  const byHolder = new Map<string, string[]>();
  for (const line of lines) byHolder.set(line.staffId, [...(byHolder.get(line.staffId) ?? []), line.text]);
  const emails: OutgoingEmail[] = [];
  for (const [staffId, items] of byHolder) {
    const holder: Staff | null = await deps.register.getStaff(staffId);
    if (!holder) continue;
    emails.push({
      key: { pk: `DIGEST#${day}`, sk: `DELIVERY#${staffId}` },
      template: 'daily-digest',
      to: { name: holder.name, email: holder.email },
      data: {
        recipientName: holder.name,
        day: dayInWords(day),
        itemCount: items.length === 1 ? 'one item' : `${items.length} items`,
        items,
        // Issue 15: the holder's own work page in the workspace.
        workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'my-work' }),
      },
      tags: { kind: 'daily-digest', staffId },
    });
  }
  const report = await deliver(emails);
  return { holders: emails.length, delivered: emails.filter((email) => allDelivered([email], report)).length };
}
