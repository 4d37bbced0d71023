import { Option, type Command } from 'commander';
import { withStore, type CliContext, type CommandModule } from '../cli/context.ts';
import { ORG_KINDS, ROLES, systemActor, type OrgKind, type Role } from '../kernel/access/actor.ts';
import type { Organisation, UserSummary } from './orgs.repository.ts';
import { LOCALES, type Locale } from './orgs.schema.ts';
import { OrgsService, type AdminAction, type UserWithPassword } from './orgs.service.ts';
import { formatTable, type Column } from '../cli/table.ts';

// The operator at the console has the machine in hand: they act for the hub.
const operator = () => systemActor('hub');

const ORG_COLUMNS: Column<Organisation>[] = [
  { key: 'id', title: 'ID' },
  { key: 'kind', title: 'KIND' },
  { key: 'country', title: 'COUNTRY' },
  { key: 'name', title: 'NAME' },
  { key: 'contact', title: 'CONTACT' },
  { key: 'active', title: 'ACTIVE' },
];

const USER_COLUMNS: Column<UserSummary>[] = [
  { key: 'username', title: 'USERNAME' },
  { key: 'displayName', title: 'NAME' },
  { key: 'orgId', title: 'ORGANISATION' },
  { key: 'role', title: 'ROLE' },
  { key: 'active', title: 'ACTIVE' },
  { key: 'totpEnabled', title: '2FA' },
  { key: 'lockedUntil', title: 'LOCKED UNTIL' },
];

const run = <T>(cli: CliContext, work: (orgs: OrgsService) => Promise<T>) => withStore(cli, (store) => work(new OrgsService(store)));

function print<T>(cli: CliContext, json: boolean | undefined, value: T, text: (value: T) => string): void {
  cli.out(json ? JSON.stringify(value, null, 2) : text(value));
}

export const orgsCommands: CommandModule = (program, cli) => {
  registerOrgs(program.command('orgs').description('The directory of member organisations'), cli);
  registerUsers(program.command('users').description('User accounts: create, list, unlock, reset, deactivate'), cli);
};

function registerOrgs(orgs: Command, cli: CliContext): void {
  orgs
    .command('list')
    .description('List organisations with their contact details')
    .option('--all', 'include deactivated organisations')
    .option('--json', 'print JSON instead of a table')
    .action(async (o: { all?: boolean; json?: boolean }) => {
      const items = await run(cli, (s) => s.listOrganisations(operator(), { includeInactive: o.all ?? false }));
      print(cli, o.json, items, (rows) => formatTable(rows, ORG_COLUMNS));
    });

  orgs
    .command('create')
    .description('Add an organisation (a National Central Bureau needs its country)')
    .requiredOption('--id <id>', 'short identifier, e.g. ncb-fr (lower-case letters, digits, hyphens)')
    .requiredOption('--name <name>', 'full name, e.g. "NCB Paris"')
    .addOption(new Option('--kind <kind>', 'kind of organisation').choices(ORG_KINDS).makeOptionMandatory())
    .option('--country <code>', 'two-letter ISO country code, e.g. fr')
    .option('--contact <text>', 'how others reach it: duty desk, e-mail, phone')
    .option('--json', 'print JSON')
    .action(async (o: { id: string; name: string; kind: OrgKind; country?: string; contact?: string; json?: boolean }) => {
      const org = await run(cli, (s) => s.createOrganisation(operator(), { id: o.id, name: o.name, kind: o.kind, country: o.country ?? null, contact: o.contact ?? null }));
      print(cli, o.json, org, (created) => `Organisation ${created.id} (${created.name}) created.`);
    });
}

function registerUsers(users: Command, cli: CliContext): void {
  users
    .command('list')
    .description('List user accounts')
    .option('--org <id>', "only this organisation's users")
    .option('--json', 'print JSON instead of a table')
    .action(async (o: { org?: string; json?: boolean }) => {
      const items = await run(cli, (s) => s.listUsers(operator(), { orgId: o.org }));
      print(cli, o.json, items, (rows) => formatTable(rows, USER_COLUMNS));
    });

  users
    .command('create')
    .description('Create a user; without --password a strong one is generated and printed once')
    .requiredOption('--username <username>', 'sign-in name (lower-case letters, digits, . _ -)')
    .requiredOption('--name <display name>', 'the person\'s name as colleagues see it')
    .requiredOption('--org <id>', 'organisation the user belongs to')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option('--password <password>', 'initial password, at least 12 characters (visible in shell history: prefer the generated one)')
    .addOption(new Option('--locale <locale>', 'interface language').choices(LOCALES).default('en'))
    .option('--json', 'print JSON')
    .action(async (o: { username: string; name: string; org: string; role: Role; password?: string; locale: Locale; json?: boolean }) => {
      const created = await run(cli, (s) =>
        s.createUser(operator(), { username: o.username, displayName: o.name, orgId: o.org, role: o.role, password: o.password, locale: o.locale }),
      );
      print(cli, o.json, created, (r) => withPassword(`User ${r.user.username} (${r.user.role}, ${r.user.orgId}) created; they enrol their authenticator app at first sign-in.`, r));
    });

  const actions: { name: string; action: AdminAction; description: string; done: string }[] = [
    { name: 'unlock', action: 'unlock', description: 'Unlock an account locked after failed sign-ins', done: 'unlocked' },
    { name: 'reset-totp', action: 'reset_totp', description: 'Clear the second factor; the user enrols a new authenticator at next sign-in', done: 'must enrol a new authenticator at next sign-in' },
    { name: 'deactivate', action: 'deactivate', description: 'Deactivate an account: no more sign-ins, current sessions end', done: 'deactivated' },
  ];
  for (const { name, action, description, done } of actions) {
    users
      .command(`${name} <user>`)
      .description(`${description} (<user>: username or id)`)
      .option('--json', 'print JSON')
      .action(async (user: string, o: { json?: boolean }) => {
        const updated = await run(cli, (s) => s.changeUser(operator(), user, action));
        print(cli, o.json, updated, (u) => `User ${u.username}: ${done}.`);
      });
  }

  users
    .command('reset-password <user>')
    .description('Set a new password (generated and printed once without --password); unlocks and signs the user out (<user>: username or id)')
    .option('--password <password>', 'the new password, at least 12 characters')
    .option('--json', 'print JSON')
    .action(async (user: string, o: { password?: string; json?: boolean }) => {
      const result = await run(cli, (s) => s.resetPassword(operator(), user, o.password));
      print(cli, o.json, result, (r) => withPassword(`Password of ${r.user.username} reset; their sessions have ended.`, r));
    });
}

const withPassword = (message: string, r: UserWithPassword): string =>
  r.generatedPassword ? `${message}\nPassword: ${r.generatedPassword}\n(Shown only now: hand it over securely.)` : message;
