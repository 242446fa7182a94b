import { describe, expect, it } from 'vitest';
import { dayFromFields } from '../../shared/adapters/http/workspace/date-fields.ts';
import { mayOpenAdmin } from '../../shared/adapters/http/workspace/views/admin-nav.ts';
import {
  headline,
  importMain,
  jobRunMain,
  mentalHealthMain,
  summaryRows,
  triggerWords,
} from '../../shared/adapters/http/workspace/views/job-runs.ts';
import { departureMain, staffListMain, staffMain } from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import { providerTeamMain, teamMain, teamsMain } from '../../shared/adapters/http/workspace/views/teams.ts';
import type { WorkToReallocate } from '../../shared/schemas/departure.ts';
import type { JobRun } from '../../shared/schemas/jobs.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { ImportRecord } from '../../shared/schemas/register-import.ts';
import type { Relationship } from '../../shared/schemas/relationship.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Team } from '../../shared/schemas/team.ts';
import type { TeamDashboard } from '../../shared/schemas/team-dashboard.ts';

/**
 * The admin pages' views (issue 15 item 7): whatever people typed (names, reasons, file names, team
 * areas) comes out as text, never markup; dates in words; the date input's rules; the navigation's roles.
 */
const HOSTILE = '<script>alert(1)</script> & "O\'Brien"';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;O&#39;Brien&quot;';
/** Only the fields a view reads: the rest of the record does not change what it shows. */
const fixture = <T>(fields: Partial<T>): T => fields as T;
const bookkeeping = {
  version: 3,
  createdAt: '2027-01-05T10:00:00.000Z',
  createdBy: 'staff:x',
  updatedAt: '2027-01-05T10:00:00.000Z',
  updatedBy: 'staff:x',
};
const person = (overrides: Partial<Staff> = {}): Staff => ({
  staffId: '01ARZ3NDEKTSV4RRFFQ69G5FA1',
  name: HOSTILE,
  email: 'o.brien@cqc.example',
  roles: ['inspector'],
  team: null,
  teamId: null,
  leftOn: null,
  absence: null,
  ...bookkeeping,
  ...overrides,
});
const team: Team = {
  teamId: '01ARZ3NDEKTSV4RRFFQ69G5FT1',
  name: HOSTILE,
  kind: 'assessment',
  operationsManagerId: null,
  operationsManagerName: HOSTILE,
  deputyDirectorId: null,
  deputyDirectorName: null,
  area: HOSTILE,
  ...bookkeeping,
};
const noWork: WorkToReallocate = { relationships: [], corporateLeads: [], openMeetings: [], openSubmissions: [] };
const expectEscaped = (markup: string) => {
  expect(markup).toContain(ESCAPED);
  expect(markup).not.toContain('<script>');
};

