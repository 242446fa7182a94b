/**
 * The subject, text part and HTML part of the MIME message SES's TestRenderEmailTemplate answers
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TestRenderEmailTemplate.html: "the complete
 * MIME content of the rendered template"). Enough MIME for what SES renders: folded headers, RFC 2047
 * encoded words in the subject, multipart/alternative (possibly nested), base64 and quoted-printable parts.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const parameter = (value: string, name: string): string | null => {
  const match = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
};

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < joined.length; index += 1) {
    const hex = joined.slice(index + 1, index + 3);
    if (joined[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(joined[index] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintable(part.body).toString('utf8');
  return part.body;
}

/** RFC 2047: `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=`; white space between two encoded words is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_whole, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function leaves(part: Part, found: { text?: string; html?: string }): void {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const boundary = parameter(part.headers.get('content-type') ?? '', 'boundary');
  if (type.startsWith('multipart/') && boundary) {
    const sections = part.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      leaves(splitPart(section.replace(/^\r?\n/, '')), found);
    }
    return;
  }
  const body = decodeBody(part).replace(/\r?\n$/, '');
  if (type.startsWith('text/html')) found.html ??= body;
  else if (type.startsWith('text/plain')) found.text ??= body;
}

export function parseRenderedEmail(mime: string): RenderedEmail {
  const message = splitPart(mime);
  const found: { text?: string; html?: string } = {};
  leaves(message, found);
  return {
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text: (found.text ?? '').replace(/\r\n/g, '\n'),
    html: (found.html ?? '').replace(/\r\n/g, '\n'),
  };
}
