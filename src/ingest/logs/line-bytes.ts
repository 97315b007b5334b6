/**
 * The byte writing under store-ndjson.ts: a line buffer written by index (LineBytes) and times spelt as
 * bytes (IsoBytes), so that a held log record's NDJSON line builds no string.
 */
import type { ByteOutput } from '../../core/byte-output.js';
import { putInt, putPair, putQuotedIpv4 } from '../../core/byte-spell.js';

/** Plain Uint8Array pieces only (no Buffer), so the copy loop sees one kind of array. */
export const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const NULL = enc('null');

/** Bytes gathered before they are handed to the ByteOutput (one copy per block, not per piece). */
const BLOCK = 1 << 16;

/** The decimal digits of `n` (0 <= n < 2^31) at `b[p]`, returning the position after them. */
export const writeInt = putInt;

/**
 * Where lines are spelt: one plain Uint8Array written by index (small pieces are copied by a loop, which beats
 * `set` below a few dozen bytes), handed on to the ByteOutput a block at a time. A line may straddle two blocks:
 * the output is one byte stream.
 */
export class LineBytes {
  readonly #out: ByteOutput;
  readonly #b = new Uint8Array(BLOCK);
  #p = 0;

  constructor(out: ByteOutput) {
    this.#out = out;
  }

  /** Hands on what has been written. */
  flush(): void {
    if (this.#p === 0) return;
    this.#out.bytes(this.#b.subarray(0, this.#p));
    this.#p = 0;
  }

  /** Text written by the ByteOutput itself (rare pieces: names, whole records), after what is here. */
  get out(): ByteOutput {
    this.flush();
    return this.#out;
  }

  /**
   * Copies `src` in. `set` costs about as much as a byte loop of six bytes and then no more up to a few hundred
   * (Node 20: ~15 ns against ~2 ns a byte), so only the tiniest pieces are copied by the loop.
   */
  put(src: Uint8Array): void {
    const n = src.length;
    let p = this.#p;
    if (p + n > BLOCK) {
      this.flush();
      p = 0;
      if (n > BLOCK) {
        this.#out.bytes(src);
        return;
      }
    }
    const b = this.#b;
    if (n > 6) b.set(src, p);
    else for (let i = 0; i < n; i++) b[p + i] = src[i] as number;
    this.#p = p + n;
  }

  /** A number as JSON writes it: whole numbers below 2^53 digit by digit, the rest through `String`. */
  number(n: number): void {
    if (n >= 0 && n < 0x8000_0000 && (n | 0) === n) {
      // The usual case (ports, line numbers, pids, counts): 32-bit integer arithmetic. -0 lands here: "0".
      if (this.#p + 10 > BLOCK) this.flush();
      this.#p = writeInt(this.#b, this.#p, n | 0);
      return;
    }
    if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
      this.put(Number.isNaN(n) ? NULL : enc(Number.isFinite(n) ? String(n) : 'null'));
      return;
    }
    if (this.#p + 16 > BLOCK) this.flush();
    const b = this.#b;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.#p + digits;
    this.#p = p;
    let x = n;
    do {
      b[--p] = 0x30 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }

  /** A packed IPv4 as its quoted dotted quad. */
  ipv4(v: number): void {
    // Room for two bytes past the closing quote (putQuotedIpv4).
    if (this.#p + 19 > BLOCK) this.flush();
    this.#p = putQuotedIpv4(this.#b, this.#p, v);
  }

  byte(c: number): void {
    if (this.#p + 1 > BLOCK) this.flush();
    this.#b[this.#p++] = c;
  }
}

/**
 * log-time.ts isoFromMicros as quoted JSON bytes (`"YYYY-MM-DDTHH:MM:SS.ffffffZ"`) written into `b` at `at`.
 * Held times are plausible (1990..2100), so the date is always the 11 characters the text writer takes from
 * toISOString; the date of the last day asked is kept.
 */
export class IsoBytes {
  #day = Number.NaN;
  readonly #date = new Uint8Array(11);

  write(b: Uint8Array, at: number, micros: number): void {
    const sec = Math.floor(micros / 1_000_000);
    const day = Math.floor(sec / 86_400);
    const date = this.#date;
    if (day !== this.#day) {
      const text = new Date(day * 86_400_000).toISOString();
      for (let k = 0; k < 11; k++) date[k] = text.charCodeAt(k);
      this.#day = day;
    }
    b[at] = 0x22;
    for (let k = 0; k < 11; k++) b[at + 1 + k] = date[k] as number;
    const tod = sec - day * 86_400;
    putPair(b, at + 12, Math.floor(tod / 3600));
    b[at + 14] = 0x3a;
    putPair(b, at + 15, Math.floor((tod % 3600) / 60));
    b[at + 17] = 0x3a;
    putPair(b, at + 18, tod % 60);
    b[at + 20] = 0x2e;
    const us = Math.floor(micros - sec * 1_000_000);
    putPair(b, at + 21, Math.floor(us / 10_000));
    putPair(b, at + 23, Math.floor(us / 100) % 100);
    putPair(b, at + 25, us % 100);
    b[at + 27] = 0x5a;
    b[at + 28] = 0x22;
  }
}
