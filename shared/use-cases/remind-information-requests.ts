import { addDays } from '../domain/calendar.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { dayInWords } from '../domain/emails/in-words.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import { reminderSettingsOn } from '../domain/reminders/reminder-settings.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import { allDelivered, type DeliveryReport, type OutgoingEmail } from './deliver-emails.ts';
import type { ContactStore, RegisterStore } from './ports.ts';
import type { LinkSettings } from './pre-meeting-template.ts';
import type { DigestLine } from './send-due-reminders.ts';

/**
 * Information requests (R-PRV-5) in the daily run (R-REM-3), each email once (R-REM-4).
 * Course: 1. read the open requests due within the reminder lead time or already past due (a
 *            sparse index by due date: answered requests are not on it)
 *         2. one coming due: remind each of the provider's deliverable contacts, with their contact link
 *         3. one past due: tell the member of staff who asked, once
 *         4. hand the emails to deliverEmails; its records make repeated runs send none twice.
 */
export interface RequestReminderSummary {
  open: number;
  comingDue: number;
  pastDue: number;
  emailsOwed: number;
}

export async function remindInformationRequests(
  deps: {
    contacts: Pick<ContactStore, 'openRequestsDueBy'>;
    register: Pick<RegisterStore, 'getProvider' | 'getStaff'>;
    deliver: (emails: readonly OutgoingEmail[]) => Promise<DeliveryReport>;
    links: LinkSettings;
    /** Where links in emails to staff point (issue 15). */
    workspaceOrigin: string;
  },
  day: string,
  now: Date,
): Promise<{ summary: RequestReminderSummary; digest: DigestLine[] }> {
  const lead = reminderSettingsOn(day).informationRequestDays;
  const open = await deps.contacts.openRequestsDueBy(addDays(day, lead));
  const summary: RequestReminderSummary = { open: open.length, comingDue: 0, pastDue: 0, emailsOwed: 0 };
  const emails: OutgoingEmail[] = [];
  const digest: DigestLine[] = [];
  for (const request of open) {
    const key = (sk: string) => ({ pk: `REQUEST#${request.reference}`, sk });
    const data = {
      providerName: request.providerName,
      signal: request.signal,
      reference: request.reference,
      dueOn: dayInWords(request.dueOn),
    };
    if (request.dueOn >= day) {
      summary.comingDue += 1;
      const provider = await deps.register.getProvider(request.providerId);
      for (const contact of reachableContacts(provider?.contacts ?? [])) {
        emails.push({
          key: key(`DELIVERY#due#${contact.contactId}`),
          template: 'information-request-due',
          to: { name: contact.name, email: contact.email },
          data: {
            ...data,
            recipientName: contact.name,
            contactLink: contactLink({ providerId: request.providerId, contactId: contact.contactId }, deps.links, now),
          },
          tags: { kind: 'information-request-due', providerId: request.providerId, contactId: contact.contactId },
        });
      }
      continue;
    }
    summary.pastDue += 1;
    const asker = await deps.register.getStaff(request.requestedBy);
    if (!asker) continue;
    emails.push({
      key: key(`DELIVERY#past-due#${asker.staffId}`),
      template: 'information-request-past-due',
      to: { name: asker.name, email: asker.email },
      data: {
        ...data,
        recipientName: asker.name,
        // Issue 15: the provider's information requests, with their due dates and answers.
        workspaceLink: workspaceUrl(deps.workspaceOrigin, {
          page: 'provider',
          providerId: request.providerId,
          tab: 'information-requests',
        }),
      },
      tags: { kind: 'information-request-past-due', providerId: request.providerId },
    });
    digest.push({
      staffId: asker.staffId,
      text: `Past due (R-PRV-5): ${request.providerName} has not answered ${request.reference}, due ${dayInWords(request.dueOn)}.`,
    });
  }
  const report = await deps.deliver(emails);
  summary.emailsOwed = emails.filter((email) => !allDelivered([email], report)).length;
  return { summary, digest };
}
