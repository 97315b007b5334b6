/**
 * Reassembly of the Initial-level CRYPTO stream (RFC 9000 §19.6): chunks arrive by offset, out of order, split
 * over several packets, overlapping or repeated (Chrome shuffles and duplicates its CRYPTO frames). Only the
 * contiguous prefix from offset 0 is ever read. Memory is bounded by `maxBytes` and the number of disjoint
 * ranges by `maxRanges`; chunks past either limit are refused, never partly stored.
 */

/** Default cap on the reassembled bytes: far above any real ClientHello (a few KiB even with PQ key shares). */
export const MAX_CRYPTO_BYTES = 64 * 1024;
/** Default cap on disjoint received ranges (holes), against a flood of tiny scattered chunks. */
export const MAX_CRYPTO_RANGES = 64;

export type CryptoAddOutcome = 'ok' | 'over-limit' | 'too-fragmented';

export class CryptoStream {
  readonly maxBytes: number;
  readonly maxRanges: number;
  #buf = new Uint8Array(2048);
  /** Received [start, end) ranges, sorted, disjoint and not touching. */
  #ranges: [number, number][] = [];

  constructor(maxBytes = MAX_CRYPTO_BYTES, maxRanges = MAX_CRYPTO_RANGES) {
    this.maxBytes = maxBytes;
    this.maxRanges = maxRanges;
  }

  /** Stores a chunk. Overlapping bytes are written again (a conforming sender repeats the same data). */
  add(offset: number, data: Uint8Array): CryptoAddOutcome {
    if (data.length === 0) return 'ok';
    const end = offset + data.length;
    if (offset < 0 || end > this.maxBytes) return 'over-limit';
    const merged = mergeRange(this.#ranges, offset, end);
    if (merged.length > this.maxRanges) return 'too-fragmented';
    if (end > this.#buf.length) {
      let size = this.#buf.length;
      while (size < end) size *= 2;
      const grown = new Uint8Array(Math.min(size, this.maxBytes));
      grown.set(this.#buf);
      this.#buf = grown;
    }
    this.#buf.set(data, offset);
    this.#ranges = merged;
    return 'ok';
  }

  /** Length of the gap-free data from offset 0. */
  get contiguous(): number {
    const first = this.#ranges[0];
    return first !== undefined && first[0] === 0 ? first[1] : 0;
  }

  /** The gap-free bytes from offset 0 (a view, valid until the next add). */
  prefix(): Uint8Array {
    return this.#buf.subarray(0, this.contiguous);
  }

  /** Number of disjoint ranges held (for tests and diagnostics). */
  get rangeCount(): number {
    return this.#ranges.length;
  }
}

/** Returns a new sorted range list with [start, end) merged in (touching ranges join). */
function mergeRange(ranges: readonly [number, number][], start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let s = start;
  let e = end;
  let placed = false;
  for (const [rs, re] of ranges) {
    if (re < s) {
      out.push([rs, re]);
    } else if (rs > e) {
      if (!placed) {
        out.push([s, e]);
        placed = true;
      }
      out.push([rs, re]);
    } else {
      s = Math.min(s, rs);
      e = Math.max(e, re);
    }
  }
  if (!placed) out.push([s, e]);
  return out;
}
