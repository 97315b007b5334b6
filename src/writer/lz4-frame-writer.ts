/**
 * A small LZ4 frame writer (github.com/lz4/lz4 doc/lz4_Frame_format.md, lz4_Block_format.md) for tests and
 * samples: every frame option the reader handles (block size code, linked or independent blocks, block and
 * content checksums, content size, stored blocks, skippable frames), and a greedy compressor that finds real
 * matches (hash of 4 bytes, one candidate) while keeping the format's end-of-block rules (the last 5 bytes are
 * literals, no match starts in the last 12). Output is valid for the reference `lz4 -d`.
 */
import { xxh32 } from '../ingest/compression/xxhash32.js';

export interface Lz4FrameOptions {
  /** Block maximum size code (BD bits 6-4): 4 = 64 KiB, 5 = 256 KiB, 6 = 1 MiB, 7 = 4 MiB. Default 4. */
  blockSizeCode?: 4 | 5 | 6 | 7;
  /** Blocks independent of each other (default true); false lets matches reach into previous blocks. */
  independent?: boolean;
  blockChecksum?: boolean;
  /** Default true, as the lz4 CLI. */
  contentChecksum?: boolean;
  /** Write the content size field. */
  contentSize?: boolean;
  /** How to store blocks: 'compress' (default; stored when compression does not help), 'stored', 'literals'. */
  mode?: 'compress' | 'stored' | 'literals';
  /** Split the input into blocks of this size (≤ the block maximum); default the maximum. */
  blockBytes?: number;
}

export const LZ4_MAGIC_BYTES = [0x04, 0x22, 0x4d, 0x18] as const;
const BLOCK_MAX: Record<number, number> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };
const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const MAX_OFFSET = 65535;

/** One LZ4 frame holding `data`. */
export function writeLz4Frame(data: Uint8Array, opts: Lz4FrameOptions = {}): Buffer {
  const code = opts.blockSizeCode ?? 4;
  const blockMax = BLOCK_MAX[code] ?? 64 << 10;
  const independent = opts.independent !== false;
  const blockChecksum = opts.blockChecksum === true;
  const contentChecksum = opts.contentChecksum !== false;
  const withSize = opts.contentSize === true;
  const mode = opts.mode ?? 'compress';
  // A literal-only block is longer than its content (token + length bytes): keep it within the maximum.
  const limit = mode === 'literals' ? blockMax - Math.ceil(blockMax / 255) - 16 : blockMax;
  const step = Math.min(limit, Math.max(1, opts.blockBytes ?? blockMax));

  const parts: Buffer[] = [Buffer.from(LZ4_MAGIC_BYTES)];
  const flg =
    0x40 | (independent ? 0x20 : 0) | (blockChecksum ? 0x10 : 0) | (withSize ? 0x08 : 0) | (contentChecksum ? 0x04 : 0);
  const desc = Buffer.alloc(withSize ? 10 : 2);
  desc[0] = flg;
  desc[1] = code << 4;
  if (withSize) desc.writeBigUInt64LE(BigInt(data.length), 2);
  parts.push(desc, Buffer.from([(xxh32(desc) >>> 8) & 0xff]));

  for (let at = 0; at < data.length; at += step) {
    const end = Math.min(data.length, at + step);
    const histFrom = independent ? at : Math.max(0, at - MAX_OFFSET);
    let body: Buffer;
    let stored = mode === 'stored';
    if (stored) body = Buffer.from(data.subarray(at, end));
    else {
      body = mode === 'literals' ? literalBlock(data, at, end) : compressBlock(data, histFrom, at, end);
      if (mode === 'compress' && body.length >= end - at) {
        stored = true;
        body = Buffer.from(data.subarray(at, end));
      }
    }
    const head = Buffer.alloc(4);
    head.writeUInt32LE((body.length | (stored ? 0x80000000 : 0)) >>> 0);
    parts.push(head, body);
    if (blockChecksum) parts.push(u32(xxh32(body)));
  }
  parts.push(u32(0));
  if (contentChecksum) parts.push(u32(xxh32(data)));
  return Buffer.concat(parts);
}

/** A skippable frame (magic 184d2a5X) around `payload`. */
export function writeSkippableFrame(payload: Uint8Array, nibble = 0): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE((0x184d2a50 | (nibble & 15)) >>> 0, 0);
  b.writeUInt32LE(payload.length, 4);
  return Buffer.concat([b, payload]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** A compressed block made of one literal-only sequence. */
function literalBlock(data: Uint8Array, at: number, end: number): Buffer {
  const out: number[] = [];
  emitSequence(out, data, at, end - at, null);
  return Buffer.from(out);
}

/**
 * Greedy LZ4: positions in [from, end) may be matched against earlier ones from `histFrom` on (the previous
 * blocks' bytes in linked mode), within 65535 bytes.
 */
function compressBlock(data: Uint8Array, histFrom: number, from: number, end: number): Buffer {
  const out: number[] = [];
  const table = new Map<number, number>();
  const key = (p: number) =>
    ((data[p] ?? 0) | ((data[p + 1] ?? 0) << 8) | ((data[p + 2] ?? 0) << 16) | ((data[p + 3] ?? 0) << 24)) >>> 0;
  for (let p = histFrom; p < from && p + 4 <= from; p++) table.set(key(p), p);
  let anchor = from;
  let p = from;
  const matchLimit = end - MF_LIMIT;
  while (p < matchLimit) {
    const k = key(p);
    const cand = table.get(k);
    table.set(k, p);
    if (cand !== undefined && p - cand <= MAX_OFFSET && cand >= histFrom && key(cand) === k) {
      let len = MIN_MATCH;
      while (p + len < end - LAST_LITERALS && data[cand + len] === data[p + len]) len++;
      emitSequence(out, data, anchor, p - anchor, { offset: p - cand, length: len });
      p += len;
      anchor = p;
      continue;
    }
    p++;
  }
  emitSequence(out, data, anchor, end - anchor, null);
  return Buffer.from(out);
}

function emitLength(out: number[], n: number): void {
  let left = n;
  while (left >= 255) {
    out.push(255);
    left -= 255;
  }
  out.push(left);
}

function emitSequence(
  out: number[],
  data: Uint8Array,
  litFrom: number,
  litLen: number,
  match: { offset: number; length: number } | null,
): void {
  const ml = match === null ? 0 : match.length - MIN_MATCH;
  out.push((Math.min(litLen, 15) << 4) | Math.min(ml, 15));
  if (litLen >= 15) emitLength(out, litLen - 15);
  for (let i = 0; i < litLen; i++) out.push(data[litFrom + i] ?? 0);
  if (match === null) return;
  out.push(match.offset & 0xff, match.offset >>> 8);
  if (ml >= 15) emitLength(out, ml - 15);
}
