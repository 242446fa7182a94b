import { describe, expect, it } from 'vitest';
import { londonInstant, parseTime } from '../../shared/domain/workspace/london-time.ts';

/** The booking form's date and time read as London wall-clock time (issue 15), across the clock changes. */
describe('londonInstant', () => {
  it.each([
    ['12', '5', '2027', '10:00', '2027-05-12T10:00:00+01:00'],
    ['9', '3', '2027', '9:30am', '2027-03-09T09:30:00+00:00'],
    ['28', '3', '2027', '00:30', '2027-03-28T00:30:00+00:00'],
    ['28', '3', '2027', '2:30am', '2027-03-28T02:30:00+01:00'],
    ['31', '10', '2027', '1:30am', '2027-10-31T01:30:00+01:00'],
    ['31', '12', '2027', '11:59pm', '2027-12-31T23:59:00+00:00'],
  ])('%s/%s/%s at %s is %s', (day, month, year, time, expected) => {
    expect(londonInstant(day, month, year, time)).toEqual({ instant: expected });
  });

  it('refuses the hour London skips when the clocks go forward (28 March 2027, 1:30am)', () => {
    expect(londonInstant('28', '3', '2027', '1:30am')).toEqual({ problem: 'time' });
  });

  it.each([
    ['31', '2', '2027'],
    ['0', '1', '2027'],
    ['1', '13', '2027'],
    ['1', '1', '1999'],
    ['1', '1', '2101'],
    ['x', '1', '2027'],
    ['', '', ''],
  ])('refuses the date %s/%s/%s', (day, month, year) => {
    expect(londonInstant(day, month, year, '10:00')).toEqual({ problem: 'date' });
  });

  it.each(['', '25:00', '10:60', '13pm', '0am', 'noon', '10', '１０:００'])('refuses the time "%s"', (time) => {
    expect(parseTime(time)).toBeNull();
  });
});
