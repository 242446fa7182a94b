/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';
import { ENV } from '../../shared/config/env.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { aStaffMember } from '../integration/support/builders.ts';
import { inbox } from '../integration/support/inbox.ts';
import { aSharedTemplate } from '../integration/support/scenarios.ts';
import { browserSuite, screenshots } from './support/browser.ts';
import { checkPage, signIn, workspaceOrigin } from './support/workspace.ts';

/**
 * Issue 15, the workspace's sessions and the template's history, in Chromium:
 * - a session that ended (TTL passed, or deleted) sends the person through sign-in and back to the page asked for;
 * - an access token that expires mid-session is refreshed with the refresh token, unnoticed;
 * - signing out ends the session everywhere (another browser too) and revokes the refresh token;
 * - a leaver (POST /staff/{id}/departure, R-TEAM-5) is out at their next request and cannot sign in again;
 * - the template's versions, what changed in a version, and the preview of what sharing sends (nothing sent),
 *   axe-clean at 375 px, the previews in sandboxed frames the page's CSP allows.
 */
const suite = browserSuite();
const PHONE = 375;

const newStaff = async (roles: StaffRole[]) =>
  (await suite.api.call<Staff>('POST', '/staff', { token: suite.admin, body: aStaffMember({ roles }) })).body;

/** The session item behind a browser's cookie (the table holds only a hash of the cookie's id). */
async function sessionKeyOf(page: Page) {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === '__Host-workspace-session');
  if (!cookie) throw new Error('no session cookie');
  return { pk: `SESSION#${createHash('sha256').update(cookie.value).digest('hex')}`, sk: 'SESSION' };
}
const sessionsTable = () => process.env[ENV.sessionsTable];
const storedSession = async (page: Page) =>
  (await documentClient.send(new GetCommand({ TableName: sessionsTable(), Key: await sessionKeyOf(page) }))).Item;

const signedInAs = async (page: Page) => (await page.textContent('.moj-identity-bar'))?.replace(/\s+/g, ' ') ?? '';

