import { once } from 'node:events';
import fs from 'node:fs';
import { validationFailed } from '../kernel/errors.ts';
import type { RejectedLine } from './import.batches.ts';

/** The rejects file: every rejected line as JSON {"line", "reason", "source"}, in file order. */
export class RejectsFile {
  private failure: Error | undefined;

  private constructor(private readonly out: fs.WriteStream) {
    out.on('error', (error) => (this.failure = error));
  }

  /** Opens (truncates) the file now, so a wrong path fails before anything is imported. */
  static open(file: string): RejectsFile {
    try {
      return new RejectsFile(fs.createWriteStream('', { fd: fs.openSync(file, 'w') }));
    } catch (error) {
      throw validationFailed([{ field: 'rejects', message: `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
    }
  }

  async write(rejects: RejectedLine[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (rejects.length === 0) return;
    const text = rejects.map((r) => `${JSON.stringify({ line: r.line, reason: r.reason, source: typeof r.source === 'string' ? asJson(r.source) : r.source })}\n`).join('');
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.out.closed) return;
    this.out.end();
    await once(this.out, 'close');
  }
}

/** A line that parses is shown as the entity it holds; one that does not, as its text. */
function asJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
