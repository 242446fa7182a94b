import { describe, expect, it } from 'vitest';
import { meetingsMain } from '../../shared/adapters/http/workspace/views/provider.ts';
import type { Activity } from '../../shared/schemas/engagement.ts';
import type { Provider } from '../../shared/schemas/provider.ts';

/** The provider's meetings page lists engagement beyond planned meetings beside them (R-CAD-11, R-CAD-12). */
const provider = {
  providerId: '01J0000000000000000000PRV1',
  name: 'Northgate NHS Trust',
  sector: 'nhs-trust',
} as Provider;

const anActivity = (overrides: Partial<Activity>): Activity => ({
  activityId: '01J0000000000000000000ACT1',
  providerId: provider.providerId,
  providerName: provider.name,
  locationId: null,
  source: 'logged-contact',
  channel: 'teleconference',
  occurredAt: '2026-07-01T13:30:00.000Z',
  staff: [{ staffId: '01J0000000000000000000STF1', name: 'Alex Holder' }],
  providerPeople: [{ contactId: null, name: 'Dr Zoë <Ward> Lead' }],
  partnerAttendees: [{ name: 'Priya Shah', organisation: 'NHS Improvement' }],
  summary: 'Agreed one joint visit.',
  meetingId: null,
  meetingStatus: null,
  ruleId: 'R-CAD-11',
  recordedAt: '2026-07-01T15:00:00.000Z',
  recordedBy: 'staff:01J0000000000000000000STF1',
  ...overrides,
});

describe('other contact on the provider’s meetings page (R-CAD-11)', () => {
  it('shows a logged contact with both sides, partners and the time in words, escaping what people typed', () => {
    const page = meetingsMain(provider, [], [anActivity({})]).toString();

    expect(page).toContain('Contact: teleconference');
    expect(page).toContain('by Alex Holder');
    expect(page).toContain('With Dr Zoë &lt;Ward&gt; Lead.');
    expect(page).toContain('Partners: Priya Shah (NHS Improvement).');
    expect(page).toContain('1 July 2026');
  });

  it('shows an ad hoc meeting with its status as it is now', () => {
    const page = meetingsMain(
      provider,
      [],
      [
        anActivity({
          source: 'ad-hoc-meeting',
          channel: 'call',
          meetingId: '01J0000000000000000000MTG1',
          meetingStatus: 'cancelled',
        }),
      ],
    ).toString();

    expect(page).toContain('Ad hoc meeting: call (cancelled)');
  });

  it('says none are recorded when there are none', () => {
    expect(meetingsMain(provider, [], []).toString()).toContain('None recorded.');
  });
});
