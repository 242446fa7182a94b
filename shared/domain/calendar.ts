/**
 * Dates as people at the regulator see them: Europe/London (../shared/API.md). Pure: callers pass `now`.
 */
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in London at the instant `now`. */
export const londonDate = (now: Date): string => LONDON_DAY.format(now);

/** The calendar day `days` after (or, negative, before) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
