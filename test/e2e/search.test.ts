import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestUser } from '../factories.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

const FR = { id: 'ncb-fr', kind: 'ncb' as const, country: 'fr' };

describe.skipIf(!hasChromium)('record search in a real browser: scripts and spellings', () => {
  let world: World;
  let frOfficer: TestUser;
  const pages: Page[] = [];

  beforeAll(async () => {
    world = await startWorld();
    frOfficer = await makeUser(world.store, FR, 'officer');
  });

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await world?.close();
  });

  // A TOTP code is accepted once: each test signs in a different demo user.
  async function searchPage(username: string): Promise<Page> {
    const page = await newPage(world);
    pages.push(page);
    await signIn(page, username);
    await page.getByRole('link', { name: 'Records', exact: true }).click();
    // The page is ready once its first search (all records) has answered.
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/record/);
    return page;
  }

  it('finds a Cyrillic name typed in Latin and shows it in its own script with the transliteration beside it', async () => {
    const record = await makeRecord(world.store, frOfficer, { properties: { name: ['Святослав Жеребцов'], nationality: ['ua'] } });
    const page = await searchPage('es.officer');
    await page.getByLabel('Search names, numbers, identifiers').fill('zherebtsov');
    const link = page.getByRole('link', { name: /Святослав Жеребцов/ });
    await link.waitFor();
    expect(await link.textContent()).toBe('Святослав Жеребцов (Svyatoslav Zherebtsov)');
    expect(await link.locator('[lang="und-Latn"]').count()).toBe(1);
    await link.click();
    await page.getByRole('heading', { level: 1, name: /Святослав Жеребцов/ }).waitFor();
    expect(page.url()).toContain(record.id);
  });

  it('offers similar spellings when nothing matches exactly, and finds the name despite typing errors', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Bartholomew Quesnel-Ainsworth'] } });
    const page = await searchPage('ng.officer');
    await page.getByLabel('Search names, numbers, identifiers').fill('Bartholomwe Quesnel-Ainsworht');
    const tryFuzzy = page.getByRole('button', { name: 'Search similar spellings' });
    await tryFuzzy.waitFor();
    await tryFuzzy.click();
    await page.getByRole('link', { name: 'Bartholomew Quesnel-Ainsworth' }).waitFor();
    expect(await page.getByLabel('Similar spellings').isChecked()).toBe(true);
    expect(page.url()).toContain('fuzzy=1');
    await screenshot(page, 'search-fuzzy');
  });

  it('never shows another bureau’s restricted record, even to a fuzzy search', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Leocadia Vantongerloo'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    const page = await searchPage('th.officer');
    await page.getByLabel('Similar spellings').check();
    await page.getByLabel('Search names, numbers, identifiers').fill('Leocadia Vantongerlo');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('0 records');
    expect(await page.getByText('Leocadia').count()).toBe(0);
  });
});
