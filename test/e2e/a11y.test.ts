import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/auth/totp.ts';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/demo/demo-cast.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { hasChromium, newPage, signIn, startWorld, type World } from './harness.ts';

/** Fails with every serious or critical WCAG 2.1 A/AA violation axe-core finds, printed. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) console.error(describeViolations(where, violations));
  expect(describeViolations(where, violations)).toBe('');
}

// Strings: this code runs in the page, where the test's TypeScript has no DOM types.
const FOCUSED_LABEL = `(() => {
  const el = document.activeElement;
  if (!el) return '';
  const label = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
  return ((label ?? el).textContent ?? '').replace('*', '').trim();
})()`;
const FOCUSED = `(() => {
  const el = document.activeElement;
  return { text: el?.textContent ?? null, visible: (el?.getBoundingClientRect().top ?? -1) >= 0, id: el?.id ?? null, inMain: Boolean(el?.closest('main')) };
})()`;

/** Presses Tab until the focused element has this accessible label (or name), at most `max` times. */
async function tabTo(page: Page, label: string, max = 12): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string>(FOCUSED_LABEL);
    if (focused === label) return;
  }
  throw new Error(`"${label}" is not reachable with Tab`);
}

describe.skipIf(!hasChromium)('accessibility of the web application', () => {
  let world: World;
  const pages: Page[] = [];

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await world?.close();
  });

  async function open(bypassCSP = false) {
    const page = await newPage(world, 1280, 'en', { bypassCSP });
    pages.push(page);
    return page;
  }

  it('has no serious WCAG 2.1 A/AA violation on sign-in, home, search, record, form and Arabic search', async () => {
    const officer = await makeUser(world.store, { id: 'ncb-de', kind: 'ncb', country: 'de' }, 'officer');
    const record = await makeRecord(world.store, officer, { properties: { name: ['Klaus Wendelmeyer'], birthDate: ['1969-05-01'], nationality: ['de'] } });
    const page = await open(true);
    await page.goto('/');
    await page.getByLabel('Username').waitFor();
    await expectAccessible(page, 'sign-in');

    await signIn(page, 'de.analyst');
    await page.locator('table tbody tr').first().waitFor();
    await expectAccessible(page, 'home');

    await page.goto('/records?q=Wendelmeyer');
    await page.getByRole('link', { name: 'Klaus Wendelmeyer' }).waitFor();
    await expectAccessible(page, 'search');

    await page.goto(`/records/${record.id}`);
    await page.getByRole('heading', { name: 'Version history' }).waitFor();
    await page.locator('section', { has: page.getByRole('heading', { name: 'Version history' }) }).locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'record');

    await page.goto('/records/new');
    await page.getByLabel('Record type').selectOption('Person');
    await page.locator('[data-property="name"] input').first().waitFor();
    await expectAccessible(page, 'form');

    await page.goto('/import');
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    await expectAccessible(page, 'import');

    await page.getByLabel('Language').selectOption('ar');
    await page.goto('/records?q=Wendelmeyer');
    await page.getByRole('link', { name: 'Klaus Wendelmeyer' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    await expectAccessible(page, 'search (Arabic)');
  });

  it('has no serious WCAG 2.1 A/AA violation on the users, API keys, organisations and export pages', async () => {
    const page = await open(true);
    await signIn(page, 'gs.admin');
    for (const [address, testId] of [['/admin/users', 'users-table'], ['/admin/api-keys', 'api-keys-table'], ['/organisations', 'orgs-table'], ['/export', 'export-link']] as const) {
      await page.goto(address);
      // The API keys page has no table until a key exists; its form is there from the start.
      await (testId === 'api-keys-table' ? page.getByRole('button', { name: 'Create key' }) : page.getByTestId(testId)).waitFor();
      await expectAccessible(page, address);
    }
  });

  it('signs in with the keyboard only; the skip link is the first Tab stop and moves focus to the content', async () => {
    const page = await open();
    await page.goto('/');
    await page.getByLabel('Username').waitFor();
    await tabTo(page, 'Username');
    await page.keyboard.type('th.officer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    const login = page.waitForResponse('**/api/auth/login');
    await page.keyboard.press('Enter');
    await login;
    await page.getByLabel('Six-digit code').waitFor();
    await tabTo(page, 'Six-digit code');
    await page.keyboard.type(totpCode(demoTotpSecret('th.officer')));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(FOCUSED)).toMatchObject({ text: 'Skip to content', visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(FOCUSED)).toMatchObject({ id: 'main' });
    await page.keyboard.press('Tab');
    // The next stop is inside the content, not back in the header.
    expect(await page.evaluate(FOCUSED)).toMatchObject({ inMain: true });
  });
});
