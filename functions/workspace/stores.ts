import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoEngagementStore } from '../../shared/adapters/dynamodb/engagement-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import type { Staff } from '../../shared/schemas/staff.ts';

/**
 * The workspace's stores: the same ones the API's functions build, once per container. Every workspace
 * function builds these; only the pages that email or sign links also build deps.ts (the mailer and the
 * link key), so a function without them neither bundles the SES and Secrets Manager clients nor reads the
 * secret at its cold start (issue 17).
 */
const config = readEnv([ENV.providersTable, ENV.auditTable, ENV.meetingsTable]);
export const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
export const stores = {
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
};

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
