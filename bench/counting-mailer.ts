import type { EmailTemplateName } from '../shared/definitions/email-templates.ts';
import type { Mailer, Recipient } from '../shared/use-cases/ports.ts';

/** No SES in the bench: the overdue sweep's emails are counted, not sent. */
export class CountingMailer implements Mailer {
  readonly sender = 'engagement@regulator.localhost';
  templated = 0;
  raw = 0;

  async sendTemplated(_template: EmailTemplateName, _to: Recipient, _data: Record<string, string>): Promise<void> {
    this.templated += 1;
  }

  async sendRaw(_to: readonly Recipient[], _raw: string): Promise<void> {
    this.raw += 1;
  }
}
