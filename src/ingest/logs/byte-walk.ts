/**
 * Field walking over a line's bytes in the chunk buffer (the byte-level fast paths): token boundaries, words,
 * numbers and addresses read in place, so a well-formed line costs no string at all but the ones a record
 * keeps. Like field-walk.ts, every helper answers "not sure" instead of guessing; the caller then declines
 * the line and it is decoded and read by the text parser, which owns all validation and anomaly reporting.
 * Bytes ≥ 0x80 are never part of a token these helpers accept, so a declined multi-byte or invalid UTF-8
 * sequence can never change what the text parser would have read (a decoder never merges an ASCII byte into
 * a replacement character).
 */

import { MAX_FIELDS } from './field-walk.js';
import { normalizeAddress } from './log-address.js';
import type { LogAddress } from './log-record.js';

/**
 * Boundaries of the tokens of buf[s, e) separated by the byte `sep` (empty tokens kept, as String.split):
 * token k is buf[bounds[2k], bounds[2k+1]). Returns the count, or -1 when over MAX_FIELDS.
 */
export function splitBytes(buf: Uint8Array, s: number, e: number, sep: number, bounds: Int32Array): number {
  let k = 0;
  bounds[0] = s;
  for (let i = s; i < e; i++) {
    if (buf[i] !== sep) continue;
    bounds[2 * k + 1] = i;
    if (++k >= MAX_FIELDS) return -1;
    bounds[2 * k] = i + 1;
  }
  bounds[2 * k + 1] = e;
  return k + 1;
}

/** The bytes of an ASCII word, for isWordAt. */
export function ascii(word: string): Uint8Array {
  return Uint8Array.from(word, (c) => c.charCodeAt(0));
}

/** True when buf[s, e) is exactly `word` (ASCII bytes). */
export function isWordAt(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

/** The transports the byte readers take; anything else is declined to the text reader. */
export const TCP = { proto: 'tcp', ipProto: 6 } as const;
export const UDP = { proto: 'udp', ipProto: 17 } as const;
export const ICMP = { proto: 'icmp', ipProto: 1 } as const;
export type Transport = typeof TCP | typeof UDP | typeof ICMP;

/** The words a log writes for TCP, UDP and ICMP, in the case it writes them. */
export interface TransportWords {
  tcp: Uint8Array;
  udp: Uint8Array;
  icmp: Uint8Array;
}

export const UPPER_TRANSPORTS: TransportWords = { tcp: ascii('TCP'), udp: ascii('UDP'), icmp: ascii('ICMP') };
export const LOWER_TRANSPORTS: TransportWords = { tcp: ascii('tcp'), udp: ascii('udp'), icmp: ascii('icmp') };

/** The transport buf[s, e) names exactly (one of `words`), or null. */
export function transportAt(buf: Uint8Array, s: number, e: number, words: TransportWords): Transport | null {
  if (isWordAt(buf, s, e, words.tcp)) return TCP;
  if (isWordAt(buf, s, e, words.udp)) return UDP;
  return isWordAt(buf, s, e, words.icmp) ? ICMP : null;
}

/**
 * field-walk.ts plainCount over bytes: 1..15 plain digits → the value; '-' → -1; anything else → -2 (decline).
 */
export function countAt(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n === 1 && buf[s] === 45) return -1;
  if (n < 1 || n > 15) return -2;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = (buf[i] ?? 0) - 48;
    if (c < 0 || c > 9) return -2;
    v = v * 10 + c;
  }
  return v;
}

/** field-walk.ts plainPort over bytes: countAt, but -2 past 5 digits or above 65535. */
export function portAt(buf: Uint8Array, s: number, e: number): number {
  if (e - s > 5) return -2;
  const v = countAt(buf, s, e);
  return v > 65535 ? -2 : v;
}

