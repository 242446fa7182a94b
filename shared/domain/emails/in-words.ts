/**
 * Values as the people who read our emails read them (issue 13 item 11): days in words in
 * Europe/London, a meeting's status and mode as words, never ids or ISO dates. Pure.
 */
import { dateFormat } from '../date-format.ts';

// Formatters are made on first use (shared/domain/date-format.ts, issue 17).
const DAY_IN_WORDS = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * A calendar day (YYYY-MM-DD, a day in London already) in words: "Tuesday 9 March 2027". Read at noon
 * UTC so no offset can move it to the day before. A value that is not a day is returned as it is.
 */
export function dayInWords(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : DAY_IN_WORDS().format(date).replace(',', '');
}

const STATUS: Readonly<Record<string, string>> = {
  planned: 'planned but not booked',
  booked: 'booked',
  held: 'held',
  cancelled: 'cancelled',
};

/** A meeting's status as a sentence reads it ("planned but not booked"). */
export const meetingStatusInWords = (status: string): string => STATUS[status] ?? status.replace(/-/g, ' ');

const MODE: Readonly<Record<string, string>> = {
  'in-person': 'in person',
  telephone: 'by telephone',
  video: 'by video call',
};

/** How a meeting is held, as words ("in person", "by video call"); empty when not yet known. */
export const meetingModeInWords = (mode: string | null | undefined): string =>
  mode ? (MODE[mode] ?? mode.replace(/-/g, ' ')) : '';

const LONDON_DAY = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const LONDON_TIME = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/**
 * An instant as a day and time in London, as the workspace writes it (GOV.UK style):
 * "Wednesday 12 May 2027 at 10am", "Tuesday 9 March 2027 at 9:30am". Summer time included.
 */
export function instantInWords(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const time = LONDON_TIME().format(date).replace(/\s/g, '').replace(':00', '').toLowerCase();
  return `${LONDON_DAY().format(date).replace(',', '')} at ${time}`;
}
