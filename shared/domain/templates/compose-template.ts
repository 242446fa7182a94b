import type { Information, InformationKind } from '../../schemas/information.ts';
import type { Template } from '../../schemas/template.ts';

/**
 * R-TPL-1: the draft pre-meeting template, filled from the information held since the last meeting:
 * changes in practice, serious incidents, complaints or concerns, notifications, monitoring data
 * showing improvement or deterioration, and what providers, the public and partners told us. Pure.
 */
const SECTIONS: readonly { sectionId: string; title: string; kinds: readonly InformationKind[] }[] = [
  { sectionId: 'changes', title: 'Changes in practice', kinds: ['change-in-practice'] },
  { sectionId: 'incidents', title: 'Serious incidents', kinds: ['serious-incident'] },
  { sectionId: 'complaints-concerns', title: 'Complaints and concerns received', kinds: ['complaint', 'concern'] },
  { sectionId: 'notifications', title: 'Notifications', kinds: ['notification'] },
  {
    sectionId: 'monitoring',
    title: 'Monitoring data: improvement or deterioration',
    // R-PRV-5: what we asked the provider to explain, and what they answered, beside the signal itself.
    kinds: ['monitoring-improvement', 'monitoring-deterioration', 'information-request', 'provider-explanation'],
  },
  { sectionId: 'reviews', title: 'External reviews', kinds: ['external-review'] },
  // R-TPL-1 (product): seed 004's aim to "highlight and celebrate good practice where we find it".
  { sectionId: 'good-practice', title: 'Good practice found', kinds: ['good-practice'] },
  {
    sectionId: 'people-partners',
    title: 'What people and partners told us',
    kinds: ['public-experience', 'partner-information'],
  },
  // R-PRV-3, R-PRV-4: what the provider asked us and told us about us.
  { sectionId: 'registration-questions', title: 'Registration questions', kinds: ['registration-question'] },
  { sectionId: 'feedback-about-us', title: 'Feedback about the Care Quality Commission', kinds: ['feedback-about-us'] },
  { sectionId: 'other', title: 'Anything else to discuss', kinds: [] },
];

const prefix: Partial<Record<InformationKind, string>> = {
  'monitoring-improvement': 'Improvement: ',
  'monitoring-deterioration': 'Deterioration: ',
  complaint: 'Complaint: ',
  concern: 'Concern: ',
  'public-experience': 'Experience shared: ',
  'partner-information': 'From a partner: ',
  'information-request': 'We asked: ',
  'provider-explanation': 'The provider explained: ',
};

/** Who a partner is, or how an experience reached us (R-PUB-1, R-PTN-1), before the source. */
const origin = (item: Information): string =>
  item.partner ? `${item.partner.organisation}, ` : item.channel ? `via ${item.channel}, ` : '';

/** R-TPL-1: what the last meeting agreed, for the next one's template. */
export interface LastMeeting {
  heldAt: string;
  notes: string | null;
  actions: readonly { description: string; owner: string; dueDate: string; status: 'open' | 'done' }[];
}

const inWords = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(new Date(day));

/** The notes of the last meeting held and its actions still open (done ones are settled). */
function lastMeetingItems(last: LastMeeting | null) {
  if (!last) return [];
  const held = inWords(last.heldAt);
  return [
    ...(last.notes
      ? [{ text: `Notes of the meeting held on ${held}: ${last.notes}`, infoId: null, sensitive: false }]
      : []),
    ...last.actions
      .filter((action) => action.status === 'open')
      .map((action) => ({
        text: `Open action from ${held}: ${action.description} (${action.owner}, due ${inWords(action.dueDate)})`,
        infoId: null,
        sensitive: false,
      })),
  ];
}

export function composeDraft(
  meeting: { meetingId: string; providerId: string },
  information: readonly Information[],
  since: string,
  last: LastMeeting | null = null,
): Template {
  const held = [...information]
    .filter((item) => item.occurredOn >= since)
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  return {
    meetingId: meeting.meetingId,
    providerId: meeting.providerId,
    version: 0,
    sections: [
      { sectionId: 'last-meeting', title: 'What the last meeting agreed', items: lastMeetingItems(last) },
      ...SECTIONS.map(({ sectionId, title, kinds }) => ({
        sectionId,
        title,
        items: held
          .filter((item) => kinds.includes(item.kind))
          .map((item) => ({
            text: `${item.occurredOn}: ${prefix[item.kind] ?? ''}${item.summary} (${origin(item)}source: ${item.source})`,
            infoId: item.infoId,
            sensitive: item.sensitive,
          })),
      })),
    ],
    savedAt: null,
    savedBy: null,
    informationSince: since,
    sharedVersion: null,
  };
}

/** What the provider sees: no sensitive item, ever (R-TPL-1), and no internal references. */
export function providerView(template: Pick<Template, 'sections'>) {
  return template.sections.map((section) => ({
    sectionId: section.sectionId,
    title: section.title,
    items: section.items.filter((item) => !item.sensitive).map((item) => item.text),
  }));
}