/** Two ASCII digits at `at` as a number, or -1. */
export function twoDigits(buf: Uint8Array, at: number): number {
  const a = (buf[at] ?? 0) - 48;
  const b = (buf[at + 1] ?? 0) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * A canonical dotted quad in buf[s, e) (four parts of 1..3 digits, no leading zero, each ≤ 255) as its
 * 32-bit value, the number flow-store.ts packs the same text into; -1 for anything else.
 */
export function ipv4At(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 7 || e - s > 15) return -1;
  let v = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? (buf[i] ?? 0) : 46;
    if (c === 46) {
      if (digits === 0 || octet > 255 || parts === 4) return -1;
      v = v * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || digits === 3 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + (c - 48);
    digits++;
  }
  return parts === 4 ? v : -1;
}

/**
 * What `make` answers for the text of a short token, remembered by the token's bytes in a direct-mapped cache
 * (a log repeats its hosts, states and flags): a hit builds no string and hashes none. Only printable ASCII
 * tokens (0x21..0x7e, and blanks when asked) of 1..maxLength bytes are read; for any other `get` answers
 * `refuse`.
 */
export class TokenCache<T> {
  readonly #make: (text: string) => T;
  readonly #refuse: T;
  readonly #slots: number;
  readonly #max: number;
  /** Per slot: the raw bytes (#max each), their length (0 = empty slot) and the answer. */
  readonly #bytes: Uint8Array;
  readonly #length: Uint8Array;
  readonly #value: T[];

  /** The lowest byte a token may hold: 0x21, or 0x20 when blanks are part of the token (a log prefix). */
  readonly #low: number;

  constructor(slotBits: number, maxLength: number, make: (text: string) => T, refuse: T, blanks = false) {
    this.#make = make;
    this.#refuse = refuse;
    this.#low = blanks ? 0x20 : 0x21;
    this.#slots = 1 << slotBits;
    this.#max = Math.min(maxLength, 255);
    this.#bytes = new Uint8Array(this.#slots * this.#max);
    this.#length = new Uint8Array(this.#slots);
    this.#value = new Array<T>(this.#slots).fill(refuse);
  }

  get(buf: Buffer, s: number, e: number): T {
    const n = e - s;
    if (n < 1 || n > this.#max) return this.#refuse;
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) {
      const c = buf[i] ?? 0;
      if (c < this.#low || c >= 0x7f) return this.#refuse;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const slot = (h ^ (h >>> 15)) & (this.#slots - 1);
    const base = slot * this.#max;
    if (this.#length[slot] === n) {
      let same = true;
      for (let k = 0; k < n && same; k++) same = this.#bytes[base + k] === buf[s + k];
      if (same) return this.#value[slot] as T;
    }
    const value = this.#make(buf.toString('latin1', s, e));
    this.#bytes.set(buf.subarray(s, e), base);
    this.#length[slot] = n;
    this.#value[slot] = value;
    return value;
  }
}

/** Longest address token read by its bytes (longer ones are declined to the text reader). */
export const OTHER_ADDRESS_BYTES = 48;

/** Canonical texts of addresses other than plain dotted quads (IPv6 above all), by their bytes. */
const otherAddresses = new TokenCache<string | null>(13, OTHER_ADDRESS_BYTES, normalizeAddress, null);

/**
 * `addressAt`/`normalizeAddress` of the text buf[s, e): a canonical dotted quad as its packed number, any other
 * address as its canonical text (IPv6, bracketed, zero-padded quads), null when it is none or not plain
 * printable ASCII (the caller declines; the text parser then decides on the decoded line).
 */
export function addressBytes(buf: Buffer, s: number, e: number): LogAddress | null {
  const v4 = ipv4At(buf, s, e);
  return v4 >= 0 ? v4 : otherAddresses.get(buf, s, e);
}

/** Index of the first byte ≥ 0x80 in buf[s, e), or -1 when the range is ASCII. */
export function firstNonAscii(buf: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if ((buf[i] ?? 0) >= 0x80) return i;
  return -1;
}

/** The first index of the ASCII bytes `pattern` within buf[s, e) (the match wholly inside), or -1. */
export function indexOfAt(buf: Uint8Array, s: number, e: number, pattern: Uint8Array): number {
  const n = pattern.length;
  const first = pattern[0];
  for (let i = s; i + n <= e; i++) {
    if (buf[i] !== first) continue;
    let k = 1;
    while (k < n && buf[i + k] === pattern[k]) k++;
    if (k === n) return i;
  }
  return -1;
}
