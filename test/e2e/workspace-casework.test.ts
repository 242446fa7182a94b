/// <reference lib="dom" />
import fc from 'fast-check';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROUTE } from '../../shared/definitions/workspace-routes.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import { dayInWords } from '../../shared/domain/emails/in-words.ts';
import type { InformationRequest, Submission } from '../../shared/schemas/contact.ts';
import type { Information } from '../../shared/schemas/information.ts';
import { aContactableProvider, postContact, referenceIn } from '../integration/support/contact.ts';
import { inbox } from '../integration/support/inbox.ts';
import type { LocalApi } from '../integration/support/local-api.ts';
import { browserSuite } from './support/browser.ts';
import { checkPage, signIn, workspaceOrigin } from './support/workspace.ts';

/**
 * Casework in the workspace (issue 15 items 3 and 6), signed in locally as the relationship holder on a
 * 375 px screen: answer and close what a provider sent (R-PRV-1..4), ask the provider for information
 * by a due date (R-PRV-5), and add information held (R-TPL-1, R-PUB-1). One journey runs with JavaScript
 * off; the same pages are then checked with axe-core in a browser that runs it.
 */
const suite = browserSuite();

/** A trust with one contact and a holder, and feedback the contact sent through "contact the regulator" (R-PRV-4). */
async function aProviderWithFeedback(api: LocalApi, admin: string, details = 'Your report on our A&E was late.') {
  const setup = await aContactableProvider(api, admin, 'nhs-trust');
  const sent = await postContact(api, setup.token, { kind: 'feedback', details });
  const reference = referenceIn(sent.headers.get('location'));
  if (!reference || !setup.holder) throw new Error(`no submission: ${sent.status}`);
  return { ...setup, holder: setup.holder, reference };
}

/** A London day `days` from now, as the three fields of a GOV.UK date input and in ISO. */
function londonDayFromNow(days: number) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(new Date(Date.now() + days * 86_400_000));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    day: get('day'),
    month: get('month'),
    year: get('year'),
    iso: `${get('year')}-${get('month').padStart(2, '0')}-${get('day').padStart(2, '0')}`,
  };
}

const sessionCookieOf = async (context: BrowserContext) =>
  (await context.cookies())
    .filter((cookie) => cookie.name.startsWith('__Host-workspace-session'))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');

