/**
 * Streaming LZ4 frame decoder (github.com/lz4/lz4 doc/lz4_Frame_format.md), what `lz4` writes by default:
 *
 *   frame:  magic 04 22 4d 18 | FLG | BD | [content size u64] | [dict id u32] | HC | blocks | end mark | [xxh32]
 *   FLG:    version 01 (bits 7-6), block independence (5), block checksum (4), content size (3),
 *           content checksum (2), reserved (1), dict id (0)
 *   BD:     block maximum size (bits 6-4): 4 = 64 KiB, 5 = 256 KiB, 6 = 1 MiB, 7 = 4 MiB
 *   block:  u32 LE size (high bit: stored uncompressed) | data | [xxh32 of data]; size 0 is the end mark
 *
 * Skippable frames (magic 184d2a50-5f, u32 size) are skipped and concatenated frames read one after another.
 * Linked blocks keep the last 64 KiB of output as history. Checksums are all verified: the header checksum
 * and block checksums as they come, the content checksum (xxh32 of the frame's output) at the end of a frame.
 *
 * Memory: one block of input (≤ 4 MiB + 8) and one window (64 KiB history + the block maximum); output is
 * handed out one block at a time (≤ 4 MiB). Damage throws a DecompressError: 'lz4-data-error' for data that
 * cannot be decoded, 'lz4-checksum-error' for a checksum mismatch, 'lz4-truncated' (from `end`) for a frame cut
 * short. Frames with a dictionary id are refused (the dictionary is not in the file).
 */
import { DecompressError } from './decompress-error.js';
import { decodeLz4Block } from './lz4-block.js';
import { Xxh32, xxh32 } from './xxhash32.js';

export const LZ4_FRAME_MAGIC = 0x184d2204;
/** Legacy frame format (`lz4 -l`): recognised to say so, not read. */
export const LZ4_LEGACY_MAGIC = 0x184c2102;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Linked blocks may reach back this far (the format's fixed window). */
export const LZ4_HISTORY_BYTES = 64 * 1024;
const BLOCK_MAX_SIZES: Readonly<Record<number, number>> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };

/** Decoder states: between frames (a magic number or the end of input), in a skippable frame's data, ... */
const State = { Magic: 0, Skip: 1, Descriptor: 2, BlockHeader: 3, ContentChecksum: 4 } as const;
type State = (typeof State)[keyof typeof State];

function dataError(detail: string): never {
  throw new DecompressError('lz4-data-error', detail);
}

export class Lz4FrameDecoder {
  #state: State = State.Magic;
  /** Unconsumed input: parts[0] from #off on, then whole parts. */
  #parts: Buffer[] = [];
  #off = 0;
  #len = 0;
  #skip = 0;
  #frames = 0;
  // Current frame.
  #independent = true;
  #blockChecksum = false;
  #contentChecksum = false;
  #contentSize: number | null = null;
  #blockMax = 0;
  #produced = 0;
  #hash: Xxh32 | null = null;
  #win: Uint8Array = new Uint8Array(0);
  #histLen = 0;

  /** Frames fully read so far (skippable frames not counted). */
  get frames(): number {
    return this.#frames;
  }

