import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoEngagementStore } from '../../shared/adapters/dynamodb/engagement-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment } from '../../shared/config/link-key.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

/** The workspace's adapters: the same stores and mailer the API's functions build, once per container. */
const config = readEnv([
  ENV.stage,
  ENV.providersTable,
  ENV.auditTable,
  ENV.meetingsTable,
  ENV.senderAddress,
  ENV.sesConfigurationSet,
]);
export const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const mailer = sesMailerFromEnvironment();
export const deps = {
  register,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  policy: policyFromEnvironment(),
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE),
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  contact: new DynamoContactStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE, config.MEETINGS_TABLE),
  // The dashboard's recent engagement beyond planned meetings (R-CAD-11).
  engagement: new DynamoEngagementStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  mailer,
  // Invites and shares are written to the delivery ledger with the change, then sent (issue 12 item 11).
  deliver: deliverNow({ mailer, meetingsTable: config.MEETINGS_TABLE, providersTable: config.PROVIDERS_TABLE }),
};
// Top-level await: the link key is read once, at cold start (sharing a template signs provider links).
export const linkKey = await linkKeyFromEnvironment();

/** Every member of staff, by name: the allocation and booking forms choose from them (a few hundred at most). */
export async function allStaff(): Promise<Staff[]> {
  const staff: Staff[] = [];
  let nextToken: string | undefined;
  do {
    const page = await register.listStaff({ limit: 100, ...(nextToken ? { nextToken } : {}) });
    staff.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken && staff.length < 1000);
  return staff;
}
