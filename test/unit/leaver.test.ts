import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../shared/domain/errors.ts';
import { hasLeft, refuseLeaver } from '../../shared/domain/leaver.ts';

/** R-TEAM-5: nothing is allocated to a person who has left, from their leaving day on. */
describe('who has left (R-TEAM-5)', () => {
  it.each([
    [null, '2026-11-30', false],
    ['2026-12-01', '2026-11-30', false],
    ['2026-11-30', '2026-11-30', true],
    ['2026-11-29', '2026-11-30', true],
    ['2000-01-01', '2099-12-31', true],
  ])('leftOn %s, today %s: has left is %s', (leftOn, today, expected) => {
    expect(hasLeft({ leftOn }, today)).toBe(expected);
  });

  it('refuses a leaver with a RuleViolation naming R-TEAM-5, the person and the field', () => {
    const refuse = () => refuseLeaver({ name: 'Isla Pearce', leftOn: '2026-11-01' }, '2026-11-30', 'body.staffId');

    expect(refuse).toThrow(RuleViolation);
    expect(refuse).toThrow(/Isla Pearce.*R-TEAM-5/);
  });

  it('lets someone whose leaving day is still to come be allocated work until then', () => {
    expect(() => refuseLeaver({ name: 'A', leftOn: '2026-12-24' }, '2026-12-23', 'body.staffId')).not.toThrow();
  });
});
