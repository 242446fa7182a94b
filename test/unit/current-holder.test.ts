import { describe, expect, it } from 'vitest';
import { actingFor } from '../../shared/domain/cover.ts';
import { currentHolderId, responsibleTeamId } from '../../shared/domain/meetings/current-holder.ts';
import { overdueDigests, overdueRecipients } from '../../shared/domain/reminders/overdue-digest.ts';

/**
 * R-REL-2: the holder of a meeting is whoever holds its relationship now; R-CAD-8, R-TEAM-3: overdue meetings
 * go to the holder now (or their cover, R-TEAM-5), the lead and the team's operations manager, one digest each.
 */
const provider = { level: 'provider' as const, locationId: null };
const atLocation = (locationId: string) => ({ level: 'location' as const, locationId });
const held = (
  scope: 'provider' | 'location' | 'corporate-lead',
  staffId: string,
  locationId: string | null = null,
) => ({
  scope,
  staffId,
  locationId,
});

describe('who holds a meeting’s relationship now (R-REL-2)', () => {
  it.each([
    ['a provider meeting: the provider holder', provider, [held('provider', 'P'), held('location', 'L', 'loc-1')], 'P'],
    [
      'a location meeting: that location’s holder',
      atLocation('loc-1'),
      [held('provider', 'P'), held('location', 'L', 'loc-1')],
      'L',
    ],
    [
      'a location meeting whose location has no holder: the provider holder (R-REL-3)',
      atLocation('loc-2'),
      [held('provider', 'P'), held('location', 'L', 'loc-1')],
      'P',
    ],
    ['a corporate lead is not a holder', provider, [held('corporate-lead', 'C')], null],
    ['nobody allocated yet', provider, [], null],
  ])('%s', (_label, meeting, current, expected) => {
    expect(currentHolderId(meeting, current)).toBe(expected);
  });

  it('follows a handover: the same meeting belongs to the new holder once the relationship moves', () => {
    const meeting = provider;
    expect(currentHolderId(meeting, [held('provider', 'before')])).toBe('before');
    expect(currentHolderId(meeting, [held('provider', 'after')])).toBe('after');
  });
});

describe('the team responsible for a meeting (R-TEAM-2)', () => {
  const teams = [
    { scope: 'provider' as const, locationId: null, teamId: 'north' },
    { scope: 'location' as const, locationId: 'loc-1', teamId: 'south' },
  ];
  it.each([
    ['a provider meeting: the provider’s team', provider, 'north'],
    ['a location with a team of its own: that team', atLocation('loc-1'), 'south'],
    ['a location without: the provider’s team', atLocation('loc-2'), 'north'],
  ])('%s', (_label, meeting, expected) => {
    expect(responsibleTeamId(meeting, teams)).toBe(expected);
  });

  it('answers none for a provider with no team yet (issue 14 item 7)', () => {
    expect(responsibleTeamId(provider, [])).toBeNull();
  });
});

describe('who is told of an overdue meeting (R-CAD-8, R-TEAM-3)', () => {
  const me = (staffId: string, coveringFor: string | null = null) => ({ staffId, coveringFor });

  it('tells the holder, the lead and the team’s operations manager, not the admins', () => {
    const told = overdueRecipients({ holder: me('H'), lead: me('L'), operationsManager: me('OM'), admins: ['A'] });
    expect(told).toEqual([
      { staffId: 'H', role: 'holder', coveringFor: null },
      { staffId: 'L', role: 'lead', coveringFor: null },
      { staffId: 'OM', role: 'operations-manager', coveringFor: null },
    ]);
  });

  it('tells a holder who also leads once, as holder', () => {
    const told = overdueRecipients({ holder: me('H'), lead: me('H'), operationsManager: me('OM'), admins: [] });
    expect(told.map(({ staffId, role }) => `${staffId}:${role}`)).toEqual(['H:holder', 'OM:operations-manager']);
  });

  it('tells the admins, and nobody else of the team kind, when there is no operations manager to tell', () => {
    const told = overdueRecipients({ holder: null, lead: null, operationsManager: null, admins: ['A1', 'A2'] });
    expect(told.map(({ staffId, role }) => `${staffId}:${role}`)).toEqual(['A1:admin', 'A2:admin']);
  });

  it('tells the cover of an absent holder, saying whom they cover (R-TEAM-5, through actingFor)', () => {
    const staff = new Map([
      ['H', { staffId: 'H', leftOn: null, absence: { from: '2027-07-01', to: '2027-07-10', coverStaffId: 'C' } }],
      ['C', { staffId: 'C', leftOn: null, absence: null }],
    ]);
    const during = actingFor('H', '2027-07-02', (id) => staff.get(id));
    const after = actingFor('H', '2027-07-11', (id) => staff.get(id));
    expect(overdueRecipients({ holder: during, lead: null, operationsManager: me('OM'), admins: [] })[0]).toEqual({
      staffId: 'C',
      role: 'holder',
      coveringFor: 'H',
    });
    expect(overdueRecipients({ holder: after, lead: null, operationsManager: me('OM'), admins: [] })[0]?.staffId).toBe(
      'H',
    );
  });
});

describe('one overdue digest a person (R-CAD-8: not one email per meeting)', () => {
  const meeting = (meetingId: string, dueBy: string) => ({ meetingId, dueBy });
  const told = (staffId: string, role: 'holder' | 'lead' | 'operations-manager' | 'admin') => ({
    staffId,
    role,
    coveringFor: null,
  });

  it('lists every meeting of a person in their one digest, soonest due first, each once', () => {
    const digests = overdueDigests([
      { meeting: meeting('m2', '2027-06-30'), recipients: [told('H', 'holder'), told('OM', 'operations-manager')] },
      { meeting: meeting('m1', '2027-03-31'), recipients: [told('H', 'holder'), told('OM', 'operations-manager')] },
      { meeting: meeting('m3', '2027-06-30'), recipients: [told('L', 'lead'), told('OM', 'operations-manager')] },
    ]);
    expect([...digests.keys()].sort()).toEqual(['H', 'L', 'OM']);
    expect(digests.get('OM')?.map((entry) => entry.meeting.meetingId)).toEqual(['m1', 'm2', 'm3']);
    expect(digests.get('H')?.map((entry) => entry.meeting.meetingId)).toEqual(['m1', 'm2']);
    expect(digests.get('L')?.map((entry) => entry.recipient.role)).toEqual(['lead']);
  });

  it('builds no digest when nothing is overdue', () => {
    expect(overdueDigests([]).size).toBe(0);
  });
});
