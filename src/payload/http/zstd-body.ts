/**
 * zstd Content-Encoding (RFC 9659, frames per RFC 8878) through fzstd's streaming decoder. fzstd allocates each
 * frame's window up front from the header, so every frame header is checked first: a window (or single-segment
 * content size) above the limit would cost that much memory before a single octet is produced. Output is
 * collected block by block (≤ 128 KiB each) and decoding stops as soon as the limit is passed.
 */
import { Decompress } from 'fzstd';
import type { StageResult } from './body-decoder.js';

/** RFC 9659 §3: HTTP recipients need not support windows above 8 MB. */
export const MAX_ZSTD_WINDOW_BYTES = 8 << 20;
/** Input fed to the decoder per call, so that a limit hit stops work early. */
const FEED_BYTES = 16 << 10;

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

class OutputLimitReached extends Error {}

export function decodeZstd(input: Uint8Array, limit: number): StageResult {
  const check = checkFrames(input);
  const parts: Uint8Array[] = [];
  let total = 0;
  let note: string | null = check.note;
  const decoder = new Decompress((chunk: Uint8Array) => {
    const room = limit - total;
    parts.push(chunk.slice(0, Math.min(room, chunk.length)));
    total += Math.min(room, chunk.length);
    if (chunk.length > room) throw new OutputLimitReached();
  });
  const usable = input.subarray(0, check.safeEnd);
  try {
    for (let at = 0; at < usable.length; at += FEED_BYTES) {
      decoder.push(usable.subarray(at, at + FEED_BYTES), at + FEED_BYTES >= usable.length);
    }
  } catch (err) {
    note = err instanceof OutputLimitReached ? 'decompression-limit' : 'bad-zstd';
  }
  const output = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    output.set(p, at);
    at += p.length;
  }
  return { output, note };
}

/**
 * Walks the frames without decoding (block headers give each block's stored size) and returns how far the input
 * has frame headers that are safe to hand to fzstd, and why it stops short when it does.
 */
function checkFrames(input: Uint8Array): { safeEnd: number; note: string | null } {
  let at = 0;
  while (at < input.length) {
    const magic = readLE(input, at, 4);
    if (magic === null) return { safeEnd: at, note: 'bad-zstd' };
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      const size = readLE(input, at + 4, 4);
      if (size === null) return { safeEnd: at, note: 'bad-zstd' };
      at += 8 + size;
      continue;
    }
    if (magic !== ZSTD_MAGIC) return { safeEnd: at, note: 'bad-zstd' };
    const header = frameHeader(input, at + 4);
    if (header === null) return { safeEnd: at, note: 'bad-zstd' };
    if (header.window > MAX_ZSTD_WINDOW_BYTES) return { safeEnd: at, note: 'decompression-limit' };
    let block = header.end;
    for (;;) {
      const h = readLE(input, block, 3);
      // A damaged block is left to fzstd, which stops there: the frame header itself was fine.
      if (h === null) return { safeEnd: input.length, note: null };
      const type = (h >> 1) & 3;
      if (type === 3) return { safeEnd: input.length, note: null };
      block += 3 + (type === 1 ? 1 : h >>> 3);
      if (h & 1) break;
    }
    at = block + (header.checksum ? 4 : 0);
  }
  return { safeEnd: input.length, note: null };
}

/** RFC 8878 §3.1.1.1: the frame header after the magic number; window is what the decoder must allocate. */
function frameHeader(input: Uint8Array, at: number): { end: number; window: number; checksum: boolean } | null {
  const fhd = input[at];
  if (fhd === undefined || fhd & 0x08) return null;
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][fhd & 3] ?? 0;
  let pos = at + 1;
  let window = 0;
  if (!singleSegment) {
    const wd = input[pos];
    if (wd === undefined) return null;
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
    pos += 1;
  }
  pos += dictBytes;
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag] ?? 0;
  if (fcsBytes > 0) {
    const fcs = readLE(input, pos, fcsBytes);
    if (fcs === null) return null;
    if (singleSegment) window = fcs + (fcsBytes === 2 ? 256 : 0);
  }
  pos += fcsBytes;
  if (pos > input.length) return null;
  return { end: pos, window, checksum: ((fhd >> 2) & 1) === 1 };
}

/** Little-endian unsigned integer of n ≤ 8 octets (exact up to 2^53), or null past the end. */
function readLE(input: Uint8Array, at: number, n: number): number | null {
  if (at + n > input.length) return null;
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (input[at + i] ?? 0);
  return v;
}
