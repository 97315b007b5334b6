/**
 * Cuts one direction's reassembled TCP byte stream into TLS records (RFC 8446 §5.1, RFC 5246 §6.2):
 *
 *   0 content type   1 legacy version (2)   3 length (2)   5 fragment ...
 *
 * Whole records inside a pushed chunk are handed on in place; only a record split across chunks is copied, into
 * a buffer of its own size held just until it is complete (an idle connection holds 5 bytes per direction).
 */

export const RECORD_HEADER_BYTES = 5;
/** 2^14 plaintext plus the most expansion any version allows (RFC 5246 §6.2.3: 2048). */
export const MAX_RECORD_FRAGMENT_BYTES = (1 << 14) + 2048;

export const CONTENT_CHANGE_CIPHER_SPEC = 20;
export const CONTENT_ALERT = 21;
export const CONTENT_HANDSHAKE = 22;
export const CONTENT_APPLICATION_DATA = 23;
export const CONTENT_HEARTBEAT = 24;

export interface TlsRecord {
  type: number;
  version: number;
  /** The fragment; valid only during the callback (copy what you keep). */
  fragment: Uint8Array;
  /** Frame of the packet that carried the record's first byte. */
  frame: number;
  /** Offset of the record's first byte in the stream. */
  streamOffset: number;
}

/** Why a header cannot start a record, or null when it can. */
export function badRecordHeader(type: number, versionMajor: number, length: number): string | null {
  if (type < CONTENT_CHANGE_CIPHER_SPEC || type > CONTENT_HEARTBEAT) return `content type ${type}`;
  if (versionMajor !== 3) return `record version ${versionMajor}.x`;
  if (length > MAX_RECORD_FRAGMENT_BYTES) return `record length ${length} above ${MAX_RECORD_FRAGMENT_BYTES}`;
  return null;
}

export class TlsRecordReader {
  readonly #header = new Uint8Array(RECORD_HEADER_BYTES);
  #headerHave = 0;
  /** The record being collected (header + fragment), allocated once its header is known. */
  #record: Uint8Array | null = null;
  #have = 0;
  #startFrame = 0;
  #streamOffset = 0;
  /** Set once a header was not a TLS record header: nothing after it can be framed. */
  error: string | null = null;
  /** Offset in the stream of the bad header. */
  errorOffset = 0;

  /** Bytes of the stream consumed so far. */
  get offset(): number {
    return this.#streamOffset;
  }

  /** Feeds bytes; calls onRecord for each complete record, in order. Stops for good at the first bad header. */
  push(data: Uint8Array, frame: number, onRecord: (record: TlsRecord) => void): void {
    let off = 0;
    const end = data.length;
    while (off < end && this.error === null) {
      if (this.#headerHave === 0 && end - off >= RECORD_HEADER_BYTES) {
        // Fast path: a whole record inside this chunk is handed on without a copy.
        const length = ((data[off + 3] ?? 0) << 8) | (data[off + 4] ?? 0);
        if (!this.#checkHeader(data, off, length)) return;
        const total = RECORD_HEADER_BYTES + length;
        if (end - off >= total) {
          this.#emit(data, off, total, frame, onRecord);
          off += total;
          continue;
        }
      }
      off = this.#collect(data, off, frame, onRecord);
    }
  }

  /** Drops a partly collected record (the stream has a hole). */
  reset(): void {
    this.#headerHave = 0;
    this.#record = null;
    this.#have = 0;
  }

  #emit(bytes: Uint8Array, at: number, total: number, frame: number, onRecord: (record: TlsRecord) => void): void {
    const start = this.#streamOffset;
    this.#streamOffset += total;
    onRecord({
      type: bytes[at] ?? 0,
      version: ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0),
      fragment: bytes.subarray(at + RECORD_HEADER_BYTES, at + total),
      frame,
      streamOffset: start,
    });
  }

  /** Copies bytes of a record that straddles chunks; returns the new offset in data. */
  #collect(data: Uint8Array, off: number, frame: number, onRecord: (record: TlsRecord) => void): number {
    let record = this.#record;
    if (record === null) {
      if (this.#headerHave === 0) this.#startFrame = frame;
      const n = Math.min(RECORD_HEADER_BYTES - this.#headerHave, data.length - off);
      this.#header.set(data.subarray(off, off + n), this.#headerHave);
      this.#headerHave += n;
      off += n;
      if (this.#headerHave < RECORD_HEADER_BYTES) return off;
      const h = this.#header;
      const length = ((h[3] ?? 0) << 8) | (h[4] ?? 0);
      if (!this.#checkHeader(h, 0, length)) return data.length;
      record = new Uint8Array(RECORD_HEADER_BYTES + length);
      record.set(h, 0);
      this.#record = record;
      this.#have = RECORD_HEADER_BYTES;
    }
    const n = Math.min(record.length - this.#have, data.length - off);
    record.set(data.subarray(off, off + n), this.#have);
    this.#have += n;
    off += n;
    if (this.#have === record.length) {
      this.reset();
      this.#emit(record, 0, record.length, this.#startFrame, onRecord);
    }
    return off;
  }

  #checkHeader(bytes: Uint8Array, at: number, length: number): boolean {
    const why = badRecordHeader(bytes[at] ?? 0, bytes[at + 1] ?? 0, length);
    if (why === null) return true;
    this.error = why;
    this.errorOffset = this.#streamOffset;
    return false;
  }
}
