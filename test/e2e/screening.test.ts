import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bearer } from '../app.ts';
import type { TestUser } from '../factories.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

const FR = { id: 'ncb-fr', kind: 'ncb' as const, country: 'fr' };
const ES = { id: 'ncb-es', kind: 'ncb' as const, country: 'es' };
// German specimen passport (Erika Mustermann), from research-data/mrz/mrz_specimens.tsv: every check digit valid.
const MUSTERMANN_TD3 = 'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0';

// A TOTP code is accepted once: each test signs in a different demo user.
describe.skipIf(!hasChromium)('screening in a real browser: a check explained, what is withheld, MRZ, lists and hits', () => {
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

  async function screeningPage(username: string, options: { bypassCSP?: boolean; width?: number } = {}): Promise<Page> {
    const page = await newPage(world, options.width ?? 1280, 'en', { bypassCSP: options.bypassCSP ?? false });
    pages.push(page);
    await signIn(page, username);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
    return page;
  }

  /** Submits the form with Enter, as a keyboard user does, and waits for the server's answer. */
  async function checkWithEnter(page: Page, field: string): Promise<void> {
    const answered = page.waitForResponse('**/api/screening/check');
    await page.getByLabel(field, { exact: true }).press('Enter');
    expect((await answered).status()).toBe(200);
    await page.getByTestId('result-summary').waitFor();
  }

  it('finds a Latin record from a name typed in Arabic script, explains why, and takes a false-positive decision', async () => {
    const record = await makeRecord(world.store, frOfficer, { properties: { name: ['Khalid Mansouri'], birthDate: ['1975-03-14'], nationality: ['ma'] } });
    const page = await screeningPage('ma.officer');
    await page.getByLabel('Name', { exact: true }).fill('خالد منصوري');
    await page.getByLabel('Date of birth').fill('1975-03-14');
    await checkWithEnter(page, 'Date of birth');
    // Focus lands on the results, for keyboard and screen-reader users.
    expect(await page.evaluate('document.activeElement?.id')).toBe('screening-results');
    expect(await page.getByTestId('screening-results').getAttribute('aria-live')).toBe('polite');

    const match = page.getByTestId('match').filter({ has: page.getByRole('link', { name: 'Khalid Mansouri' }) });
    await match.waitFor();
    expect(await match.getByRole('link', { name: 'Khalid Mansouri' }).getAttribute('href')).toBe(`/records/${record.id}`);
    expect(await match.getByTestId('score').textContent()).toMatch(/^\d{1,3}%$/);
    const features = await match.getByTestId('feature').allTextContents();
    expect(features.find((f) => f.includes('Name'))).toMatch(/✓ Name agrees|≈ Name partly agrees/);
    expect(features.find((f) => f.includes('Date of birth'))).toContain('✓ Date of birth agrees');
    await screenshot(page, 'screening-results');

    await match.getByLabel('Note (optional)').fill('Different father’s name on the passport');
    const decided = page.waitForResponse((r) => r.url().includes('/api/screening/hits/') && r.url().endsWith('/decision'));
    await match.getByRole('button', { name: 'False positive' }).click();
    expect((await decided).status()).toBe(200);
    expect(await match.getByTestId('decided').textContent()).toBe('Marked as a false positive.');
  });

  it('shows another bureau’s restricted record only as “contact the owner”, with nothing of what it says', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Ottilie Brunnhofer-Sauvageot'], birthDate: ['1981-09-30'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    const page = await screeningPage('th.officer');
    await page.getByLabel('Name', { exact: true }).fill('Ottilie Brunnhofer-Sauvageot');
    const answered = page.waitForResponse('**/api/screening/check');
    await checkWithEnter(page, 'Name');
    expect(JSON.stringify(await (await answered).json())).not.toContain('1981');

    const match = page.getByTestId('match');
    await match.first().waitFor();
    expect(await match.count()).toBe(1);
    expect(await match.getByRole('heading').textContent()).toContain('Possible hit — contact NCB Paris (France)');
    expect(await match.getByRole('link', { name: 'Organisations directory' }).getAttribute('href')).toBe('/organisations');
    expect(await match.getByRole('link').count()).toBe(1);
    // What was typed stays in the form; the page itself shows nothing of the record.
    await page.getByLabel('Name', { exact: true }).fill('');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('Brunnhofer');
    expect(text).not.toContain('1981');
  });

  it('reads a pasted passport MRZ and shows each check digit valid', async () => {
    const page = await screeningPage('de.analyst');
    await page.getByLabel('MRZ (paste 2 or 3 lines)').fill(MUSTERMANN_TD3);
    const answered = page.waitForResponse('**/api/screening/check');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    expect((await answered).status()).toBe(200);
    const checks = page.getByTestId('mrz-checks');
    await checks.waitFor();
    expect(await checks.getByText('MRZ read: every check digit is valid').count()).toBe(1);
    const digits = await checks.getByTestId('check-digit').allTextContents();
    expect(digits).toEqual([
      '✓ Document number: check digit valid', '✓ Date of birth: check digit valid', '✓ Expiry date: check digit valid',
      '✓ Personal number: check digit valid', '✓ Whole zone: check digit valid',
    ]);
    expect(await checks.textContent()).toContain('MUSTERMANN');
  });

  it('screens an uploaded list as the answers stream in, and lists the line it could not check', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Radoslaw Wierzbicki-Ferrand'], birthDate: ['1969-11-02'] } });
    const page = await screeningPage('ng.officer');
    await page.getByRole('link', { name: 'Check a list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a list' }).waitFor();
    const csv = [
      'name,birthDate,nationality,gender,documentNumber,mrz,id',
      'Radoslaw Wierzbicki-Ferrand,1969-11-02,,,,,pax-1',
      ',,,,,,pax-2',
      'Margaret Whitfield-Brown,1990-01-01,gb,female,,,pax-3',
    ].join('\n');
    await page.getByLabel('List file').setInputFiles({ name: 'passengers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the list' }).click();
    await page.getByTestId('batch-summary').waitFor();
    expect(await page.getByTestId('batch-count').textContent()).toBe('3 / 3 people checked');
    expect(await page.locator('#batch-progress').evaluate((el) => [(el as unknown as { value: number }).value, (el as unknown as { max: number }).max])).toEqual([3, 3]);

    const rows = page.getByTestId('batch-table').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('Radoslaw Wierzbicki-Ferrand');
    expect(await rows.nth(0).getByTestId('score').count()).toBe(1);
    expect(await rows.nth(1).textContent()).toContain('Not checked: line');
    expect(await page.getByTestId('batch-errors').textContent()).toMatch(/1 line could not be checked:pax-2: line \d/);

    await page.getByLabel('Hits only').check();
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Hits only').uncheck();
    await screenshot(page, 'screening-batch');
  });

  it('shows the owner organisation the hit on its record, who asked and about whom, and tells its inbox', async () => {
    const record = await makeRecord(world.store, frOfficer, { properties: { name: ['Wilhelmina Oyelaran-Castellanos'], birthDate: ['1988-06-21'] } });
    const asker = await makeUser(world.store, ES, 'officer');
    const page = await newPage(world);
    pages.push(page);
    await signIn(page, 'fr.supervisor');
    const badge = page.getByTestId('unread-badge');
    // The count is known once the inbox link's spoken name says it ("Inbox, 5 unread notifications").
    const spoken = page.getByTestId('inbox-link').locator('.visually-hidden');
    await expect.poll(() => spoken.textContent()).toMatch(/\d+ unread/);
    const before = Number(/(\d+) unread/.exec((await spoken.textContent()) ?? '')?.[1]);

    const check = await world.app.inject({
      method: 'POST', url: '/api/screening/check', headers: bearer(asker.token),
      payload: { name: 'Wilhelmina Oyelaran Castellanos', birthDate: '1988', purpose: 'Border control, flight IB3402' },
    });
    expect(check.statusCode).toBe(200);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('link', { name: 'Hits', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Hits on our records' }).waitFor();
    const row = page.getByTestId('hit-row').filter({ hasText: 'Wilhelmina Oyelaran Castellanos' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('NCB Madrid (Spain)');
    expect(text).toContain('Purpose: Border control, flight IB3402');
    expect(text).toContain('To decide');
    expect(await row.getByRole('link', { name: 'Wilhelmina Oyelaran-Castellanos' }).getAttribute('href')).toBe(`/records/${record.id}`);
    await expect.poll(async () => Number(await badge.textContent())).toBe(before + 1);
    await screenshot(page, 'screening-hits');

    // The status filter: the hit is still to decide, so it is not among the confirmed ones.
    await page.getByLabel('Status').selectOption('confirmed');
    await expect.poll(() => page.getByTestId('hit-row').filter({ hasText: 'Wilhelmina' }).count()).toBe(0);
    await page.getByLabel('Status').selectOption('open');
    await row.waitFor();

    // "Our checks" lists what this organisation asked: nothing of this.
    await page.getByTestId('scope-asked').click();
    await page.getByRole('heading', { level: 2, name: 'Our checks' }).waitFor();
    await page.getByTestId('hits-asked').or(page.getByText('No hits.')).waitFor();
    expect(await page.getByTestId('hit-row').filter({ hasText: 'Wilhelmina' }).count()).toBe(0);
  });

  it('has no serious WCAG 2.1 A/AA violation on the screening page with results, at tablet width too', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Anselm Quaresma-Lindqvist'], nationality: ['pt'] } });
    await makeRecord(world.store, frOfficer, { properties: { name: ['Anselm Quaresma Lindqvist'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    const page = await screeningPage('jo.officer', { bypassCSP: true });
    await page.getByLabel('Name', { exact: true }).fill('Anselm Quaresma-Lindqvist');
    await page.getByLabel('Nationality').selectOption('pt');
    await page.getByLabel('MRZ (paste 2 or 3 lines)').fill(MUSTERMANN_TD3);
    await checkWithEnter(page, 'Name');
    await page.getByTestId('match').nth(1).waitFor();
    await page.getByTestId('mrz-checks').waitFor();
    const violations = await seriousViolations(page);
    expect(describeViolations('/screening', violations)).toBe('');

    await page.setViewportSize({ width: 768, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= 768')).toBe(true);
    await screenshot(page, 'screening-results-768');

    // In Arabic the page flips, and the percentage takes the Arabic percent sign.
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'الفحص' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await page.getByTestId('score').first().textContent()).toBe('100٪');
    expect(describeViolations('/screening (Arabic)', await seriousViolations(page))).toBe('');
    await screenshot(page, 'screening-results-ar');
  });
});
