/**
 * Meeting invites as iCalendar objects (RFC 5545) carrying an iTIP method (RFC 5546), so that
 * attendees' calendar programs can add, update and cancel the meeting. Pure: the caller passes the
 * DTSTAMP instant (`stamp`).
 */

export interface InviteInput {
  /** Stable per meeting, e.g. `${meetingId}@provider-engagement`; updates and cancellations reuse it. */
  uid: string;
  /** Increases with every change to the meeting (RFC 5546 §2.1.4); calendars ignore a lower one. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** ISO 8601 with an offset, e.g. 2027-04-14T10:00:00+01:00. */
  startsAt: string;
  durationMinutes: number;
  summary: string;
  description: string;
  /** e.g. 'Video call' or an address; omitted from the invite when null or blank. */
  location: string | null;
  organizer: { name: string; email: string };
  attendees: readonly { name: string; email: string; required: boolean }[];
  /** The DTSTAMP instant, ISO 8601 with an offset (the caller's `now`). */
  stamp: string;
}

export interface ParsedCalendar {
  method: string | null;
  events: Array<Record<string, string> & { attendees: string[] }>;
}

const PRODID = '-//Provider Engagement//Meeting invites//EN';
const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;
const MAX_DURATION_MINUTES = 24 * 60;
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** Deliberately loose: one @, no whitespace or characters that would break a mailto URI or a line. */
const EMAIL = /^[^\s@<>"()[\]\\,;:]+@[^\s@<>"()[\]\\,;:]+$/;

/**
 * The invite for one meeting. DTSTART and DTEND are written in UTC: people see meeting times in
 * Europe/London, but a UTC time is unambiguous to every calendar program and spares us shipping a
 * VTIMEZONE component with the London daylight-saving rules; each calendar shows it in its own zone.
 */
export function calendarInvite(input: InviteInput): string {
  validate(input);
  const start = new Date(input.startsAt);
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  const location = input.location?.trim() ? input.location : null;

  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeText(PRODID)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcBasic(new Date(input.stamp))}`,
    `DTSTART:${utcBasic(start)}`,
    `DTEND:${utcBasic(end)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
    ...(location === null ? [] : [`LOCATION:${escapeText(location)}`]),
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:mailto:${input.organizer.email}`,
    ...input.attendees.map(
      (attendee) =>
        `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=${attendee.required ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT'}` +
        `;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${attendee.email}`,
    ),
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('');
}

/**
 * Reads an iCalendar object back: the VCALENDAR's METHOD and each VEVENT's properties by name
 * (value only, parameters dropped, TEXT values unescaped; a repeated property keeps its last
 * value), with the attendees as their bare addresses (the `mailto:` dropped). Properties of
 * components nested in an event (VALARM) are not the event's and are skipped.
 */
export function parseCalendar(text: string): ParsedCalendar {
  const events: ParsedCalendar['events'] = [];
  let method: string | null = null;
  const stack: string[] = [];
  let current: ParsedCalendar['events'][number] | null = null;

  for (const line of unfold(text)) {
    if (line === '') continue;
    const { name, value } = contentLine(line);
    if (name === 'BEGIN') {
      stack.push(value.toUpperCase());
      if (value.toUpperCase() === 'VEVENT') {
        const properties: Record<string, string> = {};
        current = Object.assign(properties, { attendees: [] as string[] });
      }
      continue;
    }
    if (name === 'END') {
      const ended = stack.pop();
      if (ended === 'VEVENT' && current !== null) {
        events.push(current);
        current = null;
      }
      continue;
    }
    const within = stack.at(-1);
    if (within === 'VCALENDAR' && name === 'METHOD') method = value;
    if (within !== 'VEVENT' || current === null) continue;
    if (name === 'ATTENDEE') current.attendees.push(value.replace(/^mailto:/i, ''));
    else current[name] = TEXT_PROPERTIES.has(name) ? unescapeText(value) : value;
  }
  return { method, events };
}

