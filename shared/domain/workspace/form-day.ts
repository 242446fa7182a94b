import { isCalendarDay, isSupportedDay } from '../calendar.ts';

/**
 * A GOV.UK date input's three fields (day, month, year as typed) as an ISO day, or null when they are not
 * a real day the service accepts (2000-01-01 to 2099-12-31). Pure: ASCII digits only, spaces around ignored.
 */
export function dayFromParts(day: string, month: string, year: string): string | null {
  const [d = '', m = '', y = ''] = [day, month, year].map((part) => part.trim());
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const candidate = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDay(candidate) && isSupportedDay(candidate) ? candidate : null;
}
