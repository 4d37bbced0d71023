import type { Command } from 'commander';
import { loadConfig, type Config } from '../kernel/config.ts';
import { openStore } from '../kernel/store/open.ts';
import type { Store } from '../kernel/store/store.ts';

/** What a CLI command needs: configuration from the environment, the store, and output streams. */
export interface CliContext {
  config(): Config;
  /** Opens and migrates the configured database; the command closes it. */
  openStore(): Promise<Store>;
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal: progress bars go there. */
  interactive: boolean;
}

export function createCliContext(env: Record<string, string | undefined> = process.env): CliContext {
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig(env));
  return {
    config: getConfig,
    openStore: () => openStore(getConfig()),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: Boolean(process.stderr.isTTY),
  };
}

/** A capability's commands, added to the program by main. */
export type CommandModule = (program: Command, cli: CliContext) => void;

/** Exit codes a shell user can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, problemsFound: 3 } as const;

/** Runs `work` with an open store, closing it whatever happens. */
export async function withStore<T>(cli: CliContext, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await cli.openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