/** Properties whose value type is TEXT (RFC 5545 §3.8), the only ones escaped. */
const TEXT_PROPERTIES = new Set([
  'PRODID',
  'UID',
  'SUMMARY',
  'DESCRIPTION',
  'LOCATION',
  'COMMENT',
  'CONTACT',
  'CATEGORIES',
  'RESOURCES',
  'STATUS',
  'CLASS',
  'TRANSP',
]);

function validate(input: InviteInput): void {
  if (input.uid.trim() === '') throw new RangeError('uid must not be empty');
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`sequence must be a whole number of at least 0, got ${input.sequence}`);
  }
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < 1 ||
    input.durationMinutes > MAX_DURATION_MINUTES
  ) {
    throw new RangeError(
      `durationMinutes must be a whole number from 1 to ${MAX_DURATION_MINUTES}, got ${input.durationMinutes}`,
    );
  }
  if (!isIsoWithOffset(input.startsAt)) {
    throw new RangeError(`startsAt must be an ISO 8601 date-time with an offset, got ${input.startsAt}`);
  }
  if (!isIsoWithOffset(input.stamp)) {
    throw new RangeError(`stamp must be an ISO 8601 date-time with an offset, got ${input.stamp}`);
  }
  if (!EMAIL.test(input.organizer.email)) throw new RangeError('organizer.email is not an email address');
  // RFC 5546 §3.2.2: a REQUEST (and a CANCEL) names at least one attendee.
  if (input.attendees.length === 0) throw new RangeError('attendees must name at least one attendee');
  input.attendees.forEach((attendee, index) => {
    if (!EMAIL.test(attendee.email)) throw new RangeError(`attendees[${index}].email is not an email address`);
  });
}

/** Rejects what Date.parse forgives: a missing offset, and days or times that do not exist (31 April). */
function isIsoWithOffset(value: string): boolean {
  const match = ISO_WITH_OFFSET.exec(value);
  if (match === null || Number.isNaN(Date.parse(value))) return false;
  const [, year, month, day, hour, minute, second = '0', offsetHour = '0', offsetMinute = '0'] = match;
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    calendarDay.getUTCMonth() === Number(month) - 1 &&
    calendarDay.getUTCDate() === Number(day) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHour) <= 23 &&
    Number(offsetMinute) <= 59
  );
}

/** FORM #2 of RFC 5545 §3.3.5: UTC in basic format, seconds precision. */
function utcBasic(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** RFC 5545 §3.3.11. Control characters other than a line break are not allowed in TEXT, so they go. */
function escapeText(value: string): string {
  return value
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .split('')
    .filter((character) => character === '\t' || !isControl(character))
    .join('');
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, character: string) =>
    character === 'n' || character === 'N' ? '\n' : character,
  );
}

/**
 * A parameter value (RFC 5545 §3.2), quoted when it holds `:`, `;` or `,`. A quoted value cannot
 * hold a double quote or a control character, so a double quote becomes a single one and control
 * characters become spaces rather than the invite being refused over a person's name.
 */
function paramValue(value: string): string {
  const safe = value
    .replace(/"/g, "'")
    .split('')
    .map((character) => (isControl(character) ? ' ' : character))
    .join('');
  return /[:;,]/.test(safe) ? `"${safe}"` : safe;
}

function isControl(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** RFC 5545 §3.1: folds after at most 75 octets, never inside a UTF-8 sequence; continuations begin with a space. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  let folded = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > MAX_LINE_OCTETS) {
      folded += `${CRLF} `;
      octets = 1;
    }
    folded += character;
    octets += size;
  }
  return `${folded}${CRLF}`;
}

function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

/** Splits `NAME;PARAM=…;PARAM="…":value` at the first colon outside a quoted parameter value. */
function contentLine(line: string): { name: string; value: string } {
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (character === '"') quoted = !quoted;
    else if (character === ':' && !quoted) {
      const head = line.slice(0, index);
      const semicolon = head.indexOf(';');
      return {
        name: (semicolon === -1 ? head : head.slice(0, semicolon)).toUpperCase(),
        value: line.slice(index + 1),
      };
    }
  }
  return { name: line.toUpperCase(), value: '' };
}
