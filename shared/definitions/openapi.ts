import { ErrorBodySchema as ErrorBodyStandIn } from '../schemas/common.ts';
import { builtSchema } from '../schemas/lazy-schema.ts';
import * as z from '../schemas/zod.ts';
import { FUNCTIONS } from './functions.ts';
import { routeKey } from './route-definition.ts';
import { ROUTES, type RouteDefinition } from './routes.ts';

/**
 * The OpenAPI 3.1 document, generated from the route table (routes.ts) and the zod schemas its
 * entries name, so the document cannot drift from what the handlers validate. Every route is
 * turned into an operation by the same steps, so a route appended to the table lands here with
 * its parameters, request body, success answers and error answers without any edit to this file.
 *
 * Named schemas live once in components/schemas and are referenced as #/components/schemas/Name:
 * a schema's name is its id in zod's global registry (`z.named`, shared/schemas/zod.ts), or, for a
 * schema a route names directly without one, one derived from the route (`StartJobRunResponse`). Where a named schema reads differently as a
 * request than as an answer (defaults, coercion) and is used both ways, the request's version is
 * `NameInput`.
 */
const ERROR_MEANING: Readonly<Record<number, string>> = {
  400: 'The request is malformed: the message and details name each field that is wrong',
  401: 'No valid staff token. This answer comes from the API gateway, in its own shape: {"message":"Unauthorized"}',
  403: "The token's roles do not allow this",
  404: 'No such resource',
  405: 'The path exists but not with this method (see the Allow header)',
  409: 'Conflicts with what is stored (a duplicate, or a concurrent change)',
  410: 'Gone: the link has closed',
  412: 'If-Match names a version that is no longer current: read again and retry',
  413: 'The request body is too large',
  415: 'The request body is not application/json',
  422: 'Valid, but breaks a rule of the policy in force; ruleId names it',
  428: 'If-Match is required on this route',
  429: 'Too many requests: the API gateway throttles the stage, and answers in its own shape: {"message":"Too Many Requests"}',
  500: 'Something failed on our side; nothing internal is said',
  503: 'The change is saved, but the sign-in directory could not be brought into step just now (code sign_in_sync_pending): repeat POST /staff/{staffId}/sign-in-groups, which is safe to repeat',
};

/** Answers the API gateway makes itself, in its own shape, before any function runs. */
const GATEWAY_STATUSES = new Set([401, 429]);

/** What pages for people answer instead, errors included: the same status, as a page. */
const PAGE_MEANING: Readonly<Record<number, string>> = {
  400: 'The page again, with an error summary naming each field that is wrong',
  403: 'Refused: the form did not come from this service’s own page (form token, cross-site origin)',
  404: 'The “This link does not work” page: forged, altered, replaced or unknown links all get it',
  410: 'The link has closed (the meeting has started, or the link expired)',
  413: 'What was sent is too long',
  500: 'Sorry, there is a problem with the service',
};

const COMPONENTS = '#/components/schemas/';
const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html';
const FORM_TYPE = 'application/x-www-form-urlencoded';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** API Gateway's own answers (no token, integration failures) do not pass through our functions. */
const GatewayErrorSchema = z.object({ message: z.string() });
const ErrorBodySchema = builtSchema(ErrorBodyStandIn);

