import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { BundleSizes } from '../../bench/function-bundles.ts';
import { TABLE_ACCESS_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/app-function.ts';
import { ENV } from '../../shared/config/env.ts';
import { EMAIL_TEMPLATES, physicalTemplateName } from '../../shared/definitions/email-templates.ts';
import { FUNCTIONS, type FunctionDefinition } from '../../shared/definitions/functions.ts';
import { openApiDocument } from '../../shared/definitions/openapi.ts';
import { ROUTES, routeKey } from '../../shared/definitions/routes.ts';
import { TABLES, type TableDefinition } from '../../shared/definitions/tables.ts';
import { WORKSPACE_ROUTES } from '../../shared/definitions/workspace-routes.ts';
import {
  allIdentityStatements,
  type CfnResourceJson,
  cdkJsonContext,
  exportNameOf,
  logicalIdOf,
  mentions,
  type PolicyStatementJson,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

const synthesized = synthesizedForThisFile();

const DEFINITIONS = Object.values(FUNCTIONS);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const functionResource = (definition: FunctionDefinition): CfnResourceJson =>
  resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[definition.id].function));

const environmentOf = (definition: FunctionDefinition): Record<string, unknown> => {
  const environment = functionResource(definition).Properties.Environment as { Variables: Record<string, unknown> };
  return environment.Variables;
};

/** The function's bundle as the stack staged it in the assembly (<hash>.zip is uploaded from asset.<hash>/). */
const assetDirOf = (definition: FunctionDefinition): string => {
  const { S3Key } = functionResource(definition).Properties.Code as { S3Key: string };
  return join(synthesized.outdir, `asset.${S3Key.replace(/\.zip$/, '')}`);
};

/** Sizes the bench recorded (npm run bench -- --only bundles); a bundle may grow 10 % past its own (issue 17). */
const RECORDED_SIZES = JSON.parse(
  readFileSync(new URL('../../bench/results/bundle-sizes.json', import.meta.url), 'utf8'),
) as BundleSizes;
const ALLOWED_GROWTH = 1.1;

const statementsOf = (definition: FunctionDefinition): PolicyStatementJson[] => {
  const role = synthesized.stateless.functions[definition.id].function.role;
  if (!role) throw new Error(`${definition.id} has no role`);
  return statementsOfRole(synthesized.statelessTemplate, logicalIdOf(role));
};

/** The exports through which the stateless stack reads a table's name and ARN. */
const tableExports = (table: TableDefinition): { name: string; arn: string } => {
  const tableId = logicalIdOf(synthesized.stateful.tables[table.id]);
  return {
    name: exportNameOf(synthesized.statefulTemplate, { Ref: tableId }),
    arn: exportNameOf(synthesized.statefulTemplate, { 'Fn::GetAtt': [tableId, 'Arn'] }),
  };
};

const tableStatements = (definition: FunctionDefinition, table: TableDefinition): PolicyStatementJson[] =>
  statementsOf(definition).filter((statement) => mentions(statement.resources, tableExports(table).arn));

const bindings = DEFINITIONS.flatMap((definition) =>
  TABLES.flatMap((table) => {
    const access = definition.tables[table.id];
    return access ? [{ definition, table, access, fn: definition.id, tableId: table.id }] : [];
  }),
);

