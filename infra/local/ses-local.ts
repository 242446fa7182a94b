import type { Server } from 'node:http';
import { CreateEmailTemplateCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import sesLocalModule from 'aws-ses-v2-local';
import { EMAIL_TEMPLATES, physicalTemplateName } from '../../shared/definitions/email-templates.ts';

/**
 * aws-ses-v2-local: the SES v2 API with an inbox viewer at / and the sent mail as JSON at /store.
 */
// A CommonJS module with a default export: Node hands ESM its whole module.exports, Vite the export itself.
type StartSes = typeof sesLocalModule.default;
const sesLocal: StartSes =
  typeof sesLocalModule === 'function' ? (sesLocalModule as unknown as StartSes) : sesLocalModule.default;

export interface RunningSes {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * What SES local answers to GetAccount (it reads AWS_SES_ACCOUNT from its own process):
 * an account out of the sandbox with the default production quota and send rate.
 */
const LOCAL_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Provider Engagement, local stack',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

export async function startSesLocal(port: number): Promise<RunningSes> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(LOCAL_ACCOUNT);
  const server: Server = await sesLocal({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Creates every email template of shared/definitions/email-templates.ts, as the stack does in AWS (SES local starts empty). */
export async function createEmailTemplates(client: SESv2Client, stage: string): Promise<void> {
  for (const template of EMAIL_TEMPLATES) {
    await client.send(
      new CreateEmailTemplateCommand({
        TemplateName: physicalTemplateName(stage, template.name),
        TemplateContent: { Subject: template.subject, Text: template.text, Html: template.html },
      }),
    );
  }
}

/** What SES local has "sent", as its /store answers. */
export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export async function sentEmails(endpoint: string): Promise<SentEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  const store = (await response.json()) as { emails: SentEmail[] };
  return store.emails;
}
