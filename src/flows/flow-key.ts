/**
 * Flow lookup without building a string per packet: a flow's two endpoints are kept as 32-bit address words
 * plus a port, in a canonical order (the lower endpoint first) so both directions of a conversation find the
 * same flow, and a 32-bit hash of them picks the bucket. This is the hottest path of the tool.
 */

/** The endpoints of the packet being looked up, as words: filled in place for each packet (no allocation). */
export interface EndpointWords {
  proto: number;
  v6: boolean;
  /** Source address words (IPv4: only s0) and port; destination likewise. */
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  sp: number;
  d0: number;
  d1: number;
  d2: number;
  d3: number;
  dp: number;
}

export function createEndpointWords(): EndpointWords {
  return { proto: 0, v6: false, s0: 0, s1: 0, s2: 0, s3: 0, sp: 0, d0: 0, d1: 0, d2: 0, d3: 0, dp: 0 };
}

/**
 * The 4 bytes at `o` as a SIGNED 32-bit integer. Signed on purpose: V8 (x64, no pointer compression, as Node
 * ships) keeps int32 values as small integers in object fields, while an unsigned word of 2^31 or more becomes a
 * boxed heap number, so every flow's key fields were separate heap objects and each lookup chased pointers.
 */
export function word(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0);
}

export function readEndpoints(
  w: EndpointWords,
  b: Uint8Array,
  srcOff: number,
  dstOff: number,
  v6: boolean,
  proto: number,
  sp: number,
  dp: number,
): void {
  w.proto = proto;
  w.v6 = v6;
  w.s0 = word(b, srcOff);
  w.d0 = word(b, dstOff);
  if (v6) {
    w.s1 = word(b, srcOff + 4);
    w.s2 = word(b, srcOff + 8);
    w.s3 = word(b, srcOff + 12);
    w.d1 = word(b, dstOff + 4);
    w.d2 = word(b, dstOff + 8);
    w.d3 = word(b, dstOff + 12);
  } else {
    w.s1 = w.s2 = w.s3 = w.d1 = w.d2 = w.d3 = 0;
  }
  w.sp = sp;
  w.dp = dp;
}

/** True when the source endpoint sorts before (or equals) the destination: it is then the flow's "a" side. */
export function srcIsLow(w: EndpointWords): boolean {
  // Words are signed (see word()); `>>> 0` compares them as the unsigned address bytes they are.
  if (w.s0 !== w.d0) return w.s0 >>> 0 < w.d0 >>> 0;
  if (w.s1 !== w.d1) return w.s1 >>> 0 < w.d1 >>> 0;
  if (w.s2 !== w.d2) return w.s2 >>> 0 < w.d2 >>> 0;
  if (w.s3 !== w.d3) return w.s3 >>> 0 < w.d3 >>> 0;
  return w.sp <= w.dp;
}

/** Direction-independent hash: symmetric in the two endpoints, so no ordering is needed to compute it. */
export function flowHash(w: EndpointWords): number {
  const hs = fmix(mix(mix(mix(mix(mix(0, w.s0), w.s1), w.s2), w.s3), w.sp));
  const hd = fmix(mix(mix(mix(mix(mix(0, w.d0), w.d1), w.d2), w.d3), w.dp));
  // Sum and xor of the two endpoint hashes are both symmetric; mixing them keeps collisions rare.
  // Kept within 30 bits so V8 stores it as a small integer.
  return fmix(mix(mix((hs + hd) | 0, hs ^ hd), w.proto | (w.v6 ? 0x100 : 0))) & 0x3fffffff;
}

/** MurmurHash3's block mix (Appleby, public domain): one 32-bit word into the running hash. */
function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  const x = h ^ Math.imul(k, 0x1b873593);
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