const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Path template names, in order: `/providers/{providerId}/locations/{locationId}` → providerId, locationId. */
export const pathParameterNames = (path: string): string[] =>
  [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');

/** The media type a route answers in (successes and errors alike). */
const mediaTypeOf = (route: RouteDefinition): string => route.mediaType ?? JSON_TYPE;

/** Every schema the route table names, with the name it goes by and the way it is read. */
interface SchemaUse {
  schema: z.ZodMiniType;
  name: string;
  /** 'parameters': an object whose properties become path or query parameters, never a component itself. */
  role: 'body' | 'answer' | 'parameters';
}

function schemaUses(routes: readonly RouteDefinition[]): SchemaUse[] {
  const uses: SchemaUse[] = [
    { schema: ErrorBodySchema, name: nameOf(ErrorBodySchema, 'Error'), role: 'answer' },
    { schema: GatewayErrorSchema, name: 'GatewayError', role: 'answer' },
  ];
  for (const route of routes) {
    const operation = pascal(route.operationId);
    const { path, query, body } = route.request;
    if (path) uses.push({ schema: path, name: nameOf(path, `${operation}Path`), role: 'parameters' });
    if (query) uses.push({ schema: query, name: nameOf(query, `${operation}Query`), role: 'parameters' });
    if (body) uses.push({ schema: body, name: nameOf(body, `${operation}Request`), role: 'body' });
    for (const [status, answer] of Object.entries(route.responses)) {
      if (!answer.schema) continue;
      const fallback =
        Object.keys(route.responses).length > 1 ? `${operation}Response${status}` : `${operation}Response`;
      uses.push({ schema: answer.schema, name: nameOf(answer.schema, fallback), role: 'answer' });
    }
  }
  return uses;
}

function nameOf(schema: z.ZodMiniType, fallback: string): string {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : fallback;
}

/**
 * One registry of every named schema: those with an id anywhere (so a nested one is a reference,
 * never a copy) and those the route table names without one. The first name a schema gets wins,
 * so names stay put as routes are appended.
 */
function registryOf(uses: readonly SchemaUse[]) {
  const registry = z.registry<{ id: string }>();
  const bySchema = new Map<z.ZodMiniType, string>();
  const byName = new Map<string, z.ZodMiniType>();
  const add = (schema: z.ZodMiniType, name: string) => {
    if (bySchema.has(schema)) return;
    const other = byName.get(name);
    if (other && other !== schema) throw new Error(`Two different schemas are both named ${name}`);
    bySchema.set(schema, name);
    byName.set(name, schema);
    registry.add(schema, { id: name });
  };
  for (const [id, schema] of z.globalRegistry._idmap) add(schema as z.ZodMiniType, id);
  for (const use of uses) add(use.schema, use.name);
  return { registry, nameOf: (schema: z.ZodMiniType) => bySchema.get(schema) ?? '' };
}

function convert(registry: z.core.$ZodRegistry<{ id: string }>, io: Io, refName: (name: string) => string) {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (name) => `${COMPONENTS}${refName(name)}`,
  });
  if ('__shared' in schemas) throw new Error('A schema was extracted outside components: give it an id');
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      // $id with a fragment is not a valid JSON Schema identifier, and $schema is the document's dialect already.
      const { $id: _id, $schema: _dialect, ...rest } = schema as JsonSchema;
      return [name, rest];
    }),
  ) as Record<string, JsonSchema>;
}

/** Component names a JSON value refers to. */
function referencedNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith(COMPONENTS)) {
        into.add(inner.slice(COMPONENTS.length));
      } else {
        referencedNames(inner, into);
      }
    }
  }
  return into;
}

function reachable(roots: Iterable<string>, schemas: Record<string, JsonSchema>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...referencedNames(schemas[name]));
  }
  return seen;
}

/**
 * components/schemas, and the name under which requests and answers refer to each schema.
 * Converted once as answers (output) and once as requests (input); a schema used both ways whose
 * two readings differ (or that refers to one that does) gets a second component, `NameInput`.
 */
