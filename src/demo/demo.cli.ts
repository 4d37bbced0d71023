import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { withStore, type CommandModule } from '../cli/context.ts';
import { totpCode } from '../auth/totp.ts';
import { DEMO_USERS, demoTotpSecret } from './demo-cast.ts';
import { ensureDemoData, formatDemoLogins } from './demo.ts';
import { generateEntities } from './generator/index.ts';
import { writeFtmLines } from './generator/write.ts';

const positiveInteger = (value: string): number => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of at least 1.');
  return n;
};

const rate = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('give a share between 0 and 1 (e.g. 0.1 for one person in ten).');
  return n;
};

interface GenerateFlags {
  count: number;
  seed: string;
  duplicates: number;
  persons?: boolean;
  output?: string;
  truth?: string;
}

export const demoCommands: CommandModule = (program, cli) => {
  program
    .command('demo')
    .description('Seed the demo dataset (organisations, a user of every role, ~400 multi-script records) and print the logins')
    .option('--force', 'also seed into a database that already has organisations (adds only what is missing)')
    .action(async (options: { force?: boolean }) => {
      const summary = await withStore(cli, (store) => ensureDemoData(store, cli.config(), { log: (line) => cli.err(line), force: options.force ?? false }));
      cli.out(formatDemoLogins(summary));
    });

  program
    .command('demo-code')
    .description("Print a demo user's current six-digit sign-in code (demo users' TOTP secrets are fixed)")
    .argument('<username>', 'a demo user, e.g. fr.officer')
    .action((username: string) => {
      if (!DEMO_USERS.some((u) => u.username === username)) {
        program.error(`error: ${username} is not a demo user; they are: ${DEMO_USERS.map((u) => u.username).join(', ')}`, { exitCode: 2 });
      }
      cli.out(totpCode(demoTotpSecret(username)));
    });

  program
    .command('generate')
    .description('Write synthetic FollowTheMoney entities as JSON lines (stdout by default), the same for the same seed')
    .requiredOption('--count <n>', 'how many entities', positiveInteger)
    .option('--seed <seed>', 'seed: the same seed gives the same entities', '1')
    .option('--duplicates <rate>', 'share of persons also recorded by another bureau, with variations (0–1)', rate, 0)
    .option('--persons', 'persons only (as in a bulk nominal file), no groups, documents, vehicles or payments')
    .option('--output <file>', 'write the entities to this file instead of stdout')
    .option('--truth <file>', 'write which records are the same person, as JSON lines {id, sameAs, identity, variations}')
    .action(async (flags: GenerateFlags) => {
      const out = flags.output ? fs.createWriteStream(flags.output) : process.stdout;
      const truth = flags.truth ? fs.createWriteStream(flags.truth) : undefined;
      const entities = generateEntities({ seed: flags.seed, count: flags.count, duplicates: flags.duplicates, kind: flags.persons ? 'persons' : 'cases' });
      const progress = cli.interactive && flags.output ? (n: number) => process.stderr.write(`\rgenerated ${n.toLocaleString('en')} / ${flags.count.toLocaleString('en')}`) : undefined;
      const summary = await writeFtmLines(entities, out, { truth, onProgress: progress });
      if (progress) process.stderr.write('\n');
      await Promise.all([out !== process.stdout ? close(out) : undefined, truth ? close(truth) : undefined]);
      cli.err(`Wrote ${summary.entities} entities (${summary.duplicates} duplicate person records) to ${flags.output ?? 'stdout'}${flags.truth ? `; truth in ${flags.truth}` : ''}.`);
    });
};

async function close(stream: Writable): Promise<void> {
  stream.end();
  await finished(stream);
}