describe('the admin views escape what people typed', () => {
  it('the staff list: names, and the cover named in an absence', () => {
    const cover = person({ staffId: '01ARZ3NDEKTSV4RRFFQ69G5FA2' });
    const away = person({
      absence: { from: '2027-03-01', to: '2027-03-31', coverStaffId: cover.staffId, reason: HOSTILE },
    });

    const markup = staffListMain(
      ['admin'],
      [away, cover],
      [team],
      { q: HOSTILE, role: '', teamId: '' },
      '2027-03-10',
    ).value;

    expectEscaped(markup);
    expect(markup).toContain('Away until Wednesday 31 March 2027');
  });

  it('a person’s page with every form, and the values sent back after an error', () => {
    const markup = staffMain({
      roles: ['admin'],
      member: person({ leftOn: '2027-04-30' }),
      staff: [person()],
      teams: [team],
      today: '2027-03-10',
      mayChange: true,
      notice: null,
      state: { formToken: 't', form: 'absence', values: { reason: HOSTILE, 'from-day': '"><b>' }, problems: [] },
      formToken: 't',
    }).value;

    expectEscaped(markup);
    expect(markup).not.toContain('"><b>');
    expect(markup).toContain('Friday 30 April 2027');
  });

  it('the departure page links each piece of work to where it is reallocated (R-TEAM-5)', () => {
    const held = fixture<Relationship>({
      providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
      providerName: HOSTILE,
      scope: 'provider',
    });
    const meeting = fixture<Meeting>({
      meetingId: '01ARZ3NDEKTSV4RRFFQ69G5FM1',
      providerName: HOSTILE,
      summary: 'Quarterly',
      dueBy: '2027-06-30',
    });

    const markup = departureMain(
      ['admin'],
      person({ leftOn: '2027-04-30' }),
      {
        ...noWork,
        relationships: [held],
        openMeetings: [meeting],
      },
      null,
    ).value;

    expectEscaped(markup);
    expect(markup).toContain('href="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/relationships"');
    expect(markup).toContain('href="/workspace/meetings/01ARZ3NDEKTSV4RRFFQ69G5FM1"');
    expect(markup).toContain('2 things need someone else (R-TEAM-5)');
  });

  it('the teams list, the team view and the provider’s team page', () => {
    const view: TeamDashboard = {
      team,
      on: '2027-03-10',
      providers: [],
      providersMissingHolders: [
        {
          providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
          providerName: HOSTILE,
          missing: [{ kind: 'relationship-holder', ruleId: 'R-REL-1' }],
        },
      ],
      overdueMeetings: [],
      unbookedMeetings: [],
      openSubmissions: [],
      absences: [],
      leavers: [{ staffId: '01ARZ3NDEKTSV4RRFFQ69G5FA1', name: HOSTILE, leftOn: '2027-03-01', toReallocate: noWork }],
      adminQueue: [
        {
          ...fixture<TeamDashboard['adminQueue'][number]>({
            reference: 'PE-AB12CD',
            kind: 'concern',
            providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP2',
            providerName: HOSTILE,
          }),
          daysWaiting: 12,
        },
      ],
    };
    const provider = fixture<Provider>({
      providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
      name: HOSTILE,
      sector: 'nhs-trust',
    });

    const list = teamsMain({
      roles: ['admin'],
      teams: [team],
      staff: [],
      mayCreate: true,
      state: null,
      formToken: 't',
      notice: null,
    }).value;
    const dashboard = teamMain(['admin'], view, true, null).value;
    const providerTeam = providerTeamMain({
      provider,
      stored: {
        current: [],
        history: [
          {
            scope: 'provider',
            locationId: null,
            teamId: team.teamId,
            teamName: HOSTILE,
            from: '2027-01-05T10:00:00.000Z',
            to: null,
            reason: HOSTILE,
            endReason: null,
            assignedBy: HOSTILE,
          },
        ],
      },
      teams: [team],
      mayChange: true,
      state: null,
      formToken: 't',
      notice: null,
    }).value;

    for (const markup of [list, dashboard, providerTeam]) expectEscaped(markup);
    expect(dashboard).toContain('Relationship holder (R-REL-1)');
    expect(providerTeam).toContain('No team yet');
    // R-TEAM-4: what a provider with no team sent waits in the admin queue, linked to the submission and to
    // the provider's Team tab, where it is given a team.
    expect(dashboard).toContain('Admin queue');
    expect(dashboard).toContain('href="/workspace/submissions/PE-AB12CD"');
    expect(dashboard).toContain('href="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP2/team"');
    expect(dashboard).toContain('12 days');
  });

  it('a job run, an import report and the mental health list', () => {
    const run: JobRun = {
      runId: 'r1',
      job: 'daily',
      runAs: '2027-03-10',
      trigger: 'staff:01ARZ3NDEKTSV4RRFFQ69G5FA1',
      startedAt: '2027-03-10T06:00:00.000Z',
      finishedAt: '2027-03-10T06:00:05.000Z',
      outcome: 'completed',
      summary: { emails: { expected: 3, sent: 2 }, note: HOSTILE },
    };
    const record: ImportRecord = {
      importId: '01ARZ3NDEKTSV4RRFFQ69G5FI1',
      fileName: HOSTILE,
      dryRun: false,
      status: 'failed',
      progress: { rowsRead: 1200, rowsTotal: 5000, rowsApplied: 1100 },
      counts: null,
      error: HOSTILE,
      startedBy: 'staff:x',
      createdAt: '2027-03-10T06:00:00.000Z',
      updatedAt: '2027-03-10T06:00:00.000Z',
      finishedAt: null,
    };

    const runPage = jobRunMain(['admin'], run, new Map([['01ARZ3NDEKTSV4RRFFQ69G5FA1', HOSTILE]]), null).value;
    const importPage = importMain(['admin'], record).value;
    const list = mentalHealthMain({
      roles: ['admin'],
      items: [
        { registrationId: '1-101639192', name: HOSTILE, markedAt: '2027-03-10T06:00:00.000Z', markedBy: HOSTILE },
      ],
      mayChange: true,
      state: null,
      formToken: 't',
      notice: null,
    }).value;

    for (const markup of [runPage, importPage, list]) expectEscaped(markup);
    expect(runPage).toContain('Wednesday 10 March 2027');
    expect(runPage).toContain('Emails: expected');
    expect(importPage).toContain('1,200 of 5,000 rows read; 1,100 applied');
  });
});

