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

/** "00" .. "99": the two ASCII digits of each value below 100. */
const PAIRS = new Uint8Array(200);
for (let v = 0; v < 100; v++) {
  PAIRS[2 * v] = 0x30 + Math.floor(v / 10);
  PAIRS[2 * v + 1] = 0x30 + (v % 10);
}

/** Per octet value: its digit count, then up to three ASCII digits. */
const OCTETS = new Uint8Array(256 * 4);
for (let v = 0; v < 256; v++) {
  const t = String(v);
  OCTETS[v * 4] = t.length;
  for (let k = 0; k < t.length; k++) OCTETS[v * 4 + 1 + k] = t.charCodeAt(k);
}

/** `n` (0..99) as two ASCII digits. */
export function putPair(b: Uint8Array, p: number, n: number): number {
  b[p] = PAIRS[2 * n] as number;
  b[p + 1] = PAIRS[2 * n + 1] as number;
  return p + 2;
}

/** The decimal digits of `n` (0 <= n < 2^31), two at a time in 32-bit arithmetic. */
export function putInt(b: Uint8Array, p: number, n: number): number {
  const digits =
    n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : n < 1_000_000 ? 6 : digitCount(n);
  let q = p + digits;
  let x = n;
  while (x >= 100) {
    const r = x % 100;
    x = (x / 100) | 0;
    q -= 2;
    b[q] = PAIRS[2 * r] as number;
    b[q + 1] = PAIRS[2 * r + 1] as number;
  }
  if (x >= 10) {
    b[q - 2] = PAIRS[2 * x] as number;
    b[q - 1] = PAIRS[2 * x + 1] as number;
  } else b[q - 1] = 0x30 + x;
  return p + digits;
}

function digitCount(n: number): number {
  let digits = 7;
  for (let x = (n / 10_000_000) | 0; x > 0; x = (x / 10) | 0) digits++;
  return digits;
}

/** Decimal digits of a whole number 0 <= n <= 2^53 - 1, as String(n) spells it (at most 16 bytes). */
export function putWhole(b: Uint8Array, p: number, n: number): number {
  if (n <= 0x7fffffff) return putInt(b, p, n);
  let digits = 10;
  for (let x = Math.floor(n / 1e10); x >= 1; x = Math.floor(x / 10)) digits++;
  let at = p + digits;
  for (let x = n; at > p; x = Math.floor(x / 10)) b[--at] = 0x30 + (x % 10);
  return p + digits;
}

/** The longest spelling putNumber gives (a double's shortest round-trip text, e.g. -1.2345678901234567e-100). */
export const NUMBER_BYTES = 25;

/** A number as JSON writes it (String(n); null for NaN and the infinities): at most NUMBER_BYTES bytes. */
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

/**
 * The decimal digits of 0..255 at `b[p]`, returning the position after them. Three bytes are always written (the
 * unused ones are overwritten by what follows): the caller leaves two bytes of room past the digits.
 */
export function putOctet(b: Uint8Array, p: number, v: number): number {
  const at = v * 4;
  b[p] = OCTETS[at + 1] as number;
  b[p + 1] = OCTETS[at + 2] as number;
  b[p + 2] = OCTETS[at + 3] as number;
  return p + (OCTETS[at] as number);
}

/** An IPv4 address given as its big-endian word (signed or not) as "a.b.c.d" (at most 15 bytes, room for 17). */
export function putDottedIpv4(b: Uint8Array, p: number, word: number): number {
  let at = putOctet(b, p, word >>> 24);
  b[at++] = 0x2e;
  at = putOctet(b, at, (word >>> 16) & 0xff);
  b[at++] = 0x2e;
  at = putOctet(b, at, (word >>> 8) & 0xff);
  b[at++] = 0x2e;
  return putOctet(b, at, word & 0xff);
}

/**
 * An IPv4 address given as its big-endian word (signed or not) as the JSON string "a.b.c.d": at most 17 bytes,
 * with room for 19 (putOctet).
 */
export function putQuotedIpv4(b: Uint8Array, p: number, word: number): number {
  b[p] = 0x22;
  const at = putDottedIpv4(b, p + 1, word);
  b[at] = 0x22;
  return at + 1;
}
