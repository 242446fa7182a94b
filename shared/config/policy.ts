import { isCalendarDay } from '../domain/calendar.ts';
import { DEFAULT_DESIGNATED_QUARTER, DEFAULT_RISK_MEETING_WITHIN_DAYS } from '../domain/meetings/planning.ts';
import { policyCatalogue, SECTOR_VERSIONS } from '../domain/policy/catalogue.ts';
import type { PolicyId, PolicyVersion, SectorVersions } from '../domain/policy/types.ts';
import { SECTORS, type Sector } from '../domain/vocabulary.ts';
import { ConfigurationError, ENV } from './env.ts';

/**
 * The policy catalogue in force for this deployment: the versions of shared/domain/policy/catalogue.ts,
 * with effective-from dates moved where POLICY_EFFECTIVE_FROM says (the 2023 framework's date and seed
 * 004's are assumptions: DOMAIN.md), and the sectors each version governs replaced where
 * POLICY_SECTOR_VERSIONS says (a sector left out keeps SECTOR_VERSIONS). Read once at cold start; a
 * malformed value stops the function loudly. Checked by plain code rather than zod schemas, which would
 * be built at every cold start for three small JSON values (issue 17).
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** {"policyId": "YYYY-MM-DD", …}: every value a real calendar day. */
const isDateOverrides = (value: unknown): value is Record<string, string> =>
  isPlainObject(value) && Object.values(value).every((day) => typeof day === 'string' && isCalendarDay(day));

/** {"sector": ["policyId", …], …}: every key one of our sectors, every value a list of strings. */
const isSectorVersions = (value: unknown): value is Partial<Record<Sector, string[]>> =>
  isPlainObject(value) &&
  Object.entries(value).every(
    ([sector, ids]) =>
      (SECTORS as readonly string[]).includes(sector) &&
      Array.isArray(ids) &&
      ids.every((id) => typeof id === 'string'),
  );

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
    const parsed = parseJson(ENV.policyEffectiveFrom, dates, '{"policyId": "YYYY-MM-DD"}');
    if (!isDateOverrides(parsed)) {
      throw new ConfigurationError(`${ENV.policyEffectiveFrom} must map policy ids to YYYY-MM-DD dates`);
    }
    overrides = parsed as Partial<Record<PolicyId, string>>;
  }
  let sectorVersions: SectorVersions = SECTOR_VERSIONS;
  if (sectors !== undefined && sectors.trim() !== '') {
    const parsed = parseJson(ENV.policySectorVersions, sectors, '{"sector": ["policyId", ...]}');
    if (!isSectorVersions(parsed)) {
      throw new ConfigurationError(`${ENV.policySectorVersions} must map sectors to lists of policy ids`);
    }
    sectorVersions = { ...SECTOR_VERSIONS, ...(parsed as Partial<SectorVersions>) };
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
export interface PlanningSettings {
  riskMeetingWithinDays: number;
  designatedQuarter: number;
}

/** A whole number from `min` to `max`, or absent (the default then applies). */
const wholeIn = (value: unknown, min: number, max: number): value is number | undefined =>
  value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max);

export function planningFromEnvironment(source: NodeJS.ProcessEnv = process.env): PlanningSettings {
  const raw = source[ENV.planningSettings];
  const parsed =
    raw === undefined || raw.trim() === ''
      ? {}
      : parseJson(ENV.planningSettings, raw, '{"riskMeetingWithinDays": 90, "designatedQuarter": 3}');
  const known = new Set(['riskMeetingWithinDays', 'designatedQuarter']);
  if (
    !isPlainObject(parsed) ||
    Object.keys(parsed).some((key) => !known.has(key)) ||
    !wholeIn(parsed.riskMeetingWithinDays, 1, 366) ||
    !wholeIn(parsed.designatedQuarter, 1, 4)
  ) {
    throw new ConfigurationError(
      `${ENV.planningSettings} must be {"riskMeetingWithinDays": 1–366, "designatedQuarter": 1–4}`,
    );
  }
  return {
    riskMeetingWithinDays: parsed.riskMeetingWithinDays ?? DEFAULT_RISK_MEETING_WITHIN_DAYS,
    designatedQuarter: parsed.designatedQuarter ?? DEFAULT_DESIGNATED_QUARTER,
  };
}
