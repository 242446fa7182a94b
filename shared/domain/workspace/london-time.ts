import { dateFormat } from '../date-format.ts';

/**
 * What staff type into the booking form (a GOV.UK date input and a time) read as Europe/London
 * wall-clock time, and turned into an instant with its offset (the API's meeting times carry theirs).
 * Pure. A time that does not exist in London (the hour skipped when clocks go forward) is refused;
 * one that happens twice (clocks go back) is read as the first.
 */
export type TimeProblem = 'date' | 'time';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** "9:30", "09:30", "9.30am", "2pm", "14:00" → [hours, minutes]; null when it is not a time of day. */
export function parseTime(text: string): [number, number] | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minutes > 59) return null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (hours > 23 || match[2] === undefined) return null;
  return [hours, minutes];
}

const LONDON_WALL_CLOCK = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const offsetMinutesAt = (instant: Date): number => {
  const parts = LONDON_WALL_CLOCK().formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
};

/** The instant, as ISO 8601 with London's offset that day, or which part is wrong. */
export function londonInstant(
  day: string,
  month: string,
  year: string,
  time: string,
): { instant: string } | { problem: TimeProblem } {
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (![d, m, y].every(Number.isInteger) || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) {
    return { problem: 'date' };
  }
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCDate() !== d) return { problem: 'date' };
  const parsed = parseTime(time);
  if (!parsed) return { problem: 'time' };
  const [hours, minutes] = parsed;
  const wall = Date.UTC(y, m - 1, d, hours, minutes);
  // London is UTC+0 or UTC+1: try the earlier reading first, then the later.
  for (const offset of [60, 0]) {
    const instant = new Date(wall - offset * 60_000);
    if (offsetMinutesAt(instant) === offset) {
      const sign = offset >= 0 ? '+' : '-';
      return {
        instant: `${y}-${pad(m)}-${pad(d)}T${pad(hours)}:${pad(minutes)}:00${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`,
      };
    }
  }
  return { problem: 'time' };
}
