/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { cacheDir } from '../../../infra/local/paths.ts';
import { type LocalApi, startLocalApi } from '../../integration/support/local-api.ts';

/** Debian's Chromium driven by playwright-core, and axe-core, for the provider pages' browser tests. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Where the screenshots go (git-ignored), to look at after a run. */
export const screenshots = join(cacheDir, 'screenshots');

/** Playwright starts Chromium with a fresh profile; no name resolves but the local API. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });

/** axe-core's violations on the page (evaluated through the DevTools protocol, which the page's CSP does not govern). */
export async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; help: string }[] }> } })
      .axe;
    return (await axe.run()).violations.map(({ id, help }) => `${id}: ${help}`);
  });
}

/**
 * A browser test file's set-up: the local API, an admin token and Chromium, started before its tests
 * and closed after them. Read the fields inside tests (they are set by then).
 */
export function browserSuite(): { api: LocalApi; admin: string; browser: Browser } {
  const suite = {} as { api: LocalApi; admin: string; browser: Browser };
  beforeAll(async () => {
    suite.api = await startLocalApi();
    suite.admin = await suite.api.tokenFor(['admin']);
    mkdirSync(screenshots, { recursive: true });
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.api?.close();
  });
  return suite;
}
