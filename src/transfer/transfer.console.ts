import { CommanderError } from 'commander';
import { EXIT, type CliContext } from '../cli/context.ts';
import { systemActor, type Actor, type OrgKind } from '../kernel/access/actor.ts';
import type { Store } from '../kernel/store/store.ts';
import { organisationKind } from './import.repository.ts';

/** A usage error: the message (and any problems) on stderr, exit code 2. */
export function usageError(cli: CliContext, message: string, problems: { field: string; message: string }[] = []): CommanderError {
  cli.err(`passerelle: ${message}`);
  for (const p of problems) cli.err(`  ${p.field}: ${p.message}`);
  return new CommanderError(EXIT.usage, 'passerelle.usage', message);
}

/** The operator at the console acts for an organisation, with that organisation's kind (so its access rule). */
export async function consoleActor(cli: CliContext, store: Store, orgId: string, flag: string): Promise<Actor> {
  const kind = await organisationKind(store, orgId);
  if (!kind) {
    throw usageError(cli, `organisation "${orgId}" does not exist in this database: create it first, or name another with ${flag}.`);
  }
  return systemActor(orgId, kind as OrgKind);
}
