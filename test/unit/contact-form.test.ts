import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../shared/domain/templates/compose-template.ts';
import type { Information, InformationKind } from '../../shared/schemas/information.ts';
import { type ContactForm, checkContactForm } from '../../shared/use-cases/contact-the-regulator.ts';

const form = (overrides: Partial<ContactForm> = {}): ContactForm => ({
  kind: '',
  details: '',
  actionTaken: '',
  answers: {},
  ...overrides,
});
const paths = (found: { path: string }[]) => found.map((problem) => problem.path);

describe('the contact form (R-PRV-1..5)', () => {
  it('asks for something when nothing is sent', () => {
    expect(paths(checkContactForm(form(), []))).toEqual(['kind']);
  });

  it('needs the action being taken for a concern (R-PRV-1)', () => {
    expect(paths(checkContactForm(form({ kind: 'concern', details: 'Staffing at night' }), []))).toEqual([
      'action-taken',
    ]);
  });

  it.each(['external-review', 'significant-change', 'registration-question', 'feedback'])(
    'takes a %s without an action',
    (kind) => {
      expect(checkContactForm(form({ kind, details: 'Details' }), [])).toEqual([]);
    },
  );

  it('refuses an unknown kind and missing details', () => {
    expect(paths(checkContactForm(form({ kind: 'gossip' }), []))).toEqual(['kind', 'details']);
  });

  it('refuses details over 4000 characters', () => {
    expect(paths(checkContactForm(form({ kind: 'feedback', details: 'x'.repeat(4001) }), []))).toEqual(['details']);
  });

  it('takes an answer to an open request on its own (R-PRV-5)', () => {
    expect(checkContactForm(form({ answers: { 'PE-0000-0001': 'Because…' } }), ['PE-0000-0001'])).toEqual([]);
  });

  it('refuses an answer to a request that is not open', () => {
    expect(paths(checkContactForm(form({ answers: { 'PE-0000-0002': 'Because…' } }), ['PE-0000-0001']))).toEqual([
      'answer-PE-0000-0002',
    ]);
  });
});

describe('what providers, the public and partners told us, in the draft template (R-TPL-1)', () => {
  const item = (kind: InformationKind, extra: Partial<Information> = {}): Information => ({
    infoId: `01J00000000000000000000${String(kind.length).padStart(3, '0')}`,
    providerId: 'p',
    kind,
    occurredOn: '2027-01-10',
    source: 'Source',
    summary: `About ${kind}`,
    sensitive: false,
    recordedAt: '2027-01-10T10:00:00.000Z',
    recordedBy: 'staff:x',
    ...extra,
  });
  const sectionOf = (kind: InformationKind, extra: Partial<Information> = {}) =>
    composeDraft({ meetingId: 'm', providerId: 'p' }, [item(kind, extra)], '2027-01-01').sections.find(
      (section) => section.items.length > 0,
    );

  it.each<[InformationKind, string]>([
    ['registration-question', 'registration-questions'],
    ['feedback-about-us', 'feedback-about-us'],
    ['information-request', 'monitoring'],
    ['provider-explanation', 'monitoring'],
    ['concern', 'complaints-concerns'],
    ['external-review', 'reviews'],
    ['change-in-practice', 'changes'],
  ])('puts %s in the %s section', (kind, sectionId) => {
    expect(sectionOf(kind)?.sectionId).toBe(sectionId);
  });

  it('names the partner that shared information (R-PTN-1, R-PTN-2)', () => {
    const section = sectionOf('partner-information', {
      partner: {
        organisation: 'NHS Improvement',
        type: 'nhs-improvement',
        topic: 'financial-governance',
        beforeInspection: 'well-led',
      },
    });

    expect(section?.items[0]?.text).toContain(
      'From a partner: About partner-information (NHS Improvement, source: Source)',
    );
  });

  it('says how a public experience reached us (R-PUB-1)', () => {
    expect(sectionOf('public-experience', { channel: 'helpline' })?.items[0]?.text).toContain('(via helpline, source:');
  });
});