describe.each(DEFINITIONS)('the $id function', (definition) => {
  it('runs on nodejs22.x on ARM64 with active tracing', () => {
    const properties = functionResource(definition).Properties;

    expect(properties.Runtime).toBe('nodejs22.x');
    expect(properties.Architectures).toEqual(['arm64']);
    expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('has the timeout and memory of its definition', () => {
    const properties = functionResource(definition).Properties;

    expect(properties.Timeout).toBe(definition.timeoutSeconds);
    expect(properties.MemorySize).toBe(definition.memoryMb);
  });

  it('is bundled from the entry of its definition into an ESM index.mjs that exports handler', () => {
    const resource = functionResource(definition);
    // The code is uploaded as <hash>.zip and staged in the assembly as asset.<hash>/.
    const { S3Key } = resource.Properties.Code as { S3Key: string };
    const assetDir = join(synthesized.outdir, `asset.${S3Key.replace(/\.zip$/, '')}`);

    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    const sourceMap = JSON.parse(readFileSync(join(assetDir, 'index.mjs.map'), 'utf8')) as { sources: string[] };

    expect(resource.Properties.Handler).toBe('index.handler');
    expect(bundle.startsWith("import { createRequire } from 'module';")).toBe(true);
    expect(bundle).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{[^}]*\bhandler\b[^}]*\}/);
    expect(sourceMap.sources.some((source) => source.endsWith(definition.entry))).toBe(true);
  });

  it('knows its stage, the service name and maps stack traces to the TypeScript source', () => {
    // SAM pairs an esbuild source map with this same NODE_OPTIONS:
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html
    expect(environmentOf(definition)).toMatchObject({
      [ENV.stage]: cdkJsonContext().stage,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'provider-engagement',
    });
  });

  it('ships a source map of names and positions only, which Node parses whole at each cold start (issue 17)', () => {
    const sourceMap = JSON.parse(readFileSync(join(assetDirOf(definition), 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown[];
    };

    expect(sourceMap.sources.length).toBeGreaterThan(0);
    expect(sourceMap.sourcesContent ?? []).toEqual([]);
  });

  it('bundles zod/mini and its English messages only, never classic zod nor another locale (issue 17)', () => {
    // The source map names every file esbuild put in the bundle, as its metafile's inputs would. Classic zod
    // (`import * as z from 'zod'`) doubles what zod adds to a cold start: schemas import z from
    // shared/schemas/zod.ts, and a stray classic import anywhere a function reaches fails here.
    const { sources } = JSON.parse(readFileSync(join(assetDirOf(definition), 'index.mjs.map'), 'utf8')) as {
      sources: string[];
    };
    const zodFiles = sources.filter((source) => source.includes('node_modules/zod/'));

    expect(zodFiles.filter((source) => source.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(zodFiles.filter((source) => /node_modules\/zod\/v4\/locales\/(?!en\.js$)/.test(source))).toEqual([]);
  });

  it('has not grown more than 10 % over the bundle size the bench recorded (issue 17)', () => {
    const recorded = RECORDED_SIZES.bytes[definition.id];
    const bytes = readFileSync(join(assetDirOf(definition), 'index.mjs')).length;

    expect(recorded, 'no size recorded: run `npm run bench -- --only bundles`').toBeGreaterThan(0);
    expect(
      bytes,
      `${definition.id} is ${bytes} bytes, more than 10 % over the ${recorded} recorded in bench/results/bundle-sizes.json: ` +
        'shrink it, or record a growth that is meant with `npm run bench -- --only bundles`',
    ).toBeLessThanOrEqual(Math.floor((recorded ?? 0) * ALLOWED_GROWTH));
  });

  it('is told the name of exactly the tables its definition binds, by reference to the stateful stack', () => {
    const environment = environmentOf(definition);
    const expected = Object.fromEntries(
      TABLES.filter((table) => definition.tables[table.id]).map((table) => [
        table.envVar,
        { 'Fn::ImportValue': tableExports(table).name },
      ]),
    );
    const tableVariables = Object.fromEntries(
      Object.entries(environment).filter(([name]) => TABLES.some((table) => table.envVar === name)),
    );

    expect(tableVariables).toEqual(expected);
  });

  it('has no access to the tables its definition does not bind', () => {
    const unbound = TABLES.filter((table) => !definition.tables[table.id]);

    for (const table of unbound) expect(tableStatements(definition, table)).toEqual([]);
    if (unbound.length === TABLES.length) {
      expect(statementsOf(definition).flatMap((statement) => statement.actions)).not.toContainEqual(
        expect.stringMatching(/^dynamodb:/),
      );
    }
  });

  it(
    definition.sendsEmail
      ? 'may send email only as the sender domain, through the configuration set, with the stage templates'
      : 'may not send email',
    () => {
      const sending = statementsOf(definition).filter((statement) =>
        statement.actions.some((action) => /^ses:Send/.test(action)),
      );
      const environment = environmentOf(definition);

      if (!definition.sendsEmail) {
        expect(sending).toEqual([]);
        // A function that composes the jobs' mailer for a dry run has the settings, and still no right to send.
        if (definition.composesEmail) expect(environment[ENV.senderAddress]).toBe(cdkJsonContext().senderAddress);
        else expect(environment[ENV.senderAddress]).toBeUndefined();
        return;
      }
      const context = cdkJsonContext();
      const configurationSetId = logicalIdOf(synthesized.stateless.configurationSet);
      expect(sending).toHaveLength(1);
      const [statement] = sending;
      expect(statement?.actions.sort()).toEqual(['ses:SendBulkEmail', 'ses:SendEmail']);
      const resources = statement?.resources ?? [];
      expect(resources).toHaveLength(2 + EMAIL_TEMPLATES.length);
      expect(resources).not.toContain('*');
      expect(mentions(resources, `:identity/${String(context.senderDomain)}`)).toBe(true);
      expect(
        resources.some(
          (resource) =>
            mentions(resource, ':configuration-set/') && mentions(resource, `{"Ref":"${configurationSetId}"}`),
        ),
      ).toBe(true);
      for (const template of EMAIL_TEMPLATES) {
        const name = physicalTemplateName(String(context.stage), template.name);
        expect(mentions(resources, `:template/${name}"`)).toBe(true);
      }
      expect(environment[ENV.senderAddress]).toBe(context.senderAddress);
      expect(environment[ENV.sesConfigurationSet]).toEqual({ Ref: configurationSetId });
    },
  );

  it(definition.readsEmailAccount ? 'may read the SES account state' : 'may not read the SES account state', () => {
    const actions = statementsOf(definition).flatMap((statement) => statement.actions);

    if (definition.readsEmailAccount) expect(actions).toContain('ses:GetAccount');
    else expect(actions).not.toContain('ses:GetAccount');
  });

  it('writes to its own log group, kept for a month', () => {
    const logGroupId = logicalIdOf(synthesized.stateless.functions[definition.id].logGroup);

    expect(functionResource(definition).Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    expect(resourceOf(synthesized.statelessTemplate, logGroupId).Properties.RetentionInDays).toBe(30);
    expect(statementsOf(definition)).toContainEqual({
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [{ 'Fn::GetAtt': [logGroupId, 'Arn'] }],
    });
  });

  it('raises an alarm to the alarm topic as soon as it errors', () => {
    const functionId = logicalIdOf(synthesized.stateless.functions[definition.id].function);
    const topicId = logicalIdOf(synthesized.stateless.alarmTopic);

    const alarms = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        alarm.Properties.MetricName === 'Errors' &&
        alarm.Properties.Namespace === 'AWS/Lambda' &&
        mentions(alarm.Properties.Dimensions, `{"Ref":"${functionId}"}`),
    );

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe.each(bindings)('the $fn function and the $tableId table', ({ definition, table, access }) => {
  it(`grants ${access} item access (${TABLE_ACCESS_ACTIONS[access].join(', ')}) to the table and each of its indexes`, () => {
    const statements = tableStatements(definition, table);
    const { arn } = tableExports(table);

    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement?.actions.sort()).toEqual([...TABLE_ACCESS_ACTIONS[access]].sort());
    expect(statement?.resources).toEqual([
      { 'Fn::ImportValue': arn },
      ...table.indexes.map((index) => ({
        'Fn::Join': ['', [{ 'Fn::ImportValue': arn }, `/index/${index.indexName}`]],
      })),
    ]);
  });

  const changes = access === 'readWrite';
  it(changes ? 'grants put, update and delete on the table' : 'grants no update or delete on the table', () => {
    const actions = tableStatements(definition, table).flatMap((statement) => statement.actions);

    if (changes) expect(actions).toEqual(expect.arrayContaining(WRITE_ACTIONS));
    else
      for (const action of TABLE_WRITE_ACTIONS.filter((candidate) => candidate !== 'dynamodb:PutItem'))
        expect(actions).not.toContain(action);
    if (access === 'read') expect(actions).not.toContain('dynamodb:PutItem');
  });
});

describe('IAM across both stacks', () => {
  it('grants a "*" resource only for X-Ray tracing, ses:GetAccount and Step Functions log delivery, which have no resource type', () => {
    const wildcard = [synthesized.statefulTemplate, synthesized.statelessTemplate]
      .flatMap(allIdentityStatements)
      .filter((statement) => statement.resources.includes('*'));
    const allowedWithoutResource = [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'ses:GetAccount',
      // The register import's state machine logs to CloudWatch Logs: these vended-log delivery actions take
      // no resource, so "*" is the only resource IAM accepts for them
      // (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ];

    expect(wildcard.length).toBeGreaterThan(0);
    for (const statement of wildcard) {
      for (const action of statement.actions) expect(allowedWithoutResource).toContain(action);
    }
  });

  it('uses no AWS managed policy on any role', () => {
    const roles = Object.values(resourcesOfType(synthesized.statelessTemplate, 'AWS::IAM::Role'));

    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

// Issue 12 item 15: the audit trail is append-only for every function. A transaction's Put is authorised as
// PutItem, its Update and Delete as UpdateItem and DeleteItem
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html), so a role with
// PutItem alone can add entries inside the change's transaction and can never change or remove one.
describe('the audit table', () => {
  const audit = TABLES.find((table) => table.id === 'audit');
  if (!audit) throw new Error('No audit table');

  it.each(DEFINITIONS)('the $id function may at most read it and put new entries', (definition) => {
    const actions = tableStatements(definition, audit).flatMap((statement) => statement.actions);

    for (const action of actions) expect(['dynamodb:PutItem', ...TABLE_ACCESS_ACTIONS.read]).toContain(action);
  });

  // The imports function writes only its own import records (each names who started it and when), never a
  // provider, location or member of staff; the register-import function that changes them appends entries.
  const WRITES_NO_AUDITED_ITEM = new Set(['imports']);

  it('is appended to by every function that changes the providers table', () => {
    const writers = DEFINITIONS.filter(
      (definition) => definition.tables.providers === 'readWrite' && !WRITES_NO_AUDITED_ITEM.has(definition.id),
    );

    expect(writers.length).toBeGreaterThan(0);
    for (const definition of writers) {
      expect(tableStatements(definition, audit).flatMap((statement) => statement.actions)).toContain(
        'dynamodb:PutItem',
      );
    }
  });
});

describe('the fallback function', () => {
  it('carries every route key inlined at build time and none of the routes’ schemas (issue 17)', () => {
    const bundle = readFileSync(join(assetDirOf(FUNCTIONS.fallback), 'index.mjs'), 'utf8');

    for (const route of ROUTES) expect(bundle).toContain(JSON.stringify(routeKey(route)));
    // zod names its classes by string ($constructor("ZodError", …)): none means zod is not in the bundle.
    expect(bundle).not.toContain('ZodError');
  });
});

describe('the workspace functions', () => {
  const workspaceFunctions = [FUNCTIONS.workspace, FUNCTIONS['workspace-meetings'], FUNCTIONS['workspace-admin']];

  it.each(workspaceFunctions.map((definition) => [definition.id, definition] as const))(
    '%s carries its own pages’ route keys inlined at build time, and no route definitions (issue 17)',
    (id, definition) => {
      const bundle = readFileSync(join(assetDirOf(definition), 'index.mjs'), 'utf8');
      const { sources } = JSON.parse(readFileSync(join(assetDirOf(definition), 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };

      for (const route of WORKSPACE_ROUTES) {
        const entry = `${JSON.stringify(routeKey(route))}:${JSON.stringify(route.operationId)}`;
        if (route.functionId === id) expect(bundle).toContain(entry);
        else expect(bundle).not.toContain(entry);
      }
      expect(sources.filter((source) => /definitions\/(workspace-routes|routes\/)/.test(source))).toEqual([]);
    },
  );

  it('answers a page from the inlined table: the signed-out page, from the bundle itself', async () => {
    for (const [name, value] of Object.entries({
      [ENV.stage]: 'infra-test',
      [ENV.providersTable]: 'providers',
      [ENV.meetingsTable]: 'meetings',
      [ENV.auditTable]: 'audit',
      [ENV.sessionsTable]: 'sessions',
      [ENV.workspaceIssuer]: 'https://issuer.example.org',
      [ENV.workspaceClientId]: 'client',
      [ENV.linkSigningKey]: Buffer.alloc(32, 1).toString('base64'),
      [ENV.workspaceOrigin]: undefined,
      [ENV.workspaceAuthBaseUrl]: undefined,
    })) {
      vi.stubEnv(name, value);
    }
    try {
      const { handler } = (await import(pathToFileURL(join(assetDirOf(FUNCTIONS.workspace), 'index.mjs')).href)) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
      };
      const answer = await handler(
        {
          routeKey: 'GET /workspace/sign-out',
          rawPath: '/workspace/sign-out',
          rawQueryString: '',
          headers: { host: 'localhost:3000' },
          requestContext: { http: { method: 'GET' }, domainName: 'localhost' },
        },
        {},
      );

      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('You have signed out');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('the system function', () => {
  const assetDir = () => assetDirOf(FUNCTIONS.system);

  it('has the OpenAPI document generated at build time beside its bundle, and no other function’s schemas (issue 17)', () => {
    const besideBundle = JSON.parse(readFileSync(join(assetDir(), 'openapi.json'), 'utf8')) as unknown;
    const bundle = readFileSync(join(assetDir(), 'index.mjs'), 'utf8');

    expect(besideBundle).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    // Schema ids name the OpenAPI components (z.named): another function's would mean its schemas were built.
    expect(bundle).not.toContain('"CreateProvider"');
  });

  it('answers GET /openapi.json from the bundled document, with this stage’s address first', async () => {
    // Read before the import: the bundle's own zod copy registers its schema ids in zod's global registry.
    const expectedPaths = Object.keys(openApiDocument().paths);
    vi.stubEnv(ENV.stage, 'infra-test');
    vi.stubEnv(ENV.providersTable, 'providers');
    vi.stubEnv(ENV.meetingsTable, 'meetings');
    vi.stubEnv(ENV.publicBaseUrl, undefined);
    try {
      const { handler } = (await import(pathToFileURL(join(assetDir(), 'index.mjs')).href)) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
      };
      const answer = await handler(
        {
          routeKey: 'GET /openapi.json',
          rawPath: '/openapi.json',
          headers: {},
          requestContext: { http: { method: 'GET' }, domainName: 'api.example.org' },
        },
        {},
      );
      const document = JSON.parse(answer.body) as { paths: Record<string, unknown>; servers: { url: string }[] };

      expect(answer.statusCode).toBe(200);
      expect(Object.keys(document.paths)).toEqual(expectedPaths);
      expect(document.servers[0]?.url).toBe('https://api.example.org');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
