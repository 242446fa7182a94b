import type { EmailTemplateName } from '../shared/definitions/email-templates.ts';
import type { BulkMailer, BulkResult, OutgoingEmail, SendingPace } from '../shared/use-cases/deliver-emails.ts';
import type { Recipient } from '../shared/use-cases/ports.ts';

/** No SES in the bench: the daily run's bulk calls and their recipients are counted, not sent. */
export class CountingMailer implements BulkMailer {
  bulkCalls = 0;
  bulkRecipients = 0;

  async sendBulk(
    _template: EmailTemplateName,
    entries: readonly { to: Recipient; data: OutgoingEmail['data']; tags: Record<string, string> }[],
  ): Promise<BulkResult[]> {
    this.bulkCalls += 1;
    this.bulkRecipients += entries.length;
    return entries.map((_, index) => ({ status: 'sent', messageId: `bench-${this.bulkCalls}-${index}` }));
  }
}

/** SES's rate is not what the bench measures: no pacing. */
export const unpaced: SendingPace = { take: async () => undefined };
