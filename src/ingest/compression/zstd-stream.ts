/**
 * Streaming zstd (RFC 8878) through fzstd's `Decompress`, with the guard rails fzstd leaves to its caller.
 *
 * A small walker reads the frame structure ahead of fzstd (frame headers, block headers: every block's stored
 * size is in its 3-byte header) and decides what fzstd is given:
 *  - each frame header is checked before fzstd sees it: fzstd allocates the frame's whole window up front (for
 *    a single-segment frame, the declared content size), so a window above MAX_ZSTD_WINDOW_BYTES is refused
 *    ('zstd-window-too-large'; see there why it is below the zstd CLI's 128 MiB), as are frames that need a
 *    dictionary;
 *  - input is handed over in pieces that end at block boundaries once the blocks in them may decode to
 *    OUTPUT_BUDGET_BYTES (an RLE block of 4 bytes decodes to 128 KiB), and the output is handed on before
 *    the next piece: memory stays bounded by the window plus about one budget, whatever the ratio.
 * fzstd checks the data itself (bad blocks, bad offsets) and throws; that becomes 'zstd-data-error', a frame
 * cut short 'zstd-truncated'. The optional content checksum (XXH64) is skipped by fzstd, not verified.
 *
 * fzstd shifts the whole window for every block it decodes, so throughput falls as the window grows: zstd's
 * levels 1-19 use windows of 1-8 MiB (about 250-300 MB/s through the pcap reader); a 64 MiB window (`--long=26`)
 * reads at about 30 MB/s.
 */
import { Decompress } from 'fzstd';
import { DecompressError } from './decompress-error.js';

export const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/**
 * Largest window accepted: just under 64 MiB. fzstd 0.1.1 reads a match offset's extra bits from one 32-bit
 * word shifted by up to 7 bits, so offset codes above 25 (offsets from 2^26 - 3 on) decode wrongly: a
 * `zstd --long=27` capture (128 MiB window) came out corrupt after 112 MB, silently. Offsets never exceed the
 * window, so windows below 2^26 - 3 are safe. This covers zstd levels 1-21 (window ≤ 2^26 at -21: its exact
 * 64 MiB window is refused), and `--long` up to 26; `--long` (27) and `--ultra -22` are refused with a message.
 */
export const MAX_ZSTD_WINDOW_BYTES = 2 ** 26 - 4;
/** RFC 8878 §3.1.1.2.4: no block decodes to more than this. */
export const ZSTD_BLOCK_MAX_BYTES = 128 * 1024;
/** Output a piece of input may produce before it is handed on. */
export const OUTPUT_BUDGET_BYTES = 1024 * 1024;

/** Walker states; header states collect `need` bytes in `hdr`, skip states pass `skip` bytes. */
const W = { Magic: 0, SkipSize: 1, Skip: 2, FrameHeader: 3, BlockHeader: 4, BlockBody: 5, Checksum: 6 } as const;
type WState = (typeof W)[keyof typeof W];

export class ZstdFrameWalker {
  #state: WState = W.Magic;
  readonly #hdr = new Uint8Array(18);
  #have = 0;
  #need = 4;
  #skip = 0;
  #lastBlock = false;
  #checksum = false;
  #blockMax = 0;
  #frames = 0;

  get frames(): number {
    return this.#frames;
  }

  /** True when the input read so far ends between frames (after at least one). */
  get atBoundary(): boolean {
    return this.#state === W.Magic && this.#have === 0 && this.#frames > 0;
  }

