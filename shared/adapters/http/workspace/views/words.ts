import { dateFormat } from '../../../../domain/date-format.ts';

/**
 * Dates and times as people read them, in Europe/London ("Tuesday 9 March 2027 at 9:30am"). The
 * formatters are made on first use (shared/domain/date-format.ts, issue 17).
 */
const DAY = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = /* @__PURE__ */ dateFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

export const dayInWords = (isoDate: string): string =>
  DAY()
    .format(new Date(`${isoDate}T12:00:00Z`))
    .replace(',', '');

export function instantInWords(instant: string): string {
  const date = new Date(instant);
  const time = TIME().format(date).replace(/\s/g, '').replace(':00', '').toLowerCase();
  return `${DAY().format(date).replace(',', '')} at ${time}`;
}

export function waitedInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export const words = (slug: string): string => slug.replace(/-/g, ' ');
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const SECTOR_WORDS: Readonly<Record<string, string>> = {
  'nhs-trust': 'NHS trust',
  'community-interest-company': 'Community interest company',
  'independent-healthcare': 'Independent healthcare',
  'independent-mental-health': 'Independent mental health',
  'adult-social-care': 'Adult social care',
  'primary-medical-services': 'Primary medical services',
};
export const sectorWords = (sector: string): string => SECTOR_WORDS[sector] ?? capitalised(words(sector));
