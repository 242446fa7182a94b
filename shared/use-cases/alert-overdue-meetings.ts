import { auditEntry } from '../domain/bookkeeping.ts';
import { dayInWords, meetingStatusInWords } from '../domain/emails/in-words.ts';
import { responsibleTeamId } from '../domain/meetings/current-holder.ts';
import { type OverdueRecipient, overdueDigests, overdueRecipients } from '../domain/reminders/overdue-digest.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Staff } from '../schemas/staff.ts';
import type { Team } from '../schemas/team.ts';
import { type Addressee, type HolderReads, holderResolver } from './current-holder.ts';
import { allDelivered, type DeliveryReport, type OutgoingEmail } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { MeetingStore, ProviderResponsibility, RegisterStore } from './ports.ts';
import { readOnce } from './read-once.ts';
import type { TeamStore } from './team-ports.ts';

/**
 * R-CAD-8, R-TEAM-3: a required meeting not held by its due date is overdue. The holder of its relationship
 * now (or whoever covers for them that day, R-REL-2, R-TEAM-5), its lead (or their cover) and the operations
 * manager of the provider's team are told, once per meeting (R-REM-4), in ONE digest each a day.
 * Course: 1. read the open meetings due before the day (a sparse index: only those are read)
 *         2. for each not yet alerted, who is told: the holder now, the lead, the team's operations manager
 *            (a provider with no team, or a team with no operations manager: the admins, and the email says so)
 *         3. one digest a person listing all of theirs, keyed by day and person in the delivery ledger, so a
 *            repeated, concurrent or crashed run sends none twice
 *         4. mark a meeting alerted once every digest it is in went; one with a digest still owed is tried
 *            again by the next run (nothing lost), and a meeting nobody can be told of stays owed.
 */
export interface OverdueSummary {
  overdue: number;
  alerted: number;
  alreadyAlerted: number;
  /** Meetings with an email still owed after this run: the next run tries again. */
  stillOwed: number;
  /** Digests built this run: one a person told of at least one meeting. */
  digests: number;
}

