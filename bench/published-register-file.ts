import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../shared/domain/register/register-row.ts';

/**
 * A generated "HSCA Active Locations" file in the published layout (issue 16): realistic names,
 * postcodes and sector mix, a deterministic seed so every run reads the same file. `changedEvery`
 * renames one location in that many (the "1 % changed" file).
 */
const HEADER = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, 'Location Telephone Number', 'Location Web Address'];
const SECTOR_MIX: Array<[string, number]> = [
  ['Social Care Org', 0.6],
  ['Primary Dental Care', 0.18],
  ['Primary Medical Services', 0.12],
  ['Independent Healthcare Org', 0.07],
  ['NHS Healthcare Organisation', 0.02],
  ['Independent Ambulance', 0.01],
];
const FIRST = [
  'Abbey',
  'Meadow',
  'Willow',
  'Oak',
  'Riverside',
  'St Mary’s',
  'Highfield',
  'Ysbyty',
  'Bryn',
  'Côte',
  'Hillcrest',
  'Park',
  'Elm',
  'Beech',
  'Castle',
  'Priory',
  'Manor',
  'Orchard',
  'Rose',
  'Heather',
];
const SECOND = [
  'House',
  'Lodge',
  'Court',
  'View',
  'Gardens',
  'Grange',
  'Surgery',
  'Dental Practice',
  'Medical Centre',
  'Clinic',
  'Care Home',
  'Homecare',
  'Hospital',
  'Ambulance Service',
];
const ENDINGS = [
  'Ltd',
  'Limited',
  'LLP',
  'Care Ltd',
  'Healthcare Ltd',
  'Partnership',
  'CIC',
  'Group plc',
  'NHS Trust',
  'Services Ltd',
];
const AREAS = [
  'LL',
  'SW',
  'NW',
  'M',
  'B',
  'LS',
  'BS',
  'NE',
  'CF',
  'EX',
  'PL',
  'TR',
  'YO',
  'HU',
  'S',
  'DE',
  'NG',
  'LE',
  'CB',
  'OX',
];
const CITIES = [
  'Bangor',
  'London',
  'Manchester',
  'Birmingham',
  'Leeds',
  'Bristol',
  'Newcastle',
  'Exeter',
  'York',
  'Nottingham',
];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export interface FileSize {
  locations: number;
  providers: number;
}

/** Writes the file; returns its size in bytes. */
export async function writePublishedRegister(path: string, size: FileSize, changedEvery = 0): Promise<number> {
  const next = random(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const pickSector = () => {
    let roll = next();
    for (const [sector, share] of SECTOR_MIX) {
      roll -= share;
      if (roll <= 0) return sector;
    }
    return 'Social Care Org';
  };
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\uFEFF${HEADER.map(quote).join(',')}\r\n`);
  // Every provider has one location; the rest go to groups, a few of them large (R-CORP bands).
  let location = 0;
  for (let provider = 0; provider < size.providers; provider += 1) {
    const extra = provider % 10 === 0 ? Math.floor(((size.locations - size.providers) / size.providers) * 10) : 0;
    const count = 1 + (provider === size.providers - 1 ? Math.max(0, size.locations - location - 1) : extra);
    const providerId = `1-${(100_000_000 + provider).toString()}`;
    const sector = pickSector();
    const providerName = `${pick(FIRST)} ${pick(SECOND)} ${pick(ENDINGS)}`;
    for (let n = 0; n < count && location < size.locations; n += 1, location += 1) {
      const name = `${pick(FIRST)} ${pick(SECOND)}${changedEvery && location % changedEvery === 0 ? ' (renamed)' : ''}`;
      const postcode = `${pick(AREAS)}${1 + Math.floor(next() * 40)} ${Math.floor(next() * 10)}${pick([...LETTERS])}${pick([...LETTERS])}`;
      const values: Record<string, string> = {
        'Location ID': `1-${(200_000_000 + location).toString()}`,
        'Location HSCA start date': `${String(1 + Math.floor(next() * 28)).padStart(2, '0')}/${String(1 + Math.floor(next() * 12)).padStart(2, '0')}/${2011 + Math.floor(next() * 14)}`,
        'Location Name': name,
        'Location Type/Sector': sector,
        'Location Inspection Directorate': 'Adult social care',
        'Location Primary Inspection Category': 'Residential social care',
        'Location Region': 'North West',
        'Location Local Authority': 'Gwynedd',
        'Location Postal Code': postcode,
        'Location Street Address': `${1 + Math.floor(next() * 200)} ${pick(FIRST)} Road, "Upper" Floor`,
        'Location City': pick(CITIES),
        'Dormant (Y/N)': 'N',
        'Care home?': next() < 0.3 ? 'Y' : 'N',
        'Provider ID': providerId,
        'Provider Name': providerName,
        'Provider Type/Sector': sector,
        'Location Telephone Number': `01248 ${Math.floor(100_000 + next() * 899_999)}`,
        'Location Web Address': '',
      };
      await write(`${HEADER.map((column) => quote(values[column] ?? '')).join(',')}\r\n`);
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
