/**
 * One LZ4 block (github.com/lz4/lz4 doc/lz4_Block_format.md): sequences of a token (literal length in the high
 * nibble, match length - 4 in the low nibble, 15 meaning "more bytes follow, each added, until one is not 255"),
 * the literals, a 2-byte little-endian offset and the match. The last sequence has literals only.
 *
 * Hostile input is checked, never trusted: literals or length bytes running past the block, a zero offset or one
 * reaching before the available history, output past the block's maximum size all throw a DecompressError
 * ('lz4-data-error'). Every loop advances through the block or the bounded output, so none can spin.
 */
import { DecompressError } from './decompress-error.js';

/** Matches at least this long are copied with copyWithin (memmove); shorter ones byte by byte. */
const BULK_COPY = 32;

function fail(detail: string): never {
  throw new DecompressError('lz4-data-error', detail);
}

/**
 * Decodes the block `src[start, end)` into `dst` from `dstPos`, writing no further than `dstEnd`; matches may
 * reach back to `histStart` (the earliest byte of previous blocks' output kept in `dst`, or `dstPos` for an
 * independent block). Returns the end of the decoded output.
 */
export function decodeLz4Block(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  dstPos: number,
  dstEnd: number,
  histStart: number,
): number {
  let ip = start;
  let op = dstPos;
  for (;;) {
    if (ip >= end) fail('block ends inside a sequence');
    const token = src[ip++] as number;
    let lit = token >>> 4;
    if (lit === 15) {
      let b = 255;
      while (b === 255) {
        if (ip >= end) fail('literal length runs past the block');
        b = src[ip++] as number;
        lit += b;
      }
    }
    if (lit > end - ip) fail(`${lit} literals run past the block`);
    if (lit > dstEnd - op) fail('output exceeds the block maximum size');
    if (lit < BULK_COPY) {
      for (let k = 0; k < lit; k++) dst[op + k] = src[ip + k] as number;
    } else {
      dst.set(src.subarray(ip, ip + lit), op);
    }
    ip += lit;
    op += lit;
    if (ip === end) return op;
    if (end - ip < 2) fail('match offset cut by the block end');
    const offset = (src[ip] as number) | ((src[ip + 1] as number) << 8);
    ip += 2;
    if (offset === 0) fail('match offset 0');
    if (offset > op - histStart) fail(`match offset ${offset} reaches before the available history`);
    let len = token & 15;
    if (len === 15) {
      let b = 255;
      while (b === 255) {
        if (ip >= end) fail('match length runs past the block');
        b = src[ip++] as number;
        len += b;
      }
    }
    len += 4;
    if (len > dstEnd - op) fail('output exceeds the block maximum size');
    const from = op - offset;
    if (len < BULK_COPY) {
      // Overlapping copies (offset < length) repeat the pattern, which a forward byte loop does naturally.
      for (let k = 0; k < len; k++) dst[op + k] = dst[from + k] as number;
      op += len;
    } else if (offset >= len) {
      dst.copyWithin(op, from, from + len);
      op += len;
    } else {
      // Overlapping long match: copy the pattern in growing non-overlapping pieces.
      let left = len;
      while (left > 0) {
        const n = Math.min(left, op - from);
        dst.copyWithin(op, from, from + n);
        op += n;
        left -= n;
      }
    }
  }
}
