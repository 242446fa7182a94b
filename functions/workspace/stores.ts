import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoEngagementStore } from '../../shared/adapters/dynamodb/engagement-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Page, PageRequest } from '../../shared/use-cases/ports.ts';

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

/**
 * Every item of a short list the forms choose from (staff: a few hundred; teams: tens), page by page, and no
 * more than 1,000 should one ever grow past what a form can show.
 */
export async function wholeList<T>(read: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read({ limit: 100, nextToken });
    items.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken && items.length < 1000);
  return items;
}

/** Every member of staff, by name: the allocation and booking forms choose from them. */
export const allStaff = (): Promise<Staff[]> => wholeList((request) => register.listStaff(request));
