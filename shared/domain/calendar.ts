/**
 * Dates as people at the regulator see them: Europe/London (../shared/API.md). Pure: callers pass `now`.
 *
 * Days are written YYYY-MM-DD. The service accepts days from FIRST_DAY to LAST_DAY (the schemas refuse
 * others with a 400 naming the field); the helpers here are exact for every day of years 0001–9999,
 * so arithmetic that steps a little outside the supported range (a reminder 14 days before
 * 2000-01-01) is still right. JavaScript's `Date.UTC(y, …)` maps years 0–99 to 1900–1999, and
 * `String(year)` does not pad to four digits: both bit here once (issue 12, item 5), so every day is
 * built with `setUTCFullYear` and written with a padded year.
 */
import { dateFormat } from './date-format.ts';

export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';
export const SUPPORTED_DAYS = `a day from ${FIRST_DAY} to ${LAST_DAY}`;

/** Made on first use (issue 17: loading the time zone data at import cost every cold start ~12 ms). */
const londonDayFormat = /* @__PURE__ */ dateFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in London at the instant `now`. */
export const londonDate = (now: Date): string => {
  const parts = Object.fromEntries(
    londonDayFormat()
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`;
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The instant 00:00 UTC of a day given by its parts; exact for years 0–99 too. */
function utcMidnight(year: number, month: number, date: number): Date {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, date);
  return instant;
}

const written = (instant: Date) =>
  `${pad(instant.getUTCFullYear(), 4)}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())}`;

/** YYYY-MM-DD of a year, month (1–12; later months run into the following years) and day of the month. */
export const dayOf = (year: number, month: number, date: number): string => written(utcMidnight(year, month, date));

/** Year, month (1–12) and day of the month of a YYYY-MM-DD day; throws on anything else. */
export function partsOf(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True for a real calendar day written YYYY-MM-DD (2023-02-30 and 0000-01-01 are not). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, date] = partsOf(value);
  return year >= 1 && month >= 1 && month <= 12 && date >= 1 && dayOf(year, month, date) === value;
}

/** True for a calendar day the service accepts (FIRST_DAY to LAST_DAY). */
export const isSupportedDay = (value: string): boolean =>
  isCalendarDay(value) && value >= FIRST_DAY && value <= LAST_DAY;

/** The calendar day `days` after (or, negative, before) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = partsOf(day);
  return dayOf(year, month, date + days);
}

/** The last day of the month `month` (1–12, may run past 12 into later years) of `year`. */
export const endOfMonth = (year: number, month: number): string => dayOf(year, month + 1, 0);
