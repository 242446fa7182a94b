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
    kinds: ['monitoring-improvement', 'monitoring-deterioration'],
  },
  { sectionId: 'reviews', title: 'External reviews', kinds: ['external-review'] },
  {
    sectionId: 'people-partners',
    title: 'What people and partners told us',
    kinds: ['public-experience', 'partner-information'],
  },
  { sectionId: 'other', title: 'Anything else to discuss', kinds: [] },
];

const prefix: Partial<Record<InformationKind, string>> = {
  'monitoring-improvement': 'Improvement: ',
  'monitoring-deterioration': 'Deterioration: ',
  complaint: 'Complaint: ',
  concern: 'Concern: ',
  'public-experience': 'Experience shared: ',
  'partner-information': 'From a partner: ',
};

export function composeDraft(
  meeting: { meetingId: string; providerId: string },
  information: readonly Information[],
  since: string,
): Template {
  const held = [...information]
    .filter((item) => item.occurredOn >= since)
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  return {
    meetingId: meeting.meetingId,
    providerId: meeting.providerId,
    version: 0,
    sections: SECTIONS.map(({ sectionId, title, kinds }) => ({
      sectionId,
      title,
      items: held
        .filter((item) => kinds.includes(item.kind))
        .map((item) => ({
          text: `${item.occurredOn}: ${prefix[item.kind] ?? ''}${item.summary} (source: ${item.source})`,
          infoId: item.infoId,
          sensitive: item.sensitive,
        })),
    })),
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
