import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '../../src/auth/totp.ts';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/demo/demo-cast.ts';
import { ensureDemoData } from '../../src/demo/demo.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import type { Store } from '../../src/kernel/store/store.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/context.ts';
import { createTestStore } from '../db.ts';

/**
 * The browser tests' world: the web app built into web/dist (only when its sources changed),
 * the real server on a free port over a migrated, demo-seeded throw-away database, and a
 * headless Debian Chromium driven by playwright-core (no browser is downloaded).
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/** Builds web/dist unless it is newer than every source file of the web app. */
export function buildWebIfStale(): void {
  const built = path.join(ROOT, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) => newestMtime(path.join(ROOT, p)));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > Math.max(...sources)) return;
  execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface World {
  store: Store;
  app: App;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  buildWebIfStale();
  const config = loadConfig({ PASSERELLE_DATA: '/tmp/passerelle-unused', LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '100000', PASSERELLE_SIGNIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const store = await createTestStore();
  await ensureDemoData(store, config, { log: () => {} });
  const app = await buildApp({ config, store }, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    store, app, baseUrl: address, browser,
    async close() {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}

/**
 * A fresh browser context (own cookies and storage) at a tablet-to-desktop width. The interface
 * language is set to English, as if chosen earlier, unless `language` is null (then the app
 * follows the browser, and the user's own locale once signed in). `bypassCSP` lets a test inject
 * a checker such as axe-core, which the app's Content-Security-Policy would otherwise block.
 */
export async function newPage(world: World, width = 1280, language: string | null = 'en', options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const localStorage = language ? [{ name: 'passerelle.language', value: language }] : [];
  const context = await world.browser.newContext({
    baseURL: world.baseUrl, viewport: { width, height: 900 }, locale: 'en-GB', bypassCSP: options.bypassCSP ?? false,
    storageState: { cookies: [], origins: [{ origin: world.baseUrl, localStorage }] },
  });
  // Fail fast, well inside the test timeout, with the locator that was awaited.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Signs a demo user in through the UI: password, then the current TOTP code; waits for the home page. */
export async function signIn(page: Page, username: string, options: { screenshots?: boolean } = {}): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  if (options.screenshots) await screenshot(page, 'sign-in');
  await Promise.all([page.waitForResponse('**/api/auth/login'), page.getByRole('button', { name: 'Continue' }).click()]);
  await page.getByLabel('Six-digit code').fill(totpCode(demoTotpSecret(username)));
  await Promise.all([page.waitForResponse('**/api/me'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
}
