import type { GeneratedRegister } from './generated-register.ts';
import { type Tallies, tallyOf, totalUnits } from './request-counter.ts';

/** The bench's results as Markdown: one row per scenario, then what the numbers show, then the machine. */
export interface ScenarioRow {
  scenario: string;
  providersInRegister: number;
  /** Providers the run read (its summary's providersRead); null for the overdue sweep, which reads meetings. */
  providersRead: number | null;
  tallies: Tallies;
  /** Meetings created; null for the overdue sweep. */
  created: number | null;
  seconds: number;
  details: string[];
}

export interface ScaleReport {
  label: string;
  /** How this register was scaled, in a sentence. */
  about: string;
  register: GeneratedRegister;
  seedSeconds: number;
  rows: ScenarioRow[];
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  java: string;
  dynamoDbLocal: string;
}

export const LAMBDA_TIMEOUT_SECONDS = 900;

const count = (value: number) => value.toLocaleString('en-GB');
const units = (value: number) => value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds = (value: number) => value.toFixed(1);
const orDash = (value: number | null) => (value === null ? '—' : count(value));

function scenarioLine(scale: string, row: ScenarioRow): string {
  const cells = [
    `${scale}: ${row.scenario}`,
    count(row.providersInRegister),
    orDash(row.providersRead),
    count(tallyOf(row.tallies, 'Query').requests),
    count(tallyOf(row.tallies, 'Query').itemsReturned),
    count(tallyOf(row.tallies, 'GetItem').requests),
    count(tallyOf(row.tallies, 'TransactWriteItems').requests),
    units(totalUnits(row.tallies, 'readUnits')),
    units(totalUnits(row.tallies, 'writeUnits')),
    orDash(row.created),
    seconds(row.seconds),
  ];
  return `| ${cells.join(' | ')} |`;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
const providersIn = (register: GeneratedRegister) => sum(Object.values(register.providersBySector));

export function registerLine(scale: ScaleReport): string {
  const sectors = Object.entries(scale.register.providersBySector)
    .map(([sector, providers]) => `${count(providers)} ${sector}`)
    .join(', ');
  return (
    `- **${scale.label}** (${scale.about}): ${count(providersIn(scale.register))} providers (${sectors}); ` +
    `${count(scale.register.locations)} independent healthcare locations, ${count(scale.register.significantRiskLocations)} at significant risk; ` +
    `${count(scale.register.relationships)} current relationships (each with a history entry); ${count(scale.register.staff)} staff. ` +
    `${count(scale.register.items)} items seeded with BatchWriteItem in ${seconds(scale.seedSeconds)} s (not part of any run).`
  );
}

export function markdownReport(input: {
  date: string;
  scales: ScaleReport[];
  notScaled: string | null;
  findings: string[];
  machine: MachineFacts;
  totalSeconds: number;
}): string {
  const lines = [
    '# Planning runs at the regulator’s scale',
    '',
    `\`npm run bench\`, ${input.date}. DynamoDB Local in memory on this machine; every number below is measured, none is asserted.`,
    '',
    '| scenario | providers in register | relevant providers read | Query requests | Query items returned | GetItem requests | TransactWrite requests | read capacity units | write capacity units | meetings created | wall time (s) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...input.scales.flatMap((scale) => scale.rows.map((row) => scenarioLine(scale.label, row))),
    '',
    '## Registers',
    '',
    ...input.scales.map(registerLine),
    ...(input.notScaled ? [`- **10×**: not run. ${input.notScaled}`] : []),
    '',
    '## Each scenario',
    '',
    ...input.scales.flatMap((scale) =>
      scale.rows.map((row) => `- **${scale.label}: ${row.scenario}**: ${row.details.join('; ')}.`),
    ),
    '',
    '## What the numbers show',
    '',
    ...input.findings.map((finding) => `- ${finding}`),
    '',
    '## Notes',
    '',
    '- "Relevant providers read" is the run’s own `providersRead`; "Query items returned" sums the `Count` of every Query, so for the overdue sweep it is the items read against the meetings due.',
    '- Capacity is what DynamoDB Local reports with `ReturnConsumedCapacity: TOTAL`, summed over every request of the run (Query, GetItem, TransactWriteItems). A cancelled transaction (a slot already planned) answers with an error that carries no consumed capacity, so a repeated run’s write units read 0 here: what the attempts cost in AWS is not visible to this bench.',
    '- DynamoDB Local’s own accounting: it reports 4 write units for each item of up to 1 KB written in a transaction (the AWS documentation says 2), counts every index an item is on, and reports 0 read units for a Query that finds nothing. Compare runs with each other, not with an AWS bill.',
    '- The overdue sweep runs with a mailer stub that only counts calls: there is no SES here. This is a measurement, not a test.',
    '- Wall time is DynamoDB Local on loopback, on the machine below, with the JVM sharing its two cores with Node. In AWS each request crosses the network (a few milliseconds), so the request counts, not these seconds, are what carry over.',
    `- Whole bench, including DynamoDB Local start, seeding and tables: ${seconds(input.totalSeconds)} s.`,
    '',
    '## Machine',
    '',
    '| CPU | cores | memory | Node | Java | DynamoDB Local |',
    '|---|--:|--:|---|---|---|',
    `| ${input.machine.cpu} | ${input.machine.cores} | ${input.machine.memoryGiB.toFixed(1)} GiB | ${input.machine.node} | ${input.machine.java} | ${input.machine.dynamoDbLocal} |`,
    '',
  ];
  return lines.join('\n');
}
