/**
 * Feeds an input's bytes to a capture parser (capture-parser.ts) and returns how many it read.
 *
 * The driver owns one buffer. When the input can read into it (InputSource.into: an uncompressed file), every
 * read lands there after the bytes not yet consumed, the parser reads the records in place, and the rest is
 * moved to the front: one buffer reused for the whole file (DIRECT_READ_BYTES, or the largest record the parser
 * asks for). Other chunks (the head, decompressed data, stdin) are parsed in place as they come; only a record
 * that straddles two chunks is completed in the driver's buffer, with just as much of the next chunk as it
 * needs. Either way memory is bounded by the largest record (MAX_BLOCK_BYTES / PCAP_MAX_RECORD_BYTES), and a
 * record's bytes stay valid only during the sink call (capture-sink.ts), since the buffer is read into again.
 */
import type { Anomalies } from '../core/anomalies.js';
import type { CaptureParser } from './capture-parser.js';
import type { ChunkTarget } from './chunk-target.js';
import { InputDataError, type InputSource } from './source.js';

/**
 * Usual size of the driver's buffer, so of each read into it. Reading the 589 MB benchmark capture from the page
 * cache took (best CPU of 8) 190 ms with 1 MiB, 161 ms with 2 MiB, 187 ms with 4 MiB, 220 ms with 8 MiB and
 * 275 ms with 256 KiB: smaller reads pay more round trips through the thread pool, larger ones no longer
 * parse the bytes while the copy from the kernel is still in the CPU's caches.
 */
export const DIRECT_READ_BYTES = 2 * 1024 * 1024;
/** Least size of the buffer that only completes records straddling chunks (no reads into it). */
const CARRY_BYTES = 64 * 1024;

/** Reads the whole input into `parser`; `readBytes` is the usual size of the driver's buffer (tests make it tiny). */
export async function driveCapture(
  parser: CaptureParser,
  source: InputSource,
  anomalies: Anomalies,
  readBytes = DIRECT_READ_BYTES,
): Promise<number> {
  let target: ChunkTarget | null = source.into ?? null;
  /** The driver's buffer: `buf[0, have)` are bytes read but not consumed, starting at file offset `base`. */
  let buf = Buffer.allocUnsafeSlow(0);
  let have = 0;
  let base = 0;

  /** Makes `buf` hold at least `size` bytes, keeping the unconsumed ones. */
  const resize = (size: number): void => {
    const next = Buffer.allocUnsafeSlow(size);
    buf.copy(next, 0, 0, have);
    buf = next;
  };
  const append = (chunk: Buffer, from: number, to: number): void => {
    if (buf.length - have < to - from) resize(Math.max(have + to - from, buf.length * 2, CARRY_BYTES));
    chunk.copy(buf, have, from, to);
    have += to - from;
  };
  /** Parses `b[start..]` (file offset of b[0]: `fileOffset`), refusing a parser that would spin. */
  const parse = (b: Buffer, start: number, fileOffset: number): number => {
    const needBefore = parser.need;
    const pos = parser.parse(b, start, fileOffset);
    if (pos === start && !parser.stopped && b.length - start >= needBefore && parser.need <= needBefore) {
      // A parser given what it asked for must consume or ask for more; anything else would spin.
      throw new Error(`capture parser made no progress at offset ${fileOffset + start}`);
    }
    return pos;
  };
  /** Drops the first `pos` unconsumed bytes. */
  const consume = (pos: number): void => {
    if (pos === 0) return;
    have -= pos;
    base += pos;
    if (have > 0) buf.copyWithin(0, pos, pos + have);
  };

  /** A chunk read into `buf` after the unconsumed bytes. */
  const direct = (n: number): void => {
    have += n;
    consume(parse(buf.subarray(0, have), 0, base));
  };

  /** Any other chunk: parsed in place, after completing the record that straddles into it. */
  const foreign = (chunk: Buffer): void => {
    /** File offset of chunk[0]. */
    const chunkBase = base + have;
    let from = 0;
    while (have > 0) {
      if (from === chunk.length) return;
      const take = Math.min(chunk.length - from, Math.max(parser.need - have, 1));
      append(chunk, from, from + take);
      from += take;
      if (have < parser.need) continue;
      const pos = parse(buf.subarray(0, have), 0, base);
      const beforeChunk = chunkBase - base;
      if (pos < beforeChunk || parser.stopped) {
        // The record's true size became known only now: keep what is left and ask again.
        consume(pos);
        if (parser.stopped) return;
        continue;
      }
      // The straddling record is done: read on in the chunk itself.
      from = pos - beforeChunk;
      have = 0;
      base = chunkBase + from;
      if (from === chunk.length) return;
    }
    const pos = parse(chunk, from, chunkBase);
    base = chunkBase + pos;
    if (!parser.stopped) append(chunk, pos, chunk.length);
  };

  const it = source.chunks[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      if (target !== null) {
        // Room for the largest record the parser may ask for; back to the usual size after a large one.
        const size = Math.max(readBytes, parser.need, have + 1);
        if (buf.length !== size) resize(size);
        target.next(buf, have);
      }
      let r: IteratorResult<Buffer>;
      try {
        r = await it.next();
      } catch (e) {
        finished = true;
        throw e;
      }
      if (r.done === true) {
        finished = true;
        break;
      }
      const chunk = r.value;
      if (target !== null) {
        if (chunk.buffer === buf.buffer && chunk.byteOffset === buf.byteOffset + have) {
          direct(chunk.length);
          if (parser.stopped) break;
          continue;
        }
        if (target.cancel()) {
          // Someone read into the buffer without handing the chunk on as it is (a wrapper reading ahead): the
          // buffer may still be written, so leave it to them and stop offering one.
          resize(Math.max(have, CARRY_BYTES));
          target = null;
        }
      }
      if (chunk.length === 0) continue;
      foreign(chunk);
      if (parser.stopped) break;
    }
  } catch (e) {
    if (!(e instanceof InputDataError) || !parser.started) throw e;
    anomalies.add(e.reason, { file: source.name, offset: e.offset, detail: e.message });
    return e.offset;
  } finally {
    // Stops and closes the input when the parser stopped early (or threw).
    if (!finished) await it.return?.();
  }
  // A parser that gave up consumed nothing after where it stopped.
  if (parser.stopped) return base;
  parser.finish(have, base);
  return base + have;
}