  /** Feeds input; yields the decoded output block by block (each yielded buffer is the caller's to keep). */
  *push(chunk: Uint8Array): Generator<Buffer> {
    if (chunk.length === 0) return;
    this.#parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.#len += chunk.length;
    for (;;) {
      switch (this.#state) {
        case State.Skip: {
          const n = Math.min(this.#skip, this.#len);
          this.#consume(n);
          this.#skip -= n;
          if (this.#skip > 0) return;
          this.#state = State.Magic;
          break;
        }
        case State.Magic: {
          const b = this.#take(4);
          if (b === null) return;
          const magic = b.readUInt32LE(this.#off);
          if (magic === LZ4_FRAME_MAGIC) {
            this.#state = State.Descriptor;
          } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
            const s = this.#take(8);
            if (s === null) return;
            this.#skip = s.readUInt32LE(this.#off + 4);
            this.#consume(8);
            this.#state = State.Skip;
          } else if (magic === LZ4_LEGACY_MAGIC) {
            dataError('legacy lz4 frame (lz4 -l) is not supported: recompress with plain lz4');
          } else {
            dataError(`not an lz4 frame (magic ${magic.toString(16).padStart(8, '0')})`);
          }
          break;
        }
        case State.Descriptor: {
          if (!this.#readDescriptor()) return;
          break;
        }
        case State.BlockHeader: {
          const h = this.#take(4);
          if (h === null) return;
          const word = h.readUInt32LE(this.#off);
          if (word === 0) {
            this.#consume(4);
            this.#state = State.ContentChecksum;
            break;
          }
          const size = word & 0x7fffffff;
          const stored = word >>> 31 === 1;
          if (size > this.#blockMax) dataError(`block of ${size} bytes above the frame's maximum of ${this.#blockMax}`);
          const total = 4 + size + (this.#blockChecksum ? 4 : 0);
          const b = this.#take(total);
          if (b === null) return;
          const at = this.#off + 4;
          if (this.#blockChecksum) {
            const want = b.readUInt32LE(at + size);
            const got = xxh32(b, at, at + size);
            if (want !== got) {
              throw new DecompressError('lz4-checksum-error', `block checksum ${hex(got)} instead of ${hex(want)}`);
            }
          }
          const out = stored ? this.#stored(b, at, size) : this.#decode(b, at, size);
          this.#consume(total);
          this.#produced += out.length;
          this.#hash?.update(out);
          if (out.length > 0) yield out;
          break;
        }
        case State.ContentChecksum: {
          if (this.#contentChecksum) {
            const c = this.#take(4);
            if (c === null) return;
            const want = c.readUInt32LE(this.#off);
            this.#consume(4);
            const got = this.#hash?.digest() ?? 0;
            if (want !== got) {
              this.#endFrame();
              throw new DecompressError('lz4-checksum-error', `content checksum ${hex(got)} instead of ${hex(want)}`);
            }
          }
          if (this.#contentSize !== null && this.#contentSize !== this.#produced) {
            const declared = this.#contentSize;
            this.#endFrame();
            dataError(`frame holds ${this.#produced} bytes, its header says ${declared}`);
          }
          this.#endFrame();
          break;
        }
      }
    }
  }

  /** End of input: throws 'lz4-truncated' unless it fell between frames. */
  end(): void {
    if (this.#state === State.Magic && this.#len === 0 && this.#frames > 0) return;
    if (this.#state === State.Magic && this.#len === 0) {
      throw new DecompressError('lz4-truncated', 'no complete lz4 frame');
    }
    if (this.#state === State.Magic && this.#frames > 0) {
      throw new DecompressError('lz4-truncated', `${this.#len} bytes after the last frame are not a frame`);
    }
    throw new DecompressError('lz4-truncated', 'lz4 frame cut short');
  }

  #endFrame(): void {
    this.#frames++;
    this.#state = State.Magic;
    this.#hash = null;
    this.#histLen = 0;
  }

  /** Reads the frame descriptor after the magic; false when more input is needed. */
  #readDescriptor(): boolean {
    const f = this.#take(6);
    if (f === null) return false;
    const flg = f[this.#off + 4] as number;
    const bd = f[this.#off + 5] as number;
    if (flg >>> 6 !== 1) dataError(`frame version ${flg >>> 6} (only 1 is defined)`);
    if ((flg & 0x02) !== 0 || (bd & 0x8f) !== 0) dataError('reserved bits set in the frame descriptor');
    const blockMax = BLOCK_MAX_SIZES[(bd >>> 4) & 7];
    if (blockMax === undefined) dataError(`block maximum size code ${(bd >>> 4) & 7}`);
    const hasSize = (flg & 0x08) !== 0;
    const hasDict = (flg & 0x01) !== 0;
    const len = 4 + 2 + (hasSize ? 8 : 0) + (hasDict ? 4 : 0) + 1;
    const b = this.#take(len);
    if (b === null) return false;
    const at = this.#off;
    const hc = (xxh32(b, at + 4, at + len - 1) >>> 8) & 0xff;
    if (hc !== b[at + len - 1])
      dataError(`frame descriptor checksum ${hex(hc)} instead of ${hex(b[at + len - 1] ?? 0)}`);
    if (hasDict) dataError('frame needs an external dictionary (not in the file)');
    this.#independent = (flg & 0x20) !== 0;
    this.#blockChecksum = (flg & 0x10) !== 0;
    this.#contentChecksum = (flg & 0x04) !== 0;
    // Above 2^53 the declared size cannot match anything we produce: compared as a number, it simply fails.
    this.#contentSize = hasSize ? Number(b.readBigUInt64LE(at + 6)) : null;
    this.#blockMax = blockMax;
    this.#produced = 0;
    this.#hash = this.#contentChecksum ? new Xxh32() : null;
    this.#histLen = 0;
    const winBytes = LZ4_HISTORY_BYTES + blockMax;
    if (this.#win.length !== winBytes) this.#win = new Uint8Array(winBytes);
    this.#consume(len);
    this.#state = State.BlockHeader;
    return true;
  }

  /** A stored (uncompressed) block: handed out as is, and kept as history for linked blocks. */
  #stored(b: Buffer, at: number, size: number): Buffer {
    const out = b.subarray(at, at + size);
    if (!this.#independent) this.#remember(out, 0, size);
    // `b` may be a merged buffer the decoder drops, or an input chunk it never writes to: a view is safe.
    return out;
  }

  #decode(b: Buffer, at: number, size: number): Buffer {
    const win = this.#win;
    const H = LZ4_HISTORY_BYTES;
    const histStart = this.#independent ? H : H - this.#histLen;
    const end = decodeLz4Block(b, at, at + size, win, H, H + this.#blockMax, histStart);
    const n = end - H;
    const out = Buffer.allocUnsafe(n);
    out.set(win.subarray(H, end));
    if (!this.#independent) {
      // Keep the last 64 KiB of history + this block, ending at H.
      const keep = Math.min(H, this.#histLen + n);
      win.copyWithin(H - keep, end - keep, end);
      this.#histLen = keep;
    }
    return out;
  }

  /** Appends `src[from, to)` to the history (stored blocks in linked mode). */
  #remember(src: Uint8Array, from: number, to: number): void {
    const H = LZ4_HISTORY_BYTES;
    const win = this.#win;
    const n = to - from;
    if (n >= H) {
      win.set(src.subarray(to - H, to), 0);
      this.#histLen = H;
      return;
    }
    const keepOld = Math.min(this.#histLen, H - n);
    win.copyWithin(H - n - keepOld, H - keepOld, H);
    win.set(src.subarray(from, to), H - n);
    this.#histLen = keepOld + n;
  }

  /** A buffer in which `[#off, #off + n)` are the next n input bytes, or null when fewer are queued. */
  #take(n: number): Buffer | null {
    if (this.#len < n) return null;
    const first = this.#parts[0] as Buffer;
    if (first.length - this.#off >= n) return first;
    let got = first.length - this.#off;
    let k = 1;
    while (got < n) got += (this.#parts[k++] as Buffer).length;
    const merged = Buffer.concat([first.subarray(this.#off), ...this.#parts.slice(1, k)], got);
    this.#parts.splice(0, k, merged);
    this.#off = 0;
    return merged;
  }

  #consume(n: number): void {
    this.#off += n;
    this.#len -= n;
    while (this.#parts.length > 0 && this.#off >= (this.#parts[0] as Buffer).length) {
      this.#off -= (this.#parts[0] as Buffer).length;
      this.#parts.shift();
    }
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Decodes an lz4 stream (one or more frames) chunk by chunk. */
export async function* lz4Chunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const d = new Lz4FrameDecoder();
  for await (const chunk of input) yield* d.push(chunk);
  d.end();
}
