import { parseArgs } from 'node:util';
import { JOB_NAMES, type JobName, SCHEDULES } from '../../shared/definitions/schedules.ts';
import { isCalendarDay, isSupportedDay, SUPPORTED_DAYS } from '../../shared/domain/calendar.ts';
import { localEnvironment } from './environment.ts';
import { persistentLinkKey } from './local-issuer.ts';
import { runningStackPorts } from './stack-ports.ts';

/**
 * `npm run schedule -- <quarterly-planning|annual-planning|daily> [--on YYYY-MM-DD]`: fires one of
 * the stack's schedules against the running local stack (`npm start`), as if it were that day: the
 * jobs function's real handler gets the payload EventBridge Scheduler sends, plus `runAs`. The run
 * is recorded like any other (GET /jobs/{job}/runs) and its emails land in the SES inbox viewer;
 * with --dry-run it says what it would plan or send and writes, sends and records nothing.
 */
const usage = `Usage: npm run schedule -- <${JOB_NAMES.join('|')}> [--on YYYY-MM-DD] [--dry-run]   (the local stack must be running: npm start)`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { on: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const job = positionals[0] as JobName | undefined;
const schedule = SCHEDULES.find((candidate) => candidate.job === job);
const validDay = (day: string) => isCalendarDay(day);
if (!schedule || positionals.length !== 1) {
  console.error(job ? `No schedule called "${job}".` : 'Name the job to run.');
  console.error(usage);
  process.exit(2);
}
if (values.on !== undefined && !validDay(values.on)) {
  console.error(`--on ${values.on} is not a calendar day (YYYY-MM-DD).`);
  console.error(usage);
  process.exit(2);
}
if (values.on !== undefined && !isSupportedDay(values.on)) {
  console.error(`--on ${values.on}: the service runs as ${SUPPORTED_DAYS}.`);
  process.exit(2);
}

// The ports `npm start` used (.cache/local-stack.json), so emailed links point at the running API.
const { ports, from } = runningStackPorts();
Object.assign(
  process.env,
  localEnvironment({
    stage: 'local',
    dynamoDbEndpoint: `http://127.0.0.1:${ports.dynamodb}`,
    sesEndpoint: `http://127.0.0.1:${ports.ses}`,
    eventBusEndpoint: `http://127.0.0.1:${ports.events}`,
    linkSigningKey: persistentLinkKey(),
    publicBaseUrl: `http://localhost:${ports.api}`,
  }),
  { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
);

const { tableProbe } = await import('../../shared/adapters/dynamodb/table-probe.ts');
try {
  await tableProbe(process.env.PROVIDERS_TABLE ?? '')();
} catch {
  console.error(
    `The local stack's DynamoDB does not answer on port ${ports.dynamodb} (from ${from}): is \`npm start\` running?`,
  );
  process.exit(1);
}
const { fireSchedule } = await import('./scheduler.ts');
// --dry-run: what the run would plan or send, nothing written, sent or recorded (issue 12 item 6).
const run = await fireSchedule(schedule, 'local', values.on, values['dry-run']);
console.log(JSON.stringify(run, null, 2));
