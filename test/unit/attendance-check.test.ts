import { describe, expect, it } from 'vitest';
import { attendanceChecks } from '../../shared/domain/meetings/attendance-check.ts';
import type { PlannedMeeting } from '../../shared/domain/policy/engine.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';

const engagement: PlannedMeeting = {
  type: 'engagement',
  level: 'provider',
  locationId: null,
  perYear: 4,
  cadence: 'exactly',
  leadRoles: ['assessor'],
  regulatorAttendees: [],
  providerAttendees: ['executive-board-member'],
  modes: ['in-person'],
  ofWhich: {
    count: 1,
    regulatorAttendees: ['deputy-director'],
    providerAttendees: ['chief-executive'],
    ruleId: 'R-CAD-5',
  },
  ruleId: 'R-CAD-4',
  policyId: 'assessment-framework-2023',
  summary: '',
};

const aMeeting = (overrides: Partial<Meeting>): Meeting =>
  ({
    type: 'engagement',
    status: 'planned',
    dueBy: '2027-06-30',
    lead: null,
    regulatorAttendees: [],
    providerAttendees: [],
    ...overrides,
  }) as Meeting;

const withExecutives = {
  status: 'booked' as const,
  lead: { staffId: 'A', name: 'A', roles: ['assessor'] },
  regulatorAttendees: [{ staffId: 'D', name: 'D', roles: ['deputy-director'] }],
  providerAttendees: [{ contactId: 'C', name: 'C', roles: ['chief-executive', 'executive-board-member'] }],
};

describe('the yearly executive meeting (R-CAD-5)', () => {
  it.each([
    ['no meeting booked yet', [aMeeting({}), aMeeting({ dueBy: '2027-09-30' })], true, 0, 2],
    ['one booked with the deputy director and chief executive', [aMeeting(withExecutives)], false, 1, 0],
    ['that one cancelled', [aMeeting({ ...withExecutives, status: 'cancelled' })], true, 0, 0],
    [
      'one with the chief executive but no deputy director',
      [aMeeting({ ...withExecutives, regulatorAttendees: [] })],
      true,
      0,
      0,
    ],
    ['one in the previous business year', [aMeeting({ ...withExecutives, dueBy: '2027-03-31' })], true, 0, 0],
  ])('with %s: flagged %s, met %i, %i still open', (_case, meetings, flagged, met, stillOpen) => {
    const [check] = attendanceChecks([engagement], meetings, '2027-05-01');

    expect(check).toMatchObject({ ruleId: 'R-CAD-5', year: '2027-28', flagged, met, stillOpen });
  });

  it('checks nothing for meetings with no such demand', () => {
    expect(attendanceChecks([{ ...engagement, ofWhich: null }], [], '2027-05-01')).toEqual([]);
  });

  it('says what is still needed in words a member of staff reads, not slugs (issue 13 item 11)', () => {
    const [check] = attendanceChecks([engagement], [aMeeting({}), aMeeting({})], '2027-05-01');

    expect(check?.summary).toBe(
      "One engagement meeting in the business year 2027 to 2028 with a deputy director and the provider's chief executive: none yet, 2 still to book",
    );
  });
});
