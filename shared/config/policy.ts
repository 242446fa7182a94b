import * as z from 'zod';
import { policyCatalogue } from '../domain/policy/catalogue.ts';
import type { PolicyId, PolicyVersion } from '../domain/policy/types.ts';
import { ConfigurationError, ENV } from './env.ts';

/**
 * The policy catalogue in force for this deployment: the versions of shared/domain/policy/catalogue.ts,
 * with effective-from dates moved where POLICY_EFFECTIVE_FROM says (the 2023 framework's date is an
 * assumption: DOMAIN.md). Read once at cold start; a malformed value stops the function loudly.
 */
const OverridesSchema = z.record(z.string(), z.iso.date());

export function policyFromEnvironment(source: NodeJS.ProcessEnv = process.env): readonly PolicyVersion[] {
  const raw = source[ENV.policyEffectiveFrom];
  if (raw === undefined || raw.trim() === '') return policyCatalogue();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`${ENV.policyEffectiveFrom} is not JSON: expected {"policyId": "YYYY-MM-DD"}`);
  }
  const overrides = OverridesSchema.safeParse(parsed);
  if (!overrides.success) {
    throw new ConfigurationError(`${ENV.policyEffectiveFrom} must map policy ids to YYYY-MM-DD dates`);
  }
  return policyCatalogue(overrides.data as Partial<Record<PolicyId, string>>);
}
