/**
 * A raw MIME email (RFC 2045–2049, RFC 5322) for SES v2 SendEmail `Content.Raw.Data`: SES templates
 * cannot carry a calendar part, and calendar programs only offer Accept/Decline for a text/calendar
 * part with a method. Pure and deterministic: the caller passes the date and the seed that the
 * boundaries and Message-ID are derived from.
 */
import { createHash } from 'node:crypto';

export interface MimeInput {
  /** A bare address or `Display Name <address>`. */
  from: string;
  to: readonly { name: string; email: string }[];
  subject: string;
  text: string;
  html: string;
  /** The invite, sent both as an inline text/calendar alternative and as an attachment (e.g. invite.ics). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  messageIdDomain: string;
  /** Unique per message (e.g. a ULID); the boundaries and the Message-ID are derived from it. */
  boundarySeed: string;
  /** The Date header's instant, ISO 8601 with an offset (the caller's `now`). */
  date: string;
}

const CRLF = '\r\n';
/** RFC 2047 §2: a header line holding an encoded-word is at most 76 characters. */
const MAX_HEADER_LINE = 76;
/** RFC 2045 §6.8: base64 lines are at most 76 characters. */
const BASE64_LINE = 76;
/**
 * UTF-8 octets per encoded-word: `=?UTF-8?B?` + 52 base64 characters + `?=` is 64 characters, so
 * even the first line (`Subject: ` and one word) stays within 76.
 */
