/**
 * The lines and bytes of a log input, counted as its reader consumes it: what the closing line and --stats say
 * was read from a log (a capture says packets). Counted here rather than by the log parsers so that every
 * format, and damaged input cut short, is counted the same way: newline bytes, plus a last line without one.
 */
import type { InputSource } from '../ingest/source.js';

export interface LineTally {
  lines: number;
  /** Decompressed bytes. */
  bytes: number;
}

const NL = 0x0a;

export function countedLines(source: InputSource): { source: InputSource; tally: () => LineTally } {
  let lines = 0;
  let bytes = 0;
  let last = NL;
  const inner = source.chunks;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of inner) {
      // Counted before the chunk is handed on: a reader may reuse its buffer once it asks for the next.
      for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, i + 1)) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1] ?? NL;
      bytes += chunk.length;
      yield chunk;
    }
  }
  return {
    source: { ...source, chunks: chunks() },
    tally: () => ({ lines: lines + (last === NL ? 0 : 1), bytes }),
  };
}
