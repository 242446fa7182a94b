/**
 * The one environment contract: infra sets these variables, functions read them.
 * Each function parses only the names it needs, once, at cold start, and fails loudly.
 * Domain code never reads process.env.
 */
export const ENV = {
  stage: 'STAGE',
  providersTable: 'PROVIDERS_TABLE',
  meetingsTable: 'MEETINGS_TABLE',
  /** The append-only audit trail (functions may only add entries). */
  auditTable: 'AUDIT_TABLE',
  eventBusName: 'EVENT_BUS_NAME',
  senderAddress: 'SENDER_ADDRESS',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Optional: JSON {"policyId": "YYYY-MM-DD"} moving a policy version's effective-from date. */
  policyEffectiveFrom: 'POLICY_EFFECTIVE_FROM',
  /** Optional: JSON {"sector": ["policyId", …]} replacing which policy versions govern a sector (DOMAIN.md). */
  policySectorVersions: 'POLICY_SECTOR_VERSIONS',
  /** Optional: planning settings, JSON {"riskMeetingWithinDays": 90, "designatedQuarter": 3} (R-CAD-7, R-CAD-5). */
  planningSettings: 'PLANNING_SETTINGS',
  /** Local stack and tests: base64 key (32 bytes or more) that signs provider links. */
  linkSigningKey: 'LINK_SIGNING_KEY',
  /** AWS: the Secrets Manager secret holding that key. */
  linkSigningKeySecretArn: 'LINK_SIGNING_KEY_SECRET_ARN',
  /** Optional: the origin provider links point at; otherwise the origin the staff API was called on. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** AWS: the Cognito user pool whose groups follow staff roles (R-TEAM-5); absent locally, where the issuer reads the store. */
  staffUserPoolId: 'STAFF_USER_POOL_ID',
  /**
   * Local stack and tests only ('allowed'): a job may run as a day after today. The stack never sets
   * it, so in AWS a run as a future day is refused unless it is a dry run (issue 12 item 6).
   */
  futureRuns: 'FUTURE_RUNS',
  /** The staff workspace's sessions (issue 15). */
  sessionsTable: 'SESSIONS_TABLE',
  /** The workspace's OpenID provider: Cognito's user pool issuer in AWS, the local issuer locally. */
  workspaceIssuer: 'WORKSPACE_ISSUER',
  /** The app client the workspace signs in with (code grant + PKCE, no secret). */
  workspaceClientId: 'WORKSPACE_CLIENT_ID',
  /** Where the sign-in pages live: Cognito's managed login domain, or the local issuer's origin + path. */
  workspaceAuthBaseUrl: 'WORKSPACE_AUTH_BASE_URL',
  /** Optional: the origin the workspace is served on (callback and sign-out URLs); locally the request's host. */
  workspaceOrigin: 'WORKSPACE_ORIGIN',
  /** The register import's bucket: uploads of CQC's file, and the reports (issue 16). */
  importsBucket: 'IMPORTS_BUCKET',
  /** AWS: the jobs function the workspace hands a real run to (Lambda Invoke, Event); absent locally (issue 15). */
  jobsFunctionName: 'JOBS_FUNCTION_NAME',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

export class ConfigurationError extends Error {}

/**
 * Reads the named variables, all required and non-empty; throws naming every one that is missing.
 * Plain code, not a schema: it runs at every cold start, and building zod schemas there cost each
 * function init time a request never asked for (issue 17).
 */
export function readEnv<const N extends EnvName>(
  names: readonly N[],
  source: NodeJS.ProcessEnv = process.env,
): Record<N, string> {
  const missing = names.filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new ConfigurationError(`Missing or empty environment variables: ${missing.join(', ')}`);
  }
  return Object.fromEntries(names.map((name) => [name, source[name] as string])) as Record<N, string>;
}

/**
 * Where links in emails to staff point (issue 15): the workspace's origin. In AWS the stack sets
 * WORKSPACE_ORIGIN on every function that emails staff (shared/definitions/functions.ts, linksToWorkspace);
 * the local stack serves the workspace on the local API's own origin, which it gives as PUBLIC_BASE_URL.
 * Read at cold start: a function that would email staff a link to nowhere does not start.
 */
export function workspaceOriginFromEnvironment(source: NodeJS.ProcessEnv = process.env): string {
  const origin = source[ENV.workspaceOrigin] || source[ENV.publicBaseUrl];
  if (!origin) {
    throw new ConfigurationError(`Set ${ENV.workspaceOrigin} (AWS) or ${ENV.publicBaseUrl} (local stack)`);
  }
  return origin.replace(/\/+$/, '');
}
