/**
 * LZXPRESS "plain LZ77" decompression ([MS-XCA] §2.3–2.4), the compression ETW applies to whole buffers
 * (WMI buffer flag 0x40, as `pktmon start --capture` writes them):
 *
 *   a 32-bit little-endian flag word, read most significant bit first: 0 = one literal byte, 1 = a match;
 *   a match is a 16-bit word: offset = (word >> 3) + 1, length = (word & 7) + 3, where length field 7 extends
 *   through a shared half byte (15 = more), then a byte (255 = more), then a 16-bit word (0 = a 32-bit word).
 *
 * The output is written into a caller-sized buffer: whatever the input claims, it never grows past it.
 */

export type XpressResult =
  | { ok: true; length: number }
  | { ok: false; length: number; reason: 'overflow' | 'bad-offset' | 'truncated' };

/**
 * Decompresses `src[from, to)` into `out` (from 0). Returns the bytes produced, or why it stopped: `overflow`
 * when the data expands past `out.length`, `bad-offset` for a match before the output start, `truncated` when a
 * match is cut short. Never throws, never loops without consuming input.
 */
export function xpressDecompress(src: Uint8Array, from: number, to: number, out: Uint8Array): XpressResult {
  const cap = out.length;
  let inPos = from;
  let outPos = 0;
  let flags = 0;
  let flagCount = 0;
  let halfByteAt = -1;
  for (;;) {
    if (flagCount === 0) {
      if (to - inPos < 4) return { ok: true, length: outPos };
      flags =
        ((src[inPos] as number) |
          ((src[inPos + 1] as number) << 8) |
          ((src[inPos + 2] as number) << 16) |
          ((src[inPos + 3] as number) << 24)) >>>
        0;
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
            length =
              ((src[inPos] as number) |
                ((src[inPos + 1] as number) << 8) |
                ((src[inPos + 2] as number) << 16) |
                ((src[inPos + 3] as number) << 24)) >>>
              0;
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
    // Overlapping copies repeat the last `offset` bytes: byte by byte, as the format defines.
    let from2 = outPos - offset;
    const end = outPos + length;
    while (outPos < end) out[outPos++] = out[from2++] as number;
  }
}
