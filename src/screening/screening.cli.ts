import fs from 'node:fs';
import readline from 'node:readline';
import { Option, type Command } from 'commander';
import sql from 'sql-template-tag';
import { EXIT, withStore, type CliContext, type CommandModule } from '../cli/context.ts';
import { systemActor } from '../kernel/access/actor.ts';
import { isAppError } from '../kernel/errors.ts';
import type { Store } from '../kernel/store/store.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import { DEFAULT_THRESHOLD, ScreeningService, type ScreeningQuery } from './screening.service.ts';

const HELP = `
Input: JSON lines {"id", "name"?, "birthDate"?, "nationality"?, "gender"?, "documentNumber"?, "mrz"?}.
Output, in input order, one JSON line per query: {"id", "matches": [{"recordId", "sourceId", "score", "explanation", …}]},
best first, and "mrz" (what was read, which check digits failed) when the line had one.
A line that cannot be read gives {"id", "matches": [], "error"} and the exit status 3.
Runs as the console operator (the hub): every record is visible. Every match is recorded
as a hit (audited; the record's owner is notified, as for a check through the API).

Example:
  echo '{"id":"1","name":"Usama bin Ladin","birthDate":"1957"}' > q.jsonl
  passerelle screen --input q.jsonl --dataset ofac --limit 3`;

interface ScreenFlags {
  input: string;
  dataset?: string[];
  threshold: string;
  limit: string;
}

export const screeningCommands: CommandModule = (program: Command, cli: CliContext) => {
  program
    .command('screen')
    .description('Screen a list of people, documents or vehicles against the records')
    .requiredOption('--input <file>', 'JSON lines to screen ("-" reads standard input)')
    .addOption(new Option('--dataset <name...>', 'only records of this dataset (repeatable)'))
    .option('--threshold <score>', 'lowest score reported, 0..1', String(DEFAULT_THRESHOLD))
    .option('--limit <n>', 'most matches per query', '10')
    .addHelpText('after', HELP)
    .action(async (flags: ScreenFlags) => {
      process.exitCode = await screenAction(cli, flags);
    });
};

async function screenAction(cli: CliContext, flags: ScreenFlags): Promise<number> {
  const threshold = Number(flags.threshold);
  const limit = Number(flags.limit);
  if (!(threshold >= 0 && threshold <= 1) || !(Number.isInteger(limit) && limit > 0)) {
    cli.err('--threshold must be a number in 0..1 and --limit a positive whole number');
    return EXIT.usage;
  }
  return withStore(cli, async (store) => {
    const sync = new NameIndexSync(store, { shards: cli.config().indexShards });
    const screening = new ScreeningService(store, sync);
    try {
      const actor = systemActor(await hubId(store));
      const input = flags.input === '-' ? process.stdin : fs.createReadStream(flags.input);
      let failed = 0;
      let line = 0;
      for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
        line += 1;
        if (!text.trim()) continue;
        const parsed = parseQuery(text);
        const id = parsed.id ?? String(line);
        try {
          if (parsed.error) throw new Error(parsed.error);
          const { matches, mrz } = await screening.screen(actor, parsed.query, { datasets: flags.dataset, threshold, limit });
          cli.out(JSON.stringify({ id, matches, ...(mrz ? { mrz } : {}) }));
        } catch (error) {
          failed += 1;
          const message = isAppError(error) || error instanceof Error ? error.message : String(error);
          cli.err(`line ${line}: ${message}`);
          cli.out(JSON.stringify({ id, matches: [], error: message }));
        }
      }
      return failed ? EXIT.problemsFound : EXIT.ok;
    } finally {
      await sync.close();
    }
  });
}

function parseQuery(text: string): { id?: string; query: ScreeningQuery; error?: string } {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const str = (key: string) => (typeof raw[key] === 'string' || typeof raw[key] === 'number' ? String(raw[key]) : undefined);
    return { id: str('id'), query: { name: str('name'), birthDate: str('birthDate'), nationality: str('nationality'), gender: str('gender'), documentNumber: str('documentNumber'), mrz: str('mrz') } };
  } catch {
    return { query: {}, error: 'not a JSON object' };
  }
}

async function hubId(store: Store): Promise<string> {
  const { rows } = await store.query<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'hub' LIMIT 1`);
  return rows[0]?.id ?? 'hub';
}
