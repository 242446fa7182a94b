import { describe, expect, it } from 'vitest';
import {
  type ReadRow,
  RegisterFileError,
  readRegisterFile,
} from '../../shared/adapters/register-file/read-register-file.ts';
import { REQUIRED_COLUMNS } from '../../shared/domain/register/register-row.ts';

/** CQC's "HSCA Active Locations" layout (issue 16), read as a stream. */
const HEADER = [...REQUIRED_COLUMNS, 'Location City', 'Some Other Column'];
const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const line = (values: Record<string, string>) => HEADER.map((column) => quote(values[column] ?? '')).join(',');
const row = (overrides: Record<string, string> = {}) =>
  line({
    'Location ID': '1-101639192',
    'Location HSCA start date': '01/04/2011',
    'Location Name': 'Ysbyty Gwynedd',
    'Location Type/Sector': 'NHS Healthcare Organisation',
    'Location Postal Code': 'LL57 2PW',
    'Location Street Address': 'Penrhosgarnedd',
    'Location City': 'Bangor',
    'Provider ID': '1-100000001',
    'Provider Name': 'Betsi Cadwaladr',
    'Provider Type/Sector': 'NHS Healthcare Organisation',
    ...overrides,
  });
const file = (...lines: string[]) => `${HEADER.map(quote).join(',')}\r\n${lines.join('\r\n')}\r\n`;

async function read(content: string | Uint8Array, chunkSize = 7): Promise<ReadRow[]> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  async function* chunks() {
    for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.slice(start, start + chunkSize);
  }
  const rows: ReadRow[] = [];
  for await (const item of readRegisterFile(chunks(), { today: '2026-11-29', maxBytes: 10_000 })) rows.push(item);
  return rows;
}
const refusal = async (content: string | Uint8Array) => {
  try {
    await read(content);
  } catch (error) {
    if (error instanceof RegisterFileError) return error.message;
    throw error;
  }
  return 'read without error';
};

describe('reading the published locations file', () => {
  it('reads UTF-8 with a BOM, quoted commas, doubled quotes and line breaks inside a field, split anywhere', async () => {
    const content = `\uFEFF${file(row({ 'Location Name': 'St "Mary\'s", Ward\r\nTwo', 'Location City': 'Ynys Môn' }))}`;

    const [first] = await read(content, 3);

    expect(first?.checked).toMatchObject({
      ok: true,
      row: {
        locationId: '1-101639192',
        locationName: 'St "Mary\'s", Ward Two',
        address: 'Penrhosgarnedd, Ynys Môn, LL57 2PW',
        registeredOn: '2011-04-01',
        providerId: '1-100000001',
      },
    });
  });

  it.each([
    ['a missing Location ID', { 'Location ID': '' }, 'missing Location ID'],
    ['a missing Provider ID', { 'Provider ID': '' }, 'missing Provider ID'],
    ['a day that does not exist', { 'Location HSCA start date': '31/02/2020' }, 'bad date "31/02/2020"'],
    ['an American date', { 'Location HSCA start date': '2020-01-31' }, 'bad date "2020-01-31"'],
    ['a start date after today', { 'Location HSCA start date': '01/01/2099' }, 'after today'],
    ['a start date before the Act', { 'Location HSCA start date': '01/01/1900' }, 'before 2009'],
  ])('refuses a row with %s, naming why', async (_case, overrides, reason) => {
    const [first] = await read(file(row(overrides)));

    expect(first?.checked).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([
    ['an empty file', '', 'The file is empty'],
    ['a header and no rows', file(), 'no locations'],
    ['a spreadsheet', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'spreadsheet, not CSV'],
    ['a binary file', new Uint8Array([0x41, 0, 0x42]), 'not text'],
    ['Latin-1 bytes', new Uint8Array([0x41, 0xe9, 0x42, 0x0a]), 'not UTF-8'],
    ['a file larger than the limit', file(...Array.from({ length: 80 }, () => row())), 'larger than'],
    ['a missing column', 'Location ID,Provider ID\r\n1-1,1-2\r\n', '"Location HSCA start date"'],
    ['a row with a field too few', file(row(), row().replace(/,[^,]*$/, '')), 'Line 3 has'],
    ['an unclosed quote', file(`${row()},"oops`), 'not valid CSV'],
  ])('refuses %s as a whole, with a clear error', async (_case, content, message) => {
    expect(await refusal(content)).toContain(message);
  });
});
