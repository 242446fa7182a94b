import { describe, expect, it } from 'vitest';
import { composeDraft, providerView } from '../../shared/domain/templates/compose-template.ts';

/** R-TPL-1: the draft carries what the last meeting agreed (its notes and open actions). */
const meeting = { meetingId: 'm-2', providerId: 'p-1' };
const last = {
  heldAt: '2027-03-31T23:30:00.000Z',
  notes: 'Agreed a staffing review.',
  actions: [
    { description: 'Send the review', owner: 'The trust', dueDate: '2027-05-01', status: 'open' as const },
    { description: 'Book a visit', owner: 'Inspector', dueDate: '2027-04-20', status: 'done' as const },
  ],
};

describe('what the last meeting agreed, in the next draft (R-TPL-1)', () => {
  it('lists its notes and its open actions first, dates in words (Europe/London)', () => {
    const draft = composeDraft(meeting, [], '2027-04-01', last);

    expect(draft.sections[0]).toEqual({
      sectionId: 'last-meeting',
      title: 'What the last meeting agreed',
      items: [
        {
          text: 'Notes of the meeting held on 1 April 2027: Agreed a staffing review.',
          infoId: null,
          sensitive: false,
        },
        {
          text: 'Open action from 1 April 2027: Send the review (The trust, due 1 May 2027)',
          infoId: null,
          sensitive: false,
        },
      ],
    });
  });

  it('has the section, empty, when no meeting was held before, and the provider sees it as it is', () => {
    const draft = composeDraft(meeting, [], '2026-04-01');

    expect(draft.sections[0]?.items).toEqual([]);
    expect(providerView(composeDraft(meeting, [], '2027-04-01', last))[0]?.items).toHaveLength(2);
  });
});
