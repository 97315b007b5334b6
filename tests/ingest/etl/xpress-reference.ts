/**
 * The LZXPRESS plain LZ77 decoder written the plain way, one flag bit and one byte at a time, exactly as
 * [MS-XCA] §2.4 states it: the fast decoder in src/ingest/etl/lzxpress.ts must give the same result and the
 * same bytes on every input, whole, cut or garbage.
 */
import type { XpressResult } from '../../../src/ingest/etl/lzxpress.js';

function u32(src: Uint8Array, at: number): number {
  return (
    ((src[at] as number) |
      ((src[at + 1] as number) << 8) |
      ((src[at + 2] as number) << 16) |
      ((src[at + 3] as number) << 24)) >>>
    0
  );
}

export function referenceXpressDecompress(src: Uint8Array, from: number, to: number, out: Uint8Array): XpressResult {
  const cap = out.length;
  let inPos = from;
  let outPos = 0;
  let flags = 0;
  let flagCount = 0;
  let halfByteAt = -1;
  for (;;) {
    if (flagCount === 0) {
      if (to - inPos < 4) return { ok: true, length: outPos };
      flags = u32(src, inPos);
      inPos += 4;
      flagCount = 32;
    }
    flagCount--;
    if (((flags >>> flagCount) & 1) === 0) {
      if (inPos >= to) return { ok: true, length: outPos };
      if (outPos >= cap) return { ok: false, length: outPos, reason: 'overflow' };
      out[outPos++] = src[inPos++] as number;
      continue;
    }
    if (inPos >= to) return { ok: true, length: outPos };
    if (to - inPos < 2) return { ok: false, length: outPos, reason: 'truncated' };
    const word = (src[inPos] as number) | ((src[inPos + 1] as number) << 8);
    inPos += 2;
    const offset = (word >>> 3) + 1;
    let length = word & 7;
    if (length === 7) {
      if (halfByteAt < 0) {
        if (inPos >= to) return { ok: false, length: outPos, reason: 'truncated' };
        halfByteAt = inPos;
        length = (src[inPos++] as number) & 15;
      } else {
        length = (src[halfByteAt] as number) >>> 4;
        halfByteAt = -1;
      }
      if (length === 15) {
        if (inPos >= to) return { ok: false, length: outPos, reason: 'truncated' };
        length = src[inPos++] as number;
        if (length === 255) {
          if (to - inPos < 2) return { ok: false, length: outPos, reason: 'truncated' };
          length = (src[inPos] as number) | ((src[inPos + 1] as number) << 8);
          inPos += 2;
          if (length === 0) {
            if (to - inPos < 4) return { ok: false, length: outPos, reason: 'truncated' };
            length = u32(src, inPos);
            inPos += 4;
          }
          if (length < 15 + 7) return { ok: false, length: outPos, reason: 'truncated' };
          length -= 15 + 7;
        }
        length += 15;
      }
      length += 7;
    }
    length += 3;
    if (offset > outPos) return { ok: false, length: outPos, reason: 'bad-offset' };
    if (length > cap - outPos) return { ok: false, length: outPos, reason: 'overflow' };
    let s = outPos - offset;
    const end = outPos + length;
    while (outPos < end) out[outPos++] = out[s++] as number;
  }
}