export interface OverdueDeps extends HolderReads {
  register: Pick<RegisterStore, 'listStaff' | 'getStaff'>;
  meetings: Pick<MeetingStore, 'openDueBefore' | 'markOverdueNotified'>;
  teams: Pick<TeamStore, 'getTeam'>;
  /** The provider's current relationships and teams in one Query (shared/adapters/dynamodb/responsibility-store.ts). */
  responsibility: ProviderResponsibility;
  deliver: (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

async function everyoneWithRole(register: Pick<RegisterStore, 'listStaff'>, role: string): Promise<Staff[]> {
  const found: Staff[] = [];
  let nextToken: string | undefined;
  do {
    const page = await register.listStaff({ role, limit: 100, nextToken });
    found.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return found;
}

/** What the email says about one meeting for one person. */
interface Alert {
  meeting: Meeting;
  holder: Staff | null;
  holderActing: Addressee | null;
  team: Team | null;
  recipients: OverdueRecipient[];
}

export async function alertOverdueMeetings(
  deps: OverdueDeps,
  on: string,
  context: { actor: { type: 'schedule'; id: string }; now: Date; newId: () => string },
): Promise<{ summary: OverdueSummary }> {
  const overdue = await deps.meetings.openDueBefore(on);
  const toAlert = overdue.filter((meeting) => !meeting.overdueNotifiedAt);
  const summary: OverdueSummary = {
    overdue: overdue.length,
    alerted: 0,
    alreadyAlerted: overdue.length - toAlert.length,
    stillOwed: 0,
    digests: 0,
  };
  if (toAlert.length === 0) return { summary };

  // One Query a provider, once a run: who holds its relationships now, and its team.
  const responsibility = readOnce((providerId) => deps.responsibility.responsibilityOf(providerId));
  const people = holderResolver(deps, on, async (providerId) => (await responsibility(providerId)).relationships);
  const team = readOnce((teamId) => deps.teams.getTeam(teamId));
  // Read only when some provider has no operations manager to tell (issue 14 item 7).
  const admins = readOnce(async () => (await everyoneWithRole(deps.register, 'admin')).filter((a) => !a.leftOn));

  const alerts: Alert[] = [];
  for (const meeting of toAlert) {
    const holder = await people.holderOf(meeting);
    const holderActing = holder ? await people.actingOn(holder.staffId) : null;
    const lead = await people.addressLead(meeting);
    const teamId = responsibleTeamId(meeting, (await responsibility(meeting.providerId)).teams);
    const responsible = teamId ? await team(teamId) : null;
    const manager = responsible?.operationsManagerId ? await people.actingOn(responsible.operationsManagerId) : null;
    const asRecipient = (who: Addressee | null) =>
      who ? { staffId: who.staff.staffId, coveringFor: who.coveringFor?.staffId ?? null } : null;
    const recipients = overdueRecipients({
      holder: asRecipient(holderActing),
      lead: asRecipient(lead),
      operationsManager: asRecipient(manager),
      admins: manager ? [] : (await admins('admins')).map((admin) => admin.staffId),
    });
    alerts.push({ meeting, holder, holderActing, team: responsible, recipients });
  }

  const byPerson = overdueDigests(alerts.map(({ meeting, recipients }) => ({ meeting, recipients })));
  const alertOf = new Map(alerts.map((alert) => [alert.meeting.meetingId, alert]));
  const emails = new Map<string, OutgoingEmail>();
  for (const [staffId, entries] of byPerson) {
    const person = await people.staffMember(staffId);
    if (!person) continue;
    const rows = [];
    for (const { meeting, recipient } of entries) {
      const alert = alertOf.get(meeting.meetingId);
      const coveringFor = recipient.coveringFor ? await people.staffMember(recipient.coveringFor) : null;
      rows.push(digestRow(meeting, recipient, coveringFor, alert, deps.workspaceOrigin));
    }
    emails.set(staffId, {
      key: { pk: `OVERDUE#${on}`, sk: `DELIVERY#${staffId}` },
      template: 'overdue-digest',
      to: { name: person.name, email: person.email },
      data: {
        recipientName: person.name,
        day: dayInWords(on),
        meetingCount: rows.length === 1 ? 'one meeting' : `${rows.length} meetings`,
        intro:
          rows.length === 1
            ? 'This meeting our engagement rules require was not held by its due date, so it is overdue (R-CAD-8):'
            : `These ${rows.length} meetings our engagement rules require were not held by their due dates, so they are overdue (R-CAD-8):`,
        meetings: rows,
        // Issue 15: the person's own work page, where overdue meetings are listed.
        workspaceLink: workspaceUrl(deps.workspaceOrigin, { page: 'my-work' }),
      },
      tags: { kind: 'overdue-digest', staffId },
    });
  }
  summary.digests = emails.size;

  const report = await deps.deliver([...emails.values()]);
  for (const alert of alerts) {
    const { meeting, recipients } = alert;
    const sentTo = recipients.map((recipient) => emails.get(recipient.staffId));
    const owed = sentTo.filter((email): email is OutgoingEmail => email !== undefined);
    if (owed.length === 0 || owed.length < sentTo.length || !allDelivered(owed, report)) {
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
        // Who was told and why, as it was that day (R-REL-2: the history says who held what when).
        after: {
          overdueNotifiedAt: at,
          ruleId: 'R-CAD-8',
          holderStaffId: alert.holder?.staffId ?? null,
          told: recipients.map(({ staffId, role, coveringFor }) => ({ staffId, role, coveringFor })),
        },
      }),
    ]);
    if (marked) summary.alerted += 1;
    else summary.alreadyAlerted += 1;
  }
  return { summary };
}

/** One meeting as one person's digest lists it: names, days in words, why they are told, its page. */
function digestRow(
  meeting: Meeting,
  recipient: OverdueRecipient,
  coveringFor: Staff | null,
  alert: Alert | undefined,
  workspaceOrigin: string,
): Record<string, string> {
  const holder = alert?.holder ?? null;
  const cover = alert?.holderActing?.coveringFor ? alert.holderActing.staff : null;
  const teamName = alert?.team?.name ?? null;
  const away = coveringFor ? `cover for ${coveringFor.name}, who is away: ` : '';
  const why = {
    holder: `${away}${coveringFor ? 'they hold' : 'you hold'} its relationship`,
    lead: `${away}${coveringFor ? 'they lead' : 'you lead'} it`,
    'operations-manager': `${away}operations manager of ${teamName ?? 'its team'}, the team responsible for ${meeting.providerName} (R-TEAM-3)`,
    admin: teamName
      ? `an admin: ${teamName} has no operations manager yet, so its escalations come to the admins until it has one (R-TEAM-3)`
      : `an admin: ${meeting.providerName} has no assessment team yet, so its escalations come to the admins until it is given one on its page (R-TEAM-3)`,
  }[recipient.role];
  return {
    title: meetingTitle(meeting),
    providerName: meeting.providerName,
    dueBy: dayInWords(meeting.dueBy),
    ruleId: meeting.ruleId,
    status: meetingStatusInWords(meeting.status),
    // "Relationship holder" names who holds it now (R-REL-2), and who covers while they are away.
    holderName: holder ? (cover ? `${holder.name} (away: ${cover.name} covers)` : holder.name) : 'nobody holds it now',
    leadName: meeting.lead?.name ?? 'none yet',
    why,
    link: workspaceUrl(workspaceOrigin, { page: 'meeting', meetingId: meeting.meetingId }),
  };
}
