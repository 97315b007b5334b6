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
/** Room in front of each read for the bytes the last parse left (read-ahead, below). */
const READ_AHEAD_HEAD_BYTES = 256 * 1024;
/** Least size of the buffer that only completes records straddling chunks (no reads into it). */
const CARRY_BYTES = 64 * 1024;

/** Reads the whole input into `parser`; `readBytes` is the usual size of the driver's buffer (tests make it tiny). */
export async function driveCapture(
  parser: CaptureParser,
  source: InputSource,
  anomalies: Anomalies,
  readBytes = DIRECT_READ_BYTES,
): Promise<number> {
  const target: ChunkTarget | null = source.into ?? null;
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
  /**
   * Read-ahead: two buffers, each `head` bytes of room and then the `readBytes` a read fills. While one buffer's
   * bytes are parsed, the next read already fills the other (in the thread pool, on another core): read one after
   * the other, the reads left the process idle ~0.5 s of the 1.9 s `flows --no-names` took on the benchmark
   * capture. The bytes a parse leaves (a record cut by the read's end) are copied in front of where the next
   * read lands (`lead` bytes before `head`), so a record is whole without another copy; more than `head` of
   * them, or a chunk read elsewhere (the head, a wrapper's own), go through the carry buffer above instead.
   */
  let pair: [Buffer, Buffer] | null = null;
  const head = Math.min(READ_AHEAD_HEAD_BYTES, readBytes);
  if (target !== null) pair = [Buffer.allocUnsafeSlow(head + readBytes), Buffer.allocUnsafeSlow(head + readBytes)];
  /** Which buffer of `pair` the pending read goes into. */
  let next = 0;
  /** Unconsumed bytes in front of the pending read: `pair[next][head - lead, head)`; `have` is 0 meanwhile. */
  let lead = 0;
  /** The chunk asked for and not yet taken. */
  let pending: Promise<IteratorResult<Buffer>> = Promise.resolve({ done: true, value: undefined });
  let waiting = false;

  /** Asks for the next chunk, read into `pair[next]` when there is a pair. */
  const request = (): void => {
    if (pair !== null && target !== null) target.next(pair[next] as Buffer, head);
    pending = it.next();
    waiting = true;
  };
  /** Puts `b[from, to)` in front of the pending read, or in the carry buffer when it does not fit there. */
  const keep = (b: Buffer, from: number, to: number): void => {
    const n = to - from;
    if (n === 0) return;
    if (pair !== null && n <= head) {
      b.copy(pair[next] as Buffer, head - n, from, to);
      lead = n;
    } else {
      append(b, from, to);
    }
  };
  /** Moves the bytes in front of the pending read to the carry buffer (the chunk came from elsewhere). */
  const leadToCarry = (into: Buffer): void => {
    if (lead === 0) return;
    append(into, head - lead, head);
    lead = 0;
  };

  /** Moves what the carry buffer holds in front of the pending read, when it fits there. */
  const carryToLead = (): void => {
    if (pair === null || have === 0 || have > head) return;
    buf.copy(pair[next] as Buffer, head - have, 0, have);
    lead = have;
    have = 0;
  };

  let finished = false;
  try {
    request();
    for (;;) {
      let r: IteratorResult<Buffer>;
      try {
        waiting = false;
        r = await pending;
      } catch (e) {
        finished = true;
        throw e;
      }
      if (r.done === true) {
        finished = true;
        break;
      }
      const chunk = r.value;
      if (pair !== null && target !== null) {
        const into = pair[next] as Buffer;
        if (chunk.buffer === into.buffer && chunk.byteOffset === into.byteOffset + head) {
          next ^= 1;
          if (have === 0) {
            const b = into.subarray(head - lead, head + chunk.length);
            lead = 0;
            request();
            const pos = parse(b, 0, base);
            base += pos;
            if (parser.stopped) break;
            keep(b, pos, b.length);
            continue;
          }
          request();
          foreign(chunk);
          if (parser.stopped) break;
          carryToLead();
          continue;
        }
        leadToCarry(into);
        // Someone read into the buffer without handing the chunk on as it is (a wrapper reading ahead): it may
        // still be written, so leave the pair to them and read on into new buffers.
        if (target.cancel()) pair = null;
      }
      if (chunk.length === 0) {
        request();
        continue;
      }
      request();
      foreign(chunk);
      if (parser.stopped) break;
      carryToLead();
    }
  } catch (e) {
    if (!(e instanceof InputDataError) || !parser.started) throw e;
    anomalies.add(e.reason, { file: source.name, offset: e.offset, detail: e.message });
    return e.offset;
  } finally {
    // A read still under way when the parse stopped or threw: its outcome no longer matters.
    if (waiting) pending.catch(() => undefined);
    // Stops and closes the input when the parser stopped early (or threw).
    if (!finished) await it.return?.();
  }
  // A parser that gave up consumed nothing after where it stopped.
  if (parser.stopped) return base;
  parser.finish(have + lead, base);
  return base + have + lead;
}
