import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

// Each test signs in a different demo user: a TOTP code is accepted once.
describe.skipIf(!hasChromium)('the inbox, review tasks and recent activity in a real browser', () => {
  let world: World;
  const pages: Page[] = [];

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await world?.close();
  });

  async function open() {
    const page = await newPage(world);
    pages.push(page);
    return page;
  }

  const badgeCount = async (page: Page) => Number(await page.getByTestId('unread-badge').textContent());

  it('shows the unread count in the header, and lowers it when a notification is marked read in the inbox', async () => {
    const page = await open();
    await signIn(page, 'fr.officer');
    const link = page.getByTestId('inbox-link');
    await page.getByTestId('unread-badge').waitFor();
    const before = await badgeCount(page);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await link.locator('.visually-hidden').textContent()).toBe(`Inbox, ${before} unread notifications`);

    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.getByTestId('notification').first().waitFor();
    await screenshot(page, 'inbox');
    const marked = page.waitForResponse((r) => r.url().includes('/api/inbox/') && r.url().endsWith('/read'));
    await page.getByRole('button', { name: /^Mark read: / }).first().click();
    expect((await marked).status()).toBe(200);
    await expect.poll(() => badgeCount(page)).toBe(before - 1);
    expect(await link.locator('.visually-hidden').textContent()).toBe(`Inbox, ${before - 1} unread notification${before - 1 === 1 ? '' : 's'}`);
    expect(await page.getByTestId('inbox-unread').textContent()).toBe(`${before - 1} unread notification${before - 1 === 1 ? '' : 's'}`);

    // The count holds on the next page too: it comes from the server, not from this page's memory.
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    await expect.poll(() => badgeCount(page)).toBe(before - 1);
  });

  it('shows the records due for review and the organisation’s recent activity on the home page', async () => {
    const page = await open();
    await signIn(page, 'es.officer');
    const tasks = page.getByTestId('review-tasks');
    await tasks.getByRole('heading', { name: 'Records to review' }).waitFor();
    await tasks.getByRole('listitem').first().waitFor();
    expect(await tasks.getByRole('listitem').first().textContent()).toMatch(/days? overdue|due in|due today/);

    const activity = page.getByTestId('recent-activity');
    await activity.getByRole('listitem').first().waitFor();
    expect(await activity.getByRole('listitem').first().textContent()).toContain('Lucía Fernández signed in');

    const inbox = page.getByTestId('inbox-panel');
    await inbox.getByTestId('notification').first().waitFor();
    expect(await inbox.getByRole('link', { name: /^Review overdue: / }).count()).toBeGreaterThan(0);
    await screenshot(page, 'home-inbox');

    await tasks.getByRole('listitem').first().getByRole('link').click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
  });
});
