import type { EmailTemplateName } from '../shared/definitions/email-templates.ts';
import type { BulkMailer, BulkResult, OutgoingEmail, SendingPace } from '../shared/use-cases/deliver-emails.ts';
import type { Mailer, Recipient } from '../shared/use-cases/ports.ts';

/** No SES in the bench: the daily run's emails are counted, not sent; bulk calls are counted too. */
export class CountingMailer implements Mailer, BulkMailer {
  readonly sender = 'engagement@regulator.localhost';
  templated = 0;
  raw = 0;
  bulkCalls = 0;
  bulkRecipients = 0;

  async sendTemplated(_template: EmailTemplateName, _to: Recipient, _data: Record<string, string>): Promise<void> {
    this.templated += 1;
  }

  async sendRaw(_to: readonly Recipient[], _raw: string): Promise<void> {
    this.raw += 1;
  }

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
