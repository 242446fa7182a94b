import { describe, expect, it } from 'vitest';
import { calendarInvite, type InviteInput, parseCalendar } from '../../shared/domain/meetings/calendar-invite.ts';

let nextMeeting = 0;

const anInvite = (overrides: Partial<InviteInput> = {}): InviteInput => {
  nextMeeting += 1;
  return {
    uid: `01MEETING${nextMeeting}@provider-engagement`,
    sequence: 0,
    method: 'REQUEST',
    startsAt: '2027-04-14T10:00:00+01:00',
    durationMinutes: 60,
    summary: 'Engagement meeting: Riverside Care',
    description: 'Quarterly engagement meeting.',
    location: 'Video call',
    organizer: { name: 'Alex Inspector', email: 'alex.inspector@regulator.example' },
    attendees: [
      { name: 'Sam Manager', email: 'sam.manager@riverside.example', required: true },
      { name: 'Jo Nominated', email: 'jo.nominated@riverside.example', required: false },
    ],
    stamp: '2027-04-01T08:15:30.123Z',
    ...overrides,
  };
};

const theEvent = (ics: string): Record<string, string> & { attendees: string[] } => {
  const [event, ...others] = parseCalendar(ics).events;
  expect(others).toEqual([]);
  if (event === undefined) throw new Error('no VEVENT in the invite');
  return event;
};

const unfoldedLines = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

const physicalLines = (ics: string): string[] => ics.split('\r\n').slice(0, -1);

