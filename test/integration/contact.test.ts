import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { isReference } from '../../shared/domain/contact/reference.ts';
import { signLink } from '../../shared/domain/links/provider-link.ts';
import type { InformationRequest, Submission } from '../../shared/schemas/contact.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { aContactableProvider, contactToken, linkKey, postContact, referenceIn } from './support/contact.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting, aSharedTemplate } from './support/scenarios.ts';

let api: LocalApi;
let admin: string;
let coordinator: Staff;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
  // At least one regulatory co-ordinator exists for R-REL-6 routing (others' may too: tests check the role, not the person).
  coordinator = (
    await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['regulatory-coordinator'] }) })
  ).body;
});
afterAll(() => api.close());

const mailTo = async (email: string) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));
const submission = (reference: string) => api.call<Submission>('GET', `/submissions/${reference}`, { token: admin });
const contactLinkIn = (text: string) => /\/contact\/(v1\.[A-Za-z0-9_.-]+)/.exec(text)?.[1];

describe('the contact link is in every email to provider contacts (R-REL-4)', () => {
  it('puts a working contact link in the template-shared email', async () => {
    const { contactEmail, trust } = await aSharedTemplate(api, admin);

    const [mail] = (await mailTo(contactEmail)).filter((candidate) =>
      (candidate.body.text ?? '').includes('/respond/'),
    );
    const token = contactLinkIn(mail?.body.text ?? '');
    const page = await api.call<string>('GET', `/contact/${token}`);

    expect(token).toBeDefined();
    expect(page.status).toBe(200);
    expect(page.text).toContain(trust.name);
    expect(page.text).toContain('Contact the Care Quality Commission');
  });
});

describe('what providers tell us (R-PRV-1..4), routed to their holder (R-REL-4)', () => {
  it.each([
    ['concern', 'R-PRV-1', { details: 'Night staffing fell short twice', 'action-taken': 'Agency cover booked' }],
    ['external-review', 'R-PRV-2', { details: 'Royal College review of maternity' }],
    ['significant-change', 'R-PRV-3', { details: 'Formal collaboration with a neighbouring trust' }],
    ['registration-question', 'R-PRV-3', { details: 'Do we need to register a new site?' }],
    ['feedback', 'R-PRV-4', { details: 'Your last visit ran late' }],
  ])(
    'takes a %s (%s): a reference, stored for the holder, acknowledged by email naming them',
    async (kind, ruleId, fields) => {
      const { provider, contact, holder, token } = await aContactableProvider(api, admin, 'nhs-trust');

      const sent = await postContact(api, token, { kind, ...fields });

      expect(sent.status).toBe(303);
      const reference = referenceIn(sent.headers.get('location')) ?? '';
      expect(isReference(reference)).toBe(true);
      const stored = await submission(reference);
      expect(stored.body).toMatchObject({
        reference,
        providerId: provider.providerId,
        kind,
        ruleId,
        details: fields.details,
        actionTaken: kind === 'concern' ? 'Agency cover booked' : null,
        contactId: contact.contactId,
        status: 'open',
        firstResponseAt: null,
        routedTo: { to: 'relationship-holder', staffId: holder?.staffId, staffName: holder?.name, ruleId: 'R-REL-4' },
      });
      const [acknowledgement] = await mailTo(contact.email);
      expect(acknowledgement?.subject).toBe(`We have your message: reference ${reference}`);
      expect(acknowledgement?.body.text).toContain(`${holder?.name} (your relationship holder) will handle it`);
      expect(contactLinkIn(acknowledgement?.body.text ?? '')).toBeDefined();
      // Other files' daily runs may send this holder a digest meanwhile: count the notices of this submission.
      const told = (await mailTo(holder?.email ?? '')).filter((mail) => mail.subject.includes(reference));
      expect(told.map((mail) => mail.subject)).toEqual([
        expect.stringContaining(`${provider.name} sent ${reference}: `),
      ]);
      const confirmation = await api.call<string>('GET', `/contact/${token}?sent=${reference}`);
      expect(confirmation.text).toContain(reference);
    },
  );

  it('refuses a concern without the action being taken (400, error summary) and stores nothing (R-PRV-1)', async () => {
    const { provider, token } = await aContactableProvider(api, admin, 'nhs-trust');

    const sent = await postContact(api, token, { kind: 'concern', details: 'Night staffing' });

    expect(sent.status).toBe(400);
    const html = await sent.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('Enter the action you are taking about the concern');
    const list = await api.call<{ items: Submission[] }>('GET', `/providers/${provider.providerId}/submissions`, {
      token: admin,
    });
    expect(list.body.items).toEqual([]);
  });

  it('records each submission in the audit trail, by the provider contact', async () => {
    const { provider, contact, token } = await aContactableProvider(api, admin, 'nhs-trust');

    const reference = referenceIn(
      (await postContact(api, token, { kind: 'feedback', details: 'Thanks' })).headers.get('location'),
    );

    const audit = await api.call<{
      items: { entityType: string; entityId: string; actor: { type: string; id: string } }[];
    }>('GET', `/providers/${provider.providerId}/audit`, { token: admin });
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        entityType: 'submission',
        entityId: reference,
        actor: { type: 'provider-contact', id: contact.contactId },
      }),
    );
  });
});

