import { SendBulkEmailCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ENV, readEnv } from '../../config/env.ts';
import { type EmailTemplateName, physicalTemplateName } from '../../definitions/email-templates.ts';
import type { BulkMailer, BulkResult, DeliveryKey, OutgoingEmail, RawMailer } from '../../use-cases/deliver-emails.ts';
import type { Mailer, Recipient } from '../../use-cases/ports.ts';
import { sesClient } from './client.ts';
import { deliveryTags } from './delivery-tags.ts';
import { templateData } from './template-data.ts';

/** Display name and address as one header value; quotes kept out of the name. */
const mailbox = (recipient: Recipient) => `"${recipient.name.replace(/["\\\r\n]/g, '')}" <${recipient.email}>`;

/** Per-entry statuses worth another try: the account was busy, or SES had a passing fault. */
const RETRY_STATUSES = new Set(['ACCOUNT_THROTTLED', 'TRANSIENT_FAILURE']);
/**
 * Per-entry statuses that are about this email, not the account: sending it again fails the same way
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_BulkEmailEntryResult.html). Anything else
 * (a paused account, a missing template) is released for the next run once it is fixed.
 */
const REJECTED_STATUSES = new Set(['MESSAGE_REJECTED', 'INVALID_PARAMETER']);

const asTags = (tags: Record<string, string>) => Object.entries(tags).map(([Name, Value]) => ({ Name, Value }));

export class SesMailer implements Mailer, BulkMailer, RawMailer {
  constructor(private readonly config: { stage: string; sender: string; configurationSet: string }) {}

  get sender(): string {
    return this.config.sender;
  }

  /** One calendar invite through the ledger, tagged with its delivery record like a bulk entry. */
  async sendRawOne(email: Pick<OutgoingEmail, 'key' | 'to' | 'raw' | 'tags'>): Promise<BulkResult> {
    const answer = await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: this.config.sender,
        Destination: { ToAddresses: [mailbox(email.to)] },
        ConfigurationSetName: this.config.configurationSet,
        Content: { Raw: { Data: Buffer.from(email.raw ?? '', 'utf8') } },
        EmailTags: asTags({ ...email.tags, ...deliveryTags(email.key) }),
      }),
    );
    return answer.MessageId
      ? { status: 'sent', messageId: answer.MessageId }
      : { status: 'retry', reason: 'NO_MESSAGE_ID' };
  }

  async sendBulk(
    template: EmailTemplateName,
    entries: readonly { key: DeliveryKey; to: Recipient; data: OutgoingEmail['data']; tags: Record<string, string> }[],
  ): Promise<BulkResult[]> {
    const response = await sesClient.send(
      new SendBulkEmailCommand({
        FromEmailAddress: this.config.sender,
        ConfigurationSetName: this.config.configurationSet,
        DefaultContent: {
          Template: { TemplateName: physicalTemplateName(this.config.stage, template), TemplateData: '{}' },
        },
        BulkEmailEntries: entries.map((entry) => ({
          // The bare address: the name is in the greeting, and SES local's bulk send takes no display name.
          Destination: { ToAddresses: [entry.to.email] },
          ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: templateData(entry.data) } },
          ReplacementTags: asTags({ ...entry.tags, ...deliveryTags(entry.key) }),
        })),
      }),
    );
    const results = response.BulkEmailEntryResults ?? [];
    return entries.map((_, index): BulkResult => {
      const result = results[index];
      if (result?.Status === 'SUCCESS' && result.MessageId) return { status: 'sent', messageId: result.MessageId };
      const reason = result?.Status ?? 'NO_RESULT';
      if (RETRY_STATUSES.has(reason) || !result) return { status: 'retry', reason };
      return REJECTED_STATUSES.has(reason) ? { status: 'rejected', reason } : { status: 'failed', reason };
    });
  }
}

/** The stage's mailer, from the one env contract: every function that sends builds it the same way. */
export function sesMailerFromEnvironment(): SesMailer {
  const config = readEnv([ENV.stage, ENV.senderAddress, ENV.sesConfigurationSet]);
  return new SesMailer({
    stage: config.STAGE,
    sender: config.SENDER_ADDRESS,
    configurationSet: config.SES_CONFIGURATION_SET,
  });
}