describe('casework in the workspace', () => {
  it('answers and closes a submission, asks for information and adds information held, all without JavaScript at 375 px', async () => {
    const { provider, contact, holder, reference, token } = await aProviderWithFeedback(suite.api, suite.admin);
    const base = `/workspace/providers/${provider.providerId}`;
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      javaScriptEnabled: false,
      width: 375,
    });

    // My work lists the open submission by age, linking to its page.
    await checkPage(page, 'casework-my-work', { javaScript: false });
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(new RegExp(`/workspace/submissions/${reference}$`));
    await checkPage(page, 'submission', { javaScript: false });
    const shown = await page.textContent('main');
    expect(shown).toContain('Your report on our A&E was late.');
    expect(shown).toContain(holder.name);
    expect(shown).toMatch(/\(R-[A-Z]+-\d+/);

    // An empty answer is refused in the error summary, naming the field.
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await checkPage(page, 'submission-error', { javaScript: false });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter your answer');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#text');

    await page.getByLabel('Your answer').fill('Thank you: the report was delayed by a data problem, now fixed.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForURL(/done=answered/);
    await checkPage(page, 'submission-answered', { javaScript: false });
    expect(await page.textContent('.govuk-notification-banner')).toContain('Answer sent');
    expect(await page.textContent('main')).toContain('now fixed.');
    await expect
      .poll(
        async () =>
          (await inbox()).some(
            (mail) =>
              mail.destination.to.some((to) => to.includes(contact.email)) &&
              (mail.body.text ?? '').includes('now fixed.'),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);

    await page.getByLabel('Why it can be closed').fill('Answered; nothing more to do');
    await page.getByRole('button', { name: 'Close the submission' }).click();
    await page.waitForURL(/done=closed/);
    expect(await page.textContent('main')).toContain('Answered; nothing more to do');
    expect(await page.textContent('main')).toContain('it takes no more answers');

    // The provider's submissions tab shows it closed.
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}${base}/submissions`);
    await checkPage(page, 'provider-submissions', { javaScript: false });
    expect(await page.textContent('main')).toContain('Closed');

    // Ask for information: a past due date is refused, naming the field; then asked.
    await page.getByRole('link', { name: 'Information requests' }).click();
    await checkPage(page, 'information-requests', { javaScript: false });
    const yesterday = londonDayFromNow(-1);
    const due = londonDayFromNow(30);
    await page.getByLabel('A significant deterioration').check();
    await page.getByLabel('Your question').fill('Waiting times rose 40% in a quarter: what changed?');
    await page.getByLabel('Day').fill(yesterday.day);
    await page.getByLabel('Month').fill(yesterday.month);
    await page.getByLabel('Year').fill(yesterday.year);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await checkPage(page, 'information-requests-error', { javaScript: false });
    expect(await page.textContent('.govuk-error-summary')).toContain('The due date must be today');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#due-day');
    expect(await page.inputValue('#question')).toBe('Waiting times rose 40% in a quarter: what changed?');

    await page.getByLabel('Day').fill(due.day);
    await page.getByLabel('Month').fill(due.month);
    await page.getByLabel('Year').fill(due.year);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(/done=asked/);
    await checkPage(page, 'information-requests-asked', { javaScript: false });
    const listed = await page.textContent('main');
    expect(listed).toContain('Waiting times rose 40% in a quarter: what changed?');
    expect(listed).toContain('Waiting for the provider');
    expect(listed).toContain(dayInWords(due.iso));

    // The provider answers through their contact page; the holder sees the answer on the same page.
    const asked = /(PE-[0-9A-Z]{4}-[0-9A-Z]{4}): Significant deterioration/.exec(listed ?? '')?.[1] ?? '';
    const answered = await postContact(suite.api, token, { [`answer-${asked}`]: 'Two consultants left in August.' });
    expect(answered.status).toBe(303);
    await page.reload();
    expect(await page.textContent('main')).toContain('Two consultants left in August.');
    expect(await page.textContent('main')).toContain('Answered');

    // Add information held: a public experience needs its channel (R-PUB-1), named in the error summary.
    await page.getByRole('link', { name: 'Information held' }).click();
    await checkPage(page, 'information', { javaScript: false });
    await page.getByLabel('What kind of information').selectOption('public-experience');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Where it came from').fill('Zoë Ångström, a relative');
    await page.getByLabel('Summary').fill('Visiting hours cut without notice on ward 7.');
    await page.getByRole('button', { name: 'Add the information' }).click();
    await checkPage(page, 'information-error', { javaScript: false });
    expect(await page.textContent('.govuk-error-summary')).toContain('(R-PUB-1)');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#channel');

    await page.getByLabel('How they shared it').selectOption('helpline');
    await page.getByRole('button', { name: 'Add the information' }).click();
    await page.waitForURL(/done=recorded/);
    await checkPage(page, 'information-recorded', { javaScript: false });
    expect(await page.textContent('main')).toContain('Visiting hours cut without notice on ward 7.');
    expect(await page.textContent('main')).toContain('Tuesday 3 November 2026');
    // The request is held too (R-TPL-1), its due day in words.
    expect(await page.textContent('main')).toContain(`due by ${dayInWords(due.iso)}`);
    await context.close();

    // The same use cases as the API: the changes are there, each audited as the holder.
    const [submission, requests, information, audit] = await Promise.all([
      suite.api.call<Submission>('GET', `/submissions/${reference}`, { token: suite.admin }),
      suite.api.call<{ items: InformationRequest[] }>('GET', `/providers/${provider.providerId}/information-requests`, {
        token: suite.admin,
      }),
      suite.api.call<{ items: Information[] }>('GET', `/providers/${provider.providerId}/information`, {
        token: suite.admin,
      }),
      suite.api.call<{ items: AuditEntry[] }>('GET', `/providers/${provider.providerId}/audit?limit=50`, {
        token: suite.admin,
      }),
    ]);
    expect(submission.body).toMatchObject({ status: 'closed', closeReason: 'Answered; nothing more to do' });
    expect(submission.body.minutesToFirstResponse).not.toBeNull();
    expect(requests.body.items).toEqual([expect.objectContaining({ signal: 'deterioration', dueOn: due.iso })]);
    expect(information.body.items).toContainEqual(
      expect.objectContaining({ kind: 'public-experience', channel: 'helpline', occurredOn: '2026-11-03' }),
    );
    const byHolder = audit.body.items.filter(
      (entry) => entry.actor.type === 'staff' && entry.actor.id === holder.staffId,
    );
    expect(byHolder.map((entry) => `${entry.entityType} ${entry.action}`).sort()).toEqual([
      'information created',
      'information-request created',
      'submission updated',
      'submission updated',
    ]);

    // axe needs JavaScript: the same pages, checked again in a browser that runs it.
    const checked = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      width: 375,
      path: `/workspace/submissions/${reference}`,
    });
    await checkPage(checked.page, 'submission-closed');
    for (const tab of ['submissions', 'information-requests', 'information']) {
      await checked.page.goto(`${workspaceOrigin(suite.api.baseUrl)}${base}/${tab}`);
      await checkPage(checked.page, `${tab}-axe`);
    }
    await checked.context.close();
  });

  it('shows an open submission’s forms with axe clean, and a second close as a conflict in the error summary', async () => {
    const { holder, reference } = await aProviderWithFeedback(suite.api, suite.admin, 'Thanks for <b>the</b> visit');
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      width: 375,
      path: `/workspace/submissions/${reference}`,
    });
    await checkPage(page, 'submission-open');
    expect(await page.textContent('main')).toContain('Thanks for <b>the</b> visit');

    // Someone else closes it meanwhile (through the API); this page's close then says so.
    await suite.api.call('POST', `/submissions/${reference}/close`, {
      token: suite.admin,
      body: { reason: 'Duplicate' },
    });
    await page.getByLabel('Why it can be closed').fill('Done');
    await page.getByRole('button', { name: 'Close the submission' }).click();
    await checkPage(page, 'submission-conflict');

    expect(await page.textContent('.govuk-error-summary')).toContain('already closed');
    await context.close();
  });
});

describe('two caseworkers at once', () => {
  it('answer and close the same submission together: each form is saved or told someone else changed it, none lost silently', async () => {
    const { holder, reference } = await aProviderWithFeedback(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      javaScriptEnabled: false,
    });
    const cookie = await sessionCookieOf(context);
    const formToken = await page.inputValue('input[name="formToken"]');
    const send = (action: 'answer' | 'close', fields: Record<string, string>) =>
      fetch(`${workspaceOrigin(suite.api.baseUrl)}/workspace/submissions/${reference}/${action}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, formToken }).toString(),
        redirect: 'manual',
      });

    const [first, second, close] = await Promise.all([
      send('answer', { text: 'First answer' }),
      send('answer', { text: 'Second answer' }),
      send('close', { reason: 'Done' }),
    ]);
    await context.close();
    const stored = (await suite.api.call<Submission>('GET', `/submissions/${reference}`, { token: suite.admin })).body;
    const refused = await Promise.all(
      [first, second, close].filter((answer) => answer.status === 409).map((answer) => answer.text()),
    );

    expect([first, second, close].map((answer) => answer.status).every((status) => [303, 409].includes(status))).toBe(
      true,
    );
    expect(stored.answers.length).toBe([first, second].filter((answer) => answer.status === 303).length);
    expect(stored.status === 'closed').toBe(close.status === 303);
    for (const text of refused) expect(text).toContain('govuk-error-summary');
  });
});

