import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { calendarInvite, parseCalendar } from '../../shared/domain/meetings/calendar-invite.ts';
import { type MimeInput, mimeMessage } from '../../shared/domain/meetings/mime-message.ts';

let nextMessage = 0;

const anInviteFile = (method: 'REQUEST' | 'CANCEL'): string =>
  calendarInvite({
    uid: `01MEETING${nextMessage}@provider-engagement`,
    sequence: method === 'CANCEL' ? 1 : 0,
    method,
    startsAt: '2027-07-01T10:00:00+01:00',
    durationMinutes: 60,
    summary: 'Cyfarfod ymgysylltu: Gofal Glan-yr-Afon',
    description: 'Agenda; actions, and the plan.\nSecond line.',
    location: 'Video call',
    organizer: { name: 'Alex Inspector', email: 'alex@regulator.example' },
    attendees: [{ name: 'Siân Ŵyn', email: 'sian@riverside.example', required: true }],
    stamp: '2027-06-01T09:00:00Z',
  });

const aMessage = (overrides: Partial<MimeInput> = {}): MimeInput => {
  nextMessage += 1;
  return {
    from: 'Provider Engagement <noreply@regulator.example>',
    to: [{ name: 'Sam Manager', email: 'sam@riverside.example' }],
    subject: 'Meeting booked: 1 July 2027',
    text: 'Your meeting is booked.\r\nSee you then.',
    html: '<p>Your meeting is <strong>booked</strong>.</p>',
    calendar: { method: 'REQUEST', content: anInviteFile('REQUEST'), filename: 'invite.ics' },
    messageIdDomain: 'regulator.example',
    boundarySeed: `01MESSAGE${nextMessage}`,
    date: '2027-06-01T10:00:00+01:00',
    ...overrides,
  };
};

/** Just enough MIME to read our own output: headers unfolded, multiparts split on their boundary, base64 decoded. */
interface Entity {
  headers: Map<string, string>;
  body: string;
}

const entity = (raw: string): Entity => {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
};

const header = (part: Entity, name: string): string => part.headers.get(name) ?? '';

const children = (part: Entity): Entity[] => {
  const boundary = /boundary="([^"]+)"/.exec(header(part, 'content-type'))?.[1];
  if (boundary === undefined) throw new Error('not a multipart');
  const [, ...sections] = `\r\n${part.body}`.split(`\r\n--${boundary}`);
  const last = sections.pop();
  expect(last?.startsWith('--')).toBe(true);
  return sections.map((section) => entity(section.replace(/^\r\n/, '')));
};

const decoded = (part: Entity): string => {
  expect(header(part, 'content-transfer-encoding')).toBe('base64');
  return Buffer.from(part.body.replace(/\r\n/g, ''), 'base64').toString('utf8');
};

const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/g, (_, encoded: string) =>
      Buffer.from(encoded, 'base64').toString('utf8'),
    );

const headerLines = (raw: string): string[] => raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');

const structure = (raw: string) => {
  const message = entity(raw);
  const [alternative, ...attachments] = children(message);
  if (alternative === undefined) throw new Error('no multipart/alternative');
  return { message, alternatives: children(alternative), alternative, attachments };
};