describe('a run’s summary in words', () => {
  it('shows the figures that are not zero, and says how many were', () => {
    const run: JobRun = {
      runId: 'r2',
      job: 'quarterly-planning',
      runAs: '2027-04-01',
      trigger: 'schedule:quarterly-planning',
      startedAt: '2027-04-01T05:00:00.000Z',
      finishedAt: '2027-04-01T05:00:05.000Z',
      outcome: 'completed',
      dryRun: true,
      summary: { created: 4, alreadyPlanned: 0, slots: 0 },
    };

    const markup = jobRunMain(['admin'], run, new Map(), null).value;

    expect(markup).toContain('What it would do');
    expect(markup).toContain('Created');
    expect(markup).not.toContain('Already planned');
    expect(markup).toContain('The other 2 figures are 0.');
  });

  it('reads nested figures as “Emails: sent”, lists as their items or their count', () => {
    expect(
      summaryRows({ emails: { expected: 3, sentToday: 2 }, sectors: ['nhs-trust'], items: [{}, {}], dryRun: true }),
    ).toEqual([
      { key: 'Emails: expected', value: '3' },
      { key: 'Emails: sent today', value: '2' },
      { key: 'Sectors', value: 'nhs-trust' },
      { key: 'Items', value: '2' },
      { key: 'Dry run', value: 'Yes' },
    ]);
  });

  it.each([
    [{ job: 'quarterly-planning', outcome: 'completed', summary: { created: 1 } }, '1 meeting planned'],
    [{ job: 'annual-planning', outcome: 'completed', dryRun: true, summary: { created: 12 } }, '12 meetings to plan'],
    [{ job: 'daily', outcome: 'completed', summary: { emails: { expected: 5, sent: 4 } } }, '4 of 5 emails sent'],
    [{ job: 'daily', outcome: 'completed', dryRun: true, summary: { emails: { expected: 1 } } }, '1 email to send'],
    [{ job: 'daily', outcome: 'failed', summary: { error: 'Error' } }, 'Stopped before it finished'],
  ] as const)('a run listed as %j reads “%s”', (fields, expected) => {
    expect(headline(fixture<JobRun>(fields as Partial<JobRun>))).toBe(expected);
  });

  it.each([
    ['schedule:daily', 'The schedule'],
    ['staff:01ARZ3NDEKTSV4RRFFQ69G5FA1', 'Ada Admin'],
    ['staff:01ARZ3NDEKTSV4RRFFQ69G5FA9', 'A member of staff'],
  ])('names who started it: %s is “%s”', (trigger, expected) => {
    expect(triggerWords(trigger, new Map([['01ARZ3NDEKTSV4RRFFQ69G5FA1', 'Ada Admin']]))).toBe(expected);
  });
});

describe('a GOV.UK date input as a day', () => {
  const form = (day: string, month: string, year: string) =>
    new URLSearchParams({ 'on-day': day, 'on-month': month, 'on-year': year });

  it.each([
    [['1', '4', '2027'], { kind: 'day', day: '2027-04-01' }],
    [[' 29', '2 ', '2028'], { kind: 'day', day: '2028-02-29' }],
    [['', '', ''], { kind: 'empty' }],
    [['29', '2', '2027'], { kind: 'problem', text: 'The day must be a real date, for example 27 3 2027' }],
    [['1', '', ''], { kind: 'problem', text: 'The day must include a month and a year' }],
    [['1', '4', '27'], { kind: 'problem', text: 'The day must be a real date, for example 27 3 2027' }],
    [['1', '4', '1999'], { kind: 'problem', text: 'The day must be a day from 2000 to 2099' }],
    [['1', '1', '2100'], { kind: 'problem', text: 'The day must be a day from 2000 to 2099' }],
    [['١', '4', '2027'], { kind: 'problem', text: 'The day must be a real date, for example 27 3 2027' }],
  ])('%j is %j', ([day, month, year], expected) => {
    expect(dayFromFields(form(day ?? '', month ?? '', year ?? ''), 'on', 'The day')).toEqual(expected);
  });
});

describe('who sees Admin in the navigation', () => {
  it.each([
    [['admin'], true],
    [['operations-manager'], true],
    [['inspector'], false],
    [['deputy-director', 'assessor'], false],
  ])('%j: %s', (roles, expected) => {
    expect(mayOpenAdmin(roles)).toBe(expected);
  });
});