const ENCODED_WORD_OCTETS = 39;
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const ATOMS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?: [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * multipart/mixed
 * ├── multipart/alternative: text/plain, text/html[, text/calendar; method=…]
 * └── application/ics attachment (when there is a calendar)
 * Bodies are base64, so no body line can be mistaken for a boundary.
 */
export function mimeMessage(input: MimeInput): string {
  validate(input);
  const mixed = boundary(input.boundarySeed, 'mixed');
  const alternative = boundary(input.boundarySeed, 'alternative');
  const calendar = input.calendar;

  const alternatives = [
    part(['Content-Type: text/plain; charset=UTF-8'], input.text),
    part(['Content-Type: text/html; charset=UTF-8'], input.html),
    ...(calendar === undefined
      ? []
      : [part([`Content-Type: text/calendar; method=${calendar.method}; charset=UTF-8`], calendar.content)]),
  ];
  const parts = [
    [
      `Content-Type: multipart/alternative;${CRLF} boundary="${alternative}"`,
      '',
      multipart(alternative, alternatives),
    ].join(CRLF),
    ...(calendar === undefined
      ? []
      : [
          part(
            [
              `Content-Type: application/ics; name="${calendar.filename}"`,
              `Content-Disposition: attachment; filename="${calendar.filename}"`,
            ],
            calendar.content,
          ),
        ]),
  ];

  const headers = [
    foldHeader('From:', fromMailbox(input.from)),
    foldHeader(
      'To:',
      input.to.flatMap((recipient, index) => mailbox(recipient, index < input.to.length - 1)),
    ),
    foldHeader('Subject:', unstructured(input.subject)),
    `Date: ${rfc5322Date(new Date(input.date))}`,
    `Message-ID: <${digest(input.boundarySeed, 'message-id')}@${input.messageIdDomain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;${CRLF} boundary="${mixed}"`,
  ];
  return [...headers, '', multipart(mixed, parts)].join(CRLF);
}

function validate(input: MimeInput): void {
  refuseLineBreaks('from', input.from);
  refuseLineBreaks('subject', input.subject);
  if (input.to.length === 0) throw new RangeError('to must name at least one recipient');
  input.to.forEach((recipient, index) => {
    refuseLineBreaks(`to[${index}].name`, recipient.name);
    refuseLineBreaks(`to[${index}].email`, recipient.email);
    if (!ADDRESS.test(recipient.email)) throw new RangeError(`to[${index}].email is not an email address`);
  });
  if (input.calendar !== undefined) {
    refuseLineBreaks('calendar.filename', input.calendar.filename);
    // The filename sits in a quoted parameter: printable ASCII without quotes or backslashes keeps it simple.
    if (!/^[\x20-\x7e]+$/.test(input.calendar.filename) || /["\\]/.test(input.calendar.filename)) {
      throw new RangeError('calendar.filename must be printable ASCII without quotes or backslashes');
    }
    // RFC 6047 §2.4: the Content-Type method must match the METHOD inside; clients may act on either.
    const method = /^METHOD:(.*)$/m.exec(input.calendar.content.replace(/\r?\n[ \t]/g, ''))?.[1]?.trim();
    if (method !== input.calendar.method) {
      throw new RangeError(`calendar.method ${input.calendar.method} does not match the content's METHOD ${method}`);
    }
  }
  if (!DOMAIN.test(input.messageIdDomain)) throw new RangeError('messageIdDomain is not a domain name');
  if (input.boundarySeed === '') throw new RangeError('boundarySeed must not be empty');
  if (!/(?:Z|[+-]\d{2}:\d{2})$/.test(input.date) || Number.isNaN(Date.parse(input.date))) {
    throw new RangeError(`date must be an ISO 8601 date-time with an offset, got ${input.date}`);
  }
}

/** A CR or LF in a header value would let the value start headers (or a body) of its own. */
function refuseLineBreaks(field: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new RangeError(`${field} must not contain a line break`);
}

function digest(seed: string, purpose: string): string {
  return createHash('sha256').update(`${purpose}\u0000${seed}`).digest('hex').slice(0, 32);
}

/** `=_` cannot occur at the start of a base64 line, and a boundary is at most 70 characters (RFC 2046 §5.1.1). */
function boundary(seed: string, purpose: string): string {
  return `=_${purpose}_${digest(seed, purpose)}`;
}

function multipart(delimiter: string, parts: readonly string[]): string {
  return [...parts.map((body) => `--${delimiter}${CRLF}${body}`), `--${delimiter}--${CRLF}`].join(CRLF);
}

function part(headers: readonly string[], content: string): string {
  return [...headers, 'Content-Transfer-Encoding: base64', '', base64Lines(canonicalLineBreaks(content))].join(CRLF);
}

/** RFC 2046 §4.1.1: text is encoded in its canonical form, lines ending in CRLF. */
function canonicalLineBreaks(content: string): string {
  return content.replace(/\r\n|\r|\n/g, CRLF);
}

function base64Lines(content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let index = 0; index < encoded.length; index += BASE64_LINE)
    lines.push(encoded.slice(index, index + BASE64_LINE));
  return lines.join(CRLF);
}

/** `from` is a bare address or `Name <address>` (the name optionally quoted). */
function fromMailbox(from: string): string[] {
  const named = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(from);
  const name = (named?.[1] ?? '').replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
  const address = (named?.[2] ?? from).trim();
  if (!ADDRESS.test(address)) throw new RangeError('from is not an email address');
  return mailbox({ name, email: address }, false);
}

/** A mailbox as unfoldable tokens: the display name's words, then `<address>` (with a comma when more follow). */
function mailbox(recipient: { name: string; email: string }, more: boolean): string[] {
  const address = `<${recipient.email}>${more ? ',' : ''}`;
  const name = recipient.name.trim();
  if (name === '') return [`${recipient.email}${more ? ',' : ''}`];
  return [...phrase(name), address];
}

/** A display name as atoms when it can be, a quoted string when it is plain ASCII, else encoded-words. */
function phrase(name: string): string[] {
  if (ATOMS.test(name)) return [name];
  if (PRINTABLE_ASCII.test(name)) return [`"${name.replace(/["\\]/g, (character) => `\\${character}`)}"`];
  return encodedWords(name);
}

/** A subject as it is when it is short plain ASCII that cannot be mistaken for an encoded-word. */
function unstructured(value: string): string[] {
  const plain = PRINTABLE_ASCII.test(value) && !value.includes('=?') && `Subject: ${value}`.length <= MAX_HEADER_LINE;
  return plain ? [value] : encodedWords(value);
}

/** RFC 2047 `B` encoded-words, each holding whole characters so that every word decodes on its own. */
function encodedWords(value: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character, 'utf8') > ENCODED_WORD_OCTETS) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += character;
  }
  if (chunk !== '' || words.length === 0) words.push(encodedWord(chunk));
  return words;
}

function encodedWord(value: string): string {
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** Joins tokens with spaces, folding (CRLF SP) before a token that would take the line past 76 characters. */
function foldHeader(name: string, tokens: readonly string[]): string {
  const lines: string[] = [];
  let line = name;
  for (const token of tokens) {
    if (line !== name && line.length + 1 + token.length > MAX_HEADER_LINE) {
      lines.push(line);
      line = '';
    }
    line += ` ${token}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** RFC 5322 §3.3, in UTC. */
function rfc5322Date(instant: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    `${DAYS[instant.getUTCDay()]}, ${instant.getUTCDate()} ${MONTHS[instant.getUTCMonth()]} ${instant.getUTCFullYear()} ` +
    `${two(instant.getUTCHours())}:${two(instant.getUTCMinutes())}:${two(instant.getUTCSeconds())} +0000`
  );
}
