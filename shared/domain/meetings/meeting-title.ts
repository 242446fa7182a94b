/**
 * What people call a meeting of each type, as it reads mid-sentence ("your engagement meeting on …",
 * "the board meeting with …"). Pure. A type whose name already says what it is (board-meeting,
 * medicines-conversation) is not followed by "meeting" again: never "board meeting meeting" (issue 13
 * item 11). Types the policy adds later read as their words plus "meeting".
 */
const TITLES: Readonly<Record<string, string>> = {
  // R-CAD-1, R-CAD-3: relationship management meetings.
  'relationship-management': 'relationship management meeting',
  // R-CAD-4, R-CAD-5: engagement meetings.
  engagement: 'engagement meeting',
  // R-CAD-2: the holder at the trust's board meeting.
  'board-meeting': 'board meeting',
  // R-CAD-6: the Medicines team's structured conversation.
  'medicines-conversation': 'medicines conversation',
  // R-CAD-11: a meeting held outside the cadence.
  'ad-hoc': 'ad hoc meeting',
};

const ALREADY_NAMED = /\b(meeting|conversation|visit|call|review)$/;

export function meetingTitleOf(type: string): string {
  const known = TITLES[type];
  if (known) return known;
  const words = type.replace(/[-_]+/g, ' ').trim().toLowerCase();
  if (words === '') return 'meeting';
  return ALREADY_NAMED.test(words) ? words : `${words} meeting`;
}

/** The same title at the start of a sentence or as a calendar entry's title ("Engagement meeting"). */
export const meetingTitleCapitalised = (type: string): string => {
  const title = meetingTitleOf(type);
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}`;
};