/** The local issuer's sign-in page, then back: what a person does when the workspace asks them to sign in again. */
async function signInAgain(page: Page, staffId: string) {
  await page.waitForURL(/\/local-issuer\/oauth2\/authorize/);
  await page.getByLabel('Or a staff id').fill(staffId);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('workspace sessions', () => {
  it('sends someone whose session passed its TTL through sign-in, then to the page they asked for', async () => {
    const inspector = await newStaff(['inspector']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId, { width: PHONE });
    // The item's TTL has passed (DynamoDB may not have deleted it yet: the read checks expiresAt too).
    await documentClient.send(
      new UpdateCommand({
        TableName: sessionsTable(),
        Key: await sessionKeyOf(page),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );

    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers?name=Zed`);
    await signInAgain(page, inspector.staffId);
    await page.waitForURL(/\/workspace\/providers\?name=Zed$/);

    expect(await signedInAs(page)).toContain(inspector.name);
    await context.close();
  });

  it('sends someone whose session was deleted through sign-in, then to the page they asked for', async () => {
    const inspector = await newStaff(['inspector']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    await documentClient.send(new DeleteCommand({ TableName: sessionsTable(), Key: await sessionKeyOf(page) }));

    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers`);
    await signInAgain(page, inspector.staffId);
    await page.waitForURL(/\/workspace\/providers$/);

    expect(await page.textContent('h1')).toContain('Find a provider');
    await context.close();
  });

  it('refreshes an access token that expired mid-session with the refresh token, and the person notices nothing', async () => {
    const inspector = await newStaff(['inspector']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const before = await storedSession(page);
    const expiredAt = Math.floor(Date.now() / 1000) - 5;
    await documentClient.send(
      new UpdateCommand({
        TableName: sessionsTable(),
        Key: await sessionKeyOf(page),
        UpdateExpression: 'SET accessExpiresAt = :expired',
        ExpressionAttributeValues: { ':expired': expiredAt },
      }),
    );

    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers`);
    const after = await storedSession(page);

    expect(new URL(page.url()).pathname).toBe('/workspace/providers');
    expect(await signedInAs(page)).toContain(inspector.name);
    // The stored expiry moved from the past to the new token's (a token issued in the same second as the
    // first can be byte for byte the same, so the expiry is what shows the refresh).
    expect(Number(after?.accessExpiresAt)).toBeGreaterThan(Math.floor(Date.now() / 1000) + 600);
    expect(after?.accessToken).toEqual(expect.any(String));
    expect(after?.refreshToken).toBe(before?.refreshToken);
    await context.close();
  });

  it('signs out everywhere: this browser, another browser of the same person, and the refresh token', async () => {
    const inspector = await newStaff(['inspector']);
    const first = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId, { width: PHONE });
    const second = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const refreshToken = String((await storedSession(first.page))?.refreshToken);

    await first.page.getByRole('button', { name: 'Sign out' }).click();
    await first.page.waitForURL(/\/workspace\/sign-out$/);
    await checkPage(first.page, 'signed-out');
    await first.page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace`);
    await first.page.waitForURL(/\/local-issuer\/oauth2\/authorize/);
    await second.page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers`);
    await second.page.waitForURL(/\/local-issuer\/oauth2\/authorize/);
    const refreshed = await fetch(`${workspaceOrigin(suite.api.baseUrl)}/local-issuer/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'provider-engagement-local',
        refresh_token: refreshToken,
      }).toString(),
    });

    expect(refreshed.status).toBe(400);
    // Signing in again afterwards works (the sign-out ended the sessions before it, not later ones).
    await signInAgain(second.page, inspector.staffId);
    await second.page.waitForURL(/\/workspace\/providers$/);
    expect(await signedInAs(second.page)).toContain(inspector.name);
    await first.context.close();
    await second.context.close();
  });

  it('puts a leaver out at their next request from their leaving day, and refuses them sign-in (R-TEAM-5)', async () => {
    const inspector = await newStaff(['inspector']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const manager = await suite.api.tokenFor(['operations-manager']);

    const departed = await suite.api.call('POST', `/staff/${inspector.staffId}/departure`, {
      token: manager,
      body: { leftOn: londonDate(new Date()) },
    });
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers`);
    await signInAgain(page, inspector.staffId);

    expect(departed.status).toBe(200);
    expect(await page.textContent('h1')).toContain('You could not be signed in');
    await context.close();
  });

  it('keeps someone whose leaving day is still to come signed in until that day (R-TEAM-5)', async () => {
    const inspector = await newStaff(['inspector']);
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, inspector.staffId);
    const manager = await suite.api.tokenFor(['operations-manager']);
    const nextMonth = londonDate(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000));

    await suite.api.call('POST', `/staff/${inspector.staffId}/departure`, {
      token: manager,
      body: { leftOn: nextMonth },
    });
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/providers`);

    expect(new URL(page.url()).pathname).toBe('/workspace/providers');
    expect(await signedInAs(page)).toContain(inspector.name);
    await context.close();
  });
});

let shared: ReturnType<typeof aSharedTemplate> | undefined;
/** One meeting for the role matrix and the refusals: they only read it. */
const oneSharedTemplate = () => {
  shared ??= aSharedTemplate(suite.api, suite.admin);
  return shared;
};

