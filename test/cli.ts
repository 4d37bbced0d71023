import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.ts';
import { createCliContext } from '../src/cli/context.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process against its own data directory, capturing what it prints. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const cli = { ...createCliContext(env), out: (l: string) => out.push(l), err: (l: string) => err.push(l), interactive: false };
  process.exitCode = undefined;
  const code = await main(['node', 'passerelle', ...args], cli);
  process.exitCode = undefined;
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-test-'));
}
