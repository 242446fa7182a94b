import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/schemas/contact.ts';
import type { ProviderComment } from '../../shared/schemas/template.ts';
import { formTokenIn } from './support/contact.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';
import { aSharedTemplate } from './support/scenarios.ts';

/**
 * R-PRV-1: "significant concerns about quality, with the action being taken, raised at any time, through
 * any channel (the contact page or the template page): each gets the same reference, routing and response
 * clock". A concern added on the template page is raised exactly as one sent from the contact page.
 */
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi();
  admin = await api.tokenFor(['admin']);
});
afterAll(() => api.close());

const page = (path: string) => api.call<string>('GET', path);
const post = (token: string, fields: Record<string, string>) =>
  fetch(`${api.baseUrl}/respond/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
const referenceIn = (location: string | null) => /[?&]reference=(PE-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(location ?? '')?.[1];
const submissionsOf = async (providerId: string) =>
  (await api.call<{ items: Submission[] }>('GET', `/providers/${providerId}/submissions`, { token: admin })).body.items;

const CONCERN = {
  'addition-kind': 'concern',
  'addition-text': 'Two nurses left the night shift on Ward 7; staffing fell below the safe level twice.',
  'addition-action': 'Agency nurses booked for every night shift until the end of March.',
};

describe('a concern added on the template page (R-PRV-1)', () => {
  it('asks for the action being taken, as the contact page does, and raises nothing without it', async () => {
    const { token, trust } = await aSharedTemplate(api, admin);
    const form = formTokenIn((await page(`/respond/${token}`)).text);

    const answer = await post(token, { formToken: form, ...CONCERN, 'addition-action': '  ' });
    const html = await answer.text();

    expect(answer.status).toBe(400);
    expect(html).toContain('<a href="#addition-action">Enter the action you are taking about the concern</a>');
    expect(await submissionsOf(trust.providerId)).toEqual([]);
  });

  it('becomes a submission with a reference, routed to the holder with its response clock, shown on the confirmation and acknowledged by email', async () => {
    const { token, trust, holder, meeting, contactEmail } = await aSharedTemplate(api, admin);
    const form = formTokenIn((await page(`/respond/${token}`)).text);

    const sent = await post(token, { formToken: form, ...CONCERN });
    const reference = referenceIn(sent.headers.get('location'));
    const submission = await api.call<Submission>('GET', `/submissions/${reference}`, { token: admin });
    const confirmation = await page(sent.headers.get('location') ?? '');
    const dashboard = await api.call<{ openSubmissions: (Submission & { minutesWaiting: number })[] }>(
      'GET',
      '/me/dashboard',
      { token: await api.tokenFor(['inspector'], holder.staffId) },
    );
    const comments = await api.call<{ items: ProviderComment[] }>('GET', `/meetings/${meeting.meetingId}/comments`, {
      token: admin,
    });

    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/respond/${token}?sent=1&reference=${reference}`);
    expect(submission.body).toMatchObject({
      reference,
      providerId: trust.providerId,
      kind: 'concern',
      ruleId: 'R-PRV-1',
      details: CONCERN['addition-text'],
      actionTaken: CONCERN['addition-action'],
      status: 'open',
      firstResponseAt: null,
      routedTo: { to: 'relationship-holder', staffId: holder.staffId },
    });
    expect(confirmation.text).toContain('Your concern’s reference number');
    expect(confirmation.text).toContain(`<strong>${reference}</strong>`);
    expect(dashboard.body.openSubmissions.map((open) => open.reference)).toContain(reference);
    // The holder still sees it among the template's comments (R-TPL-3), with the reference.
    expect(comments.body.items.map((comment) => comment.text)).toEqual([expect.stringContaining(`(${reference})`)]);
    await expect
      .poll(
        async () =>
          (await inbox()).some(
            (mail) =>
              mail.destination.to.some((to) => to.includes(contactEmail)) &&
              mail.subject === `We have your message: reference ${reference}`,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('raises one submission when the same form is posted twice', async () => {
    const { token, trust } = await aSharedTemplate(api, admin);
    const form = formTokenIn((await page(`/respond/${token}`)).text);

    const [first, second] = await Promise.all([
      post(token, { formToken: form, ...CONCERN }),
      post(token, { formToken: form, ...CONCERN }),
    ]);

    expect([first.status, second.status]).toEqual([303, 303]);
    expect(referenceIn(first.headers.get('location'))).toBe(referenceIn(second.headers.get('location')));
    expect((await submissionsOf(trust.providerId)).length).toBe(1);
  });

  it('shows no reference on the confirmation for one the contact did not raise', async () => {
    const { token } = await aSharedTemplate(api, admin);

    const confirmation = await page(`/respond/${token}?sent=1&reference=PE-0000-0000`);

    expect(confirmation.text).not.toContain('PE-0000-0000');
  });

  it('raises nothing for an external review or a change added on the template page', async () => {
    const { token, trust } = await aSharedTemplate(api, admin);
    const form = formTokenIn((await page(`/respond/${token}`)).text);

    const sent = await post(token, {
      formToken: form,
      'addition-kind': 'external-review',
      'addition-text': 'We commissioned a review of maternity services.',
    });

    expect(sent.headers.get('location')).toBe(`/respond/${token}?sent=1`);
    expect(await submissionsOf(trust.providerId)).toEqual([]);
  });
});
