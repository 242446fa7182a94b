import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actingFor } from '../../shared/domain/cover.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { coveredFor } from '../../shared/use-cases/covered-for.ts';

/**
 * Whom a member of staff acts for on a day, as their dashboard lists it (R-TEAM-5, R-REL-2): the whole chain
 * of covers, decided by the same rule the emails use (actingFor), so a dashboard and an email never disagree.
 * The register is an in-memory stand-in answering as the COVERING# index does (tested on DynamoDB Local in
 * test/integration/holder-now-work.test.ts).
 */
const DAY = '2027-03-02';
type Person = Pick<Staff, 'staffId' | 'name' | 'leftOn' | 'absence'>;
const person = (staffId: string, extra: Partial<Person> = {}): Person => ({
  staffId,
  name: staffId.toUpperCase(),
  leftOn: null,
  absence: null,
  ...extra,
});
const away = (coverStaffId: string, from = '2027-03-01', to = '2027-03-05') => ({
  from,
  to,
  coverStaffId,
  reason: 'Leave',
});
const registerOf = (people: Person[]) => {
  const reads = { getStaff: 0, coveredBy: 0 };
  return {
    reads,
    register: {
      async getStaff(id: string) {
        reads.getStaff += 1;
        return (people.find((p) => p.staffId === id) ?? null) as Staff | null;
      },
      async coveredBy(cover: string, day: string) {
        reads.coveredBy += 1;
        return people.filter(
          (p) =>
            p.absence?.coverStaffId === cover &&
            p.absence.from <= day &&
            day <= p.absence.to &&
            !(p.leftOn && p.leftOn <= day),
        ) as Staff[];
      },
    },
  };
};
const idsOf = (staff: readonly Pick<Staff, 'staffId'>[]) => staff.map((s) => s.staffId).sort();

describe('whom a member of staff acts for (R-TEAM-5, R-REL-2)', () => {
  it('is nobody, for one Query and no GetItem, when nobody names them as cover', async () => {
    const { register, reads } = registerOf([person('ana'), person('ben')]);

    expect(await coveredFor(register, 'ben', DAY)).toEqual([]);
    expect(reads).toEqual({ getStaff: 0, coveredBy: 1 });
  });

  it('follows a two-level chain: ana away → ben, ben away → cat: cat acts for both, ben for nobody', async () => {
    const people = [person('ana', { absence: away('ben') }), person('ben', { absence: away('cat') }), person('cat')];

    expect(idsOf(await coveredFor(registerOf(people).register, 'cat', DAY))).toEqual(['ana', 'ben']);
    expect(await coveredFor(registerOf(people).register, 'ben', DAY)).toEqual([]);
  });

  it('gives nothing to a cover whose own cover has left: the work stays with the original person', async () => {
    const people = [
      person('ana', { absence: away('ben') }),
      person('ben', { absence: away('cat') }),
      person('cat', { leftOn: '2027-03-01' }),
    ];

    expect(await coveredFor(registerOf(people).register, 'cat', DAY)).toEqual([]);
  });

  it('ends on a loop (ana → ben → ana) without reading forever', async () => {
    const people = [person('ana', { absence: away('ben') }), person('ben', { absence: away('ana') })];
    const { register, reads } = registerOf(people);

    expect(await coveredFor(register, 'ana', DAY)).toEqual([]);
    expect(reads.coveredBy).toBeLessThanOrEqual(5);
  });

  it.each([
    ['the day before', '2027-02-28', []],
    ['the first day', '2027-03-01', ['ana']],
    ['the last day', '2027-03-05', ['ana']],
    ['the day after', '2027-03-06', []],
  ])('on %s of the absence acts for %j', async (_, day, expected) => {
    const people = [person('ana', { absence: away('ben') }), person('ben')];

    expect(idsOf(await coveredFor(registerOf(people).register, 'ben', day))).toEqual(expected);
  });

  it('agrees with actingFor for any five people and their absences: a dashboard shows exactly what emails send', async () => {
    const names = ['ana', 'ben', 'cat', 'dan', 'eve'];
    const aPerson = (staffId: string) =>
      fc
        .record({
          absent: fc.boolean(),
          cover: fc.constantFrom(...names),
          left: fc.boolean(),
        })
        .map(({ absent, cover, left }) =>
          person(staffId, {
            absence: absent && cover !== staffId ? away(cover) : null,
            leftOn: left ? '2027-01-01' : null,
          }),
        );
    await fc.assert(
      fc.asyncProperty(fc.tuple(...names.map(aPerson)), async (people) => {
        const byId = (id: string) => people.find((p) => p.staffId === id);
        for (const viewer of people.filter((p) => !p.leftOn)) {
          const shown = idsOf(await coveredFor(registerOf(people).register, viewer.staffId, DAY));
          const emailed = people
            .filter((p) => p.staffId !== viewer.staffId && !p.leftOn)
            .filter((p) => actingFor(p.staffId, DAY, byId).staffId === viewer.staffId)
            .map((p) => p.staffId)
            .sort();
          expect(shown).toEqual(emailed);
        }
      }),
    );
  });
});
