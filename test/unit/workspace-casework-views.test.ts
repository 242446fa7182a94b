import { describe, expect, it } from 'vitest';
import {
  type CaseworkForm,
  informationMain,
  informationRequestsMain,
  submissionMain,
  submissionsMain,
} from '../../shared/adapters/http/workspace/views/casework.ts';
import { dayFromParts } from '../../shared/domain/workspace/form-day.ts';
import type { InformationRequest, Submission } from '../../shared/schemas/contact.ts';
import type { Information } from '../../shared/schemas/information.ts';
import type { Provider } from '../../shared/schemas/provider.ts';

/**
 * The casework pages' views (issue 15 items 3 and 6): what a provider typed is shown as text, never as
 * markup; routing names the person and the rule; dates read in words (Europe/London).
 */
const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const provider = {
  providerId: '01J0000000000000000000PRV1',
  name: 'Northgate <b>NHS</b> Trust',
  sector: 'nhs-trust',
  contacts: [{ contactId: '01J0000000000000000000CON1', name: 'Ada Chief', email: 'ada@trust.test', roles: [] }],
} as unknown as Provider;

const aSubmission = (overrides: Partial<Submission> = {}): Submission => ({
  reference: 'PE-7K3Q-9XW2',
  providerId: provider.providerId,
  providerName: provider.name,
  kind: 'concern',
  ruleId: 'R-PRV-1',
  details: `${HOSTILE}\nsecond line\n\nsecond paragraph`,
  actionTaken: `Action ${HOSTILE}`,
  contactId: '01J0000000000000000000CON1',
  contactName: `Zoë ${HOSTILE}`,
  submittedAt: '2026-07-01T08:30:00.000Z',
  routedTo: {
    to: 'relationship-holder',
    staffId: '01J0000000000000000000STF1',
    staffName: 'Alex <i>Holder</i>',
    ruleId: 'R-REL-4',
    policyId: 'assessment-framework-2023',
    why: 'the provider’s relationship holder is its first point of contact',
  },
  status: 'open',
  answers: [],
  firstResponseAt: null,
  minutesToFirstResponse: null,
  closedAt: null,
  closeReason: null,
  infoId: '01J0000000000000000000INF1',
  version: 1,
  ...overrides,
});

const form: CaseworkForm = { formToken: 'token-1', values: {}, problems: [] };
const now = new Date('2026-07-03T09:00:00.000Z');

describe('the submission page', () => {
  it('escapes everything the provider typed, keeping their line breaks', () => {
    const page = submissionMain(aSubmission(), form, true, undefined, now).toString();

    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>NHS</b>');
    expect(page).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;<br>second line',
    );
    expect(page).toContain('<p class="govuk-body">second paragraph</p>');
    expect(page).toContain('Alex &lt;i&gt;Holder&lt;/i&gt;');
    expect(page).toContain('class="govuk-back-link">Northgate &lt;b&gt;NHS&lt;/b&gt; Trust: submissions</a>');
  });

  it('says who handles it and why, with the rule and the policy (R-REL-4), and how long it has waited', () => {
    const page = submissionMain(aSubmission(), form, true, undefined, now).toString();

    expect(page).toContain('Significant concern about quality (R-PRV-1)');
    expect(page).toContain(
      'The provider’s relationship holder is its first point of contact (R-REL-4, policy assessment-framework-2023)',
    );
    expect(page).toContain('Wednesday 1 July 2026 at 9:30am');
    expect(page).toContain('2 days waiting');
  });

  it('names the assessment team when no regulatory co-ordinator is registered (R-REL-6)', () => {
    const routedTo = {
      to: 'regulatory-coordinator' as const,
      staffId: null,
      staffName: null,
      ruleId: 'R-REL-6',
      policyId: null,
      why: 'no location-level relationship management',
    };
    const page = submissionMain(aSubmission({ routedTo }), form, true, undefined, now).toString();

    expect(page).toContain('The assessment team (no regulatory co-ordinator registered)');
    expect(page).toContain('(R-REL-6)');
  });

  it('offers the answer and close forms, with the form token, only to those who may answer', () => {
    const allowed = submissionMain(aSubmission(), form, true, undefined, now).toString();
    const refused = submissionMain(aSubmission(), form, false, undefined, now).toString();

    expect(allowed).toContain('action="/workspace/submissions/PE-7K3Q-9XW2/answer"');
    expect(allowed).toContain('action="/workspace/submissions/PE-7K3Q-9XW2/close"');
    expect(allowed).toContain('name="formToken" value="token-1"');
    expect(refused).not.toContain('<form');
  });

  it('shows a closed submission’s reason and takes no more answers', () => {
    const closed = aSubmission({
      status: 'closed',
      closedAt: '2026-07-02T10:00:00.000Z',
      closeReason: `Answered by phone ${HOSTILE}`,
      answers: [{ text: 'We have noted it.', answeredAt: '2026-07-01T12:00:00.000Z', answeredBy: 'staff:x' }],
      firstResponseAt: '2026-07-01T12:00:00.000Z',
      minutesToFirstResponse: 210,
    });

    const page = submissionMain(closed, form, true, undefined, now).toString();

    expect(page).toContain('Thursday 2 July 2026 at 11am: Answered by phone &lt;script&gt;');
    expect(page).toContain('3 hours after it was sent (R-PRV-4)');
    expect(page).toContain('We have noted it.');
    expect(page).not.toContain('<form');
  });

  it('keeps what was typed in a refused form, escaped, beside its error', () => {
    const refused: CaseworkForm = {
      formToken: 'token-1',
      form: 'answer',
      values: { text: `</textarea>${HOSTILE}` },
      problems: [{ href: '#text', text: 'Enter your answer' }],
    };

    const page = submissionMain(aSubmission(), refused, true, undefined, now).toString();

    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(page).toContain('id="text-error"');
    expect(page).toContain('govuk-textarea--error');
  });
});

