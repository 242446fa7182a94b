import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handlerInWords } from '../../shared/domain/contact/handler-in-words.ts';
import { routeSubmission, type SubmissionRoute } from '../../shared/domain/contact/route-submission.ts';
import {
  type RecipientFacts,
  type RoutableStaff,
  submissionRecipients,
} from '../../shared/domain/contact/submission-recipients.ts';
import { policyCatalogue } from '../../shared/domain/policy/catalogue.ts';
import { aProvider } from './policy-builders.ts';

/** Who receives a submission, person by person (R-REL-4, R-REL-6, R-TEAM-2, R-TEAM-4, R-TEAM-5). */
const catalogue = policyCatalogue();
const DAY = '2027-03-10';
const TEAM = { teamId: 'team-north', name: 'North assessment team' };

const person = (staffId: string, extra: Partial<RoutableStaff> = {}): RoutableStaff => ({
  staffId,
  name: `Person ${staffId}`,
  roles: ['regulatory-coordinator'],
  teamId: TEAM.teamId,
  leftOn: null,
  absence: null,
  ...extra,
});

const holderRoute = (staffId: string): SubmissionRoute =>
  routeSubmission(catalogue, aProvider('independent-healthcare', 3), { staffId }, DAY);
const coordinatorRoute = (): SubmissionRoute =>
  routeSubmission(catalogue, aProvider('adult-social-care', 3), null, DAY);

function facts(overrides: Partial<RecipientFacts> & { people?: RoutableStaff[] }): RecipientFacts {
  const people = overrides.people ?? [];
  return {
    providerId: 'prov-1',
    marketOversight: false,
    route: coordinatorRoute(),
    team: TEAM,
    teamStaff: people.filter((member) => member.teamId === TEAM.teamId),
    assigned: null,
    corporateLead: null,
    staffById: (id) => people.find((member) => member.staffId === id),
    day: DAY,
    ...overrides,
  };
}

describe('who receives a submission (R-REL-4, R-TEAM-4)', () => {
  it('sends an independent healthcare provider’s submission to its holder (R-REL-4)', () => {
    const people = [person('holder', { roles: ['inspector'] })];

    const { primary, also } = submissionRecipients(facts({ people, route: holderRoute('holder') }));

    expect(primary).toMatchObject({
      to: 'relationship-holder',
      staffId: 'holder',
      coveringFor: null,
      ruleId: 'R-REL-4',
    });
    expect(also).toEqual([]);
  });

  it('sends it to the holder’s cover on a day the holder is away, saying so (R-TEAM-5)', () => {
    const people = [
      person('holder', {
        roles: ['inspector'],
        absence: { from: '2027-03-01', to: '2027-03-12', coverStaffId: 'cover' },
      }),
      person('cover', { roles: ['inspector'] }),
    ];

    const { primary } = submissionRecipients(facts({ people, route: holderRoute('holder') }));

    expect(primary).toMatchObject({ to: 'relationship-holder', staffId: 'cover', coveringFor: 'holder' });
    expect(primary.why).toContain('away until Friday 12 March 2027');
  });

  it('never sends it to a holder who has left: the team’s co-ordinator takes it until the relationship is reallocated (R-TEAM-5)', () => {
    const people = [person('holder', { roles: ['inspector'], leftOn: '2027-03-01' }), person('coord')];

    const { primary } = submissionRecipients(facts({ people, route: holderRoute('holder') }));

    expect(primary).toMatchObject({ to: 'regulatory-coordinator', staffId: 'coord', ruleId: 'R-TEAM-5' });
  });

  it('sends an adult social care provider’s submission to its team’s co-ordinator and stores the choice (R-REL-6, R-TEAM-4)', () => {
    const people = [person('coord-a'), person('inspector', { roles: ['inspector'] })];

    const { primary, assign } = submissionRecipients(facts({ people }));

    expect(primary).toMatchObject({
      to: 'regulatory-coordinator',
      staffId: 'coord-a',
      teamId: TEAM.teamId,
      ruleId: 'R-REL-6',
    });
    expect(assign).toEqual({ teamId: TEAM.teamId, staffId: 'coord-a', replacing: null });
  });

  it('keeps the stored co-ordinator, and stores nothing new, however many co-ordinators the team has since gained', () => {
    const people = [person('coord-z'), person('coord-a'), person('coord-b')];

    const { primary, assign } = submissionRecipients(facts({ people, assigned: { staffId: 'coord-z' } }));

    expect(primary.staffId).toBe('coord-z');
    expect(assign).toBeNull();
  });

  it('chooses another co-ordinator, replacing the stored one, when the stored one has moved team or lost the role (R-TEAM-5)', () => {
    const people = [person('moved', { teamId: 'team-south' }), person('coord-a')];

    const { primary, assign } = submissionRecipients(facts({ people, assigned: { staffId: 'moved' } }));

    expect(primary.staffId).toBe('coord-a');
    expect(assign).toEqual({ teamId: TEAM.teamId, staffId: 'coord-a', replacing: 'moved' });
  });

  it('sends it to the co-ordinator’s cover while they are away, without moving the assignment', () => {
    const people = [person('coord-a', { absence: { from: DAY, to: DAY, coverStaffId: 'coord-b' } }), person('coord-b')];

    const { primary, assign } = submissionRecipients(facts({ people, assigned: { staffId: 'coord-a' } }));

    expect(primary).toMatchObject({ staffId: 'coord-b', coveringFor: 'coord-a' });
    expect(assign).toBeNull();
  });

  it('puts it in the admin queue when the provider has no team yet (R-TEAM-2, issue 14 item 7)', () => {
    const { primary, assign } = submissionRecipients(facts({ team: null, people: [person('coord-a')] }));

    expect(primary).toMatchObject({ to: 'admin-queue', staffId: null, teamId: null });
    expect(primary.why).toContain('no assessment team yet');
    expect(assign).toBeNull();
  });

  it('puts it in the admin queue when the team has no co-ordinator still here', () => {
    const people = [person('gone', { leftOn: '2027-01-31' })];

    const { primary } = submissionRecipients(facts({ people }));

    expect(primary).toMatchObject({ to: 'admin-queue', teamId: TEAM.teamId });
  });

  it('also sends a Market Oversight provider’s submission to its corporate relationship manager (R-REL-4, R-CORP-4)', () => {
    const people = [person('coord-a'), person('crm', { roles: ['corporate-relationship-manager'], teamId: 'cpt' })];

    const { primary, also } = submissionRecipients(
      facts({ people, marketOversight: true, corporateLead: { staffId: 'crm' } }),
    );

    expect(primary.staffId).toBe('coord-a');
    expect(also).toEqual([
      expect.objectContaining({ to: 'corporate-relationship-manager', staffId: 'crm', ruleId: 'R-REL-4' }),
    ]);
  });

  it('sends no copy to the corporate lead of a provider outside Market Oversight, nor to one who has left', () => {
    const people = [person('coord-a'), person('lead', { roles: ['inspector'], leftOn: '2027-02-01' })];

    expect(submissionRecipients(facts({ people, corporateLead: { staffId: 'lead' } })).also).toEqual([]);
    expect(
      submissionRecipients(facts({ people, marketOversight: true, corporateLead: { staffId: 'lead' } })).also,
    ).toEqual([]);
  });
});

