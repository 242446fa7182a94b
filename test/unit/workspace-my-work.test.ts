import { describe, expect, it } from 'vitest';
import { myWorkMain } from '../../shared/adapters/http/workspace/views/my-work.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Dashboard, DashboardMeeting } from '../../shared/use-cases/read-relationships.ts';

/**
 * My work (issue 15) after R-REL-2: each meeting says why it is mine (relationship holder now, lead, or cover
 * for someone away, R-CAD-4, R-TEAM-5) and who holds it; a cover is told whom they cover, with the days in words.
 */
const meeting = (overrides: Partial<DashboardMeeting>): DashboardMeeting =>
  ({
    meetingId: '01JF3Q2W8Y6Z7X5V4T3S2R1Q0P',
    providerId: 'p-1',
    providerName: 'Riverside NHS Foundation Trust',
    type: 'engagement',
    dueBy: '2099-06-30',
    startsAt: null,
    status: 'planned',
    holderStaffId: 'old-holder',
    lead: null,
    currentHolder: { staffId: 'h-1', name: 'Amara Okafor' },
    mine: ['holder'],
    coveringFor: null,
    ...overrides,
  }) as Meeting as DashboardMeeting;

const dashboard = (meetings: DashboardMeeting[], covering: Dashboard['covering'] = []): Dashboard => ({
  staffId: 'me',
  relationships: [],
  reviewsNeeded: [],
  nextMeetings: meetings,
  overdueMeetings: [],
  covering,
  commentsWaiting: [],
  openSubmissions: [],
  openInformationRequests: [],
  recentEngagement: [],
});

describe('My work says why each meeting is mine (R-REL-2, R-CAD-4, R-TEAM-5)', () => {
  it.each([
    ['holder', ['holder'] as const, 'Relationship holder'],
    ['lead', ['lead'] as const, 'Lead'],
    ['both', ['holder', 'lead'] as const, 'Relationship holder and lead'],
  ])('names the role of a %s', (_label, mine, words) => {
    const page = String(myWorkMain('Priya', dashboard([meeting({ mine: [...mine] })])));
    expect(page).toContain(`<td class="govuk-table__cell">${words}`);
  });

  it('names the holder now to the lead', () => {
    const page = String(myWorkMain('Priya', dashboard([meeting({ mine: ['lead'] })])));
    expect(page).toContain('Relationship holder: Amara Okafor');
  });

  it('marks a covered meeting as cover, naming who is away, and says whom I cover and when', () => {
    const page = String(
      myWorkMain(
        'Priya',
        dashboard(
          [meeting({ coveringFor: { staffId: 'h-1', name: 'Amara O’Brien <A>' } })],
          [{ staffId: 'h-1', name: 'Amara O’Brien <A>', from: '2099-12-21', to: '2099-12-31' }],
        ),
      ),
    );
    expect(page).toContain('>Cover</strong>');
    expect(page).toContain('Relationship holder: Amara O’Brien &lt;A&gt;, who is away');
    expect(page).toContain(
      'You are covering for Amara O’Brien &lt;A&gt; (away Monday 21 December 2099 to Thursday 31 December 2099)',
    );
    expect(page).not.toContain('<A>');
  });
});
