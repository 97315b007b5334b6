/**
 * LZXPRESS "plain LZ77" decompression ([MS-XCA] §2.3–2.4), the compression ETW applies to whole buffers
 * (WMI buffer flag 0x40, as `pktmon start --capture` writes them):
 *
 *   a 32-bit little-endian flag word, read most significant bit first: 0 = one literal byte, 1 = a match;
 *   a match is a 16-bit word: offset = (word >> 3) + 1, length = (word & 7) + 3, where length field 7 extends
 *   through a shared half byte (15 = more), then a byte (255 = more), then a 16-bit word (0 = a 32-bit word).
 *
 * The output is written into a caller-sized buffer: whatever the input claims, it never grows past it.
 *
 * Speed (this is most of an ETL read): a run of zero flag bits is a run of literals, found with one clz32 and
 * copied in one loop; matches longer than a few cache lines are copied with copyWithin (overlapping ones by
 * doubling the repeated pattern), short ones byte by byte, where a call costs more than the copy.
 */

export type XpressResult =
  | { ok: true; length: number }
  | { ok: false; length: number; reason: 'overflow' | 'bad-offset' | 'truncated' };

/** Matches at least this long are copied by copyWithin rather than byte by byte. */
const BULK_COPY_BYTES = 48;

/**
 * Decompresses `src[from, to)` into `out` (from 0). Returns the bytes produced, or why it stopped: `overflow`
 * when the data expands past `out.length`, `bad-offset` for a match before the output start, `truncated` when a
 * match is cut short. Never throws, never loops without consuming input.
 */
export function xpressDecompress(src: Uint8Array, from: number, to: number, out: Uint8Array): XpressResult {
  const cap = out.length;
  const srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let inPos = from;
  let outPos = 0;
  let halfByteAt = -1;
  while (to - inPos >= 4) {
    // The flag word's unread bits sit at the top of `flags`; `bits` of them are left.
    let flags =
      (src[inPos] as number) |
      ((src[inPos + 1] as number) << 8) |
      ((src[inPos + 2] as number) << 16) |
      ((src[inPos + 3] as number) << 24);
    inPos += 4;
    let bits = 32;
    while (bits > 0) {
      let run = Math.clz32(flags);
      if (run > 0) {
        if (run > bits) run = bits;
        let n = run;
        const avail = to - inPos;
        if (n > avail) n = avail;
        if (n > cap - outPos) {
          const end = cap;
          while (outPos < end) out[outPos++] = src[inPos++] as number;
          return { ok: false, length: outPos, reason: 'overflow' };
        }
        const end = outPos + n;
        while (end - outPos >= 4) {
          outView.setUint32(outPos, srcView.getUint32(inPos));
          outPos += 4;
          inPos += 4;
        }
        while (outPos < end) out[outPos++] = src[inPos++] as number;
        if (n < run) return { ok: true, length: outPos };
        bits -= run;
        if (bits === 0) break;
        flags <<= run;
      }
      // A match: its flag bit is the top one.
      flags <<= 1;
      bits--;
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
      outPos = copyMatch(out, outView, outPos, offset, length);
    }
  }
  return { ok: true, length: outPos };
}

/**
 * Appends `length` bytes copied from `offset` bytes back (room and offset already checked) and returns the new
 * output position. An overlapping copy repeats the last `offset` bytes, as the format defines.
 */
function copyMatch(out: Uint8Array, view: DataView, outPos: number, offset: number, length: number): number {
  const from = outPos - offset;
  if (length < BULK_COPY_BYTES) {
    let s = from;
    const end = outPos + length;
    // Four bytes at a time read only bytes already final when the source is at least four bytes back.
    if (offset >= 4) {
      while (end - outPos >= 4) {
        view.setUint32(outPos, view.getUint32(s));
        outPos += 4;
        s += 4;
      }
    }
    while (outPos < end) out[outPos++] = out[s++] as number;
    return end;
  }
  if (offset >= length) {
    out.copyWithin(outPos, from, from + length);
    return outPos + length;
  }
  // out[from, outPos + done) repeats with period `offset`; copying all of it onward doubles the pattern.
  let done = 0;
  while (done < length) {
    const n = Math.min(offset + done, length - done);
    out.copyWithin(outPos + done, from, from + n);
    done += n;
  }
  return outPos + length;
}
