/**
 * Text spelt straight into bytes: a growing run of output is filled in place (ASCII characters and decimal
 * digits written as bytes, other text encoded as UTF-8) and handed on in blocks. Writing a million NDJSON lines
 * this way builds no string per line: template strings alone made the flow writer 1.6× slower (issue #18).
 *
 * Each block handed to `emit` is a fresh buffer the writer never touches again, so a stream may keep it queued
 * or a worker move it to another thread; blocks own their memory (allocUnsafeSlow: never a slice of Node's
 * shared pool, which moving would take from every other Buffer in it). Only when `emit` answers true (it is
 * done with the block: written out, nothing kept) is the block filled again: a fresh 64 KiB block per flush
 * cost a page fault per 4 KiB once a run made little other garbage (the allocator gave the freed blocks back
 * to the system between collections: ~115,000 faults, over a second of system time, for 470 MB of NDJSON).
 */

import { NUMBER_BYTES, putAscii, putBytes, putNumber } from './byte-spell.js';

/** Bytes gathered before a block is handed on. */
const BLOCK_BYTES = 1 << 16;

export class ByteOutput {
  #buf: Buffer;
  #pos = 0;
  /** A block `emit` is done with, to fill next. */
  #spare: Buffer | null = null;
  readonly #emit: (block: Uint8Array) => unknown;

  /** `emit` answers true when it keeps nothing of the block it was given (see above). */
  constructor(emit: (block: Uint8Array) => unknown) {
    this.#emit = emit;
    this.#buf = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  }

  /** Room for `n` more bytes: hands the block on when it is full enough. */
  #room(n: number): Buffer {
    if (this.#pos + n > this.#buf.length) {
      this.flush();
      if (n > this.#buf.length) this.#buf = Buffer.allocUnsafeSlow(n);
    }
    return this.#buf;
  }

  /** Hands on what has been written so far. */
  flush(): void {
    if (this.#pos === 0) return;
    const whole = this.#buf;
    const block = whole.subarray(0, this.#pos);
    this.#buf = this.#spare ?? Buffer.allocUnsafeSlow(BLOCK_BYTES);
    this.#spare = null;
    this.#pos = 0;
    if (this.#emit(block) === true && whole.length === BLOCK_BYTES) this.#spare = whole;
  }

  /** A string known to be ASCII (U+0000..U+007F): one byte per character. */
  ascii(s: string): void {
    const b = this.#room(s.length);
    this.#pos = putAscii(b, this.#pos, s);
  }

  /** Any string, as UTF-8. */
  utf8(s: string): void {
    const b = this.#room(s.length * 3);
    this.#pos += b.write(s, this.#pos, 'utf8');
  }

  /** Bytes as they are (pre-encoded keys, blocks written elsewhere), after what was written before them. */
  bytes(src: Uint8Array): void {
    const n = src.length;
    const b = this.#room(n);
    if (n > 64) {
      b.set(src, this.#pos);
      this.#pos += n;
      return;
    }
    this.#pos = putBytes(b, this.#pos, src);
  }

  /**
   * For a writer that spells a run of at most `n` bytes itself (byte-spell.ts): the block, with room for them
   * from `at`; the writer then says where the run ended (`advanceTo`). Nothing else may be written in between.
   */
  reserve(n: number): Buffer {
    return this.#room(n);
  }

  /** Where the next byte goes in the block `reserve` gave. */
  get at(): number {
    return this.#pos;
  }

  /** After a reserved run: where it ended (at most `at` + the room reserved). */
  advanceTo(pos: number): void {
    this.#pos = pos;
  }

  byte(c: number): void {
    const b = this.#room(1);
    b[this.#pos++] = c;
  }

  /**
   * A number as JSON writes it (`String(n)`; `null` for NaN and infinities). Whole numbers up to 2^53 are spelt
   * digit by digit, with no string.
   */
  number(n: number): void {
    const b = this.#room(NUMBER_BYTES);
    this.#pos = putNumber(b, this.#pos, n);
  }

  /**
   * A JSON string: written as it is when every character is printable ASCII other than '"' and '\\' (what
   * JSON.stringify leaves alone), else JSON.stringify's text as UTF-8. Byte for byte `JSON.stringify(s)`.
   */
  jsonString(s: string): void {
    const n = s.length;
    const b = this.#room(n + 2);
    let p = this.#pos;
    b[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.utf8(JSON.stringify(s));
        return;
      }
      b[p++] = c;
    }
    b[p++] = 0x22;
    this.#pos = p;
  }
}
