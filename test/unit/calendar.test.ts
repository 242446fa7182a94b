import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOf,
  endOfMonth,
  FIRST_DAY,
  isCalendarDay,
  isSupportedDay,
  LAST_DAY,
  londonDate,
} from '../../shared/domain/calendar.ts';
import { businessYearOf, quarterOf } from '../../shared/domain/meetings/planning.ts';
import { DaySchema, InstantSchema } from '../../shared/schemas/common.ts';

/**
 * The date helpers over the whole supported range (issue 12 item 5), checked against an independent
 * reckoning: days counted from 2000-01-01 with the Gregorian leap rule, no `Date` involved.
 */
const DAY_MS = 86_400_000;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLengths = (year: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The n-th day after 2000-01-01 (n ≥ 0), by counting. */
function nthDay(n: number): string {
  let year = 2000;
  let left = n;
  while (left >= (isLeap(year) ? 366 : 365)) {
    left -= isLeap(year) ? 366 : 365;
    year += 1;
  }
  let month = 0;
  for (const length of monthLengths(year)) {
    if (left < length) break;
    left -= length;
    month += 1;
  }
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(left + 1).padStart(2, '0')}`;
}

const SUPPORTED_COUNT = 36_525; // 2000-01-01 to 2099-12-31: 100 years, 25 of them leap
const supportedIndex = fc.integer({ min: 0, max: SUPPORTED_COUNT - 1 });
const supportedDay = supportedIndex.map(nthDay);

describe('the supported range of days', () => {
  it('runs from 2000-01-01 to 2099-12-31', () => {
    expect([nthDay(0), nthDay(SUPPORTED_COUNT - 1)]).toEqual([FIRST_DAY, LAST_DAY]);
  });

  it('accepts every day of the range and is a real calendar day', () => {
    fc.assert(
      fc.property(supportedDay, (day) => {
        expect(isCalendarDay(day)).toBe(true);
        expect(isSupportedDay(day)).toBe(true);
        expect(DaySchema.safeParse(day).success).toBe(true);
      }),
    );
  });

  it.each([
    ['0099-06-01', 'a year below 100 (Date.UTC reads it as 1999)'],
    ['0999-06-01', 'a three-digit year'],
    ['9999-06-01', 'the far future'],
    ['1999-12-31', 'the day before the range'],
    ['2100-01-01', 'the day after the range'],
  ])('refuses %s, %s, naming the range', (day) => {
    const parsed = DaySchema.safeParse(day);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must be a day from 2000-01-01 to 2099-12-31');
  });

  it.each([
    ['2023-02-29', false],
    ['2024-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['0099-02-29', false],
    ['0096-02-29', true],
    ['0000-01-01', false],
    ['2027-13-01', false],
    ['2027-04-31', false],
  ])('%s is a calendar day: %s', (day, real) => {
    expect(isCalendarDay(day)).toBe(real);
  });

  it.each(['23/11/2026', '2023-02-30', ''])(
    'names only the format of a malformed day (%j), not the range too',
    (day) => {
      expect(DaySchema.safeParse(day).error?.issues).toHaveLength(1);
    },
  );

  it('refuses instants outside the range, by their London day', () => {
    expect(InstantSchema.safeParse('2099-12-31T23:59:00Z').success).toBe(true);
    expect(InstantSchema.safeParse('9999-06-01T09:00:00Z').success).toBe(false);
    expect(InstantSchema.safeParse('1999-12-31T23:59:59Z').success).toBe(false);
  });
});

describe('addDays over the whole range', () => {
  it('agrees with counting days', () => {
    fc.assert(
      fc.property(supportedIndex, fc.integer({ min: -400, max: 400 }), (index, days) => {
        fc.pre(index + days >= 0);
        expect(addDays(nthDay(index), days)).toBe(nthDay(index + days));
      }),
    );
  });

  it('undoes itself', () => {
    fc.assert(
      fc.property(supportedDay, fc.integer({ min: -40_000, max: 40_000 }), (day, days) => {
        expect(addDays(addDays(day, days), -days)).toBe(day);
      }),
    );
  });

  it.each([
    ['0099-06-01', 1, '0099-06-02'],
    ['0999-12-31', 1, '1000-01-01'],
    ['9999-12-30', 1, '9999-12-31'],
    ['2000-01-01', -14, '1999-12-18'],
    ['2099-12-31', 1, '2100-01-01'],
  ])('%s plus %i is %s (four-digit years outside the range too)', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });
});

describe('months, quarters and business years over the whole range', () => {
  it('ends each month on its last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const last = endOfMonth(year, month);
        expect(last).toBe(dayOf(year, month, monthLengths(year)[month - 1] ?? 0));
        expect(addDays(last, 1).slice(8)).toBe('01');
      }),
    );
  });

  it('puts each day in a quarter and a business year that contain it, with four-digit ids', () => {
    fc.assert(
      fc.property(supportedDay, (day) => {
        const quarter = quarterOf(day);
        const year = businessYearOf(day);
        expect(quarter.startsOn <= day && day <= quarter.endsOn).toBe(true);
        expect(year.startsOn <= day && day <= year.endsOn).toBe(true);
        expect(year.startsOn.slice(5)).toBe('04-01');
        expect(year.endsOn.slice(5)).toBe('03-31');
        expect(quarter.id).toMatch(/^\d{4}-Q[1-4]$/);
        expect(year.id).toMatch(/^\d{4}-\d{2}$/);
        expect(isCalendarDay(quarter.endsOn) && isCalendarDay(year.endsOn)).toBe(true);
      }),
    );
  });

  it.each([
    ['0099-06-01', '0099-Q2', '0099-04-01', '0099-06-30', '0099-00', '0099-04-01', '0100-03-31'],
    ['0999-06-01', '0999-Q2', '0999-04-01', '0999-06-30', '0999-00', '0999-04-01', '1000-03-31'],
    ['9999-02-01', '9999-Q1', '9999-01-01', '9999-03-31', '9998-99', '9998-04-01', '9999-03-31'],
  ])('keeps %s exact (the days that were 500s, issue 12)', (day, qId, qStart, qEnd, yId, yStart, yEnd) => {
    expect(quarterOf(day)).toEqual({ id: qId, startsOn: qStart, endsOn: qEnd });
    expect(businessYearOf(day)).toEqual({ id: yId, startsOn: yStart, endsOn: yEnd });
  });
});

describe('the London day of an instant', () => {
  it('is the UTC day or, in summer time, the next one at late evening', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) - 1 }), (ms) => {
        const instant = new Date(ms);
        const utcDay = instant.toISOString().slice(0, 10);
        const london = londonDate(instant);
        expect([utcDay, addDays(utcDay, 1)]).toContain(london);
        expect(londonDate(new Date(ms - (ms % DAY_MS) + DAY_MS / 2))).toBe(utcDay); // noon UTC is the same day in London
      }),
    );
  });

  it('pads a year below 1000 to four digits', () => {
    const instant = new Date(0);
    instant.setUTCFullYear(99, 5, 1);
    instant.setUTCHours(12);

    expect(londonDate(instant)).toBe('0099-06-01');
  });
});
