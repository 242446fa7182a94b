import { type SentEmail, sentEmails } from '../../../infra/local/ses-local.ts';
import { parseCalendar } from '../../../shared/domain/meetings/calendar-invite.ts';

/** Mail that SES local has "sent", read back from its store over HTTP. */
type Stored = SentEmail & { attachments?: { filename?: string; content: string }[] };

export const inbox = async (): Promise<Stored[]> =>
  (await sentEmails(process.env.AWS_ENDPOINT_URL_SESV2 ?? '')) as Stored[];

/** Every calendar invite sent to `email`, oldest first, parsed. */
export async function invitesTo(email: string) {
  return (await inbox())
    .filter((mail) => mail.destination.to.some((to) => to.includes(email)))
    .flatMap((mail) => mail.attachments ?? [])
    .filter((attachment) => attachment.filename === 'invite.ics')
    .map((attachment) => parseCalendar(Buffer.from(attachment.content, 'base64').toString('utf8')));
}
