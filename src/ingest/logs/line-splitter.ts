/**
 * Splits a byte stream into lines without copying more than the line cut by a chunk boundary: Buffer.indexOf
 * finds each newline; a sink that reads bytes gets each line as a range of the chunk buffer, and only the
 * lines it declines are decoded. CRLF and a leading UTF-8 BOM are removed; UTF-16LE text (PowerShell's default
 * for Out-File / Export-Csv, BOM FF FE) is decoded first. Lines longer than MAX_LINE_BYTES are never
 * materialised: they are counted and skipped. A file read where it is told (InputSource.into) is read into two
 * buffers of the splitter's own in turn, the next read running while the last one is split.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ChunkTarget } from '../chunk-target.js';

/** Longest line handed to a parser; longer ones are counted as 'log-line-too-long' and skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Size of each of the two buffers a file is read into when its source can read where it is told
 * (chunk-target.ts). A new 256 KiB Buffer per read cost more than the read (its pages faulted in and zeroed:
 * ~220 ms of CPU for the 96 MB bench firewall log) and the process sat idle while each read ran (~200 ms).
 */
export const SPLIT_READ_BYTES = 1024 * 1024;

export interface LineSink {
  line(text: string, lineNo: number): void;
  /**
   * The line as bytes buf[start, end) (CR and BOM already removed), valid during the call only. True = read;
   * false = not read, and the same line is then decoded and given to `line`.
   */
  bytes?(buf: Buffer, start: number, end: number, lineNo: number): boolean;
  /** A line over the cap: its number and first bytes (for the anomaly example). */
  tooLong(lineNo: number, head: string): void;
}

const NL = 0x0a;

/** True when the bytes start with a UTF-16LE byte order mark. */
export function isUtf16le(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0xff && head[1] === 0xfe;
}

