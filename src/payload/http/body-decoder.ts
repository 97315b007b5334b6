/**
 * Removes Content-Encoding from a body (RFC 9110 §8.4): the listed codings were applied in order, so they are
 * undone last first. gzip/deflate/br use node:zlib, zstd uses fzstd (Node 20's zlib has none). Output is bounded
 * by MAX_DECOMPRESSED_BYTES (a zip bomb stops there) and then cut to MAX_INSPECTED_BODY_BYTES; damaged data yields
 * what decoded before the damage. Never throws.
 */
import * as zlib from 'node:zlib';
import { MAX_DECOMPRESSED_BYTES, MAX_INSPECTED_BODY_BYTES } from '../types.js';
import { decodeZstd } from './zstd-body.js';

export interface DecodedBody {
  body: Uint8Array;
  notes: string[];
}

/** One decoding step: its output and, when it could not finish, why ("bad-gzip", "decompression-limit"). */
export interface StageResult {
  output: Uint8Array;
  note: string | null;
}

type Stage = (input: Uint8Array) => StageResult;

// No prototype: keys come from the input, and "constructor" must not find Object's.
const STAGES: Record<string, Stage> = Object.assign(Object.create(null) as Record<string, Stage>, {
  gzip: (input) => zlibStage(input, 'bad-gzip', zlib.gunzipSync, zlib.constants.Z_SYNC_FLUSH),
  'x-gzip': (input) => zlibStage(input, 'bad-gzip', zlib.gunzipSync, zlib.constants.Z_SYNC_FLUSH),
  deflate: (input) =>
    zlibStage(
      input,
      'bad-deflate',
      // "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate: tell by the header.
      hasZlibHeader(input) ? zlib.inflateSync : zlib.inflateRawSync,
      zlib.constants.Z_SYNC_FLUSH,
    ),
  br: (input) => zlibStage(input, 'bad-br', zlib.brotliDecompressSync, zlib.constants.BROTLI_OPERATION_FLUSH),
  zstd: (input) => decodeZstd(input, MAX_DECOMPRESSED_BYTES),
} satisfies Record<string, Stage>);

export function decodeBody(wire: Uint8Array, contentEncoding: string | null): DecodedBody {
  const notes: string[] = [];
  let data = wire;
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (data.length > 0) {
    for (let i = codings.length - 1; i >= 0; i--) {
      const stage = STAGES[codings[i] ?? ''];
      if (!stage) {
        notes.push('unknown-encoding');
        break;
      }
      const result = safeStage(stage, data, `bad-${codings[i]}`);
      data = result.output;
      if (result.note) {
        // Partial output of one coding is not valid input for the next: stop here.
        notes.push(result.note);
        break;
      }
    }
  }
  if (data.length > MAX_INSPECTED_BODY_BYTES) {
    data = data.subarray(0, MAX_INSPECTED_BODY_BYTES);
    notes.push('body-truncated');
  }
  return { body: data, notes };
}

function safeStage(stage: Stage, input: Uint8Array, failNote: string): StageResult {
  try {
    return stage(input);
  } catch {
    return { output: new Uint8Array(0), note: failNote };
  }
}

/** RFC 1950 §2.2: CM = 8 (deflate), CINFO ≤ 7, and the first two octets are a multiple of 31. */
function hasZlibHeader(input: Uint8Array): boolean {
  const cmf = input[0] ?? 0;
  const flg = input[1] ?? 0;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

type ZlibSync = (input: Uint8Array, options: zlib.ZlibOptions & zlib.BrotliOptions) => Buffer;

/**
 * Node's synchronous zlib either returns everything or throws, with no partial output. So: try the whole input;
 * if that fails (damage, truncation, or the output limit), find by bisection the longest input prefix that decodes
 * cleanly when flushed rather than finished, and return its output. Prefix output grows with prefix length, so the
 * search is sound; it costs about log2(input) decodes, each bounded by the output limit.
 */
function zlibStage(input: Uint8Array, badNote: string, run: ZlibSync, partialFlush: number): StageResult {
  const whole = attempt(run, input, undefined);
  if (whole.output) return { output: whole.output, note: null };
  const note = whole.tooLarge ? 'decompression-limit' : badNote;
  let best: Uint8Array = new Uint8Array(0);
  let lo = 0;
  let hi = input.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const r = attempt(run, input.subarray(0, mid), partialFlush);
    if (r.output) {
      best = r.output;
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { output: best, note };
}

function attempt(
  run: ZlibSync,
  input: Uint8Array,
  finishFlush: number | undefined,
): { output?: Uint8Array; tooLarge: boolean } {
  try {
    const options = finishFlush === undefined ? {} : { finishFlush };
    return { output: run(input, { ...options, maxOutputLength: MAX_DECOMPRESSED_BYTES }), tooLarge: false };
  } catch (err) {
    return { tooLarge: err instanceof RangeError || (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' };
  }
}
