import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type EmailTemplateName, physicalTemplateName } from '../../definitions/email-templates.ts';
import type { Mailer, Recipient } from '../../use-cases/ports.ts';
import { sesClient } from './client.ts';

/** Display name and address as one header value; quotes kept out of the name. */
const mailbox = (recipient: Recipient) => `"${recipient.name.replace(/["\\\r\n]/g, '')}" <${recipient.email}>`;

export class SesMailer implements Mailer {
  constructor(private readonly config: { stage: string; sender: string; configurationSet: string }) {}

  get sender(): string {
    return this.config.sender;
  }

  async sendTemplated(template: EmailTemplateName, to: Recipient, data: Record<string, string>): Promise<void> {
    await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: this.config.sender,
        Destination: { ToAddresses: [mailbox(to)] },
        ConfigurationSetName: this.config.configurationSet,
        Content: {
          Template: {
            TemplateName: physicalTemplateName(this.config.stage, template),
            TemplateData: JSON.stringify(data),
          },
        },
      }),
    );
  }

  async sendRaw(to: readonly Recipient[], raw: string): Promise<void> {
    await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: this.config.sender,
        Destination: { ToAddresses: to.map(mailbox) },
        ConfigurationSetName: this.config.configurationSet,
        Content: { Raw: { Data: Buffer.from(raw, 'utf8') } },
      }),
    );
  }
}
