import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/kernel/access/actor.ts';
import { appendAudit } from '../../src/kernel/audit/audit.ts';
import { RecordsService } from '../../src/records/records.service.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

const FR = { id: 'ncb-fr', kind: 'ncb' as const, country: 'fr' };
const JO = { id: 'ncb-jo', kind: 'ncb' as const, country: 'jo' };

/**
 * The record form's picker for linked records, the metadata controls it shares with the import,
 * and the audit trail's paging, in a real browser. Each test signs in a different demo user.
 */
describe.skipIf(!hasChromium)('record forms and the audit trail in a real browser', () => {
  let world: World;
  const pages: Page[] = [];

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await world?.close();
  });

  /** `checkable`: axe-core may be injected (the app's Content-Security-Policy is bypassed). */
  async function open(checkable = false) {
    const page = await newPage(world, 1280, 'en', { bypassCSP: checkable });
    pages.push(page);
    return page;
  }

  /** Serious WCAG violations inside <main>: the pages this file is about, not the shared header. */
  async function expectAccessibleMain(page: Page, where: string): Promise<void> {
    const inMain = async (selector: string) => page.evaluate(`Boolean(document.querySelector(${JSON.stringify(selector)})?.closest('main'))`);
    const violations = [];
    for (const v of await seriousViolations(page)) {
      const nodes = [];
      for (const node of v.nodes) if (await inMain(node)) nodes.push(node);
      if (nodes.length > 0) violations.push({ ...v, nodes });
    }
    expect(describeViolations(where, violations)).toBe('');
  }

  /** Presses Down until the active option is the record with this id; returns how many presses it took. */
  async function moveTo(page: Page, recordId: string): Promise<number> {
    const combobox = page.getByRole('combobox', { name: 'Holder' });
    for (let presses = 1; presses <= 10; presses += 1) {
      await combobox.press('ArrowDown');
      const active = await combobox.getAttribute('aria-activedescendant');
      if (active && (await page.locator(`[id="${active}"]`).getAttribute('data-record-id')) === recordId) return presses;
    }
    throw new Error(`record ${recordId} is not among the options`);
  }

  it('links a passport to its holder chosen with the keyboard from a search, and shows the link on the record', async () => {
    const { rows } = await world.store.query<{ id: string; caption: string }>(sql`
      SELECT id, caption FROM records
      WHERE dataset = 'demo' AND schema = 'Person' AND owner_org = 'ncb-fr' AND status = 'active' AND caption ~ '^[A-Za-z]+( [A-Za-z]+)+$'
      ORDER BY caption LIMIT 1`);
    const person = rows[0];
    if (!person) throw new Error('the demo has no Person of ncb-fr with a Latin-script name');
    const surname = person.caption.split(' ').at(-1) ?? person.caption;

    const page = await open();
    await signIn(page, 'fr.officer');
    await page.goto('/records/new');
    await page.getByLabel('Record type').selectOption('Passport');
    await page.locator('[data-property="number"] input').first().fill('FR-E2E-0042');
    const holder = page.getByRole('combobox', { name: 'Holder' });
    expect(await holder.getAttribute('aria-expanded')).toBe('false');
    const listbox = page.locator(`[id="${await holder.getAttribute('aria-controls')}"]`);
    expect(await listbox.getAttribute('role')).toBe('listbox');

    const searched = page.waitForResponse((r) => r.url().includes('/api/records?') && r.url().includes(`q=${encodeURIComponent(surname)}`));
    await holder.fill(surname);
    const search = await searched;
    expect(new URL(search.url()).searchParams.get('schema')).toBe('LegalEntity');
    await listbox.getByRole('option').first().waitFor();
    expect(await holder.getAttribute('aria-expanded')).toBe('true');
    await moveTo(page, person.id);
    await expect.poll(() => listbox.locator('[aria-selected="true"]').textContent()).toContain(person.id.slice(0, 8));
    await screenshot(page, 'form-record-picker');

    await holder.press('Enter');
    expect(await holder.inputValue()).toBe(person.caption);
    expect(await holder.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('picker-chosen').textContent()).toContain(person.id.slice(0, 8));
    // Escape while typing again gives the chosen name back and keeps the choice.
    await holder.fill('zz');
    await holder.press('Escape');
    expect(await holder.inputValue()).toBe(person.caption);

    await page.getByLabel('Crime area').selectOption('fugitive');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create record' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ schema: 'Passport', properties: { number: ['FR-E2E-0042'], holder: [person.id] } });

    await page.getByRole('heading', { level: 1, name: 'FR-E2E-0042' }).waitFor();
    const relations = page.locator('section', { has: page.getByRole('heading', { name: 'Relations' }) });
    const link = relations.locator(`a[href="/records/${person.id}"]`);
    await link.waitFor();
    expect(await link.textContent()).toContain(person.caption);

    // Editing shows the holder by name, not by id.
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Holder' }).inputValue()).toBe(person.caption);
  });

  it('never lists a record the user may not read, and shows a holder they may no longer read as not available', async () => {
    const joOfficer = await makeUser(world.store, JO, 'officer');
    const frOfficer = await makeUser(world.store, FR, 'officer');
    await makeRecord(world.store, frOfficer, { properties: { name: ['Zephyrine Quillfeather'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    await makeRecord(world.store, frOfficer, { properties: { name: ['Quentin Quillfeather'] } });
    const shared = await makeRecord(world.store, frOfficer, { properties: { name: ['Odile Quillfeather'] }, restriction: { mode: 'only_listed', orgs: ['ncb-jo'] } });
    const passport = await makeRecord(world.store, joOfficer, { schema: 'Passport', properties: { number: ['JO-E2E-7'], holder: [shared.id] } });
    // The owner narrows who may read the holder: the passport still points at it.
    await new RecordsService(world.store, { defaultReviewYears: 5 }).update(frOfficer.actor, shared.id, { expectedVersion: 1, restriction: { mode: 'owner_and_hub', orgs: [] } });

    const page = await open();
    await signIn(page, 'jo.supervisor');
    await page.goto(`/records/${passport.id}/edit`);
    const holder = page.getByRole('combobox', { name: 'Holder' });
    await page.getByTestId('picker-chosen').getByText('Record not available').waitFor();
    expect(await holder.inputValue()).toBe('');
    expect(await page.getByText('Odile').count()).toBe(0);

    const searched = page.waitForResponse((r) => r.url().includes('q=Quillfeather'));
    await holder.fill('Quillfeather');
    expect((await searched).status()).toBe(200);
    const listbox = page.getByRole('listbox', { name: 'Matching records' });
    await listbox.getByRole('option', { name: /Quentin Quillfeather/ }).waitFor();
    expect(await listbox.getByRole('option').allTextContents()).not.toContainEqual(expect.stringMatching(/Zephyrine|Odile/));
    expect(await page.getByText('Zephyrine').count()).toBe(0);
    // Leaving without choosing keeps the stored reference.
    await holder.press('Escape');
    await page.getByTestId('picker-chosen').getByText('Record not available').waitFor();
  });

  it('pages the audit trail back with "Load older entries", keeping the filter', async () => {
    const target = 'forms-e2e-target';
    await world.store.transaction(async (tx) => {
      for (let i = 0; i < 150; i += 1) {
        await appendAudit(tx, systemActor('hub'), { action: 'record.read', targetType: 'record', targetIds: [target] });
        await appendAudit(tx, systemActor('hub'), { action: 'record.read', targetType: 'record', targetIds: ['forms-e2e-other'] });
      }
    });
    const page = await open(true);
    await signIn(page, 'gs.auditor');
    await page.goto('/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    const rows = page.locator('table.audit-table tbody tr');
    await rows.first().waitFor();

    await page.getByLabel('Target id').fill(target);
    const first = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes(target));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await first).status()).toBe(200);
    const count = page.getByTestId('audit-count');
    await expect.poll(() => count.textContent()).toContain('100 entries shown');
    expect(await rows.count()).toBe(100);

    await page.getByRole('button', { name: 'Load older entries' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-load-older', false);
    await expectAccessibleMain(page, 'audit');
    const older = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('beforeSeq='));
    await page.getByRole('button', { name: 'Load older entries' }).click();
    const url = new URL((await older).url());
    expect(url.searchParams.get('targetId')).toBe(target);
    await expect.poll(() => count.textContent()).toContain('150 entries shown');
    expect(await count.textContent()).toContain('all the entries');
    expect(await rows.count()).toBe(150);
    expect(new Set(await rows.locator('td:nth-child(6)').allTextContents())).toEqual(new Set([target]));
    const seqs = (await rows.locator('td:nth-child(1)').allTextContents()).map((s) => Number(s.replace(/\D/g, '')));
    expect(new Set(seqs).size).toBe(150);
    expect(seqs).toEqual(seqs.toSorted((a, b) => b - a));
    expect(await page.getByRole('button', { name: 'Load older entries' }).count()).toBe(0);
    await screenshot(page, 'audit-paged', false);
  });

  it('has no serious WCAG violation in the record form with the picker open, nor in the import’s shared metadata controls', async () => {
    const ngOfficer = await makeUser(world.store, { id: 'ncb-ng', kind: 'ncb', country: 'ng' }, 'officer');
    await makeRecord(world.store, ngOfficer, { properties: { name: ['Babajide Wolstenholme'] } });
    const page = await open(true);
    await signIn(page, 'ng.officer');
    await page.goto('/records/new');
    await page.getByLabel('Record type').selectOption('Ownership');
    const owner = page.getByRole('combobox', { name: 'Owner' });
    await owner.fill('Wolstenholme');
    await page.getByRole('option', { name: /Babajide Wolstenholme/ }).waitFor();
    await owner.press('ArrowDown');
    await page.getByLabel('Who may read it').selectOption('only_listed');
    await page.getByLabel('Handling code').selectOption('H3');
    await expectAccessibleMain(page, 'form with picker');

    // The same controls on the import page, with the same labels, hints and messages next to them.
    await page.goto('/import');
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    await page.getByLabel('Handling code').selectOption('H3');
    await page.getByText('Required for H3: write the restriction out.').waitFor();
    await page.getByLabel('Handling note').fill('Ask the owning bureau first.');
    await page.getByLabel('Review date').fill('2031-02-30');
    await page.getByLabel('File').setInputFiles({ name: 'h3.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\n1,Someone\n') });
    const refused = page.waitForResponse((r) => r.url().includes('/api/imports?'));
    await page.getByRole('button', { name: 'Run the import' }).click();
    expect((await refused).status()).toBe(400);
    const reviewDate = page.getByLabel('Review date');
    await expect.poll(() => reviewDate.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field', { has: reviewDate }).locator('[data-field-error]').textContent()).toBeTruthy();
    await expectAccessibleMain(page, 'import');
    await screenshot(page, 'import-metadata');
  });
});
