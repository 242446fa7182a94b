/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshots, violations } from './browser.ts';
import { workspaceOrigin } from './workspace-http.ts';

export { workspaceOrigin };

/**
 * The workspace in a browser: signs in through the local issuer's page as a given member of staff,
 * and checks every page it visits (axe-core, no sideways scrolling at the viewport's width) with a
 * screenshot. The workspace runs on `localhost` (a secure context), so its `__Host-` cookie is kept
 * over http exactly as over https.
 */

export async function signIn(
  browser: Browser,
  baseUrl: string,
  staffId: string,
  options: { javaScriptEnabled?: boolean; width?: number; path?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1024, height: 800 },
  });
  const page = await context.newPage();
  // Script errors and CSP refusals show in the console: a page that breaks its own policy fails here.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() === 404) errors.push(`404 ${new URL(response.url()).pathname}`);
  });
  await page.goto(`${workspaceOrigin(baseUrl)}${options.path ?? '/workspace'}`);
  await page.waitForURL(/\/local-issuer\/oauth2\/authorize/);
  await page.getByLabel('Or a staff id').fill(staffId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/workspace') && !url.pathname.includes('/auth/'));
  return { context, page, errors };
}

/** axe-core, no horizontal scroll, and a full-page screenshot named for the page. */
export async function checkPage(page: Page, name: string, options: { javaScript?: boolean } = {}): Promise<void> {
  // With JavaScript off axe cannot run: such pages are checked again in a browser that runs it.
  const found = options.javaScript === false ? [] : await violations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: join(screenshots, `workspace-${name}.png`), fullPage: true });
  expect(found, `axe on ${name}`).toEqual([]);
  expect(overflow, `sideways scroll on ${name}`).toBeLessThanOrEqual(0);
}
