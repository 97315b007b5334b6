/**
 * Splits a byte stream into lines without copying more than the line cut by a chunk boundary: Buffer.indexOf
 * finds each newline; a sink that reads bytes gets each line as a range of the chunk buffer, and only the
 * lines it declines are decoded. CRLF and a leading UTF-8 BOM are removed; UTF-16LE text (PowerShell's default
 * for Out-File / Export-Csv, BOM FF FE) is decoded first. Lines longer than MAX_LINE_BYTES are never
 * materialised: they are counted and skipped.
 */
import { StringDecoder } from 'node:string_decoder';

/** Longest line handed to a parser; longer ones are counted as 'log-line-too-long' and skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

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
export async function splitLines(chunks: AsyncIterable<Buffer>, sink: LineSink, splitAfter?: string): Promise<void> {
  const st: { carry: Buffer | null } = { carry: null };
  let lineNo = 0;
  let first = true;
  let utf16: StringDecoder | null = null;
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

  let headBytes: Buffer | null = null;
  for await (const raw of chunks) {
    let chunk: Buffer = raw;
    if (first) {
      // The BOM may arrive split over tiny chunks: decide on the encoding once 3 bytes are in.
      headBytes = headBytes === null ? raw : Buffer.concat([headBytes, raw]);
      if (headBytes.length < 3) continue;
      chunk = headBytes;
      first = false;
      if (isUtf16le(chunk)) {
        utf16 = new StringDecoder('utf16le');
        chunk = chunk.subarray(2);
      }
    }
    if (utf16 !== null) chunk = Buffer.from(utf16.write(chunk), 'utf8');
    if (chunk.length === 0) continue;
    const pending = st.carry;
    st.carry = null;
    if (pending === null) {
      scan(chunk);
      continue;
    }
    // Only the line the boundary cut is copied: the carry joined with the new chunk up to its first newline
    // (scanned alone it ends there, as in the whole concatenation), then the rest in place. A split-after token
    // may straddle the boundary, so those formats scan the whole concatenation.
    const nl = token === null ? chunk.indexOf(NL) : -1;
    if (nl < 0) {
      scan(Buffer.concat([pending, chunk]));
      continue;
    }
    scan(Buffer.concat([pending, chunk.subarray(0, nl + 1)]));
    scan(chunk.subarray(nl + 1));
  }
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
