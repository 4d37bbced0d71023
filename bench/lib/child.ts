import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PeakRss } from './memory.ts';

/**
 * Runs one side of a benchmark in its own Node process, so each side's peak memory is its
 * own. The child prints exactly one JSON line on stdout (its result); its stderr goes to
 * ours, for progress.
 *
 * @example
 *   // parent
 *   const result = await runChild<Output>(new URL('./ingest.child.ts', import.meta.url), { target: 'pglite' });
 *   // child
 *   await childMain<Input, Output>(async (input) => ({ recordsPerSecond: 1 }));
 */
export async function runChild<Output>(script: URL, input: unknown): Promise<Output> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script), JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`benchmark child ${fileURLToPath(script)} exited with ${code}${last ? `: ${last}` : ''}`);
  return JSON.parse(last) as Output;
}

/** What childMain adds to every child's result. */
export interface ChildMeasures {
  peakRssMiB: number;
  /** CPU time (user + system) the child process used: compare with elapsed time to see whether it waited. */
  cpuSeconds: number;
}

/** The child side: reads its input, measures peak RSS and CPU around `work`, prints the result as one JSON line. */
export async function childMain<Input, Output extends object>(work: (input: Input) => Promise<Output>): Promise<void> {
  const peak = new PeakRss();
  const cpu = process.cpuUsage();
  const input = JSON.parse(process.argv[2] ?? '{}') as Input;
  const output = await work(input);
  const used = process.cpuUsage(cpu);
  const measures: ChildMeasures = { peakRssMiB: peak.stop(), cpuSeconds: (used.user + used.system) / 1e6 };
  process.stdout.write(`${JSON.stringify({ ...output, ...measures })}\n`);
}