describe('fuzzing the casework forms (signed in as the holder, with a good form token)', () => {
  const FIELDS = [
    'text',
    'reason',
    'signal',
    'question',
    'due-day',
    'due-month',
    'due-year',
    'kind',
    'occurred-day',
    'occurred-month',
    'occurred-year',
    'source',
    'summary',
    'sensitive',
    'channel',
    'partner-organisation',
    'partner-type',
  ];
  // Human edges: control characters, non-ASCII, far dates, huge numbers, markup, valid enum values.
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(
      '',
      ' ',
      '0',
      '-1',
      '31',
      '29',
      '2',
      '13',
      '1800',
      '2099',
      '9999',
      '99999999999999999999',
      'improvement',
      'deterioration',
      'public-experience',
      'partner-information',
      'helpline',
      'healthwatch',
      'yes',
      'Zoë Ångström',
      '\u0000\u001f',
      'a\r\nb',
      '<script>',
      'x'.repeat(5000),
    ),
  );
  const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 10 });

  it.each(
    [
      WORKSPACE_ROUTE.workspaceAnswerSubmission,
      WORKSPACE_ROUTE.workspaceCloseSubmission,
      WORKSPACE_ROUTE.workspaceAskForInformation,
      WORKSPACE_ROUTE.workspaceRecordInformation,
    ].map((route) => [route.path, route] as const),
  )('POST %s never answers 5xx', async (_path, route) => {
    const { provider, holder, reference } = await aProviderWithFeedback(suite.api, suite.admin);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      javaScriptEnabled: false,
    });
    const cookie = await sessionCookieOf(context);
    const token = (await page.inputValue('input[name="formToken"]')) ?? '';
    const path = route.path.replace('{providerId}', provider.providerId).replace('{reference}', reference);
    const statuses = new Set<number>();

    await fc.assert(
      fc.asyncProperty(body, async (fields) => {
        const answer = await fetch(`${workspaceOrigin(suite.api.baseUrl)}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...fields, formToken: token }).toString(),
          redirect: 'manual',
        });
        statuses.add(answer.status);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
    await context.close();

    expect([...statuses].every((status) => [303, 400, 409, 413, 422].includes(status))).toBe(true);
  });

  it('a reference that is not one, or is nobody’s, is a 404 page, not a 5xx', async () => {
    const { holder } = await aProviderWithFeedback(suite.api, suite.admin);
    const { context } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, { javaScriptEnabled: false });
    const cookie = await sessionCookieOf(context);
    const statuses = await Promise.all(
      ['PE-0000-0000', 'not-a-reference', '%3Cscript%3E', 'PE-ZZZZ-ZZZZ'].map(
        async (reference) =>
          (
            await fetch(`${workspaceOrigin(suite.api.baseUrl)}/workspace/submissions/${reference}`, {
              headers: { cookie },
              redirect: 'manual',
            })
          ).status,
      ),
    );
    await context.close();

    expect(statuses).toEqual([404, 404, 404, 404]);
  });

  it('an older-page link altered by hand, or a provider that does not exist, is a 4xx page, not a 5xx', async () => {
    const { provider, holder } = await aProviderWithFeedback(suite.api, suite.admin);
    const { context } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, { javaScriptEnabled: false });
    const cookie = await sessionCookieOf(context);
    const paths = [
      `/workspace/providers/${provider.providerId}/submissions?from=not-a-token`,
      `/workspace/providers/${provider.providerId}/information-requests?from=%00%FF`,
      '/workspace/providers/01J0000000000000000000NONE/submissions',
      '/workspace/providers/01J0000000000000000000NONE/information-requests',
      '/workspace/providers/01J0000000000000000000NONE/information',
    ];
    const statuses = await Promise.all(
      paths.map(
        async (path) =>
          (await fetch(`${workspaceOrigin(suite.api.baseUrl)}${path}`, { headers: { cookie }, redirect: 'manual' }))
            .status,
      ),
    );
    await context.close();

    expect(statuses).toEqual([400, 400, 404, 404, 404]);
  });
});
