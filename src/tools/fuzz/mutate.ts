/**
 * Byte-level mutations, the classic set of a mutation fuzzer (AFL's havoc stage in small): bit flips, "interesting"
 * values written over length and offset fields in both byte orders, inserted and deleted runs, pieces copied from
 * elsewhere in the input or from another input (splicing), truncation, and tokens of the format (dictionary).
 * Deterministic for a given random source, so a campaign with the same seed makes the same inputs.
 */
import { mulberry32 } from '../../core/prng.js';

export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  /** A float in [0, 1). */
  float(): number {
    return this.#next();
  }
  /** An integer in [0, n) (0 when n ≤ 0). */
  below(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.#next() * n);
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const v = items[this.below(items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
}

/** Values that make parsers take their boundary paths when written into a length, count or offset field. */
const INTERESTING_32 = [
  0, 1, 2, 3, 4, 7, 8, 12, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511, 512, 1023, 1024, 4095, 4096, 0x7fff, 0x8000,
  0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
];

/** Inputs grow at most to this size (bounded work per execution). */
export const MAX_INPUT_BYTES = 1 << 20;

type Mutator = (b: Uint8Array, rng: Rng, other: Uint8Array, dict: readonly Uint8Array[]) => Uint8Array;

const MUTATORS: Mutator[] = [
  // Bit flip.
  (b, rng) => {
    if (b.length === 0) return b;
    const i = rng.below(b.length);
    b[i] = (b[i] ?? 0) ^ (1 << rng.below(8));
    return b;
  },
  // Random byte.
  (b, rng) => {
    if (b.length > 0) b[rng.below(b.length)] = rng.below(256);
    return b;
  },
  // Small add/subtract on a byte (counters, lengths off by a few).
  (b, rng) => {
    if (b.length === 0) return b;
    const i = rng.below(b.length);
    b[i] = ((b[i] ?? 0) + rng.below(35) - 17) & 0xff;
    return b;
  },
  // Interesting 16/32-bit value, either byte order.
  (b, rng) => {
    const width = rng.chance(0.5) ? 2 : 4;
    if (b.length < width) return b;
    const at = rng.below(b.length - width + 1);
    const v = rng.pick(INTERESTING_32);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const le = rng.chance(0.5);
    if (width === 2) view.setUint16(at, v & 0xffff, le);
    else view.setUint32(at, v >>> 0, le);
    return b;
  },
  // Delete a run.
  (b, rng) => {
    if (b.length < 2) return b;
    const at = rng.below(b.length);
    const n = 1 + rng.below(Math.min(b.length - at, rng.chance(0.8) ? 16 : 1024));
    return concat(b.subarray(0, at), b.subarray(at + n));
  },
  // Duplicate a run of the input at another place.
  (b, rng) => {
    if (b.length === 0 || b.length >= MAX_INPUT_BYTES) return b;
    const from = rng.below(b.length);
    const n = 1 + rng.below(Math.min(b.length - from, rng.chance(0.8) ? 32 : 4096));
    const at = rng.below(b.length + 1);
    return concat(b.subarray(0, at), b.subarray(from, from + n), b.subarray(at));
  },
  // Overwrite with a run copied from elsewhere in the input.
  (b, rng) => {
    if (b.length < 2) return b;
    const from = rng.below(b.length);
    const to = rng.below(b.length);
    const n = 1 + rng.below(Math.min(b.length - from, b.length - to, 64));
    b.copyWithin(to, from, from + n);
    return b;
  },
  // Insert random bytes or a repeated byte.
  (b, rng) => {
    if (b.length >= MAX_INPUT_BYTES) return b;
    const n = 1 + rng.below(rng.chance(0.9) ? 8 : 512);
    const ins = new Uint8Array(n);
    if (rng.chance(0.5)) ins.fill(rng.below(256));
    else for (let i = 0; i < n; i++) ins[i] = rng.below(256);
    const at = rng.below(b.length + 1);
    return concat(b.subarray(0, at), ins, b.subarray(at));
  },
  // Truncate.
  (b, rng) => b.subarray(0, rng.below(b.length + 1)),
  // Splice: the head of this input with the tail of another.
  (b, rng, other) => {
    if (other.length === 0) return b;
    const cut = rng.below(b.length + 1);
    const from = rng.below(other.length);
    return concat(b.subarray(0, cut), other.subarray(from));
  },
  // Dictionary token, inserted or written over.
  (b, rng, _other, dict) => {
    if (dict.length === 0) return b;
    const tok = rng.pick(dict);
    const at = rng.below(b.length + 1);
    if (rng.chance(0.5) || at + tok.length > b.length) return concat(b.subarray(0, at), tok, b.subarray(at));
    b.set(tok, at);
    return b;
  },
];

/** 1 to 2^k stacked mutations of a copy of `input` (the input itself is left alone). */
export function mutate(input: Uint8Array, rng: Rng, other: Uint8Array, dict: readonly Uint8Array[]): Uint8Array {
  let b: Uint8Array = Uint8Array.from(input);
  const stack = 1 << rng.below(4);
  for (let i = 0; i < stack; i++) b = rng.pick(MUTATORS)(b, rng, other, dict);
  return b.length > MAX_INPUT_BYTES ? b.subarray(0, MAX_INPUT_BYTES) : b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
