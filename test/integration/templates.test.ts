import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '../../shared/domain/links/provider-link.ts';
import type { ProviderComment, Template, TemplateShare } from '../../shared/schemas/template.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aBookedMeeting, aSharedTemplate } from './support/scenarios.ts';

let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const template = (meetingId: string) => api.call<Template>('GET', `/meetings/${meetingId}/template`, { token: admin });
const save = (meetingId: string, version: number, sections: Template['sections']) =>
  api.call<Template>('PUT', `/meetings/${meetingId}/template`, {
    token: admin,
    headers: { 'if-match': `"${version}"` },
    body: { sections },
  });
const share = (meetingId: string) =>
  api.call<TemplateShare>('POST', `/meetings/${meetingId}/template/share`, { token: admin });

const page = (token: string) => api.call<string>('GET', `/respond/${token}`);
const formTokenIn = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
const post = (token: string, fields: Record<string, string>) =>
  fetch(`${api.baseUrl}/respond/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('information held and the draft template (R-TPL-1)', () => {
  it('drafts the template from the information held, in sections, with sensitive items marked', async () => {
    const { meeting } = await aBookedMeeting(api, admin);

    const draft = await template(meeting.meetingId);

    expect(draft.headers.get('etag')).toBe('"0"');
    const section = (id: string) => draft.body.sections.find((candidate) => candidate.sectionId === id)?.items ?? [];
    expect(section('incidents').map((item) => item.text)).toEqual([
      '2027-02-10: A fall on ward 3 (source: Notification)',
    ]);
    expect(section('complaints-concerns')).toEqual([expect.objectContaining({ sensitive: true })]);
    expect(section('monitoring')[0]?.text).toContain('Deterioration: Longer A&E waits');
  });

  it('refuses information of an unknown kind (400) for a provider, and 404 for no provider', async () => {
    const { trust } = await aBookedMeeting(api, admin);
    const body = { kind: 'rumour', occurredOn: '2027-01-01', source: 'x', summary: 'y' };

    const bad = await api.call('POST', `/providers/${trust.providerId}/information`, { token: admin, body });
    const missing = await api.call('POST', '/providers/01J0000000000000000000ZZZZ/information', {
      token: admin,
      body: { ...body, kind: 'concern' },
    });

    expect(bad.status).toBe(400);
    expect(missing.status).toBe(404);
  });
});

describe('saving versions (R-TPL-3)', () => {
  it('saves each edit as the next version and refuses a stale one (412)', async () => {
    const { meeting } = await aBookedMeeting(api, admin);
    const draft = await template(meeting.meetingId);

    const first = await save(meeting.meetingId, 0, draft.body.sections);
    const stale = await save(meeting.meetingId, 0, draft.body.sections);
    const second = await save(meeting.meetingId, 1, [
      {
        sectionId: 'other',
        title: 'Anything else to discuss',
        items: [{ text: 'Winter plan', infoId: null, sensitive: false }],
      },
    ]);

    expect(first.body.version).toBe(1);
    expect(stale.status).toBe(412);
    expect(second.body.version).toBe(2);
    expect((await template(meeting.meetingId)).body.sections.map((section) => section.sectionId)).toEqual(['other']);
  });
});

describe('sharing with the provider and their comments (R-TPL-2, R-TPL-3, R-TPL-4)', () => {
  const sharedTemplate = () => aSharedTemplate(api, admin);

  it('refuses to share before a version is saved (409)', async () => {
    const { meeting } = await aBookedMeeting(api, admin);

    expect((await share(meeting.meetingId)).status).toBe(409);
  });

  it('emails the contact a link to a page that shows the template but never a sensitive item', async () => {
    const { shareStatus, token } = await sharedTemplate();

    const answer = await page(token);

    expect(shareStatus).toBe(200);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain('A fall on ward 3');
    expect(answer.text).not.toContain('Mrs Example');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('keeps what the provider sends, with the version it answered, and tells the holder', async () => {
    const { meeting, holder, token } = await sharedTemplate();
    const form = formTokenIn((await page(token)).text);

    const sent = await post(token, { formToken: form, 'comment-incidents': 'The fall was reviewed; learning shared.' });

    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/respond/${token}?sent=1`);
    const comments = await api.call<{ items: ProviderComment[] }>('GET', `/meetings/${meeting.meetingId}/comments`, {
      token: admin,
    });
    expect(comments.body.items).toMatchObject([
      {
        sectionId: 'incidents',
        templateVersion: 1,
        text: 'The fall was reviewed; learning shared.',
        contactName: 'Chief Exec',
      },
    ]);
    const confirmation = await api.call<string>('GET', `/respond/${token}?sent=1`);
    expect(confirmation.text).toContain('Thank you: we have your comments');
    expect(confirmation.text).toContain('The fall was reviewed; learning shared.');
    await expect
      .poll(async () => (await inbox()).some((mail) => mail.destination.to.some((to) => to.includes(holder.email))), {
        timeout: 10_000,
      })
      .toBe(true);
    const dashboard = await api.call<{ commentsWaiting: ProviderComment[] }>('GET', '/me/dashboard', {
      token: await api.tokenFor(['inspector'], holder.staffId),
    });
    expect(dashboard.body.commentsWaiting.map((comment) => comment.text)).toEqual([
      'The fall was reviewed; learning shared.',
    ]);
  });

  it('keeps every one of 50 submissions sent at the same moment on one shared template', async () => {
    const { meeting, token } = await sharedTemplate();
    const form = formTokenIn((await page(token)).text);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => post(token, { formToken: form, 'comment-other': `Point ${index}` })),
    );

    expect(answers.every((answer) => answer.status === 303)).toBe(true);
    const comments = await api.call<{ items: ProviderComment[] }>('GET', `/meetings/${meeting.meetingId}/comments`, {
      token: admin,
    });
    expect(comments.body.items).toHaveLength(50);
    expect(new Set(comments.body.items.map((comment) => comment.text))).toEqual(
      new Set(Array.from({ length: 50 }, (_, index) => `Point ${index}`)),
    );
  });

  it('answers an empty submission with the error summary (400) and stores nothing', async () => {
    const { meeting, token } = await sharedTemplate();
    const form = formTokenIn((await page(token)).text);

    const answer = await post(token, { formToken: form, 'comment-other': '   ' });

    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('There is a problem');
    const comments = await api.call<{ items: ProviderComment[] }>('GET', `/meetings/${meeting.meetingId}/comments`, {
      token: admin,
    });
    expect(comments.body.items).toEqual([]);
  });

  it('refuses a post without the page’s form token (403) or from another site (403)', async () => {
    const { token } = await sharedTemplate();
    const form = formTokenIn((await page(token)).text);

    const missing = await post(token, { 'comment-other': 'x' });
    const crossSite = await fetch(`${api.baseUrl}/respond/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' },
      body: new URLSearchParams({ formToken: form, 'comment-other': 'x' }).toString(),
    });

    expect(missing.status).toBe(403);
    expect(crossSite.status).toBe(403);
  });

  it('refuses forged, altered and replaced links alike, without saying which check failed (404)', async () => {
    const { meeting, token } = await sharedTemplate();
    const [version, payload, signature] = token.split('.');
    const altered = `${version}.${payload}.${signature?.slice(0, -2)}AA`;
    const forged = signLink(
      {
        purpose: 'respond',
        providerId: 'x',
        meetingId: meeting.meetingId,
        shareId: 'x',
        contactId: 'x',
        expiresAt: 4e9,
      },
      Buffer.alloc(32, 7),
    );
    await save(meeting.meetingId, 1, (await template(meeting.meetingId)).body.sections);
    await share(meeting.meetingId);

    const answers = await Promise.all([page(altered), page(forged), page(token), page('nonsense')]);

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
  });

  it('says the window has closed (410) once the meeting has started', async () => {
    // The window is the meeting's (it moves when the meeting is rescheduled), so start one for real:
    // moved to a few seconds from now, shared, then read once it has started.
    const { meeting, token } = await sharedTemplate();
    const soon = new Date(Date.now() + 4_000).toISOString();
    const latest = await api.call<{ version: number }>('GET', `/meetings/${meeting.meetingId}`, { token: admin });
    const moved = await api.call('PATCH', `/meetings/${meeting.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${latest.body.version}"` },
      body: { startsAt: soon },
    });
    expect(moved.status).toBe(200);
    expect((await page(token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 100));
    const started = token;

    const answer = await page(started);

    expect(answer.status).toBe(410);
    expect(answer.text).toContain('The window for comments has closed');
  });
});
