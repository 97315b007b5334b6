/** Test helpers: feed a built TLS session to a decoder in chosen chunk patterns and collect what comes out. */
import { parseKeyLog } from '../../../src/payload/keys/key-log.js';
import { KeyStore } from '../../../src/payload/keys/key-store.js';
import { TlsConnectionDecoder } from '../../../src/payload/tls/tls-connection-decoder.js';
import type { Direction } from '../../../src/payload/types.js';
import type { TlsSession } from '../../../src/writer/tls-session-builder.js';

export interface Decoded {
  decoder: TlsConnectionDecoder;
  out: Buffer;
  in: Buffer;
  /** Plaintext deliveries in order, for checking frames and interleaving. */
  calls: { dir: Direction; bytes: number; frame: number }[];
}

export function storeOf(keyLog: string): KeyStore {
  const keys = new KeyStore();
  keys.addKeyLog(parseKeyLog(keyLog));
  return keys;
}

export function newDecoder(keyLog: string): Decoded {
  const parts: Record<Direction, Buffer[]> = { out: [], in: [] };
  const calls: Decoded['calls'] = [];
  const result: Decoded = {
    decoder: new TlsConnectionDecoder(storeOf(keyLog), (dir, data, frame) => {
      parts[dir].push(Buffer.from(data));
      calls.push({ dir, bytes: data.length, frame });
      result.out = Buffer.concat(parts.out);
      result.in = Buffer.concat(parts.in);
    }),
    out: Buffer.alloc(0),
    in: Buffer.alloc(0),
    calls,
  };
  return result;
}

/** Pushes `bytes` in chunks whose sizes cycle through `sizes`; frame numbers count the chunks from `frame`. */
export function pushChunked(
  d: TlsConnectionDecoder,
  dir: Direction,
  bytes: Uint8Array,
  sizes: number[] = [bytes.length],
  frame = 1,
): number {
  let f = frame;
  let k = 0;
  for (let off = 0; off < bytes.length; f++) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    d.push(dir, bytes.subarray(off, off + n), f);
    off += n;
  }
  return f;
}

/** Feeds the session's flights in exchange order (as a capture would), each cut into `sizes`. */
export function decodeFlights(session: TlsSession, keyLog = session.keyLog, sizes?: number[]): Decoded {
  const d = newDecoder(keyLog);
  let frame = 1;
  for (const f of session.flights)
    frame = pushChunked(d.decoder, f.from === 'client' ? 'out' : 'in', f.bytes, sizes, frame);
  return d;
}

export function concatPayloads(parts: Uint8Array[] | undefined): Buffer {
  return Buffer.concat((parts ?? []).map((p) => Buffer.from(p)));
}