describe('routing under the policy in force (R-REL-4, R-REL-6)', () => {
  const routeOf = async (token: string) => {
    const sent = await postContact(api, token, { kind: 'registration-question', details: 'A question' });
    return (await submission(referenceIn(sent.headers.get('location')) ?? '')).body.routedTo;
  };
  const isCoordinator = async (staffId: string | null) =>
    (await api.call<Staff>('GET', `/staff/${staffId}`, { token: admin })).body.roles.includes('regulatory-coordinator');

  it.each(['adult-social-care', 'primary-medical-services'] as const)(
    'sends a %s provider to a regulatory co-ordinator under assessment-framework-2023 (R-REL-6)',
    async (sector) => {
      const { token, teamCoordinator } = await aContactableProvider(api, admin, sector, {
        locations: 1,
        holder: false,
        team: true,
      });

      const route = await routeOf(token);

      expect(route).toMatchObject({
        to: 'regulatory-coordinator',
        ruleId: 'R-REL-6',
        policyId: 'assessment-framework-2023',
        staffId: teamCoordinator?.staffId,
      });
      expect(await isCoordinator(route.staffId)).toBe(true);
    },
  );

  it('sends a single-location independent healthcare provider not at significant risk to a co-ordinator (R-REL-6)', async () => {
    const { token } = await aContactableProvider(api, admin, 'independent-healthcare', {
      locations: 1,
      holder: false,
      team: true,
    });

    const route = await routeOf(token);

    expect(route).toMatchObject({ to: 'regulatory-coordinator', ruleId: 'R-REL-6' });
    expect(await isCoordinator(route.staffId)).toBe(true);
  });

  it('sends independent healthcare with a location at significant risk to its holder (R-REL-6, R-REL-4)', async () => {
    const { token, holder } = await aContactableProvider(api, admin, 'independent-healthcare', {
      locations: 2,
      atRisk: true,
    });

    expect(await routeOf(token)).toMatchObject({ to: 'relationship-holder', staffId: holder?.staffId });
  });

  it('sends a community interest company to a co-ordinator: no seed gives it a relationship holder (R-TEAM-4, correction 1)', async () => {
    const { token } = await aContactableProvider(api, admin, 'community-interest-company', {
      locations: 1,
      holder: false,
      team: true,
    });

    const route = await routeOf(token);

    expect(route).toMatchObject({ to: 'regulatory-coordinator', ruleId: 'R-TEAM-4' });
    expect(await isCoordinator(route.staffId)).toBe(true);
  });

  it.each(['nhs-trust', 'independent-mental-health'] as const)(
    'sends a %s provider to its holder (R-REL-4)',
    async (sector) => {
      const { token, holder } = await aContactableProvider(api, admin, sector, { locations: 1 });

      expect(await routeOf(token)).toMatchObject({
        to: 'relationship-holder',
        staffId: holder?.staffId,
        ruleId: 'R-REL-4',
      });
    },
  );

  it('acknowledges a co-ordinator-routed submission naming the co-ordinator', async () => {
    const { token, contact } = await aContactableProvider(api, admin, 'adult-social-care', {
      locations: 1,
      holder: false,
      team: true,
    });

    const route = await routeOf(token);

    const [acknowledgement] = await mailTo(contact.email);
    expect(acknowledgement?.body.text).toContain(`${route.staffName} (regulatory co-ordinator) will handle it`);
    expect(coordinator.roles).toEqual(['regulatory-coordinator']);
  });
});

