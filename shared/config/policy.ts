import * as z from 'zod';
import { DEFAULT_DESIGNATED_QUARTER, DEFAULT_RISK_MEETING_WITHIN_DAYS } from '../domain/meetings/planning.ts';
import { policyCatalogue, SECTOR_VERSIONS } from '../domain/policy/catalogue.ts';
import type { PolicyId, PolicyVersion, SectorVersions } from '../domain/policy/types.ts';
import { SECTORS } from '../domain/vocabulary.ts';
import { ConfigurationError, ENV } from './env.ts';

/**
 * The policy catalogue in force for this deployment: the versions of shared/domain/policy/catalogue.ts,
 * with effective-from dates moved where POLICY_EFFECTIVE_FROM says (the 2023 framework's date and seed
 * 004's are assumptions: DOMAIN.md), and the sectors each version governs replaced where
 * POLICY_SECTOR_VERSIONS says (a sector left out keeps SECTOR_VERSIONS). Read once at cold start; a
 * malformed value stops the function loudly.
 */
const OverridesSchema = z.record(z.string(), z.iso.date());
const SectorVersionsSchema = z.partialRecord(z.enum(SECTORS), z.array(z.string()));

function parseJson(name: string, raw: string, expected: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`${name} is not JSON: expected ${expected}`);
  }
}

export function policyFromEnvironment(source: NodeJS.ProcessEnv = process.env): readonly PolicyVersion[] {
  const dates = source[ENV.policyEffectiveFrom];
  const sectors = source[ENV.policySectorVersions];
  let overrides: Partial<Record<PolicyId, string>> = {};
  if (dates !== undefined && dates.trim() !== '') {
    const parsed = OverridesSchema.safeParse(parseJson(ENV.policyEffectiveFrom, dates, '{"policyId": "YYYY-MM-DD"}'));
    if (!parsed.success) {
      throw new ConfigurationError(`${ENV.policyEffectiveFrom} must map policy ids to YYYY-MM-DD dates`);
    }
    overrides = parsed.data as Partial<Record<PolicyId, string>>;
  }
  let sectorVersions: SectorVersions = SECTOR_VERSIONS;
  if (sectors !== undefined && sectors.trim() !== '') {
    const parsed = SectorVersionsSchema.safeParse(
      parseJson(ENV.policySectorVersions, sectors, '{"sector": ["policyId", ...]}'),
    );
    if (!parsed.success) {
      throw new ConfigurationError(`${ENV.policySectorVersions} must map sectors to lists of policy ids`);
    }
    sectorVersions = { ...SECTOR_VERSIONS, ...(parsed.data as Partial<SectorVersions>) };
  }
  try {
    return policyCatalogue(overrides, sectorVersions);
  } catch (error) {
    if (error instanceof RangeError) throw new ConfigurationError(error.message);
    throw error;
  }
}

/**
 * Planning settings (R-CAD-7: days from a significant-risk flag to its meeting's due date, default 90;
 * R-CAD-5: which quarter of the business year the annual run designates, default the third). Read once at
 * cold start from PLANNING_SETTINGS; a malformed value stops the function loudly.
 */
const PlanningSettingsSchema = z
  .object({
    riskMeetingWithinDays: z.number().int().min(1).max(366).default(DEFAULT_RISK_MEETING_WITHIN_DAYS),
    designatedQuarter: z.number().int().min(1).max(4).default(DEFAULT_DESIGNATED_QUARTER),
  })
  .strict();
export type PlanningSettings = z.infer<typeof PlanningSettingsSchema>;

export function planningFromEnvironment(source: NodeJS.ProcessEnv = process.env): PlanningSettings {
  const raw = source[ENV.planningSettings];
  const parsed = PlanningSettingsSchema.safeParse(
    raw === undefined || raw.trim() === ''
      ? {}
      : parseJson(ENV.planningSettings, raw, '{"riskMeetingWithinDays": 90, "designatedQuarter": 3}'),
  );
  if (!parsed.success) {
    throw new ConfigurationError(
      `${ENV.planningSettings} must be {"riskMeetingWithinDays": 1–366, "designatedQuarter": 1–4}`,
    );
  }
  return parsed.data;
}