describe('the template’s versions, what changed and the preview', () => {
  it('lists the versions, shows what changed in version 2, and previews the provider page and the email without sending, at 375 px', async () => {
    const { holder, meeting, contactEmail } = await aSharedTemplate(suite.api, suite.admin);
    const meetingId = meeting.meetingId;
    const v1 = (await suite.api.call<Template>('GET', `/meetings/${meetingId}/template`, { token: suite.admin })).body;
    // The first section with items drawn from the information held (the scenario records three).
    const first = v1.sections.find((section) => section.items.length > 0);
    if (!first) throw new Error('no section with items');
    const hostile = 'Ward <b>3</b> & "night" staffing <script>alert(1)</script>';
    const edited = {
      sections: v1.sections.map((section) =>
        section !== first
          ? section
          : {
              ...first,
              items: [
                ...first.items.map((item, index) => (index === 0 ? { ...item, sensitive: !item.sensitive } : item)),
                { text: hostile, infoId: null, sensitive: false },
              ],
            },
      ),
    };
    const saved = await suite.api.call('PUT', `/meetings/${meetingId}/template`, {
      token: suite.admin,
      headers: { 'if-match': '"1"' },
      body: edited,
    });
    expect(saved.status).toBe(200);
    const mailsBefore = (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(contactEmail)));
    const { context, page, errors } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      width: PHONE,
      path: `/workspace/meetings/${meetingId}/template`,
    });

    // The page's actions are an MOJ button menu: with JavaScript, one toggle that opens them.
    await checkPage(page, 'template-actions');
    await page.getByRole('button', { name: 'Versions and preview' }).click();
    await checkPage(page, 'template-actions-open');
    await page.getByRole('button', { name: 'Earlier versions and what changed' }).click();
    await checkPage(page, 'template-versions');
    const versions = await page.textContent('main');
    // MOJ sortable table: newest first as served; the Version heading's button sorts oldest first.
    const firstRow = () => page.locator('tbody tr th').first().textContent();
    const servedFirst = await firstRow();
    await page.getByRole('button', { name: 'Version' }).click();
    const sortedFirst = await firstRow();
    await checkPage(page, 'template-versions-sorted');
    await page.getByRole('link', { name: /^Version 2/ }).click();
    await checkPage(page, 'template-changes');
    const changes = (await page.textContent('main')) ?? '';
    await page.goBack();
    await page.getByRole('link', { name: /^Version 1/ }).click();
    const firstVersion = await page.textContent('main');
    await page.goto(`${workspaceOrigin(suite.api.baseUrl)}/workspace/meetings/${meetingId}/template/preview`);
    const providerFrame = page.frameLocator('iframe[title="Preview of the provider’s page"]');
    const emailFrame = page.frameLocator('iframe[title="Preview of the email"]');
    // The frames paint after the page's load: wait for both before the screenshot.
    await providerFrame.locator('main h1').waitFor();
    await emailFrame.locator('p').first().waitFor();
    await checkPage(page, 'template-preview');
    // A full-page screenshot leaves sandboxed frames blank (they paint in their own process): each frame apart.
    await page
      .locator('iframe')
      .nth(0)
      .screenshot({ path: join(screenshots, 'workspace-template-preview-page.png') });
    await page
      .locator('iframe')
      .nth(1)
      .screenshot({ path: join(screenshots, 'workspace-template-preview-email.png') });
    const providerText = (await providerFrame.locator('main').textContent()) ?? '';
    const emailText = (await emailFrame.locator('body').textContent()) ?? '';
    const previewText = (await page.textContent('main')) ?? '';

    expect(versions).toContain('Version 2');
    expect(servedFirst).toContain('Version 2');
    expect(sortedFirst).toContain('Version 1');
    expect(versions).toContain('Shared with the provider');
    expect(changes).toContain('Sensitivity changed');
    expect(changes).toContain('Added');
    expect(changes).toContain(hostile);
    expect(firstVersion).toContain('everything in it is new');
    // The provider's page: the respond view, the new item as text, the item marked sensitive left out.
    expect(providerText).toContain('Before your');
    expect(providerText).toContain(hostile);
    // The flipped item: shown if it is no longer sensitive, left out if it now is (R-TPL-1).
    const flipped = first.items[0];
    expect(providerText.includes(flipped?.text ?? '')).toBe(flipped?.sensitive === true);
    expect(emailText).toContain('Dear Chief Exec');
    expect(previewText).toContain('please comment by');
    expect(previewText).toContain('Nothing has been sent');
    // The frames ran nothing and broke no policy; nothing was emailed.
    expect(await page.locator('iframe[sandbox=""]').count()).toBe(2);
    expect(errors).toEqual([]);
    const mailsAfter = (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(contactEmail)));
    expect(mailsAfter.length).toBe(mailsBefore.length);
    await context.close();
  });

  it.each(STAFF_ROLES)(
    'lets a %s read the versions, a version and the preview (the roles of GET /meetings/{id}/template)',
    async (role) => {
      const { meeting } = await oneSharedTemplate();
      const member = await newStaff([role]);
      const { context, page } = await signIn(suite.browser, suite.api.baseUrl, member.staffId);
      const base = `${workspaceOrigin(suite.api.baseUrl)}/workspace/meetings/${meeting.meetingId}/template`;

      const statuses = [];
      for (const path of ['/versions', '/versions/1', '/preview'])
        statuses.push((await page.goto(`${base}${path}`))?.status());

      expect(statuses).toEqual([200, 200, 200]);
      await context.close();
    },
  );

  it('reads the versions table and the page actions fine without JavaScript (progressive enhancement)', async () => {
    const { holder, meeting } = await oneSharedTemplate();
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId, {
      javaScriptEnabled: false,
      width: PHONE,
      path: `/workspace/meetings/${meeting.meetingId}/template`,
    });

    await checkPage(page, 'template-actions-no-js', { javaScript: false });
    await page.getByRole('button', { name: 'Earlier versions and what changed' }).click();
    await checkPage(page, 'template-versions-no-js', { javaScript: false });

    expect(await page.locator('thead th button').count()).toBe(0);
    expect(await page.locator('tbody tr th').first().textContent()).toContain('Version 1');
    expect(await page.locator('thead th').allTextContents()).toEqual(['Version', 'Saved', 'By', 'Shared']);
    await context.close();
  });

  it('answers any meeting id or version in the address with a page or a 404, never a 5xx (fast-check)', async () => {
    const { holder, meeting } = await oneSharedTemplate();
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId);
    const cookie = (await context.cookies())
      .filter((candidate) => candidate.name.startsWith('__Host-'))
      .map((candidate) => `${candidate.name}=${candidate.value}`)
      .join('; ');
    const origin = workspaceOrigin(suite.api.baseUrl);
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.integer({ min: -10, max: 10_000_000 }).map(String),
      fc.constantFrom('1', '01', '1.0', '1e0', '0x1', ' 1', '..', '%00', '%2F', meeting.meetingId),
    );

    await fc.assert(
      fc.asyncProperty(segment, segment, async (meetingId, version) => {
        const paths = [
          `/workspace/meetings/${encodeURIComponent(meetingId)}/template/versions`,
          `/workspace/meetings/${encodeURIComponent(meeting.meetingId)}/template/versions/${encodeURIComponent(version)}`,
          `/workspace/meetings/${encodeURIComponent(meetingId)}/template/preview`,
        ];
        for (const path of paths) {
          const answer = await fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });
          await answer.arrayBuffer();
          expect([200, 400, 404], `${path}: ${answer.status}`).toContain(answer.status);
        }
      }),
      { numRuns: 40 },
    );
    await page.close();
    await context.close();
  });

  it('sends someone signed out to sign in, and answers 404 for a version never saved or not a number', async () => {
    const { holder, meeting } = await oneSharedTemplate();
    const base = `${workspaceOrigin(suite.api.baseUrl)}/workspace/meetings/${meeting.meetingId}/template`;
    const signedOut = await fetch(`${base}/versions`, { redirect: 'manual' });
    const { context, page } = await signIn(suite.browser, suite.api.baseUrl, holder.staffId);

    const statuses = [];
    for (const version of ['9', '0', '-1', 'abc', '1e3', '9999999', '%F0%9F%98%80'])
      statuses.push((await page.goto(`${base}/versions/${version}`))?.status());

    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/workspace/sign-in?returnTo=');
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404]);
    await context.close();
  });
});
