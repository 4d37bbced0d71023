import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { auditCommands } from '../audit/audit.cli.ts';
import { authCommands } from '../auth/auth.cli.ts';
import { demoCommands } from '../demo/demo.cli.ts';
import { ConfigError } from '../kernel/config.ts';
import { isAppError } from '../kernel/errors.ts';
import { orgsCommands } from '../orgs/orgs.cli.ts';
import { openApiCommands } from '../server/openapi.cli.ts';
import { screeningCommands } from '../screening/screening.cli.ts';
import { serveCommands } from '../server/serve.cli.ts';
import { transferCommands } from '../transfer/transfer.cli.ts';
import { createCliContext, EXIT, type CliContext, type CommandModule } from './context.ts';

const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const COMMAND_MODULES: CommandModule[] = [serveCommands, demoCommands, transferCommands, screeningCommands, orgsCommands, authCommands, auditCommands, openApiCommands];

export function buildProgram(cli: CliContext): Command {
  const program = new Command('passerelle')
    .description('Passerelle: international police cooperation platform.\nData directory: $PASSERELLE_DATA (default ./passerelle-data), or a PostgreSQL server: $DATABASE_URL.')
    .version(PACKAGE_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ writeOut: (s) => cli.out(s.trimEnd()), writeErr: (s) => cli.err(s.trimEnd()) });
  for (const register of COMMAND_MODULES) register(program, cli);
  program.commands.forEach((c) => applyExitOverride(c));
  return program;
}

function applyExitOverride(command: Command) {
  command.exitOverride();
  command.commands.forEach((c) => applyExitOverride(c));
}

/** Runs the CLI and returns the process exit code; never throws. */
export async function main(argv: string[], cli: CliContext = createCliContext()): Promise<number> {
  const program = buildProgram(cli);
  // Commands report non-zero outcomes through process.exitCode; start each run clean.
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      cli.err(error.message);
      return EXIT.usage;
    }
    if (isAppError(error)) {
      cli.err(`passerelle: ${error.message}`);
      const problems = error.details?.problems;
      if (Array.isArray(problems)) for (const p of problems as { field: string; message: string }[]) cli.err(`  ${p.field}: ${p.message}`);
      return EXIT.failure;
    }
    cli.err(`passerelle: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}
