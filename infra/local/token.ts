import { parseArgs } from 'node:util';
import { localEnvironment } from './environment.ts';
import { persistentIssuer } from './local-issuer.ts';
import { runningStackPorts } from './stack-ports.ts';

/**
 * `npm run token -- --staff <staffId> [--hours 8]`: a fresh staff token for the running local
 * stack, carrying the roles that member of staff has in it.
 */
const { values } = parseArgs({
  options: { staff: { type: 'string' }, hours: { type: 'string', default: '8' } },
});
const hours = Number(values.hours);
if (!values.staff || !Number.isFinite(hours) || hours <= 0 || hours > 24) {
  console.error('Usage: npm run token -- --staff <staffId> [--hours 8]   (1 to 24 hours; staff ids: GET /staff)');
  process.exit(2);
}
// The ports `npm start` used (.cache/local-stack.json, infra/local/stack-ports.ts).
const { ports, from } = runningStackPorts();
const dynamodbPort = ports.dynamodb;
Object.assign(
  process.env,
  localEnvironment({
    stage: 'local',
    dynamoDbEndpoint: `http://127.0.0.1:${dynamodbPort}`,
    sesEndpoint: 'http://127.0.0.1:0',
  }),
);
const { DynamoRegisterStore } = await import('../../shared/adapters/dynamodb/register-store.ts');
const store = new DynamoRegisterStore(process.env.PROVIDERS_TABLE ?? '', process.env.AUDIT_TABLE ?? '');
const staff = await store.getStaff(values.staff).catch((error: unknown) => {
  console.error(
    `Could not reach the local stack's DynamoDB on port ${dynamodbPort} (from ${from}): is \`npm start\` running?`,
  );
  console.error(String(error));
  process.exit(1);
});
if (!staff) {
  console.error(`No member of staff ${values.staff} in the local stack (GET /staff lists them).`);
  process.exit(1);
}
// R-TEAM-5: a leaver cannot sign in (in AWS their Cognito user is disabled through the staff directory port).
if (staff.leftOn && staff.leftOn <= new Date().toISOString().slice(0, 10)) {
  console.error(`${staff.name} left on ${staff.leftOn}: no token is issued to someone who has left.`);
  process.exit(1);
}
const issuer = await persistentIssuer();
console.log(
  await issuer.sign({ staffId: staff.staffId, roles: staff.roles, lifetimeSeconds: Math.round(hours * 3600) }),
);
