import { describe, expect, it } from 'vitest';
import { meetingMain } from '../../shared/adapters/http/workspace/views/meeting.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { CurrentHolder } from '../../shared/schemas/meeting-read.ts';
import type { Provider } from '../../shared/schemas/provider.ts';

/**
 * The meeting page names who holds the relationship now (R-REL-2), and the holder a cover acts for while they
 * are away (R-TEAM-5), as GET /meetings/{meetingId} answers it: names in words, escaped as text.
 */
const provider = {
  providerId: '01J0000000000000000000PRV1',
  name: 'Northgate NHS Trust',
  contacts: [],
} as unknown as Provider;
const meeting = {
  meetingId: '01J0000000000000000000MTG1',
  providerId: provider.providerId,
  providerName: provider.name,
  type: 'engagement',
  level: 'provider',
  locationId: null,
  ruleId: 'R-CAD-4',
  policyId: 'assessment-framework-2023',
  summary: 'Quarterly engagement meeting',
  period: '2027-Q1',
  dueBy: '2027-06-30',
  status: 'planned',
  startsAt: null,
  durationMinutes: null,
  mode: null,
  venue: null,
  holderStaffId: '01J0000000000000000000OLD1',
  lead: null,
  regulatorAttendees: [],
  providerAttendees: [],
  groupsToMeet: [],
  requirements: { leadRoles: [], regulatorAttendees: [], providerAttendees: [], modes: [], also: null },
  cancelReason: null,
  heldAt: null,
  notes: null,
  actions: [],
  overdueNotifiedAt: null,
  share: null,
  inviteSequence: 0,
  version: 1,
} as unknown as Meeting;
const page = (currentHolder?: CurrentHolder) =>
  String(
    meetingMain(
      { ...meeting, ...(currentHolder === undefined ? {} : { currentHolder }) },
      provider,
      [],
      {
        formToken: 't',
        values: {},
        problems: [],
      },
      null,
    ),
  );
const rowText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .match(/Relationship holder now (.*?) (Attending|The policy)/)?.[1];

describe('the meeting page’s relationship holder now (R-REL-2, R-TEAM-5)', () => {
  it('names the holder now', () => {
    expect(rowText(page({ staffId: 'A', name: 'Siân Ó Briain', coveringFor: null }))).toBe('Siân Ó Briain');
  });

  it('names the cover and whom they cover for while the holder is away', () => {
    const holder = { staffId: 'A', name: 'Ada Holder', coveringFor: { staffId: 'B', name: 'Bob Away' } };

    expect(rowText(page(holder))).toBe('Ada Holder (covering for Bob Away)');
  });

  it('says nobody holds it when nobody does', () => {
    expect(rowText(page(null))).toBe('Nobody holds this relationship now');
  });

  it('shows a name as text, never as markup', () => {
    const html = page({ staffId: 'A', name: '<script>alert(1)</script>', coveringFor: null });

    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('leaves the row out where the holder was not read (the template page)', () => {
    expect(page()).not.toContain('Relationship holder now');
  });
});