  /**
   * Walks `chunk[start..]` and returns where to cut it: after the block that brings the possible output to
   * `budget`, at the chunk's end, or (with the error) where a damaged header starts.
   */
  advance(chunk: Uint8Array, start: number, budget: number): { end: number; error: DecompressError | null } {
    let p = start;
    let out = 0;
    let headerAt = start;
    const len = chunk.length;
    while (p < len) {
      const s = this.#state;
      if (s === W.Skip || s === W.BlockBody || s === W.Checksum) {
        const n = Math.min(this.#skip, len - p);
        p += n;
        this.#skip -= n;
        if (this.#skip > 0) break;
        this.#begin(W.Magic, 4);
        if (s === W.Checksum) this.#frames++;
        else if (s === W.BlockBody) {
          if (!this.#lastBlock) this.#begin(W.BlockHeader, 3);
          else if (this.#checksum) this.#beginSkip(W.Checksum, 4);
          else this.#frames++;
          if (out >= budget) return { end: p, error: null };
        }
        continue;
      }
      if (this.#have === 0) headerAt = p;
      while (this.#have < this.#need && p < len) this.#hdr[this.#have++] = chunk[p++] as number;
      if (this.#have < this.#need) break;
      try {
        out += this.#header();
      } catch (e) {
        if (e instanceof DecompressError) return { end: headerAt, error: e };
        throw e;
      }
    }
    return { end: p, error: null };
  }

  #begin(state: WState, need: number): void {
    this.#state = state;
    this.#have = 0;
    this.#need = need;
  }

  #beginSkip(state: WState, n: number): void {
    this.#begin(state, 0);
    this.#skip = n;
    // A zero-length skip (empty skippable frame or raw block) ends at once: handled by the skip branch when
    // more bytes come, or here.
    if (n === 0) this.#finishEmpty(state);
  }

  #finishEmpty(state: WState): void {
    this.#begin(W.Magic, 4);
    if (state === W.BlockBody) {
      if (!this.#lastBlock) this.#begin(W.BlockHeader, 3);
      else if (this.#checksum) this.#beginSkip(W.Checksum, 4);
      else this.#frames++;
    }
  }

  /** Interprets the collected header bytes; returns the most output the bytes it announces can decode to. */
  #header(): number {
    const h = this.#hdr;
    switch (this.#state) {
      case W.Magic: {
        const magic = readLE(h, 0, 4);
        if (magic === ZSTD_MAGIC) {
          this.#state = W.FrameHeader;
          this.#need = 5;
        } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
          this.#state = W.SkipSize;
          this.#need = 8;
        } else {
          throw new DecompressError(
            'zstd-data-error',
            `not a zstd frame (magic ${magic.toString(16).padStart(8, '0')})`,
          );
        }
        return 0;
      }
      case W.SkipSize:
        this.#beginSkip(W.Skip, readLE(h, 4, 4));
        return 0;
      case W.FrameHeader: {
        const fhd = h[4] as number;
        const singleSegment = (fhd >> 5) & 1;
        const dictBytes = [0, 1, 2, 4][fhd & 3] as number;
        const fcsBytes = [singleSegment, 2, 4, 8][fhd >> 6] as number;
        const total = 5 + (singleSegment ? 0 : 1) + dictBytes + fcsBytes;
        if (this.#have < total) {
          this.#need = total;
          return 0;
        }
        if (fhd & 0x08) throw new DecompressError('zstd-data-error', 'reserved bit set in a frame header');
        let at = 5;
        let window = 0;
        if (!singleSegment) {
          const wd = h[at++] as number;
          const base = 2 ** (10 + (wd >> 3));
          window = base + (base / 8) * (wd & 7);
        }
        const dictId = readLE(h, at, dictBytes);
        at += dictBytes;
        if (dictId !== 0) {
          throw new DecompressError('zstd-data-error', `frame needs dictionary ${dictId} (not in the file)`);
        }
        if (singleSegment) window = readLE(h, at, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
        if (window > MAX_ZSTD_WINDOW_BYTES) {
          throw new DecompressError(
            'zstd-window-too-large',
            `window of ${mib(window)} above the ${mib(MAX_ZSTD_WINDOW_BYTES)} limit`,
          );
        }
        this.#checksum = ((fhd >> 2) & 1) === 1;
        this.#blockMax = Math.min(window, ZSTD_BLOCK_MAX_BYTES);
        this.#begin(W.BlockHeader, 3);
        return 0;
      }
      case W.BlockHeader: {
        const word = readLE(h, 0, 3);
        const type = (word >> 1) & 3;
        const size = word >>> 3;
        this.#lastBlock = (word & 1) === 1;
        if (type === 3) throw new DecompressError('zstd-data-error', 'reserved block type');
        if (size > this.#blockMax) {
          throw new DecompressError('zstd-data-error', `block of ${size} bytes above the maximum of ${this.#blockMax}`);
        }
        // Raw: `size` bytes follow; RLE: one byte, repeated `size` times; compressed: `size` bytes.
        this.#beginSkip(W.BlockBody, type === 1 ? 1 : size);
        return type === 2 ? this.#blockMax : size;
      }
      default:
        return 0;
    }
  }
}

function readLE(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[at + i] as number);
  return v;
}

function mib(n: number): string {
  return n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MiB` : `${n} bytes`;
}

function fzstdError(e: unknown): DecompressError {
  if (e instanceof DecompressError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : null;
  const detail = e instanceof Error ? e.message : String(e);
  return new DecompressError(code === 5 ? 'zstd-truncated' : 'zstd-data-error', detail);
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Decodes a zstd stream (one or more frames, skippable frames skipped) chunk by chunk. */
export async function* zstdChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const walker = new ZstdFrameWalker();
  const out: Uint8Array[] = [];
  const decoder = new Decompress((data) => {
    if (data.length > 0) out.push(data);
  });
  for await (const chunk of input) {
    let start = 0;
    while (start < chunk.length) {
      const step = walker.advance(chunk, start, OUTPUT_BUDGET_BYTES);
      let failure = step.error;
      if (step.end > start) {
        try {
          decoder.push(chunk.subarray(start, step.end));
        } catch (e) {
          failure = fzstdError(e);
        }
      }
      if (failure !== null) {
        // Flush a short frame fzstd still holds back (it waits for 18 bytes before reading a frame header).
        try {
          decoder.push(new Uint8Array(0), true);
        } catch {
          // Cut mid-frame: the failure at hand says more.
        }
      }
      for (const d of out.splice(0)) yield asBuffer(d);
      if (failure !== null) throw failure;
      start = step.end;
    }
  }
  let failure: DecompressError | null = walker.atBoundary
    ? null
    : new DecompressError('zstd-truncated', 'zstd frame cut short');
  try {
    // Flushes a last frame shorter than fzstd's 18-byte look-ahead.
    decoder.push(new Uint8Array(0), true);
  } catch (e) {
    failure ??= fzstdError(e);
  }
  for (const d of out.splice(0)) yield asBuffer(d);
  if (failure !== null) throw failure;
}