describe('the provider’s submissions', () => {
  it('lists each with a link, what it is in words, its handler and status, escaped', () => {
    const page = submissionsMain(provider, [aSubmission()], now, null).toString();

    expect(page).toContain('href="/workspace/submissions/PE-7K3Q-9XW2"');
    expect(page).toContain('Waiting for an answer');
    expect(page).toContain('Northgate &lt;b&gt;NHS&lt;/b&gt; Trust');
    expect(page).toContain('aria-current="page" href="/workspace/providers/01J0000000000000000000PRV1/submissions"');
  });

  it('links to the older page with the page token encoded', () => {
    const page = submissionsMain(provider, [aSubmission()], now, 'a+b/c=').toString();

    expect(page).toContain('href="?from=a%2Bb%2Fc%3D"');
  });
});

describe('information requests', () => {
  const aRequest = (overrides: Partial<InformationRequest> = {}): InformationRequest => ({
    reference: 'PE-AAAA-BBBB',
    providerId: provider.providerId,
    providerName: provider.name,
    signal: 'deterioration',
    question: `Why did waiting times rise? ${HOSTILE}`,
    dueOn: '2026-07-10',
    infoId: null,
    requestedBy: '01J0000000000000000000STF1',
    requestedByName: 'Alex Holder',
    requestedAt: '2026-07-01T08:30:00.000Z',
    status: 'open',
    answer: null,
    version: 1,
    ...overrides,
  });

  it('shows the due date in words, overdue when past, and the provider’s answer escaped', () => {
    const answered = aRequest({
      reference: 'PE-CCCC-DDDD',
      status: 'answered',
      answer: {
        text: `Two consultants left. ${HOSTILE}`,
        contactId: '01J0000000000000000000CON1',
        contactName: 'Ada Chief',
        answeredAt: '2026-07-05T15:00:00.000Z',
      },
    });

    const page = informationRequestsMain(
      provider,
      [aRequest(), answered],
      form,
      undefined,
      null,
      '2026-07-11',
    ).toString();

    expect(page).toContain('Friday 10 July 2026');
    expect(page).toContain('Overdue');
    expect(page).toContain('Two consultants left. &lt;script&gt;');
    expect(page).toContain('Ada Chief, Sunday 5 July 2026 at 4pm');
    expect(page).not.toContain('<script>');
  });

  it('leaves out the ask form for someone who may not ask', () => {
    const page = informationRequestsMain(provider, [], null, undefined, null, '2026-07-01').toString();

    expect(page).not.toContain('<form');
    expect(page).toContain('We have not asked this provider for information.');
  });
});

describe('information held', () => {
  const anItem = (overrides: Partial<Information> = {}): Information => ({
    infoId: '01J0000000000000000000INF2',
    providerId: provider.providerId,
    kind: 'partner-information',
    occurredOn: '2026-06-30',
    source: `Board papers ${HOSTILE}`,
    summary: `Finance ${HOSTILE}`,
    sensitive: true,
    recordedAt: '2026-07-01T08:30:00.000Z',
    recordedBy: 'staff:01J0000000000000000000STF1',
    partner: { organisation: 'NHS <Improvement>', type: 'nhs-improvement', topic: 'financial-governance' },
    ...overrides,
  });

  it('lists items with kind in words, the sensitive tag and the partner, escaped', () => {
    const page = informationMain(provider, [anItem()], form, 'recorded').toString();

    expect(page).toContain('Information from a partner (R-PTN-1)');
    expect(page).toContain('Sensitive');
    expect(page).toContain('NHS &lt;Improvement&gt; (nhs improvement)');
    expect(page).toContain('Tuesday 30 June 2026');
    expect(page).toContain('Recorded in the information held');
    expect(page).not.toContain('<script>');
  });
});

describe('where an item of information came from', () => {
  it.each([
    ['information-request', 'PE-AAAA-BBBB', '/workspace/providers/01J0000000000000000000PRV1/information-requests'],
    ['provider-explanation', 'PE-AAAA-BBBB', '/workspace/providers/01J0000000000000000000PRV1/information-requests'],
    ['concern', 'PE-7K3Q-9XW2', '/workspace/submissions/PE-7K3Q-9XW2'],
  ] as const)('links a %s to the page where its reference is handled', (kind, reference, href) => {
    const item: Information = {
      infoId: '01J0000000000000000000INF3',
      providerId: provider.providerId,
      kind,
      occurredOn: '2026-06-30',
      source: 'Ada Chief',
      summary: 'Sent through the contact page',
      sensitive: false,
      recordedAt: '2026-07-01T08:30:00.000Z',
      recordedBy: 'provider:x',
      reference,
    };

    expect(informationMain(provider, [item], form, undefined).toString()).toContain(`href="${href}"`);
  });
});

describe('reading a GOV.UK date input', () => {
  it.each([
    [['1', '4', '2027'], '2027-04-01'],
    [[' 29 ', '2', '2028'], '2028-02-29'],
    [['29', '2', '2027'], null],
    [['31', '12', '2099'], '2099-12-31'],
    [['1', '1', '2100'], null],
    [['1', '1', '1999'], null],
    [['', '4', '2027'], null],
    [['1', '4', '27'], null],
    [['١', '٤', '٢٠٢٧'], null],
    [['1.5', '4', '2027'], null],
  ])('reads %j as %s', (parts, expected) => {
    const [day, month, year] = parts as [string, string, string];

    expect(dayFromParts(day, month, year)).toBe(expected);
  });
});
