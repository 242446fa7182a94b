import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actingFor, type CoverableStaff, isAbsentOn } from '../../shared/domain/cover.ts';

const person = (staffId: string, extra: Partial<CoverableStaff> = {}): CoverableStaff => ({
  staffId,
  leftOn: null,
  absence: null,
  ...extra,
});
const away = (from: string, to: string, coverStaffId: string) => ({ from, to, coverStaffId });
const lookup = (people: CoverableStaff[]) => (id: string) => people.find((p) => p.staffId === id);

describe('who acts for a member of staff (R-TEAM-5, R-REL-2)', () => {
  it('is the person themselves when no absence is recorded', () => {
    expect(actingFor('ana', '2027-03-01', lookup([person('ana')]))).toEqual({ staffId: 'ana', coveringFor: null });
  });

  it('is the cover on the first and last day of the absence, and the person again the day after', () => {
    const people = [person('ana', { absence: away('2027-03-01', '2027-03-05', 'ben') }), person('ben')];
    expect(actingFor('ana', '2027-03-01', lookup(people))).toEqual({ staffId: 'ben', coveringFor: 'ana' });
    expect(actingFor('ana', '2027-03-05', lookup(people))).toEqual({ staffId: 'ben', coveringFor: 'ana' });
    expect(actingFor('ana', '2027-03-06', lookup(people)).staffId).toBe('ana');
    expect(actingFor('ana', '2027-02-28', lookup(people)).staffId).toBe('ana');
  });

  it('follows the cover when the cover is away too', () => {
    const people = [
      person('ana', { absence: away('2027-03-01', '2027-03-05', 'ben') }),
      person('ben', { absence: away('2027-03-01', '2027-03-02', 'cat') }),
      person('cat'),
    ];
    expect(actingFor('ana', '2027-03-02', lookup(people))).toEqual({ staffId: 'cat', coveringFor: 'ana' });
    expect(actingFor('ana', '2027-03-03', lookup(people))).toEqual({ staffId: 'ben', coveringFor: 'ana' });
  });

  it('stays with the person when the cover has left or is unknown, so the work is not lost', () => {
    const left = [
      person('ana', { absence: away('2027-03-01', '2027-03-05', 'ben') }),
      person('ben', { leftOn: '2027-02-01' }),
    ];
    expect(actingFor('ana', '2027-03-02', lookup(left)).staffId).toBe('ana');
    const unknown = [person('ana', { absence: away('2027-03-01', '2027-03-05', 'zed') })];
    expect(actingFor('ana', '2027-03-02', lookup(unknown)).staffId).toBe('ana');
  });

  it('stays with the person when everyone in a chain of covers is away', () => {
    const people = [
      person('ana', { absence: away('2027-03-01', '2027-03-05', 'ben') }),
      person('ben', { absence: away('2027-03-01', '2027-03-05', 'ana') }),
    ];
    expect(actingFor('ana', '2027-03-02', lookup(people))).toEqual({ staffId: 'ana', coveringFor: null });
  });

  it('always answers someone present or the person themselves, whatever the absences (property)', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const day = fc.integer({ min: 1, max: 9 }).map((d) => `2027-03-0${d}`);
    const arbitraryPerson = (id: string) =>
      fc.record({
        staffId: fc.constant(id),
        leftOn: fc.option(day, { nil: null }),
        absence: fc.option(
          fc.tuple(day, day, fc.constantFrom(...ids)).map(([x, y, cover]) => away(x < y ? x : y, x < y ? y : x, cover)),
          { nil: null },
        ),
      });
    fc.assert(
      fc.property(fc.tuple(...ids.map(arbitraryPerson)), fc.constantFrom(...ids), day, (people, who, on) => {
        const answer = actingFor(who, on, lookup(people));
        const acting = people.find((p) => p.staffId === answer.staffId);
        expect(acting).toBeDefined();
        if (answer.staffId !== who) {
          expect(answer.coveringFor).toBe(who);
          expect(acting && isAbsentOn(acting, on)).toBe(false);
          expect(acting?.leftOn === null || (acting?.leftOn ?? '') > on).toBe(true);
        }
      }),
    );
  });
});
