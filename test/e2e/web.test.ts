import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/auth/totp.ts';
import { insertUser } from '../../src/orgs/index.ts';
import { RecordsService } from '../../src/records/records.service.ts';
import type { TestUser } from '../factories.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

const FR = { id: 'ncb-fr', kind: 'ncb' as const, country: 'fr' };
const JO = { id: 'ncb-jo', kind: 'ncb' as const, country: 'jo' };

if (!hasChromium) {
  console.warn('Browser tests skipped: /usr/bin/chromium is missing (install it with `apt-get install -y chromium`; .ci/run does).');
}

// Each test signs in a different demo user (a TOTP code is accepted once), through the one
// address 127.0.0.1 (the harness raises the sign-in limit per address for these tests).
describe.skipIf(!hasChromium)('the web application in a real browser', () => {
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

  async function open(width?: number, language?: string | null) {
    const page = await newPage(world, width, language);
    pages.push(page);
    return page;
  }

  it('signs a user in with password and code, and shows their organisation, role and navigation', async () => {
    const page = await open();
    await page.goto('/');
    await page.getByLabel('Username').fill('fr.officer');
    await page.getByLabel('Password').fill('not-the-password');
    const refused = page.waitForResponse('**/api/auth/login');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect((await refused).status()).toBe(401);
    await page.getByRole('alert').waitFor();

    await signIn(page, 'fr.officer', { screenshots: true });
    expect(await page.getByTestId('header-org').textContent()).toBe('NCB Paris (France)');
    expect(await page.getByTestId('header-role').textContent()).toContain('Officer');
    // Navigation follows the permissions the server gives: no Audit link for an officer.
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual(['Home', 'Records', 'Screening', 'Import']);
    await page.getByRole('heading', { name: 'Recent records of your organisation' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await screenshot(page, 'home');
  });

  it('enrols a new user’s authenticator at their first sign-in, then speaks their language', async () => {
    await insertUser(world.store, { username: 'es.newcomer', displayName: 'Nerea Gil', orgId: 'ncb-es', role: 'officer', password: 'a long enough passphrase 2026', locale: 'es' });
    const page = await open(1280, null);
    await page.goto('/');
    await page.getByLabel('Username').fill('es.newcomer');
    await page.getByLabel('Password').fill('a long enough passphrase 2026');
    await page.getByRole('button', { name: 'Continue' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('link', { name: /^otpauth:\/\/totp\// }).count()).toBe(1);
    await screenshot(page, 'sign-in-enrolment');
    await page.getByLabel('Six-digit code').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bienvenido/a, Nerea Gil' }).waitFor();
    expect(await page.title()).toBe('Inicio — Passerelle');
    expect(await page.evaluate('document.documentElement.lang')).toBe('es');
  });

  it('finds a record as you type and opens it, with labels from the data model and its history', async () => {
    const record = await makeRecord(world.store, frOfficer, {
      properties: { name: ['Ivan Petrovsky', 'Иван Петровский'], birthDate: ['1975-03-14'], nationality: ['ru'] },
    });
    const page = await open();
    await signIn(page, 'es.officer');
    await page.getByRole('link', { name: 'Records', exact: true }).click();
    const search = page.waitForResponse((r) => r.url().includes('/api/records?') && r.url().includes('q=Petrovsky'));
    await page.getByLabel('Search names, numbers, identifiers').fill('Petrovsky');
    await search;
    const link = page.getByRole('link', { name: 'Ivan Petrovsky' });
    await link.waitFor();
    expect(await link.locator('bdi').getAttribute('dir')).toBe('auto');
    await screenshot(page, 'search');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Ivan Petrovsky' }).waitFor();
    expect(page.url()).toContain(`/records/${record.id}`);
    const properties = page.locator('section', { has: page.getByRole('heading', { name: 'Properties' }) });
    await expect.poll(() => properties.textContent()).toContain('Иван Петровский');
    expect(await properties.textContent()).toContain('Date of birth');
    await page.getByRole('heading', { name: 'Version history' }).waitFor();
    // Another bureau's officer may neither edit nor cancel it.
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await screenshot(page, 'record');
  });

  it('shows the server’s validation error next to the field, then creates the record once fixed', async () => {
    const page = await open();
    await signIn(page, 'fr.supervisor');
    await page.goto('/records/new');
    await page.getByLabel('Record type').selectOption('Person');
    await page.locator('[data-property="name"] input').first().fill('Amélie Dubois-Martin');
    const birthDate = page.locator('[data-property="birthDate"] input').first();
    await birthDate.fill('31/12/1990');
    await page.getByLabel('Crime area').selectOption('fugitive');
    const rejected = page.waitForResponse((r) => r.url().endsWith('/api/records') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create record' }).click();
    expect((await rejected).status()).toBe(400);
    const error = page.locator('[data-property="birthDate"] [data-field-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('31/12/1990');
    expect(await birthDate.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'form-with-error');

    await birthDate.fill('1990-12-31');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create record' }).click();
    expect((await created).status()).toBe(201);
    await page.getByRole('heading', { level: 1, name: 'Amélie Dubois-Martin' }).waitFor();
    expect(page.url()).toMatch(/\/records\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Edit' }).waitFor();
  });

  it('sends the version it edited and explains a conflicting change; cancels with a reason', async () => {
    const owner = await makeUser(world.store, JO, 'supervisor');
    const record = await makeRecord(world.store, owner, { properties: { name: ['Rami Saleh'] } });
    const page = await open();
    await signIn(page, 'jo.supervisor');
    await page.goto(`/records/${record.id}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    const name = page.locator('[data-property="name"] input').first();
    await name.fill('Rami Saleh Haddad');
    // Meanwhile a colleague saves a change.
    await new RecordsService(world.store, { defaultReviewYears: 5 }).update(owner.actor, record.id, { expectedVersion: 1, properties: { alias: ['Abu Rami'] } });
    const conflict = page.waitForResponse((r) => r.url().includes(`/api/records/${record.id}`) && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const response = await conflict;
    expect(response.status()).toBe(409);
    expect(response.request().postDataJSON()).toMatchObject({ expectedVersion: 1 });
    await page.getByText('Someone changed this record while you were editing it.', { exact: false }).waitFor();

    await page.goto(`/records/${record.id}`);
    await page.getByRole('button', { name: 'Cancel record' }).click();
    await page.getByLabel('Why is this record cancelled?').fill('subject arrested; notice withdrawn');
    const cancelled = page.waitForResponse((r) => r.url().endsWith(`/api/records/${record.id}/cancel`));
    await page.getByRole('button', { name: 'Cancel the record' }).click();
    expect((await cancelled).status()).toBe(200);
    await page.getByText('This record is cancelled.').waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Version history' }) }).locator('tbody tr').count()).toBe(3); // versions 1, 2 (the colleague's) and 3 (cancelled)
  });

  it('switches to Arabic at any time: right-to-left layout, translated labels, kept after a reload', async () => {
    await makeRecord(world.store, frOfficer, { properties: { name: ['Ahmed Mansouri', 'أحمد المنصوري'], nationality: ['ma'] } });
    const page = await open(768);
    await signIn(page, 'ma.officer');
    await page.goto('/records?q=Mansouri');
    await page.getByLabel('Language').selectOption('ar');
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'ar']);
    await page.getByRole('heading', { level: 1, name: 'السجلات' }).waitFor();
    await page.getByLabel('ابحث عن الأسماء والأرقام والمعرّفات').waitFor();
    await page.getByRole('link', { name: 'Ahmed Mansouri' }).waitFor();
    await screenshot(page, 'search-arabic');
    await page.reload();
    await page.getByRole('link', { name: 'الرئيسية' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
  });

  it('never shows an owner_and_hub record to another bureau: not in search, not by its address', async () => {
    const secret = await makeRecord(world.store, frOfficer, {
      properties: { name: ['Zoltan Ravensworth'] },
      restriction: { mode: 'owner_and_hub', orgs: [] },
    });
    const page = await open();
    await signIn(page, 'jo.officer');
    const search = page.waitForResponse((r) => r.url().includes('q=Ravensworth'));
    await page.goto('/records?q=Ravensworth');
    expect((await search).status()).toBe(200);
    await page.getByText('No record matches your search.').waitFor();
    expect(await page.getByText('Zoltan Ravensworth').count()).toBe(0);
    await page.goto(`/records/${secret.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByText('Zoltan Ravensworth').count()).toBe(0);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Recent records of your organisation' }).waitFor();
    expect(await page.getByText('Zoltan Ravensworth').count()).toBe(0);
  });

  it('imports a CSV through the page with a prefilled mapping, reports the bad row by line, and finds what it imported', async () => {
    const page = await open();
    await signIn(page, 'ng.officer');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    const csv = ['id,name,birthDate,nationality,shoe_size', 'N1,Obinna Quartermaine,1981-04-02,ng,44', 'N2,Adaeze Quartermaine,1990-11-23,ng,38', ',Nobody Keyless,1970-01-01,ng,40', ''].join('\n');
    await page.getByLabel('File').setInputFiles({ name: 'case-77.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The format comes from the extension, the dataset from the file name, the mapping from the header.
    expect(await page.getByLabel(/^Format/).inputValue()).toBe('csv');
    expect(await page.getByLabel('Dataset').inputValue()).toBe('case-77');
    const mapping = await page.getByLabel('Column mapping (YAML or JSON)').inputValue();
    expect(mapping).toContain('schema: Person');
    expect(mapping).toContain('name: { column: "name" }');
    expect(mapping).toContain('birthDate: { column: "birthDate" }');
    expect(mapping).not.toContain('shoe_size');
    const preview = page.locator('section', { has: page.getByRole('heading', { name: /^Preview/ }) });
    expect(await preview.locator('tbody tr').count()).toBe(3);
    expect(await preview.textContent()).toContain('Obinna Quartermaine');
    await page.getByLabel('Crime area').selectOption('fugitive');
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/imports?') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Run the import' }).click();
    const response = await uploaded;
    expect(response.status()).toBe(200);
    expect(response.url()).toContain('crimeArea=fugitive');
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await page.getByTestId('count-imported').locator('dd').textContent()).toBe('2');
    expect(await page.getByTestId('count-updated').locator('dd').textContent()).toBe('0');
    expect(await page.getByTestId('count-unchanged').locator('dd').textContent()).toBe('0');
    expect(await page.getByTestId('count-rejected').locator('dd').textContent()).toBe('1');
    const rejected = report.locator('table tbody tr');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.locator('td').first().textContent()).toBe('4');
    expect(await rejected.locator('td').nth(1).textContent()).toContain('every key column is empty');
    await screenshot(page, 'import-report');

    await page.goto('/records?q=Quartermaine');
    await page.getByRole('link', { name: 'Obinna Quartermaine' }).waitFor();
  });

  it('gives auditors the audit trail and the verification of its chain', async () => {
    const page = await open();
    await signIn(page, 'gs.auditor');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    const verified = page.waitForResponse('**/api/audit/verify');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await verified;
    expect(await page.getByTestId('verification').textContent()).toContain('The chain is intact');
    await screenshot(page, 'audit', false);
  });
});
