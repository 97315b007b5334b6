/**
 * Strings made from packet bytes, kept in small direct-mapped tables so that a name seen again is not built
 * again: the same server name, ALPN list or address comes back in thousands of flows, and every string built
 * from bytes costs a native call and young-generation garbage (building them was ~5 % of a `flows` run on the
 * benchmark capture). A table slot holds the last string that hashed there; a hit is checked byte for byte, so
 * the result is always exactly the string of the bytes given, whatever the table holds. Memory is fixed.
 */

import { putDottedIpv4 } from './byte-spell.js';

/** Slots per table (a power of two). */
const SLOTS = 4096;
/** Longer byte ranges are built each time: hashing and checking them costs as much as building them. */
export const MAX_INTERNED_BYTES = 255;

/**
 * Slots of the IPv4 table. Larger than the others: an address text is a key of several maps and sets per flow in
 * the audit (address facts, groups, clients), and only the same string object carries its hash from one look-up
 * to the next. With 4,096 slots an audit of a 1,000,000-line log to 26,040 destinations built most of its
 * addresses afresh and spent ~0.4 s more (issue #20); 65,536 slots cost 768 KB.
 */
const IPV4_SLOTS = 1 << 16;

const latin1Table: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const ipv4Words = new Int32Array(IPV4_SLOTS);
const ipv4Table: (string | undefined)[] = new Array<string | undefined>(IPV4_SLOTS).fill(undefined);
/**
 * Where an address's dotted text is spelt before it becomes a string ("255.255.255.255" is 15 bytes;
 * putDottedIpv4 writes up to two bytes past the last digit).
 */
const ipv4Text = new Uint8Array(17);

const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string;

/** `b[start, end)` as a latin1 string (one char per byte). */
export function internLatin1(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n > MAX_INTERNED_BYTES) return latin1Slice.call(b, start, end);
  let h = n | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] ?? 0), 0x01000193);
  const slot = (h ^ (h >>> 13)) & (SLOTS - 1);
  const s = latin1Table[slot];
  if (s !== undefined && s.length === n) {
    let i = 0;
    while (i < n && s.charCodeAt(i) === b[start + i]) i++;
    if (i === n) return s;
  }
  const made = latin1Slice.call(b, start, end);
  latin1Table[slot] = made;
  return made;
}

/** The dotted text of an IPv4 address given as its 32-bit word (big-endian order, any sign). */
export function internIpv4(word: number): string {
  const w = word | 0;
  const slot = Math.imul(w, 0x9e3779b1) >>> 16;
  const s = ipv4Table[slot];
  if (s !== undefined && ipv4Words[slot] === w) return s;
  // Spelt as bytes and made one flat string: a template literal joins the parts into a rope, which every map
  // look-up then flattens first.
  const at = putDottedIpv4(ipv4Text, 0, w);
  const made = latin1Slice.call(ipv4Text, 0, at);
  ipv4Words[slot] = w;
  ipv4Table[slot] = made;
  return made;
}