/** Decodes the first bytes of a file as text (UTF-8 or UTF-16LE by BOM), BOM removed. */
export function decodeHead(head: Uint8Array): string {
  if (isUtf16le(head)) return new StringDecoder('utf16le').write(Buffer.from(head.subarray(2)));
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Feeds every line of `chunks` to `sink`. `splitAfter` (ASCII) also ends a line right after each occurrence,
 * for formats whose records are not newline-delimited.
 */
export async function splitLines(
  chunks: AsyncIterable<Buffer>,
  sink: LineSink,
  splitAfter?: string,
  into?: ChunkTarget,
  readBytes = SPLIT_READ_BYTES,
): Promise<void> {
  const st: { carry: Buffer | null } = { carry: null };
  let lineNo = 0;
  let first = true;
  // Typed by `as`: they change inside `take`, which the compiler's narrowing does not follow.
  let utf16 = null as StringDecoder | null;
  let overlong = false; // inside a line already counted as too long: skip to its end
  const token = splitAfter === undefined ? null : Buffer.from(splitAfter, 'latin1');

  const emit = (buf: Buffer, start: number, end: number): void => {
    lineNo++;
    let e = end;
    if (e > start && buf[e - 1] === 0x0d) e--;
    let s = start;
    if (lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    if (sink.bytes === undefined || !sink.bytes(buf, s, e, lineNo)) sink.line(buf.toString('utf8', s, e), lineNo);
  };

  const scan = (buf: Buffer): void => {
    let pos = 0;
    let nextToken = token === null ? -1 : buf.indexOf(token, 0);
    while (pos < buf.length) {
      let nl = buf.indexOf(NL, pos);
      let cut = nl;
      if (nextToken >= 0 && nextToken < pos) nextToken = token === null ? -1 : buf.indexOf(token, pos);
      if (token !== null && nextToken >= 0 && (nl < 0 || nextToken + token.length <= nl)) {
        cut = nextToken + token.length;
        nl = -2; // ends at the token, no newline byte to skip
      }
      if (cut < 0) {
        if (overlong) return;
        if (buf.length - pos > MAX_LINE_BYTES) {
          lineNo++;
          sink.tooLong(lineNo, buf.toString('utf8', pos, pos + 80));
          overlong = true;
          return;
        }
        st.carry = buf.subarray(pos);
        return;
      }
      if (overlong) {
        overlong = false;
      } else if (cut - pos > MAX_LINE_BYTES) {
        lineNo++;
        sink.tooLong(lineNo, buf.toString('utf8', pos, pos + 80));
      } else {
        emit(buf, pos, cut);
      }
      pos = nl === -2 ? cut : cut + 1;
    }
  };

  let headBytes = null as Buffer | null;
  const take = (raw: Buffer): void => {
    let chunk: Buffer = raw;
    if (first) {
      // The BOM may arrive split over tiny chunks: decide on the encoding once 3 bytes are in.
      headBytes = headBytes === null ? raw : Buffer.concat([headBytes, raw]);
      if (headBytes.length < 3) return;
      chunk = headBytes;
      first = false;
      if (isUtf16le(chunk)) {
        utf16 = new StringDecoder('utf16le');
        chunk = chunk.subarray(2);
      }
    }
    if (utf16 !== null) chunk = Buffer.from(utf16.write(chunk), 'utf8');
    if (chunk.length === 0) return;
    const pending = st.carry;
    st.carry = null;
    if (pending === null) {
      scan(chunk);
      return;
    }
    // Only the line the boundary cut is copied: the carry joined with the new chunk up to its first newline
    // (scanned alone it ends there, as in the whole concatenation), then the rest in place. A split-after token
    // may straddle the boundary, so those formats scan the whole concatenation.
    const nl = token === null ? chunk.indexOf(NL) : -1;
    if (nl < 0) {
      scan(Buffer.concat([pending, chunk]));
      return;
    }
    scan(Buffer.concat([pending, chunk.subarray(0, nl + 1)]));
    scan(chunk.subarray(nl + 1));
  };
  await readAhead(chunks, take, into, readBytes, () => {
    // The read about to start goes into a buffer the bytes kept across chunks may still point into.
    if (st.carry !== null) st.carry = Buffer.from(st.carry);
    if (first && headBytes !== null) headBytes = Buffer.from(headBytes);
  });
  if (first && headBytes !== null && headBytes.length > 0) scan(headBytes);
  if (utf16 !== null) {
    const rest = Buffer.from(utf16.end(), 'utf8');
    if (rest.length > 0) {
      const pending = st.carry;
      st.carry = null;
      scan(pending === null ? rest : Buffer.concat([pending, rest]));
    }
  }
  const tail = st.carry;
  if (tail !== null && tail.length > 0 && !overlong) emit(tail, 0, tail.length);
}

/**
 * Hands every chunk of `chunks` to `take`. With a ChunkTarget, the file is read into two buffers of its own in
 * turn: the next read already runs (in the thread pool) while `take` splits the chunk before it, and each read
 * reuses a buffer instead of a new one. `beforeRead` runs before each read is asked for: a read may overwrite
 * the buffer of the chunk before last, which `take` must not hold on to (it copies what it keeps then).
 */
async function readAhead(
  chunks: AsyncIterable<Buffer>,
  take: (chunk: Buffer) => void,
  into: ChunkTarget | undefined,
  readBytes: number,
  beforeRead: () => void,
): Promise<void> {
  if (into === undefined) {
    for await (const chunk of chunks) take(chunk);
    return;
  }
  const it = chunks[Symbol.asyncIterator]();
  let pair: [Buffer, Buffer] | null = [Buffer.allocUnsafeSlow(readBytes), Buffer.allocUnsafeSlow(readBytes)];
  let next = 0;
  let pending: Promise<IteratorResult<Buffer>> = Promise.resolve({ done: true, value: undefined });
  let waiting = false;
  let finished = false;
  const request = (): void => {
    beforeRead();
    if (pair !== null) into.next(pair[next] as Buffer, 0);
    pending = it.next();
    waiting = true;
  };
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
        return;
      }
      const chunk = r.value;
      if (pair !== null) {
        const asked = pair[next] as Buffer;
        if (chunk.buffer === asked.buffer && chunk.byteOffset === asked.byteOffset) next ^= 1;
        // Someone read into the buffer without handing the chunk on as it is (a wrapper reading ahead): it
        // may still be written, so leave the pair to them and read on into new buffers.
        else if (into.cancel()) pair = null;
      }
      request();
      take(chunk);
    }
  } finally {
    // A read still under way when splitting threw: its outcome no longer matters.
    if (waiting) pending.catch(() => undefined);
    if (!finished) await it.return?.();
  }
}
