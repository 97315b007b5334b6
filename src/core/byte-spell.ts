/**
 * Text spelt into a byte buffer at a position, each function returning where it ended: for writers that reserve
 * room for a run of output once (ByteOutput.reserve) and fill it from a local position. Method calls that each
 * check room and load and store the writer's position cost the NDJSON writer about a third of its time (issue
 * #18); the caller guarantees the room, so nothing here checks it.
 */

/** `src` as it is. */
export function putBytes(b: Uint8Array, p: number, src: Uint8Array): number {
  const n = src.length;
  for (let i = 0; i < n; i++) b[p + i] = src[i] ?? 0;
  return p + n;
}

/** A string known to be ASCII (U+0000..U+007F): one byte per character. */
export function putAscii(b: Uint8Array, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
  return p + n;
}

/** Decimal digits of a whole number 0 <= n <= 2^53 - 1, as String(n) spells it (at most 16 bytes). */
export function putWhole(b: Uint8Array, p: number, n: number): number {
  if (n < 10) {
    b[p] = 0x30 + n;
    return p + 1;
  }
  let digits = 2;
  for (let x = n; x >= 100; x = Math.floor(x / 10)) digits++;
  let at = p + digits;
  for (let x = n; at > p; x = Math.floor(x / 10)) b[--at] = 0x30 + (x % 10);
  return p + digits;
}

/** A number as JSON writes it (String(n); null for NaN and the infinities): at most 25 bytes. */
export function putNumber(b: Uint8Array, p: number, n: number): number {
  if (n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n) return putWhole(b, p, n);
  return putAscii(b, p, Number.isFinite(n) ? String(n) : 'null');
}

/** A whole number 0 <= n < 10^width, zero-padded to `width` digits. */
export function putPadded(b: Uint8Array, p: number, n: number, width: number): number {
  let at = p + width;
  let x = n;
  for (let i = 0; i < width; i++) {
    b[--at] = 0x30 + (x % 10);
    x = Math.floor(x / 10);
  }
  return p + width;
}

/** The decimal digits of 0..255, without leading zeros. */
export function putOctet(b: Uint8Array, p: number, v: number): number {
  if (v >= 100) {
    b[p] = 0x30 + Math.floor(v / 100);
    b[p + 1] = 0x30 + (Math.floor(v / 10) % 10);
    b[p + 2] = 0x30 + (v % 10);
    return p + 3;
  }
  if (v >= 10) {
    b[p] = 0x30 + Math.floor(v / 10);
    b[p + 1] = 0x30 + (v % 10);
    return p + 2;
  }
  b[p] = 0x30 + v;
  return p + 1;
}

/** An IPv4 address given as its big-endian word (signed or not) as the JSON string "a.b.c.d" (at most 17 bytes). */
export function putQuotedIpv4(b: Uint8Array, p: number, word: number): number {
  let at = p;
  b[at++] = 0x22;
  at = putOctet(b, at, word >>> 24);
  b[at++] = 0x2e;
  at = putOctet(b, at, (word >>> 16) & 0xff);
  b[at++] = 0x2e;
  at = putOctet(b, at, (word >>> 8) & 0xff);
  b[at++] = 0x2e;
  at = putOctet(b, at, word & 0xff);
  b[at++] = 0x22;
  return at;
}