function components(uses: readonly SchemaUse[]) {
  const { registry, nameOf: registered } = registryOf(uses);
  const same = (name: string) => name;
  const output = convert(registry, 'output', same);
  const firstInput = convert(registry, 'input', same);
  const namesOf = (role: SchemaUse['role']) =>
    uses.filter((use) => use.role === role).map((use) => registered(use.schema));
  const outputRoots = namesOf('answer');
  const inputRoots = [
    ...namesOf('body'),
    // A parameter's schema may refer to a named one (an enum, say); the parameter objects themselves are spread out.
    ...namesOf('parameters').flatMap((name) => [...referencedNames(firstInput[name])]),
  ];
  const usedAsOutput = reachable(outputRoots, output);
  const usedAsInput = reachable(inputRoots, firstInput);

  const differs = new Set(
    Object.keys(output).filter((name) => JSON.stringify(output[name]) !== JSON.stringify(firstInput[name])),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of Object.keys(firstInput)) {
      if (differs.has(name)) continue;
      if ([...referencedNames(firstInput[name])].some((inner) => differs.has(inner))) {
        differs.add(name);
        grew = true;
      }
    }
  }
  const inputName = (name: string) =>
    differs.has(name) && usedAsOutput.has(name) && usedAsInput.has(name) ? `${name}Input` : name;
  const input = convert(registry, 'input', inputName);

  const schemas: Record<string, JsonSchema> = {};
  for (const name of [...usedAsOutput].sort()) schemas[name] = output[name] ?? {};
  for (const name of [...usedAsInput].sort()) {
    const as = inputName(name);
    if (as !== name && as in output) throw new Error(`${as} is already the name of another schema`);
    schemas[as] = input[name] ?? {};
  }
  return {
    schemas,
    /** The reference to a schema a route names, read as a request or as an answer. */
    ref: (schema: z.ZodMiniType, io: Io) => {
      const name = registered(schema);
      return { $ref: `${COMPONENTS}${io === 'input' ? inputName(name) : name}` };
    },
    /** The JSON Schema of an object a route takes its path or query parameters from. */
    parameterObject: (schema: z.ZodMiniType) =>
      input[registered(schema)] as { properties?: Record<string, JsonSchema>; required?: string[] },
  };
}

type Components = ReturnType<typeof components>;

function parameters(route: RouteDefinition, named: Components) {
  const from = (schema: z.ZodMiniType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const object = named.parameterObject(schema);
    return Object.entries(object.properties ?? {}).map(([name, property]) => {
      const { description, ...rest } = property;
      return {
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      };
    });
  };
  const declared = from(route.request.path, 'path');
  // A path parameter the route's schema leaves out (a page's link token) is still a required string.
  const undeclared = pathParameterNames(route.path)
    .filter((name) => !declared.some((parameter) => parameter.name === name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 } }));
  const ifMatch = route.request.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The ETag of the version you read',
          schema: { type: 'string', example: '"3"' },
        },
      ]
    : [];
  return [...declared, ...undeclared, ...from(route.request.query, 'query'), ...ifMatch];
}

function requestBody(route: RouteDefinition, named: Components) {
  if (route.request.body) {
    return { required: true, content: { [JSON_TYPE]: { schema: named.ref(route.request.body, 'input') } } };
  }
  if (mediaTypeOf(route) === HTML_TYPE && route.method === 'POST') {
    // A page's form: named fields, each a string, url-encoded as browsers send them.
    return {
      required: true,
      content: { [FORM_TYPE]: { schema: { type: 'object', additionalProperties: { type: 'string' } } } },
    };
  }
  return undefined;
}

function successResponses(route: RouteDefinition, named: Components) {
  const mediaType = mediaTypeOf(route);
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    const headers = {
      ...(answer.etag ? { ETag: { description: 'The version, for If-Match', schema: { type: 'string' } } } : {}),
      ...(status.startsWith('3')
        ? { Location: { description: 'Where to go next', required: true, schema: { type: 'string' } } }
        : {}),
    };
    const schema =
      mediaType !== JSON_TYPE
        ? { type: 'string' }
        : answer.schema
          ? named.ref(answer.schema, 'output')
          : { type: 'object', description: 'Not yet described by a schema' };
    responses[status] = {
      description: answer.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(status.startsWith('3') ? {} : { content: { [mediaType]: { schema } } }),
    };
  }
  return responses;
}

