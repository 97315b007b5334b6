/**
 * Test helpers for the QUIC decoder: a SecretLookup from NSS key log text (a small stand-in for the project's
 * key store, so these tests depend only on the contract), and a handler that collects each stream's bytes and
 * checks the handler contract (no bytes after fin, fin once).
 */
import { QuicConnectionDecoder, type QuicStreamHandler } from '../../../src/payload/quic/quic-connection-decoder.js';
import type { Direction, SecretLabel, SecretLookup } from '../../../src/payload/types.js';
import type { QuicDatagram } from '../../../src/writer/quic-protected-builder.js';

export function keyLogLookup(text: string): SecretLookup {
  const map = new Map<string, Uint8Array>();
  for (const line of text.split(/\r?\n/)) {
    const [label, random, secret] = line.trim().split(/\s+/);
    if (label === undefined || random === undefined || secret === undefined || label.startsWith('#')) continue;
    map.set(`${label} ${random.toLowerCase()}`, Buffer.from(secret, 'hex'));
  }
  return {
    secret: (clientRandom: Uint8Array, label: SecretLabel) =>
      map.get(`${label} ${Buffer.from(clientRandom).toString('hex')}`),
    size: map.size,
  };
}

export const EMPTY_LOOKUP: SecretLookup = { secret: () => undefined, size: 0 };

export class StreamCollector implements QuicStreamHandler {
  readonly data = new Map<string, Buffer>();
  readonly fins = new Set<string>();
  readonly errors: string[] = [];
  calls = 0;

  onStreamData(dir: Direction, streamId: number, data: Uint8Array, fin: boolean, frame: number): void {
    this.calls++;
    const key = `${dir}:${streamId}`;
    if (this.fins.has(key)) this.errors.push(`${key}: data after fin`);
    if (!Number.isInteger(frame)) this.errors.push(`${key}: bad frame ${frame}`);
    this.data.set(key, Buffer.concat([this.data.get(key) ?? Buffer.alloc(0), data]));
    if (fin) this.fins.add(key);
  }

  text(dir: Direction, streamId: number): string {
    return (this.data.get(`${dir}:${streamId}`) ?? Buffer.alloc(0)).toString('latin1');
  }
}

/** Feeds datagrams (frame numbers 1..n in the order given) to a new decoder. */
export function decode(
  datagrams: readonly QuicDatagram[],
  lookup: SecretLookup,
): { decoder: QuicConnectionDecoder; collector: StreamCollector } {
  const collector = new StreamCollector();
  const decoder = new QuicConnectionDecoder(lookup, collector);
  datagrams.forEach((d, i) => {
    decoder.onDatagram(d.dir, d.bytes, 0, d.bytes.length, i + 1);
  });
  return { decoder, collector };
}

/** Deterministic shuffle (Fisher-Yates with a linear congruential generator). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export const text = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** Bytes 0..n-1 modulo 251, so misplaced bytes show. */
export function pattern(n: number, salt = 0): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i + salt) % 251);
}