describe('the co-ordinator a provider keeps (R-TEAM-4 property)', () => {
  const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 8 });

  it('is the same after co-ordinators join other teams or this one, given the choice stored on first routing', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), ids, ids, ids, (providerId, team, elsewhere, joiners) => {
        const first = submissionRecipients(facts({ providerId, people: team.map((id) => person(`t-${id}`)) }));
        const chosen = first.primary.staffId;
        expect(first.assign?.staffId).toBe(chosen);

        const later = [
          ...team.map((id) => person(`t-${id}`)),
          ...elsewhere.map((id) => person(`e-${id}`, { teamId: 'team-south' })),
          ...joiners.map((id) => person(`j-${id}`)),
        ];
        const again = submissionRecipients(
          facts({ providerId, people: later, assigned: chosen ? { staffId: chosen } : null }),
        );

        expect(again.primary.staffId).toBe(chosen);
        expect(again.assign).toBeNull();
      }),
    );
  });

  it('is never someone who has left, nor anyone outside the team, nor someone without the role (R-TEAM-5)', () => {
    const member = fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
      left: fc.boolean(),
      inTeam: fc.boolean(),
      coordinator: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 10 }), fc.option(fc.nat(9)), (members, storedIndex) => {
        const people = members.map((m, index) =>
          person(`${m.id}-${index}`, {
            leftOn: m.left ? '2027-03-01' : null,
            teamId: m.inTeam ? TEAM.teamId : 'team-south',
            roles: m.coordinator ? ['regulatory-coordinator'] : ['inspector'],
          }),
        );
        const stored = storedIndex === null ? undefined : people[storedIndex];
        const { primary } = submissionRecipients(
          facts({ people, teamStaff: people, assigned: stored ? { staffId: stored.staffId } : null }),
        );
        if (primary.to === 'admin-queue') {
          expect(
            people.some((p) => p.teamId === TEAM.teamId && !p.leftOn && p.roles.includes('regulatory-coordinator')),
          ).toBe(false);
          return;
        }
        const chosen = people.find((p) => p.staffId === primary.staffId);
        expect(chosen?.leftOn).toBeNull();
        expect(chosen?.teamId).toBe(TEAM.teamId);
        expect(chosen?.roles).toContain('regulatory-coordinator');
      }),
    );
  });
});

describe('who will handle it, as the provider reads it (R-PRV-1..4)', () => {
  it.each([
    [{ to: 'relationship-holder', staffName: 'Ana Ruiz' }, 'Ana Ruiz', 'your relationship holder'],
    [{ to: 'regulatory-coordinator', staffName: 'Bo Li' }, 'Bo Li', 'regulatory co-ordinator'],
    [
      { to: 'relationship-holder', staffName: 'Cat Ng', coveringFor: { staffName: 'Ana Ruiz' } },
      'Cat Ng',
      'covering for your relationship holder, Ana Ruiz',
    ],
    [
      { to: 'admin-queue', staffName: null },
      'Our provider engagement team',
      'until an assessment team is allocated to you',
    ],
    [{ to: 'regulatory-coordinator', staffName: null }, 'The assessment team', 'through its regulatory co-ordinator'],
  ] as const)('names %j as “%s (%s)”', (route, handlerName, handlerRole) => {
    expect(handlerInWords(route)).toEqual({ handlerName, handlerRole });
  });
});
