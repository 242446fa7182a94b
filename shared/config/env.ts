import * as z from 'zod';

/**
 * The one environment contract: infra sets these variables, functions read them.
 * Each function parses only the names it needs, once, at cold start, and fails loudly.
 * Domain code never reads process.env.
 */
export const ENV = {
  stage: 'STAGE',
  providersTable: 'PROVIDERS_TABLE',
  meetingsTable: 'MEETINGS_TABLE',
  eventBusName: 'EVENT_BUS_NAME',
  senderAddress: 'SENDER_ADDRESS',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Optional: JSON {"policyId": "YYYY-MM-DD"} moving a policy version's effective-from date. */
  policyEffectiveFrom: 'POLICY_EFFECTIVE_FROM',
  /** Local stack and tests: base64 key (32 bytes or more) that signs provider links. */
  linkSigningKey: 'LINK_SIGNING_KEY',
  /** AWS: the Secrets Manager secret holding that key. */
  linkSigningKeySecretArn: 'LINK_SIGNING_KEY_SECRET_ARN',
  /** Optional: the origin provider links point at; otherwise the origin the staff API was called on. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** AWS: the Cognito user pool whose groups follow staff roles (R-TEAM-5); absent locally, where the issuer reads the store. */
  staffUserPoolId: 'STAFF_USER_POOL_ID',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

export class ConfigurationError extends Error {}

/** Reads the named variables, all required and non-empty; throws naming every one that is missing. */
export function readEnv<const N extends EnvName>(
  names: readonly N[],
  source: NodeJS.ProcessEnv = process.env,
): Record<N, string> {
  const shape = Object.fromEntries(names.map((name) => [name, z.string().min(1)])) as Record<N, z.ZodString>;
  const parsed = z.object(shape).safeParse(source);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigurationError(`Missing or empty environment variables: ${missing}`);
  }
  return parsed.data as Record<N, string>;
}
