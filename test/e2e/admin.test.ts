import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { insertUser } from '../../src/orgs/index.ts';
import { makeRecord, makeUser } from '../factories.ts';
import { hasChromium, newPage, screenshot, signIn, startWorld, type World } from './harness.ts';

const FR = { id: 'ncb-fr', kind: 'ncb' as const, country: 'fr' };

// Each test signs in a different demo user: a TOTP code is accepted once.
describe.skipIf(!hasChromium)('administration, export and enrolment pages in a real browser', () => {
  let world: World;
  const pages: Page[] = [];

  beforeAll(async () => {
    world = await startWorld();
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

  it('lets a bureau administrator create a user, shows the generated password once, and lists the new account', async () => {
    const page = await open();
    await signIn(page, 'ma.admin');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByTestId('users-table').waitFor();
    // A bureau's administrator cannot appoint an auditor: the hub does.
    expect(await page.getByLabel('Role').locator('option').allTextContents()).not.toContain('Auditor');

    await page.getByLabel('Username').fill('ma.newcomer');
    await page.getByLabel('Display name').fill('Karim Idrissi');
    await page.getByLabel('Role').selectOption('analyst');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create user' }).click();
    expect((await created).status()).toBe(201);
    const secret = page.getByTestId('user-created').getByTestId('secret-value');
    expect((await secret.textContent())?.length).toBeGreaterThanOrEqual(12);
    await page.getByText('It will not be shown again.', { exact: false }).waitFor();
    const row = page.locator('tr[data-username="ma.newcomer"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Karim Idrissi');
    expect(await row.textContent()).toContain('Analyst');
    // Only the bureau's own accounts are listed.
    expect(await page.locator('tbody tr th').allTextContents()).toEqual(expect.arrayContaining(['ma.admin', 'ma.officer', 'ma.newcomer']));
    expect(await page.locator('tr[data-username="fr.officer"]').count()).toBe(0);
    await screenshot(page, 'admin-users');

    // A row action asks first, then shows its result: a new password, once.
    await row.getByRole('button', { name: 'Reset password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the password of Karim Idrissi?' });
    await dialog.waitFor();
    const reset = page.waitForResponse((r) => r.url().includes('/reset-password'));
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    expect((await reset).status()).toBe(200);
    await page.getByTestId('action-outcome').getByText('The password of Karim Idrissi is reset.').waitFor();
    expect(await page.getByTestId('action-outcome').getByTestId('secret-value').textContent()).not.toBe(await secret.textContent());

    await row.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Karim Idrissi is deactivated.').waitFor();
    await expect.poll(() => row.textContent()).toContain('Deactivated');
  });

  it('shows an officer no administration, refuses its pages by address, and still lists whom to contact', async () => {
    const page = await open();
    await signIn(page, 'fr.officer');
    expect(await page.getByRole('navigation', { name: 'Administration' }).count()).toBe(0);
    for (const address of ['/admin/users', '/admin/api-keys', '/export']) {
      await page.goto(address);
      await page.getByTestId('not-permitted').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('You are not allowed to see this page.');
    }
    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    const abuja = page.locator('[data-testid="orgs-table"] tr', { hasText: 'NCB Abuja (Nigeria)' });
    expect(await abuja.textContent()).toContain('ncb-abuja@demo.invalid');
    // Only the hub's administrators add organisations.
    expect(await page.getByRole('button', { name: 'Add organisation' }).count()).toBe(0);
  });

  it('creates an API key shown once that works against the API, then revokes it so it is refused', async () => {
    // At tablet width: the administration links wrap with the header and stay reachable.
    const page = await open(768);
    await signIn(page, 'fr.supervisor');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    // Administration cannot be given to a key, so it is not offered.
    expect(await page.getByRole('checkbox', { name: 'Manage API keys' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('case-management system');
    await page.getByRole('checkbox', { name: 'Read records' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('key-created').getByTestId('secret-value').textContent()) ?? '';
    expect(key).toMatch(/^psk_/);
    const row = page.locator('[data-testid="api-keys-table"] tbody tr', { hasText: 'case-management system' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Read records');
    await screenshot(page, 'admin-api-keys');

    const me = async () => fetch(`${world.baseUrl}/api/me`, { headers: { authorization: `Bearer ${key}` } });
    const before = await me();
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ role: 'machine', permissions: ['records:read'], organisation: { id: 'ncb-fr' } });

    await row.getByRole('button', { name: 'Revoke' }).click();
    const revoked = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await page.getByRole('dialog', { name: 'Revoke the key case-management system?' }).getByRole('button', { name: 'Revoke' }).click();
    expect((await revoked).status()).toBe(200);
    await page.getByText('The key case-management system is revoked.').waitFor();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await me()).status).toBe(401);
  });

  it('exports through the page’s download link only the records the user may read', async () => {
    const owner = await makeUser(world.store, FR, 'officer');
    await makeRecord(world.store, owner, { properties: { name: ['Bertrand Exportable'] } });
    await makeRecord(world.store, owner, { properties: { name: ['Hortense Confidentielle'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    const page = await open();
    await signIn(page, 'de.analyst');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export records' }).waitFor();
    await page.getByText('Every export is recorded in the audit trail', { exact: false }).waitFor();
    await page.getByLabel('Format').selectOption('ftm');
    await page.getByLabel('Owner').selectOption('ncb-fr');
    await screenshot(page, 'export');

    const href = (await page.getByRole('link', { name: 'Download export' }).getAttribute('href')) ?? '';
    expect(href).toBe('/api/export?format=ftm&ownerOrg=ncb-fr&status=active');
    // The page's own cookies: the same request the browser makes when the link is followed.
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="passerelle-export-.*\.ndjson"$/);
    const lines = (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { schema: string; properties: { name?: string[] }; passerelle: { owner?: string } });
    const names = lines.flatMap((l) => l.properties.name ?? []);
    expect(names).toContain('Bertrand Exportable');
    expect(names).not.toContain('Hortense Confidentielle');
    expect(lines.every((l) => typeof l.schema === 'string')).toBe(true);

    // CSV holds one record type: the link appears once it is chosen.
    await page.getByLabel('Format').selectOption('csv');
    expect(await page.getByRole('link', { name: 'Download export' }).count()).toBe(0);
    await page.getByLabel('Record type').selectOption('Person');
    const csv = await page.request.get((await page.getByRole('link', { name: 'Download export' }).getAttribute('href')) ?? '');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Bertrand Exportable');
  });

  it('shows a QR code with an accessible name beside the secret when a user must enrol an authenticator', async () => {
    await insertUser(world.store, { username: 'ng.newcomer', displayName: 'Ada Eze', orgId: 'ncb-ng', role: 'officer', password: 'a long enough passphrase 2026', locale: 'en' });
    const page = await open();
    await page.goto('/');
    await page.getByLabel('Username').fill('ng.newcomer');
    await page.getByLabel('Password').fill('a long enough passphrase 2026');
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    expect(await page.locator('svg[role="img"][aria-label]').count()).toBe(1);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    // For those who cannot scan, the secret stays as text.
    expect(await page.getByTestId('totp-secret').textContent()).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'sign-in-enrolment-qr');
  });
});
