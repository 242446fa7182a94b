import { placeSector, type SectorPlacement } from './sector-mapping.ts';

/**
 * One row of CQC's "HSCA Active Locations" file, checked (issue 16). Pure: the file reader hands
 * over the fields by column name; this says what the row is, or why it is refused.
 */
export const REQUIRED_COLUMNS = [
  'Location ID',
  'Location HSCA start date',
  'Location Name',
  'Location Type/Sector',
  'Location Inspection Directorate',
  'Location Primary Inspection Category',
  'Location Region',
  'Location Local Authority',
  'Location Postal Code',
  'Location Street Address',
  'Provider ID',
  'Provider Name',
  'Provider Type/Sector',
] as const;
export const OPTIONAL_COLUMNS = ['Location City', 'Dormant (Y/N)', 'Care home?'] as const;
export type RegisterColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export interface RegisterRow {
  line: number;
  locationId: string;
  locationName: string;
  /** Street, city and postcode as one line: what the register shows and the postcode index reads. */
  address: string;
  registeredOn: string;
  providerId: string;
  providerName: string;
  publishedSector: string;
}

/** A refused row still names the ids it had, so the import never deregisters on a row it could not read. */
export type CheckedRow =
  | { ok: true; row: RegisterRow }
  | { ok: false; reason: string; locationId?: string; providerId?: string };

const CQC_ID = /^\d{1,2}-\d{3,15}$/;
const DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** The Health and Social Care Act 2008 registrations began in 2010; nothing is registered before 2009. */
const EARLIEST_REGISTRATION = '2009-01-01';

/** DD/MM/YYYY as YYYY-MM-DD, or null when it is no calendar day. */
export function publishedDate(text: string): string | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Collapse runs of white space (line breaks inside quoted fields included) and trim. */
const tidy = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Checks a row's fields; `today` (YYYY-MM-DD, London) bounds the start date. */
export function checkRow(line: number, field: (column: RegisterColumn) => string, today: string): CheckedRow {
  const locationId = tidy(field('Location ID'));
  const providerId = tidy(field('Provider ID'));
  const checked = checkFields(line, field, today, locationId, providerId);
  if (checked.ok) return checked;
  return {
    ...checked,
    ...(CQC_ID.test(locationId) ? { locationId } : {}),
    ...(CQC_ID.test(providerId) ? { providerId } : {}),
  };
}

function checkFields(
  line: number,
  field: (column: RegisterColumn) => string,
  today: string,
  locationId: string,
  providerId: string,
): CheckedRow {
  if (!locationId) return { ok: false, reason: 'missing Location ID' };
  if (!CQC_ID.test(locationId)) return { ok: false, reason: `Location ID "${locationId}" is not a CQC id` };
  if (!providerId) return { ok: false, reason: 'missing Provider ID' };
  if (!CQC_ID.test(providerId)) return { ok: false, reason: `Provider ID "${providerId}" is not a CQC id` };
  const locationName = tidy(field('Location Name'));
  const providerName = tidy(field('Provider Name'));
  if (!locationName) return { ok: false, reason: 'missing Location Name' };
  if (!providerName) return { ok: false, reason: 'missing Provider Name' };
  if (locationName.length > 200 || providerName.length > 200)
    return { ok: false, reason: 'a name longer than 200 characters' };
  const startText = tidy(field('Location HSCA start date'));
  const registeredOn = publishedDate(startText);
  if (!registeredOn) return { ok: false, reason: `bad date "${startText}" in Location HSCA start date (DD/MM/YYYY)` };
  if (registeredOn < EARLIEST_REGISTRATION || registeredOn > today) {
    return { ok: false, reason: `bad date "${startText}" in Location HSCA start date (before 2009 or after today)` };
  }
  const address = [field('Location Street Address'), field('Location City'), field('Location Postal Code')]
    .map(tidy)
    .filter((part) => part.length > 0)
    .join(', ')
    .slice(0, 500);
  return {
    ok: true,
    row: {
      line,
      locationId,
      locationName,
      address,
      registeredOn,
      providerId,
      providerName,
      publishedSector: tidy(field('Provider Type/Sector')),
    },
  };
}

/** The provider's sector, from the first of its rows (the mapping: sector-mapping.ts). */
export const placeProvider = (row: RegisterRow, nationalMentalHealth: ReadonlySet<string>): SectorPlacement =>
  placeSector(
    { registrationId: row.providerId, name: row.providerName, publishedSector: row.publishedSector },
    nationalMentalHealth,
  );
