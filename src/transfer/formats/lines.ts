import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** One line of a text file, numbered from 1, without its line break. */
export interface TextLine {
  line: number;
  text: string;
  /** Set instead of `text` when the line was longer than the limit (its content is skipped). */
  tooLong?: boolean;
}

/** Longer lines are reported and skipped rather than held in memory. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/**
 * Splits a byte stream into lines (\n or \r\n), decoding UTF-8 across chunk boundaries and
 * dropping a leading byte-order mark. Memory stays flat: at most one partial line is held,
 * and a line over `maxChars` is reported as too long instead of growing without bound.
 *
 * @example for await (const { line, text } of readLines(fs.createReadStream(file))) …
 */
export async function* readLines(input: Readable, maxChars = MAX_LINE_CHARS): AsyncGenerator<TextLine> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let skipping = false;
  const emit = (raw: string): TextLine => {
    line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return line === 1 && text.charCodeAt(0) === 0xfeff ? { line, text: text.slice(1) } : { line, text };
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (skipping) {
        skipping = false;
        line += 1;
        yield { line, text: '', tooLong: true };
      } else {
        yield emit(text.slice(start, end));
      }
      start = end + 1;
    }
    rest = text.slice(start);
    if (rest.length > maxChars) {
      skipping = true;
      rest = '';
    }
  }
  rest += decoder.end();
  if (skipping) yield { line: line + 1, text: '', tooLong: true };
  else if (rest.length) yield emit(rest);
}