describe('the message structure', () => {
  it('nests text, html and the calendar as alternatives inside mixed, with the calendar attached too', () => {
    const input = aMessage();

    const { message, alternative, alternatives, attachments } = structure(mimeMessage(input));

    expect(header(message, 'mime-version')).toBe('1.0');
    expect(header(message, 'content-type')).toMatch(/^multipart\/mixed; boundary="/);
    expect(header(alternative, 'content-type')).toMatch(/^multipart\/alternative; boundary="/);
    expect(alternatives.map((part) => header(part, 'content-type'))).toEqual([
      'text/plain; charset=UTF-8',
      'text/html; charset=UTF-8',
      'text/calendar; method=REQUEST; charset=UTF-8',
    ]);
    expect(attachments.map((part) => header(part, 'content-type'))).toEqual(['application/ics; name="invite.ics"']);
    expect(attachments.map((part) => header(part, 'content-disposition'))).toEqual([
      'attachment; filename="invite.ics"',
    ]);
  });

  it.each([
    ['plain text', 0, 'Your meeting is booked.\r\nSee you then.'],
    ['HTML', 1, '<p>Croeso, Siân — your meeting is <strong>booked</strong> ☕</p>'],
  ])('carries the %s body byte for byte', (_, index, content) => {
    const input = aMessage({ text: content, html: content });

    const { alternatives } = structure(mimeMessage(input));

    const part = alternatives[index];
    if (part === undefined) throw new Error('missing part');
    expect(decoded(part)).toBe(content);
  });

  it('sends text line breaks as CRLF, their canonical form', () => {
    const input = aMessage({ text: 'one\ntwo\rthree\r\nfour' });

    const [text] = structure(mimeMessage(input)).alternatives;

    expect(text && decoded(text)).toBe('one\r\ntwo\r\nthree\r\nfour');
  });

  it.each(['REQUEST', 'CANCEL'] as const)('carries a %s invite inline and attached, with its method', (method) => {
    const content = anInviteFile(method);
    const input = aMessage({ calendar: { method, content, filename: 'invite.ics' } });

    const { alternatives, attachments } = structure(mimeMessage(input));

    const [inline] = alternatives.slice(2);
    const [attached] = attachments;
    if (inline === undefined || attached === undefined) throw new Error('missing calendar part');
    expect(header(inline, 'content-type')).toBe(`text/calendar; method=${method}; charset=UTF-8`);
    expect(decoded(inline)).toBe(content);
    expect(decoded(attached)).toBe(content);
    expect(parseCalendar(decoded(inline)).method).toBe(method);
  });

  it('has only the text and html alternatives and no attachment without a calendar', () => {
    const input = aMessage({ calendar: undefined });

    const { alternatives, attachments } = structure(mimeMessage(input));

    expect(alternatives.map((part) => header(part, 'content-type'))).toEqual([
      'text/plain; charset=UTF-8',
      'text/html; charset=UTF-8',
    ]);
    expect(attachments).toEqual([]);
  });

  it('wraps base64 at 76 characters and ends every line with CRLF', () => {
    const input = aMessage({ html: `<p>${'Gwasanaethau gofal ŵ ☕ '.repeat(200)}</p>` });

    const raw = mimeMessage(input);

    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = raw.split('\r\n');
    expect(lines.filter((line) => /^[A-Za-z0-9+/=]{60,}$/.test(line)).length).toBeGreaterThan(20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('dates the message in RFC 5322 form and names it within the given domain', () => {
    const input = aMessage({ date: '2027-06-01T10:00:05+01:00', messageIdDomain: 'mail.regulator.example' });

    const { message } = structure(mimeMessage(input));

    expect(header(message, 'date')).toBe('Tue, 1 Jun 2027 09:00:05 +0000');
    expect(header(message, 'message-id')).toMatch(/^<[0-9a-f]{32}@mail\.regulator\.example>$/);
  });

  it('is the same text for the same input', () => {
    const input = aMessage();

    expect(mimeMessage(input)).toBe(mimeMessage({ ...input }));
  });

  it('derives different boundaries and Message-ID from a different seed', () => {
    const first = structure(mimeMessage(aMessage({ boundarySeed: 'seed-a' })));
    const second = structure(mimeMessage(aMessage({ boundarySeed: 'seed-b' })));

    for (const [part, name] of [
      ['message', 'content-type'],
      ['alternative', 'content-type'],
      ['message', 'message-id'],
    ] as const) {
      expect(header(first[part], name)).not.toBe(header(second[part], name));
    }
  });
});

describe('headers', () => {
  it.each([
    ['plain ASCII', 'Meeting booked: 1 July 2027'],
    ['Welsh', 'Cyfarfod wedi’i drefnu: Siân Ŵyn'],
    ['an emoji', 'Meeting booked ☕ 👩🏽‍⚕️'],
    [
      'a long subject',
      'Engagement meeting with Glan-yr-Afon Gofal Cymunedol on Wednesday 14 April 2027 at 10am in Leeds',
    ],
    ['a long non-ASCII subject', 'Gwasanaethau gofal ŵ ŷ â ê î ô û 日本語のテキスト '.repeat(4)],
    ['an encoded-word lookalike', 'About =?UTF-8?B?SGk=?= and such'],
    ['an empty subject', ''],
  ])('writes a subject in %s that reads back the same, within 76-character lines', (_, subject) => {
    const input = aMessage({ subject });

    const raw = mimeMessage(input);

    expect(decodeWords(header(entity(raw), 'subject'))).toBe(subject);
    for (const line of headerLines(raw)) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('leaves a short ASCII subject unencoded', () => {
    const input = aMessage({ subject: 'Meeting booked: 1 July 2027' });

    expect(headerLines(mimeMessage(input))).toContain('Subject: Meeting booked: 1 July 2027');
  });

  it.each([
    ['a plain name', 'Sam Manager', 'Sam Manager <sam@riverside.example>'],
    ['a name with a comma', 'Manager, Sam', '"Manager, Sam" <sam@riverside.example>'],
    ['a name with quotes', 'Sam "the boss" Manager', '"Sam \\"the boss\\" Manager" <sam@riverside.example>'],
    ['no name', '', 'sam@riverside.example'],
    ['a Welsh name', 'Siân Ŵyn', '=?UTF-8?B?U2nDom4gxbR5bg==?= <sam@riverside.example>'],
  ])('writes a recipient with %s', (_, name, expected) => {
    const input = aMessage({ to: [{ name, email: 'sam@riverside.example' }] });

    const { message } = structure(mimeMessage(input));

    expect(header(message, 'to')).toBe(expected);
  });

  it.each([
    ['a bare address', 'noreply@regulator.example', 'noreply@regulator.example'],
    [
      'a named address',
      'Provider Engagement <noreply@regulator.example>',
      'Provider Engagement <noreply@regulator.example>',
    ],
    [
      'a quoted name',
      '"Engagement, Team" <noreply@regulator.example>',
      '"Engagement, Team" <noreply@regulator.example>',
    ],
    ['a Welsh name', 'Ymgysylltu â Darparwyr <noreply@regulator.example>', '=?UTF-8?B?'],
  ])('writes the sender from %s', (_, from, expected) => {
    const input = aMessage({ from });

    const { message } = structure(mimeMessage(input));

    expect(header(message, 'from').startsWith(expected)).toBe(true);
  });

  it('lists many recipients folded one per line within 76 characters', () => {
    const to = Array.from({ length: 5 }, (_, index) => ({
      name: `Manager Number ${index}`,
      email: `manager.${index}@riverside.example`,
    }));
    const input = aMessage({ to });

    const raw = mimeMessage(input);

    expect(header(entity(raw), 'to').split(', ')).toHaveLength(5);
    for (const line of headerLines(raw)) expect(line.length).toBeLessThanOrEqual(76);
  });
});

describe('a real mail parser', () => {
  it('reads back the sender, recipients, subject, bodies and both calendar parts', async () => {
    const content = anInviteFile('REQUEST');
    const input = aMessage({
      from: 'Ymgysylltu â Darparwyr <noreply@regulator.example>',
      to: [
        { name: 'Siân Ŵyn, Rheolwr', email: 'sian@riverside.example' },
        { name: 'Jo "JJ" Nominated', email: 'jo@riverside.example' },
      ],
      subject: 'Cyfarfod ymgysylltu – Gofal Glan-yr-Afon, dydd Mercher 14 Ebrill 2027 ☕',
      text: 'Helo Siân\nYour meeting is booked.',
      html: '<p>Helo Siân</p>',
      calendar: { method: 'REQUEST', content, filename: 'invite.ics' },
    });

    const mail = await simpleParser(mimeMessage(input));

    expect(mail.subject).toBe(input.subject);
    expect(mail.from?.value).toEqual([{ name: 'Ymgysylltu â Darparwyr', address: 'noreply@regulator.example' }]);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((group) => group.value) : (mail.to?.value ?? []);
    expect(to).toEqual([
      { name: 'Siân Ŵyn, Rheolwr', address: 'sian@riverside.example' },
      { name: 'Jo "JJ" Nominated', address: 'jo@riverside.example' },
    ]);
    expect(mail.text).toBe('Helo Siân\nYour meeting is booked.');
    expect(mail.html).toBe('<p>Helo Siân</p>');
    expect(mail.date?.toISOString()).toBe('2027-06-01T09:00:00.000Z');
    expect(
      mail.attachments.map((attachment) => ({
        contentType: attachment.contentType,
        filename: attachment.filename,
        content: attachment.content.toString('utf8'),
      })),
    ).toEqual([
      { contentType: 'text/calendar', filename: undefined, content },
      { contentType: 'application/ics', filename: 'invite.ics', content },
    ]);
  });
});

describe('refusing header injection', () => {
  it.each([
    ['from', { from: 'noreply@regulator.example\r\nBcc: victim@example.com' }],
    ['from', { from: 'Team\n <noreply@regulator.example>' }],
    ['subject', { subject: 'Booked\r\nBcc: victim@example.com' }],
    ['subject', { subject: 'Booked\rX-Injected: 1' }],
    ['to[0].name', { to: [{ name: 'Sam\r\nBcc: victim@example.com', email: 'sam@riverside.example' }] }],
    [
      'to[1].email',
      {
        to: [
          { name: 'Sam', email: 'sam@riverside.example' },
          { name: 'Jo', email: 'jo@x\nBcc: y@z' },
        ],
      },
    ],
    [
      'calendar.filename',
      { calendar: { method: 'REQUEST', content: anInviteFile('REQUEST'), filename: 'invite.ics\r\nX-Injected: 1' } },
    ],
  ] satisfies [string, Partial<MimeInput>][])('refuses a line break in %s', (field, overrides) => {
    const input = aMessage(overrides);

    const build = () => mimeMessage(input);

    expect(build).toThrow(RangeError);
    expect(build).toThrow(`${field} must not contain a line break`);
  });
});

describe('refusing a message that would go wrong', () => {
  it.each([
    ['to', { to: [] }],
    ['to[0].email', { to: [{ name: 'Sam', email: 'sam at riverside' }] }],
    ['to[0].email', { to: [{ name: 'Sam', email: 'siân@riverside.example' }] }],
    ['from', { from: 'Provider Engagement <not an address>' }],
    ['calendar.filename', { calendar: { method: 'REQUEST', content: anInviteFile('REQUEST'), filename: 'a"b.ics' } }],
    [
      'calendar.filename',
      { calendar: { method: 'REQUEST', content: anInviteFile('REQUEST'), filename: 'gwahoddiad-â.ics' } },
    ],
    ['calendar.method', { calendar: { method: 'REQUEST', content: anInviteFile('CANCEL'), filename: 'invite.ics' } }],
    ['messageIdDomain', { messageIdDomain: 'regulator.example>\r\nBcc: x@y' }],
    ['boundarySeed', { boundarySeed: '' }],
    ['date', { date: '2027-06-01T10:00:00' }],
    ['date', { date: 'tomorrow' }],
  ] satisfies [string, Partial<MimeInput>][])('with a RangeError naming %s', (field, overrides) => {
    const input = aMessage(overrides);

    const build = () => mimeMessage(input);

    expect(build).toThrow(RangeError);
    expect(build).toThrow(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `));
  });
});