describe('an invite read back', () => {
  it.each([
    ['UID', { uid: '01HX@provider-engagement' }, '01HX@provider-engagement'],
    ['SEQUENCE', { sequence: 3 }, '3'],
    ['SUMMARY', { summary: 'Annual review' }, 'Annual review'],
    ['DESCRIPTION', { description: 'Bring the action plan.' }, 'Bring the action plan.'],
    ['LOCATION', { location: '1 High Street, Leeds' }, '1 High Street, Leeds'],
    ['ORGANIZER', { organizer: { name: 'Alex', email: 'alex@regulator.example' } }, 'mailto:alex@regulator.example'],
    ['DTSTAMP', { stamp: '2027-04-01T09:15:30.999+01:00' }, '20270401T081530Z'],
  ] satisfies [string, Partial<InviteInput>, string][])('keeps %s', (property, overrides, expected) => {
    const input = anInvite(overrides);

    const event = theEvent(calendarInvite(input));

    expect(event[property]).toBe(expected);
  });

  it.each([
    ['REQUEST', 'CONFIRMED'],
    ['CANCEL', 'CANCELLED'],
  ] as const)('carries METHOD:%s at calendar level with STATUS:%s on the event', (method, status) => {
    const input = anInvite({ method });

    const ics = calendarInvite(input);

    expect(parseCalendar(ics).method).toBe(method);
    expect(theEvent(ics).STATUS).toBe(status);
    const lines = unfoldedLines(ics);
    expect(lines.indexOf(`METHOD:${method}`)).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  it.each([
    ['a BST date', '2027-07-01T10:00:00+01:00', 60, '20270701T090000Z', '20270701T100000Z'],
    ['a GMT date given in UTC', '2027-01-15T10:00:00Z', 30, '20270115T100000Z', '20270115T103000Z'],
    ['a GMT date given with +00:00', '2027-01-15T10:00:00+00:00', 45, '20270115T100000Z', '20270115T104500Z'],
    ['the first morning of BST', '2027-03-28T09:00:00+01:00', 90, '20270328T080000Z', '20270328T093000Z'],
    ['an offset west of UTC', '2027-04-14T10:00:00-05:00', 60, '20270414T150000Z', '20270414T160000Z'],
    ['a meeting ending next year', '2027-12-31T23:30:00Z', 60, '20271231T233000Z', '20280101T003000Z'],
    ['the longest meeting', '2027-04-14T00:00:00+01:00', 1440, '20270413T230000Z', '20270414T230000Z'],
  ])('writes DTSTART and DTEND in UTC for %s', (_, startsAt, durationMinutes, start, end) => {
    const input = anInvite({ startsAt, durationMinutes });

    const event = theEvent(calendarInvite(input));

    expect(event.DTSTART).toBe(start);
    expect(event.DTEND).toBe(end);
  });

  it('declares the calendar header once, with CRLF line endings throughout', () => {
    const input = anInvite();

    const ics = calendarInvite(input);

    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfoldedLines(ics);
    expect(lines.filter((line) => line.startsWith('PRODID:'))).toHaveLength(1);
    expect(lines).toEqual(expect.arrayContaining(['VERSION:2.0', 'CALSCALE:GREGORIAN']));
  });

  it('omits LOCATION when there is none', () => {
    const input = anInvite({ location: null });

    const ics = calendarInvite(input);

    expect(theEvent(ics).LOCATION).toBeUndefined();
    expect(ics).not.toContain('LOCATION');
  });

  it('is the same text for the same input', () => {
    const input = anInvite();

    expect(calendarInvite(input)).toBe(calendarInvite({ ...input }));
  });
});

describe('a cancellation', () => {
  it('names the same meeting with a higher SEQUENCE and STATUS:CANCELLED', () => {
    const request = anInvite({ sequence: 2 });
    const cancel = { ...request, method: 'CANCEL' as const, sequence: 3 };

    const booked = theEvent(calendarInvite(request));
    const cancelled = theEvent(calendarInvite(cancel));

    expect(cancelled.UID).toBe(booked.UID);
    expect(Number(cancelled.SEQUENCE)).toBeGreaterThan(Number(booked.SEQUENCE));
    expect(cancelled.STATUS).toBe('CANCELLED');
    expect(parseCalendar(calendarInvite(cancel)).method).toBe('CANCEL');
  });
});

describe('attendees', () => {
  it('lists every attendee by address', () => {
    const input = anInvite();

    const event = theEvent(calendarInvite(input));

    expect(event.attendees).toEqual(['sam.manager@riverside.example', 'jo.nominated@riverside.example']);
  });

  it.each([
    [true, 'REQ-PARTICIPANT'],
    [false, 'OPT-PARTICIPANT'],
  ])('marks required=%s as ROLE=%s, awaiting a reply', (required, role) => {
    const input = anInvite({ attendees: [{ name: 'Sam Manager', email: 'sam@riverside.example', required }] });

    const lines = unfoldedLines(calendarInvite(input)).filter((line) => line.startsWith('ATTENDEE'));

    expect(lines).toEqual([
      `ATTENDEE;CN=Sam Manager;ROLE=${role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sam@riverside.example`,
    ]);
  });

  it.each([
    ['Sam Manager', 'CN=Sam Manager;'],
    ['Manager, Sam', 'CN="Manager, Sam";'],
    ['Sam; Manager', 'CN="Sam; Manager";'],
    ['Dr: Sam', 'CN="Dr: Sam";'],
    ['Sam "the boss"', "CN=Sam 'the boss';"],
    ['Siân Ŵyn', 'CN=Siân Ŵyn;'],
  ])('writes the name %j as %s', (name, parameter) => {
    const input = anInvite({
      organizer: { name, email: 'organiser@regulator.example' },
      attendees: [{ name, email: 'sam@riverside.example', required: true }],
    });

    const ics = calendarInvite(input);

    const lines = unfoldedLines(ics);
    expect(lines.find((line) => line.startsWith('ATTENDEE'))).toContain(`;${parameter}`);
    expect(lines.find((line) => line.startsWith('ORGANIZER'))).toBe(
      `ORGANIZER;${parameter.slice(0, -1)}:mailto:organiser@regulator.example`,
    );
    expect(theEvent(ics).attendees).toEqual(['sam@riverside.example']);
  });
});

describe('TEXT escaping', () => {
  it.each([
    ['a comma', 'Leeds, West Yorkshire', 'Leeds\\, West Yorkshire', 'Leeds, West Yorkshire'],
    ['a semicolon', 'Agenda; actions', 'Agenda\\; actions', 'Agenda; actions'],
    ['a backslash', 'C:\\shared\\notes', 'C:\\\\shared\\\\notes', 'C:\\shared\\notes'],
    ['a newline', 'Line one\nLine two', 'Line one\\nLine two', 'Line one\nLine two'],
    ['a CRLF newline', 'Line one\r\nLine two', 'Line one\\nLine two', 'Line one\nLine two'],
    ['all of them', 'a,b;c\\d\ne', 'a\\,b\\;c\\\\d\\ne', 'a,b;c\\d\ne'],
    ['an escape lookalike', 'not a \\n newline', 'not a \\\\n newline', 'not a \\n newline'],
  ])('escapes %s and reads it back', (_, description, escaped, readBack) => {
    const input = anInvite({ description, summary: description, location: description });

    const ics = calendarInvite(input);

    const lines = unfoldedLines(ics);
    expect(lines).toContain(`DESCRIPTION:${escaped}`);
    expect(lines).toContain(`SUMMARY:${escaped}`);
    expect(lines).toContain(`LOCATION:${escaped}`);
    const event = theEvent(ics);
    expect([event.DESCRIPTION, event.SUMMARY, event.LOCATION]).toEqual([readBack, readBack, readBack]);
  });

  it('escapes a UID that holds TEXT specials', () => {
    const input = anInvite({ uid: 'meeting,1;a@provider-engagement' });

    const ics = calendarInvite(input);

    expect(unfoldedLines(ics)).toContain('UID:meeting\\,1\\;a@provider-engagement');
    expect(theEvent(ics).UID).toBe('meeting,1;a@provider-engagement');
  });
});

describe('line folding', () => {
  const longWelsh =
    'Cyfarfod ymgysylltu â’r darparwr — Gwasanaethau Gofal Glan-yr-Afon. ' +
    'Café ☕ notes: naïve façade, ŵ ŷ, 𝄞 music, 日本語のテキスト, emoji 👩🏽‍⚕️. ';

  it('keeps every physical line within 75 octets, folding only on character boundaries', () => {
    const description = longWelsh.repeat(12);
    const input = anInvite({ description, summary: longWelsh, location: longWelsh });

    const ics = calendarInvite(input);

    const decoder = new TextDecoder('utf-8', { fatal: true });
    const bytes = Buffer.from(ics, 'utf8');
    const lines: Buffer[] = [];
    let start = 0;
    for (let index = bytes.indexOf('\r\n'); index !== -1; index = bytes.indexOf('\r\n', start)) {
      lines.push(bytes.subarray(start, index));
      start = index + 2;
    }
    expect(start).toBe(bytes.length);
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
    }
  });

  it('starts every continuation line with one space and unfolds to the original text', () => {
    const description = `${longWelsh.repeat(12)}\nSecond paragraph, with; specials\\.`;
    const input = anInvite({ description });

    const ics = calendarInvite(input);

    const continuations = physicalLines(ics).filter((line) => !/^[A-Z-]+[;:]/.test(line));
    expect(continuations.length).toBeGreaterThan(10);
    for (const line of continuations) expect(line.startsWith(' ')).toBe(true);
    expect(theEvent(ics).DESCRIPTION).toBe(description);
  });

  it.each([
    ['exactly 75 octets stays on one line', 'x'.repeat(75 - 'SUMMARY:'.length), 1],
    ['76 octets folds once', 'x'.repeat(76 - 'SUMMARY:'.length), 2],
    ['a two-octet character that would end at octet 76 moves to the next line', `${'x'.repeat(66)}é`, 2],
    ['a four-octet character is never split', `${'x'.repeat(65)}𝄞𝄞`, 2],
  ])('%s', (_, summary, lineCount) => {
    const input = anInvite({ summary });

    const ics = calendarInvite(input);

    const summaryLines = physicalLines(ics);
    const first = summaryLines.findIndex((line) => line.startsWith('SUMMARY:'));
    const folded = summaryLines.slice(first, first + lineCount + 1);
    expect(folded.slice(1, lineCount).every((line) => line.startsWith(' '))).toBe(true);
    expect(folded[lineCount]?.startsWith(' ')).toBe(false);
    expect(folded.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(theEvent(ics).SUMMARY).toBe(summary);
  });
});

describe('reading a calendar', () => {
  it('keeps a VALARM inside the event apart from the event', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:abc',
      'DESCRIPTION:The meeting',
      'ATTENDEE;CN="Sam: Manager";ROLE=REQ-PARTICIPANT:MAILTO:sam@riverside.example',
      'BEGIN:VALARM',
      'DESCRIPTION:Reminder',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\n');

    const calendar = parseCalendar(ics);

    expect(calendar.method).toBe('REQUEST');
    expect(calendar.events).toEqual([{ UID: 'abc', DESCRIPTION: 'The meeting', attendees: ['sam@riverside.example'] }]);
  });

  it('reports no method and no events for an empty calendar', () => {
    expect(parseCalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toEqual({ method: null, events: [] });
  });
});

describe('refusing an invite that calendars would mishandle', () => {
  it.each([
    ['uid', { uid: '' }],
    ['uid', { uid: '   ' }],
    ['sequence', { sequence: -1 }],
    ['sequence', { sequence: 1.5 }],
    ['sequence', { sequence: Number.NaN }],
    ['durationMinutes', { durationMinutes: 0 }],
    ['durationMinutes', { durationMinutes: 1441 }],
    ['durationMinutes', { durationMinutes: 30.5 }],
    ['startsAt', { startsAt: 'next Tuesday' }],
    ['startsAt', { startsAt: '2027-04-14T10:00:00' }],
    ['startsAt', { startsAt: '2027-04-14' }],
    ['startsAt', { startsAt: '2027-02-30T10:00:00Z' }],
    ['startsAt', { startsAt: '2027-04-14T24:00:00Z' }],
    ['stamp', { stamp: 'yesterday' }],
    ['organizer.email', { organizer: { name: 'Alex', email: 'alex at regulator' } }],
    ['attendees', { attendees: [] }],
    ['attendees[0].email', { attendees: [{ name: 'Sam', email: 'sam@x\r\nX-INJECTED:1', required: true }] }],
  ] satisfies [string, Partial<InviteInput>][])('with a RangeError naming %s', (field, overrides) => {
    const input = anInvite(overrides);

    const build = () => calendarInvite(input);

    expect(build).toThrow(RangeError);
    expect(build).toThrow(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `));
  });

  it.each([
    ['the first sequence', { sequence: 0 }],
    ['a one-minute meeting', { durationMinutes: 1 }],
    ['a whole-day meeting', { durationMinutes: 1440 }],
    ['a start with fractional seconds', { startsAt: '2027-04-14T10:00:00.500+01:00' }],
    ['a start without seconds', { startsAt: '2027-04-14T10:00+01:00' }],
    ['a leap day', { startsAt: '2028-02-29T10:00:00Z' }],
  ] satisfies [string, Partial<InviteInput>][])('but accepts %s', (_, overrides) => {
    const input = anInvite(overrides);

    expect(() => calendarInvite(input)).not.toThrow();
  });
});