describe('answering and closing, and the time to first response (R-PRV-4)', () => {
  async function aSubmission() {
    const setup = await aContactableProvider(api, admin, 'nhs-trust');
    const sent = await postContact(api, setup.token, { kind: 'feedback', details: 'Your report was late' });
    return { ...setup, reference: referenceIn(sent.headers.get('location')) ?? '' };
  }
  const holderToken = (holder: Staff | null) => api.tokenFor(['inspector'], holder?.staffId);

  it('shows an open submission on the holder’s dashboard with how long it has waited, until it is answered', async () => {
    const { holder, reference } = await aSubmission();
    const token = await holderToken(holder);

    const before = await api.call<{ openSubmissions: (Submission & { minutesWaiting: number })[] }>(
      'GET',
      '/me/dashboard',
      { token },
    );
    await api.call('POST', `/submissions/${reference}/answer`, { token, body: { text: 'Sorry: we are on it.' } });
    const after = await api.call<{ openSubmissions: Submission[] }>('GET', '/me/dashboard', { token });

    expect(before.body.openSubmissions.map((open) => open.reference)).toEqual([reference]);
    expect(before.body.openSubmissions[0]?.minutesWaiting).toBeGreaterThanOrEqual(0);
    expect(after.body.openSubmissions).toEqual([]);
  });

  it('sets the time to first response on the first answer only, and emails the provider each answer', async () => {
    const { holder, contact, reference } = await aSubmission();
    const token = await holderToken(holder);

    const first = await api.call<Submission>('POST', `/submissions/${reference}/answer`, {
      token,
      body: { text: 'Thank you: we will publish sooner.' },
    });
    const second = await api.call<Submission>('POST', `/submissions/${reference}/answer`, {
      token,
      body: { text: 'It is now published.' },
    });

    expect(first.status).toBe(200);
    expect(first.body.status).toBe('answered');
    expect(first.body.minutesToFirstResponse).toBe(0);
    expect(first.body.firstResponseAt).not.toBeNull();
    expect(second.body.firstResponseAt).toBe(first.body.firstResponseAt);
    expect(second.body.answers.map((answer) => answer.text)).toEqual([
      'Thank you: we will publish sooner.',
      'It is now published.',
    ]);
    const answers = (await mailTo(contact.email)).filter(
      (mail) => mail.subject === `Our answer: reference ${reference}`,
    );
    expect(answers.map((mail) => /published|sooner/.test(mail.body.text ?? ''))).toEqual([true, true]);
    expect(answers.every((mail) => contactLinkIn(mail.body.text ?? '') !== undefined)).toBe(true);
  });

  it('closes a submission with a reason, then refuses to answer it (409)', async () => {
    const { reference } = await aSubmission();

    const closed = await api.call<Submission>('POST', `/submissions/${reference}/close`, {
      token: admin,
      body: { reason: 'Passed to the assessment team' },
    });
    const late = await api.call('POST', `/submissions/${reference}/answer`, { token: admin, body: { text: 'x' } });

    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'Passed to the assessment team' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it.each([
    ['an empty answer', 'PE-0000-0000', {}, 400],
    ['an unknown field', 'PE-0000-0000', { text: 'x', extra: 1 }, 400],
    ['a malformed reference', 'PE-1', { text: 'x' }, 400],
    ['an unknown reference', 'PE-ZZZZ-ZZZ0', { text: 'x' }, 404],
  ])('refuses %s with the API’s error shape', async (_what, reference, body, status) => {
    const answer = await api.call('POST', `/submissions/${reference}/answer`, { token: admin, body });

    expect(answer.status).toBe(status);
    expect(answer.body).toHaveProperty('error.code');
  });
});

describe('links that do not open the contact page', () => {
  it('refuses a forged link, a template link and a removed contact’s link alike (404); an expired one is 410', async () => {
    const { provider, contact } = await aContactableProvider(api, admin, 'nhs-trust', { holder: false });
    const forged = signLink(
      {
        purpose: 'contact',
        providerId: provider.providerId,
        meetingId: null,
        shareId: null,
        contactId: contact.contactId,
        expiresAt: 2e9,
      },
      Buffer.alloc(32, 7),
    );
    const respondLink = signLink(
      {
        purpose: 'respond',
        providerId: provider.providerId,
        meetingId: 'm',
        shareId: 's',
        contactId: contact.contactId,
        expiresAt: 2e9,
      },
      linkKey(),
    );
    const stranger = contactToken(provider.providerId, '01J0000000000000000000ZZZZ');
    const expired = contactToken(provider.providerId, contact.contactId, Math.floor(Date.now() / 1000) - 1);

    const statuses = await Promise.all(
      [forged, respondLink, stranger, expired].map(
        async (token) => (await api.call('GET', `/contact/${token}`)).status,
      ),
    );

    expect(statuses).toEqual([404, 404, 404, 410]);
  });

  it('refuses a post without the page’s form token (403) and stores nothing', async () => {
    const { provider, token } = await aContactableProvider(api, admin, 'nhs-trust');

    const sent = await fetch(`${api.baseUrl}/contact/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'feedback', details: 'x' }).toString(),
    });

    expect(sent.status).toBe(403);
    const list = await api.call<{ items: Submission[] }>('GET', `/providers/${provider.providerId}/submissions`, {
      token: admin,
    });
    expect(list.body.items).toEqual([]);
  });
});

describe('information requests (R-PRV-5)', () => {
  const ask = (providerId: string, body: Record<string, unknown>, token = admin) =>
    api.call<InformationRequest>('POST', `/providers/${providerId}/information-requests`, { token, body });

  it('emails every contact the question with their contact link, and the provider answers it on the contact page', async () => {
    const { provider, contact, holder } = await aContactableProvider(api, admin, 'nhs-trust');
    const holderToken = await api.tokenFor(['inspector'], holder?.staffId);

    const asked = await ask(
      provider.providerId,
      { signal: 'deterioration', question: 'Why did A&E waits rise in October?', dueOn: '2030-01-15' },
      holderToken,
    );
    const [mail] = (await mailTo(contact.email)).filter((candidate) =>
      candidate.subject.includes(asked.body.reference),
    );
    const token = contactLinkIn(mail?.body.text ?? '') ?? '';
    const page = await api.call<string>('GET', `/contact/${token}`);
    const open = await api.call<{ openInformationRequests: InformationRequest[] }>('GET', '/me/dashboard', {
      token: holderToken,
    });
    const sent = await postContact(api, token, {
      [`answer-${asked.body.reference}`]: 'Two consultants left; posts filled.',
    });

    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', dueOn: '2030-01-15', requestedBy: holder?.staffId });
    expect(mail?.subject).toBe(`Please explain by Tuesday 15 January 2030: reference ${asked.body.reference}`);
    expect(page.text).toContain('Why did A&amp;E waits rise in October?');
    expect(open.body.openInformationRequests.map((request) => request.reference)).toEqual([asked.body.reference]);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toContain(`answered=${asked.body.reference}`);
    const list = await api.call<{ items: InformationRequest[] }>(
      'GET',
      `/providers/${provider.providerId}/information-requests`,
      { token: admin },
    );
    expect(list.body.items).toMatchObject([
      {
        reference: asked.body.reference,
        status: 'answered',
        answer: { text: 'Two consultants left; posts filled.', contactId: contact.contactId },
      },
    ]);
    expect((await mailTo(holder?.email ?? '')).map((told) => told.subject)).toContain(
      `${provider.name} answered your information request ${asked.body.reference}`,
    );
  });

  it('keeps exactly one answer when the same request is answered by five posts at once, and never fails', async () => {
    const { provider, token } = await aContactableProvider(api, admin, 'nhs-trust', { holder: false });
    const asked = await ask(provider.providerId, { signal: 'improvement', question: 'Why?', dueOn: '2030-03-01' });

    const posts = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        postContact(api, token, { [`answer-${asked.body.reference}`]: `Answer ${index}` }),
      ),
    );

    expect(posts.every((post) => post.status === 303 || post.status === 400)).toBe(true);
    const explanations = await api.call<{ items: { kind: string; reference?: string }[] }>(
      'GET',
      `/providers/${provider.providerId}/information`,
      { token: admin },
    );
    expect(explanations.body.items.filter((item) => item.kind === 'provider-explanation')).toHaveLength(1);
  });

  it.each([
    ['a due date in the past', { signal: 'improvement', question: 'Why?', dueOn: '2020-01-01' }, 400],
    ['no question', { signal: 'improvement', dueOn: '2030-01-01' }, 400],
    ['an unknown signal', { signal: 'sideways', question: 'Why?', dueOn: '2030-01-01' }, 400],
  ])('refuses %s (400) and stores nothing', async (_what, body, status) => {
    const { provider } = await aContactableProvider(api, admin, 'nhs-trust', { holder: false });

    const answer = await ask(provider.providerId, body);

    expect(answer.status).toBe(status);
    expect(answer.body).toHaveProperty('error.details');
    const list = await api.call<{ items: InformationRequest[] }>(
      'GET',
      `/providers/${provider.providerId}/information-requests`,
      { token: admin },
    );
    expect(list.body.items).toEqual([]);
  });

  it('refuses to ask a provider with no contact (409) and stores nothing', async () => {
    const lonely = await api.call<{ providerId: string }>('POST', '/providers', {
      token: admin,
      body: { ...aProvider(), contacts: [] },
    });

    const answer = await ask(lonely.body.providerId, { signal: 'improvement', question: 'Why?', dueOn: '2030-01-01' });

    expect(answer.status).toBe(409);
    const list = await api.call<{ items: InformationRequest[] }>(
      'GET',
      `/providers/${lonely.body.providerId}/information-requests`,
      { token: admin },
    );
    expect(list.body.items).toEqual([]);
  });

  it('answers 404 for a request about a provider that does not exist', async () => {
    const answer = await ask('01J0000000000000000000ZZZZ', {
      signal: 'improvement',
      question: 'Why?',
      dueOn: '2030-01-01',
    });

    expect(answer.status).toBe(404);
  });

  it('finds open requests due by a day through the sparse index, soonest first, without answered ones', async () => {
    const { provider, token } = await aContactableProvider(api, admin, 'nhs-trust', { holder: false });
    const [early, onTheDay, later, answered] = await Promise.all(
      ['2031-03-01', '2031-03-05', '2031-03-06', '2031-03-02'].map(
        async (dueOn) =>
          (await ask(provider.providerId, { signal: 'improvement', question: `Due ${dueOn}`, dueOn })).body,
      ),
    );
    await postContact(api, token, { [`answer-${answered?.reference}`]: 'Explained.' });
    const store = new DynamoContactStore(process.env.PROVIDERS_TABLE ?? '', process.env.AUDIT_TABLE ?? '');

    const due = (await store.openRequestsDueBy('2031-03-05')).filter(
      (request) => request.providerId === provider.providerId,
    );

    expect(due.map((request) => request.reference)).toEqual([early?.reference, onTheDay?.reference]);
    expect(later?.status).toBe('open');
  });
});

describe('what providers, the public and partners told us reaches the next template (R-TPL-1) ', () => {
  it('drafts the template with submissions, information requests and answers, experiences and partner information', async () => {
    const { trust, meeting } = await aBookedMeeting(api, admin);
    const contact = trust.contacts[0];
    const token = contactToken(trust.providerId, contact?.contactId ?? '');
    await postContact(api, token, { kind: 'concern', details: 'Two falls on ward 9', 'action-taken': 'Falls audit' });
    await postContact(api, token, { kind: 'registration-question', details: 'Is a new clinic a new location?' });
    const asked = await api.call<InformationRequest>('POST', `/providers/${trust.providerId}/information-requests`, {
      token: admin,
      body: { signal: 'improvement', question: 'What cut readmissions?', dueOn: '2030-02-01' },
    });
    await postContact(api, token, { [`answer-${asked.body.reference}`]: 'A discharge nurse on each ward.' });
    const recorded = await Promise.all([
      api.call('POST', `/providers/${trust.providerId}/information`, {
        token: admin,
        body: {
          kind: 'public-experience',
          occurredOn: '2026-12-01',
          source: 'Give feedback on care',
          summary: 'Kind staff on ward 2',
          channel: 'website',
        },
      }),
      api.call('POST', `/providers/${trust.providerId}/information`, {
        token: admin,
        body: {
          kind: 'partner-information',
          occurredOn: '2026-12-02',
          source: 'Letter',
          summary: 'Deficit plan agreed with the board',
          partner: {
            organisation: 'NHS Improvement',
            type: 'nhs-improvement',
            topic: 'financial-governance',
            beforeInspection: 'well-led',
          },
        },
      }),
    ]);

    const draft = await api.call<Template>('GET', `/meetings/${meeting.meetingId}/template`, { token: admin });

    expect(recorded.map((answer) => answer.status)).toEqual([201, 201]);
    const texts = (sectionId: string) =>
      (draft.body.sections.find((section) => section.sectionId === sectionId)?.items ?? [])
        .map((item) => item.text)
        .join('\n');
    expect(texts('complaints-concerns')).toContain('Concern: Two falls on ward 9 Action being taken: Falls audit');
    expect(texts('registration-questions')).toContain('Is a new clinic a new location?');
    expect(texts('monitoring')).toContain('We asked: What cut readmissions?');
    expect(texts('monitoring')).toContain('The provider explained: A discharge nurse on each ward.');
    expect(texts('people-partners')).toContain('Experience shared: Kind staff on ward 2 (via website');
    expect(texts('people-partners')).toContain('From a partner: Deficit plan agreed with the board (NHS Improvement');
  });

  it.each([
    ['partner information without the partner (R-PTN-1)', { kind: 'partner-information' }, 'body.partner'],
    ['a public experience without its channel (R-PUB-1)', { kind: 'public-experience' }, 'body.channel'],
    ['a partner on a complaint', { kind: 'complaint', partner: { organisation: 'X', type: 'police' } }, 'body.partner'],
  ])('refuses %s (400), naming the field', async (_what, extra, path) => {
    const { trust } = await aBookedMeeting(api, admin);

    const answer = await api.call<{ error: { details: { path: string }[] } }>(
      'POST',
      `/providers/${trust.providerId}/information`,
      { token: admin, body: { occurredOn: '2026-12-01', source: 'x', summary: 'y', ...extra } },
    );

    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((detail) => detail.path)).toContain(path);
  });
});
