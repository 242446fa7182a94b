import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createTables, startDynamoDbLocal } from './dynamodb-local.ts';
import { localEnvironment, tableNamesFor } from './environment.ts';
import { startLocalEventBus } from './event-bus.ts';
import { assertPortFree } from './free-port.ts';
import { persistentIssuer, persistentLinkKey } from './local-issuer.ts';
import { repoRoot } from './paths.ts';
import { startS3Local } from './s3-local.ts';
import { createEmailTemplates, sentEmails, startSesLocal } from './ses-local.ts';
import { recordRunningStack, requestedPorts } from './stack-ports.ts';

/**
 * `npm start`: the whole system on this machine. DynamoDB Local (in memory; `-- --persist` keeps
 * data in .data/), SES local with its inbox viewer, the real handlers behind the local HTTP
 * adapter, the local event bus routing domain events by the stack's rules, and the local scheduler
 * firing the stack's schedules. Seeds demo data on first start.
 */
const { values: flags } = parseArgs({ options: { persist: { type: 'boolean', default: false } } });
const ports = requestedPorts();
const stage = 'local';
const started = performance.now();

try {
  await assertPortFree(ports.api, 'API', 'PORT');
  await assertPortFree(ports.dynamodb, 'DynamoDB Local', 'DYNAMODB_PORT');
  await assertPortFree(ports.ses, 'SES local', 'SES_PORT');
  await assertPortFree(ports.events, 'the local event bus', 'EVENTS_PORT');
  await assertPortFree(ports.s3, 'the local S3', 'S3_PORT');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const dynamodb = await startDynamoDbLocal({
  port: ports.dynamodb,
  ...(flags.persist ? { dbPath: join(repoRoot, '.data', 'dynamodb') } : {}),
});
const ses = await startSesLocal(ports.ses);
// Delivers to handlers only once an event arrives, so after the environment below is in place.
const eventBus = await startLocalEventBus(ports.events, stage);
// The register import's bucket (issue 16): presigned uploads run the import function.
const s3 = await startS3Local(ports.s3, stage);
const environment = {
  ...localEnvironment({
    stage,
    dynamoDbEndpoint: dynamodb.endpoint,
    sesEndpoint: ses.endpoint,
    eventBusEndpoint: eventBus.endpoint,
    linkSigningKey: persistentLinkKey(),
    publicBaseUrl: `http://localhost:${ports.api}`,
  }),
  ...s3.environment,
};
Object.assign(process.env, environment, { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' });

const awsConfig = {
  region: environment.AWS_REGION,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};
await createTables(new DynamoDBClient({ ...awsConfig, endpoint: dynamodb.endpoint }), tableNamesFor(stage));
await createEmailTemplates(new SESv2Client({ ...awsConfig, endpoint: ses.endpoint }), stage);

// Modules that build SDK clients are imported once the environment points them here.
const { DynamoRegisterStore } = await import('../../shared/adapters/dynamodb/register-store.ts');
const { DynamoRelationshipStore } = await import('../../shared/adapters/dynamodb/relationship-store.ts');
const { policyFromEnvironment } = await import('../../shared/config/policy.ts');
const { seedDemoData } = await import('./demo-data.ts');
const { createLocalApi } = await import('./http-adapter.ts');
const { fireSchedule, startLocalScheduler } = await import('./scheduler.ts');

const tableName = environment.PROVIDERS_TABLE ?? '';
const auditTableName = environment.AUDIT_TABLE ?? '';
const deps = {
  register: new DynamoRegisterStore(tableName, auditTableName),
  relationships: new DynamoRelationshipStore(tableName, auditTableName),
  policy: policyFromEnvironment(),
};
const existing = await deps.register.listStaff({ limit: 25 });
const seeded = existing.items.length > 0 ? null : await seedDemoData(deps);
const staff = seeded?.staff ?? existing.items;
if (seeded) {
  const { DynamoTeamStore } = await import('../../shared/adapters/dynamodb/team-store.ts');
  const { seedDemoTeams } = await import('./demo-data.ts');
  await seedDemoTeams(
    { ...deps, teams: new DynamoTeamStore(tableName, auditTableName), staffChanges: deps.register },
    seeded,
  );
}

// The demo has meetings from the first minute: plan this quarter and this year as the schedules would.
const { SCHEDULES } = await import('../../shared/definitions/schedules.ts');
for (const schedule of SCHEDULES.filter((candidate) => candidate.job !== 'daily')) {
  await fireSchedule(schedule, stage);
}

// …and a demo meeting whose template is shared: its emailed link is the demo provider link.
const { DynamoMeetingStore } = await import('../../shared/adapters/dynamodb/meeting-store.ts');
const { DynamoTemplateStore } = await import('../../shared/adapters/dynamodb/template-store.ts');
const { SesMailer } = await import('../../shared/adapters/ses/mailer.ts');
const { deliverNow } = await import('../../shared/adapters/ses/deliver-now.ts');
const { shareDemoTemplate } = await import('./demo-data.ts');
const demoMailer = new SesMailer({
  stage,
  sender: environment.SENDER_ADDRESS ?? '',
  configurationSet: environment.SES_CONFIGURATION_SET ?? '',
});
const templateDeps = {
  ...deps,
  meetings: new DynamoMeetingStore(environment.MEETINGS_TABLE ?? '', auditTableName),
  templates: new DynamoTemplateStore({
    providers: tableName,
    meetings: environment.MEETINGS_TABLE ?? '',
    audit: auditTableName,
  }),
  mailer: demoMailer,
  deliver: deliverNow({
    mailer: demoMailer,
    meetingsTable: environment.MEETINGS_TABLE ?? '',
    providersTable: tableName,
  }),
};
const [firstTrust] = seeded?.providerIds ?? [];
if (firstTrust) {
  await shareDemoTemplate(templateDeps, firstTrust, staff, {
    key: Buffer.from(environment.LINK_SIGNING_KEY ?? '', 'base64'),
    baseUrl: `http://localhost:${ports.api}`,
  });
}
const demoLink = (await sentEmails(ses.endpoint))
  .map((mail) => /http:\/\/localhost:\d+\/respond\/\S+/.exec(mail.body.text ?? '')?.[0])
  .find(Boolean);
// The same email carries the chief executive's contact link (R-REL-4).
const demoContactLink = (await sentEmails(ses.endpoint))
  .map((mail) => /http:\/\/localhost:\d+\/contact\/\S+/.exec(mail.body.text ?? '')?.[0])
  .find(Boolean);

const issuer = await persistentIssuer();
const api = createLocalApi({ issuer, stage });
await new Promise<void>((resolve) => api.listen(ports.api, '127.0.0.1', resolve));
const scheduler = startLocalScheduler(stage);
// npm run schedule and npm run token read where everything listens from here (infra/local/stack-ports.ts).
const forgetRunningStack = recordRunningStack(ports);

const tokenOf = async (role: string) => {
  const member = staff.find((candidate) => candidate.roles.includes(role as never));
  return member ? { member, token: await issuer.sign({ staffId: member.staffId, roles: member.roles }) } : null;
};
const holder = await tokenOf('inspector');
const admin = await tokenOf('admin');
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(`
Provider Engagement is running locally (up in ${seconds} s).

  API                 http://localhost:${ports.api}        (try GET /health, GET /openapi.json)
  Staff workspace     http://localhost:${ports.api}/workspace   (sign in as any demo staff member: local only, no password)
  SES inbox viewer    ${ses.endpoint.replace('127.0.0.1', 'localhost')}/
  DynamoDB Local      ${dynamodb.endpoint.replace('127.0.0.1', 'localhost')}   (${flags.persist ? 'data kept in .data/dynamodb' : 'in memory'})
  Event bus           ${eventBus.endpoint.replace('127.0.0.1', 'localhost')}   (PutEvents; the rules of shared/definitions/events.ts)
  S3 (imports)        http://localhost:${ports.s3}   (register uploads: npm run import -- <file> [--dry-run])

Staff token for the demo relationship holder, ${holder?.member.name} (inspector, ${holder?.member.staffId}):
  ${holder?.token}

Admin token (${admin?.member.name}, ${admin?.member.staffId}):
  ${admin?.token}

  curl -H "Authorization: Bearer <token>" http://localhost:${ports.api}/me/dashboard
  curl -H "Authorization: Bearer <token>" http://localhost:${ports.api}/providers
  npm run token -- --staff <staffId>        prints a fresh token for anyone in GET /staff

Provider link for the demo meeting (as emailed to the chief executive; see the inbox viewer):
  ${demoLink ?? '(none: with --persist, only the first start shares a demo template)'}

Contact link of the same contact (concerns, reviews, changes, questions, feedback):
  ${demoContactLink ?? '(none: with --persist, only the first start shares a demo template)'}

Schedules (Europe/London): ${scheduler
  .next()
  .map(({ job, at }) => `${job} next at ${at?.toISOString() ?? 'never'}`)
  .join('; ')}
Stop with Ctrl+C.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  forgetRunningStack();
  scheduler.stop();
  api.close();
  await eventBus.stop();
  await s3.stop();
  await Promise.all([ses.stop(), dynamodb.stop()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', forgetRunningStack);
