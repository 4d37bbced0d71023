import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg } from '../../test/factories.ts';
import type { CliContext } from '../cli/context.ts';
import { main } from '../cli/main.ts';
import { loadConfig } from '../kernel/config.ts';
import type { Store } from '../kernel/store/store.ts';
import { verifyPassword } from '../auth/passwords.ts';
import sql from 'sql-template-tag';

let store: Store;

beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => store.close());

/** Runs `passerelle …` against the test database, capturing what it prints. */
async function passerelle(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // The commands close the store they open; the test keeps this one for the next command.
  const shared: Store = Object.assign(Object.create(store) as Store, { close: async () => undefined });
  const cli: CliContext = {
    config: () => loadConfig({ PASSERELLE_DATA: '/tmp/unused' }),
    openStore: async () => shared,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
  };
  const code = await main(['node', 'passerelle', ...args], cli);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe('passerelle orgs', () => {
  it('creates an organisation and lists it in an aligned table or as JSON', async () => {
    const id = `unit-${unique()}`;
    const created = await passerelle('orgs', 'create', '--id', id, '--name', 'Maritime unit', '--kind', 'unit', '--contact', 'ops@example.org');
    expect(created).toMatchObject({ code: 0, out: `Organisation ${id} (Maritime unit) created.` });

    const table = await passerelle('orgs', 'list');
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+COUNTRY\s+NAME\s+CONTACT\s+ACTIVE$/);
    const row = lines.find((l) => l.startsWith(id));
    expect(row).toMatch(new RegExp(`^${id}\\s+unit\\s+-\\s+Maritime unit\\s+ops@example.org\\s+true$`));
    expect(row?.indexOf('unit ')).toBe(lines[0]?.indexOf('KIND'));

    const json = JSON.parse((await passerelle('orgs', 'list', '--json')).out) as { id: string }[];
    expect(json).toContainEqual(expect.objectContaining({ id, contact: 'ops@example.org' }));
  });

  it('exits with a usage error for a missing option and a failure for invalid data', async () => {
    const usage = await passerelle('orgs', 'create', '--id', 'x-1', '--name', 'No kind');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("required option '--kind <kind>' not specified");
    const invalid = await passerelle('orgs', 'create', '--id', `ncb-${unique()}`, '--name', 'Bureau', '--kind', 'ncb');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('country: a National Central Bureau needs its country');
  });
});

describe('passerelle users', () => {
  it('creates a user and prints the generated password once', async () => {
    const org = await makeOrg(store);
    const username = `cli-${unique()}`;
    const created = await passerelle('users', 'create', '--username', username, '--name', 'Console User', '--org', org.id, '--role', 'officer', '--json');
    expect(created.code).toBe(0);
    const body = JSON.parse(created.out) as { user: { id: string }; generatedPassword: string };
    const { rows } = await store.query<{ password_hash: string }>(sql`SELECT password_hash FROM users WHERE id = ${body.user.id}`);
    expect(await verifyPassword(rows[0]?.password_hash ?? '', body.generatedPassword)).toBe(true);

    const listed = await passerelle('users', 'list', '--org', org.id);
    expect(listed.out.split('\n')).toEqual([
      expect.stringMatching(/^USERNAME\s+NAME\s+ORGANISATION\s+ROLE\s+ACTIVE\s+2FA\s+LOCKED UNTIL$/),
      expect.stringMatching(/^-+ +-+/),
      expect.stringMatching(new RegExp(`^${username}\\s+Console User\\s+${org.id}\\s+officer\\s+true\\s+false\\s+-$`)),
    ]);
  });

  it('unlocks, resets and deactivates a user named by username', async () => {
    const org = await makeOrg(store);
    const username = `cli-${unique()}`;
    await passerelle('users', 'create', '--username', username, '--name', 'Someone', '--org', org.id, '--role', 'analyst', '--password', 'a long enough passphrase');
    expect((await passerelle('users', 'unlock', username)).out).toBe(`User ${username}: unlocked.`);
    expect((await passerelle('users', 'reset-totp', username)).out).toContain('must enrol a new authenticator');
    const reset = await passerelle('users', 'reset-password', username);
    expect(reset.out).toMatch(/Password: \S{24}\n/);
    expect((await passerelle('users', 'deactivate', username)).out).toBe(`User ${username}: deactivated.`);
    const again = await passerelle('users', 'deactivate', username);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already deactivated');
    expect((await passerelle('users', 'unlock', 'nobody-here')).code).toBe(1);
  });

  it('explains its options in --help', async () => {
    const help = await passerelle('users', 'create', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--role <role>\s+what the user may do \(choices: "officer"/);
    expect(help.out).toContain('without --password a strong one is generated');
  });
});