function errorResponses(route: RouteDefinition, named: Components) {
  const mediaType = mediaTypeOf(route);
  // Every route is behind the stage's throttle (429); staff routes behind the JWT authorizer (401).
  const shared = route.auth === 'staff' ? [400, 401, 403, 429, 500] : [429, 500];
  const statuses = [...new Set([...shared, ...route.errors])].sort((a, b) => a - b);
  const responses: Record<string, unknown> = {};
  for (const status of statuses) {
    if (GATEWAY_STATUSES.has(status)) {
      responses[status] = {
        description: ERROR_MEANING[status],
        content: { [JSON_TYPE]: { schema: named.ref(GatewayErrorSchema, 'output') } },
      };
    } else if (mediaType === JSON_TYPE) {
      responses[status] = {
        description: ERROR_MEANING[status] ?? 'Error',
        content: { [JSON_TYPE]: { schema: named.ref(ErrorBodySchema, 'output') } },
      };
    } else {
      responses[status] = {
        description: (mediaType === HTML_TYPE ? PAGE_MEANING[status] : undefined) ?? ERROR_MEANING[status] ?? 'Error',
        content: { [mediaType]: { schema: { type: 'string' } } },
      };
    }
  }
  return responses;
}

function operation(route: RouteDefinition, named: Components) {
  const body = requestBody(route, named);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [pascal(route.functionId)],
    ...(route.auth === 'staff'
      ? { security: [{ staffToken: [] }], description: `Roles: ${route.roles.join(', ')}` }
      : { security: [] }),
    parameters: parameters(route, named),
    ...(body ? { requestBody: body } : {}),
    responses: { ...successResponses(route, named), ...errorResponses(route, named) },
  };
}

export interface ServerEntry {
  url: string;
  description: string;
  variables?: Record<string, { default: string }>;
}

/**
 * The local stack (npm start) on its default port; PORT moves it. Said in the server's description:
 * swagger-parser's copy of the OpenAPI 3.1 schema misspells a variable's `description`, so it refuses one.
 */
export const LOCAL_SERVER: ServerEntry = {
  url: 'http://localhost:{port}',
  description: 'The local stack (npm start; port 3000 unless PORT gives another)',
  variables: { port: { default: '3000' } },
};

/**
 * The route with the schemas it names built: schemas are built on first use (shared/schemas/lazy-schema.ts),
 * and zod's registry knows a schema's id by the built schema, not by the stand-in a route holds.
 */
function withBuiltSchemas(route: RouteDefinition): RouteDefinition {
  const built = (schema: z.ZodMiniType | undefined) => schema && builtSchema(schema);
  const { path, query, body } = route.request;
  return {
    ...route,
    request: { ...route.request, path: built(path), query: built(query), body: built(body) },
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [status, { ...answer, schema: built(answer.schema) }]),
    ),
  };
}

export function openApiDocument(
  options: { routes?: readonly RouteDefinition[]; servers?: readonly ServerEntry[] } = {},
) {
  const routes = (options.routes ?? ROUTES).map(withBuiltSchemas);
  const named = components(schemaUses(routes));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (paths[route.path]?.[method]) throw new Error(`${routeKey(route)} is in the route table twice`);
    paths[route.path] = { ...paths[route.path], [method]: operation(route, named) };
  }
  const functionIds = [...new Set(routes.map((route) => route.functionId))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Provider Engagement API',
      version: '0.1.0',
      description:
        "The regulator's staff API for providers, relationships, meetings and pre-meeting templates, and the " +
        'pages providers reach through signed links. Errors have the shape {"error": {"code", "message", ' +
        '"details"?, "ruleId"?}}; pages answer HTML, errors included.',
    },
    servers: [...(options.servers ?? []), LOCAL_SERVER],
    tags: functionIds.map((id) => ({ name: pascal(id), description: FUNCTIONS[id].description })),
    components: {
      schemas: named.schemas,
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token (a local issuer in the local stack); roles come from cognito:groups',
        },
      },
    },
    paths,
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
