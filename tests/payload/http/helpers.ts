/** Shared helpers for the HTTP parser tests: chunked feeding and collecting exchanges. */
import type { Direction, HttpExchange } from '../../../src/payload/types.js';

export const CHUNK_PATTERNS = [1, 2, 3, 5, 8, 13] as const;

export function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function text(data: Uint8Array | undefined): string {
  return Buffer.from(data ?? new Uint8Array(0)).toString('latin1');
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Splits data into pieces of `size` octets. */
export function pieces(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

export interface StreamParser {
  push(dir: Direction, data: Uint8Array, frame: number): void;
  end(): void;
}

/**
 * Feeds both directions in `size`-octet pieces, alternating (each piece its own frame number), then ends.
 * `order` 'interleaved' alternates out/in pieces; 'out-first' pushes all of 'out' first.
 */
export function feed(
  parser: StreamParser,
  out: Uint8Array,
  inbound: Uint8Array,
  size: number,
  order: 'interleaved' | 'out-first' | 'in-first' = 'interleaved',
): void {
  const o = pieces(out, size);
  const n = pieces(inbound, size);
  let frame = 1;
  if (order === 'out-first') {
    for (const p of o) parser.push('out', p, frame++);
    for (const p of n) parser.push('in', p, frame++);
  } else if (order === 'in-first') {
    for (const p of n) parser.push('in', p, frame++);
    for (const p of o) parser.push('out', p, frame++);
  } else {
    for (let i = 0; i < Math.max(o.length, n.length); i++) {
      const a = o[i];
      const b = n[i];
      if (a) parser.push('out', a, frame++);
      if (b) parser.push('in', b, frame++);
    }
  }
  parser.end();
}

export function collector(): { exchanges: HttpExchange[]; sink: (e: HttpExchange) => void } {
  const exchanges: HttpExchange[] = [];
  return { exchanges, sink: (e) => exchanges.push(e) };
}

export function header(
  e: HttpExchange | undefined,
  name: string,
  side: 'request' | 'response' = 'request',
): string | undefined {
  const list = (side === 'request' ? e?.requestHeaders : e?.responseHeaders) ?? [];
  return list.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
