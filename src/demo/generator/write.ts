import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { truthOf, type GeneratedEntity } from './index.ts';

/**
 * Writes generated entities as FollowTheMoney JSON lines (and, optionally, the truth about
 * duplicates as JSON lines of `{id, sameAs, identity, variations}`), in 64 KiB chunks and
 * respecting back-pressure, so a million entities stream through a few MiB of memory.
 */
export interface WriteSummary {
  entities: number;
  duplicates: number;
  bytes: number;
}

const CHUNK = 64 * 1024;

export async function writeFtmLines(
  generated: Iterable<GeneratedEntity>,
  out: Writable,
  options: { truth?: Writable; onProgress?: (written: number) => void } = {},
): Promise<WriteSummary> {
  const summary: WriteSummary = { entities: 0, duplicates: 0, bytes: 0 };
  let buffer = '';
  let truthBuffer = '';
  const flush = async (stream: Writable, text: string) => {
    if (text && !stream.write(text)) await once(stream, 'drain');
  };
  for (const item of generated) {
    const line = `${JSON.stringify(item.entity)}\n`;
    buffer += line;
    summary.entities += 1;
    summary.bytes += Buffer.byteLength(line);
    const truth = truthOf(item);
    if (truth) {
      summary.duplicates += 1;
      if (options.truth) truthBuffer += `${JSON.stringify(truth)}\n`;
    }
    if (buffer.length >= CHUNK) {
      await flush(out, buffer);
      buffer = '';
      options.onProgress?.(summary.entities);
    }
    if (options.truth && truthBuffer.length >= CHUNK) {
      await flush(options.truth, truthBuffer);
      truthBuffer = '';
    }
  }
  await flush(out, buffer);
  if (options.truth) await flush(options.truth, truthBuffer);
  options.onProgress?.(summary.entities);
  return summary;
}
