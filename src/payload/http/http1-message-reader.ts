/**
 * Reads one direction of an HTTP/1.x connection into messages: head, body (Content-Length, chunked with trailers,
 * or up to the end of the stream) and message end. It knows framing only; what a head means (which body it has,
 * whether the connection becomes a tunnel) is decided by its handler, the connection parser. Every wait for
 * more octets is bounded; anything that cannot be HTTP stops the direction with a note.
 */

import type { HttpHeader } from '../types.js';
import { MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { ByteBuffer } from './byte-buffer.js';
import { latin1 } from './exchange.js';
import { headLines, parseFieldLines, parseRequestLine, parseStatusLine } from './http1-head.js';
import { MAX_CHUNK_LINE_BYTES, MAX_PAUSED_BYTES } from './limits.js';

export type BodyFraming =
  | { kind: 'none' }
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  | { kind: 'close' };

/** What follows a message: more messages, nothing parseable (a tunnel), or a wait for the other direction. */
export type AfterMessage = 'continue' | 'stop' | 'pause';

export interface HeadDecision {
  framing: BodyFraming;
  after: AfterMessage;
}

export interface MessageHandler {
  /** A complete head (start line first); null when it is not a valid HTTP/1 head. */
  onHead(lines: string[], frame: number | null): HeadDecision | null;
  onBody(data: Uint8Array): void;
  onTrailers(headers: HttpHeader[]): void;
  onMessageEnd(): void;
  /** Something to say about the message being read, which goes on. */
  onNote(note: string): void;
  /** The message being read cannot be completed (gap, end of stream, stopped): `note` says why. */
  onIncomplete(note: string): void;
  /** The direction is not parseable HTTP/1 (any more) and has stopped: `note` says why. */
  onFailure(note: string): void;
  /**
   * Whether a new message may be read now. A response's framing depends on its request (HEAD, CONNECT), so the
   * server direction waits, buffering up to MAX_PAUSED_BYTES, until the matching request has been read.
   */
  mayStart(): boolean;
}

type State =
  | 'start'
  | 'head'
  | 'fixed'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-end'
  | 'trailers'
  | 'close'
  | 'paused'
  | 'resync'
  | 'stopped';

/** A start line longer than this is not looked at when searching for one after a gap. */
const MAX_RESYNC_LINE_BYTES = 8192;

export class Http1MessageReader {
  private readonly buffer = new ByteBuffer();
  private state: State = 'start';
  /** Octets of the head/trailers/chunk line already scanned, and the length of the current line so far. */
  private scanned = 0;
  private lineLength = 0;
  private firstLine = true;
  private remaining = 0;
  private after: AfterMessage = 'continue';
  private headFrame: number | null = null;
  /** While inside a message (head read, end not reached). */
  private inMessage = false;
  private resyncAtLineStart = true;
  private resyncOnResume = false;
  private pumping = false;

  constructor(
    private readonly role: 'request' | 'response',
    private readonly handler: MessageHandler,
  ) {}

  get stopped(): boolean {
    return this.state === 'stopped';
  }

  get paused(): boolean {
    return this.state === 'paused';
  }

  push(data: Uint8Array, frame: number): void {
    if (this.state === 'stopped') return;
    this.buffer.append(data, frame);
    if (this.state === 'paused') {
      if (this.buffer.length > MAX_PAUSED_BYTES) this.stop();
      return;
    }
    this.pump();
  }

  /** Octets were lost: the current message is cut, then look for the next start line. */
  gap(): void {
    switch (this.state) {
      case 'stopped':
        return;
      case 'close':
        // Everything up to the end of the stream is body anyway: count on, but say something is missing.
        this.handler.onNote('gap');
        return;
      case 'paused':
        this.buffer.clear();
        this.resyncOnResume = true;
        return;
      default:
        if (this.inMessage) {
          this.inMessage = false;
          this.handler.onIncomplete('gap');
        }
        this.buffer.clear();
        this.enterResync();
    }
  }

  /** The stream ended: a body read to the end is complete; anything else in progress is cut. */
  finish(): void {
    if (this.state === 'stopped') return;
    const partialHead = this.state === 'head' || (this.state === 'start' && this.buffer.length > 0);
    if (this.state === 'close') {
      this.endMessage();
    } else if (this.inMessage) {
      this.inMessage = false;
      this.handler.onIncomplete('incomplete');
    }
    this.state = 'stopped';
    this.buffer.clear();
    if (partialHead) this.handler.onFailure('incomplete');
  }

  /** Try again to read: the other direction may have made a waiting message readable. */
  poke(): void {
    if (this.state === 'start') this.pump();
  }

  stop(): void {
    if (this.inMessage) {
      this.inMessage = false;
      this.handler.onIncomplete('stopped');
    }
    this.state = 'stopped';
    this.buffer.clear();
  }

  /** Continue after a pause (the other direction showed no protocol switch happened). */
  resume(): void {
    if (this.state !== 'paused') return;
    if (this.resyncOnResume) {
      this.resyncOnResume = false;
      this.enterResync();
    } else {
      this.state = 'start';
    }
    this.pump();
  }

  private fail(note: string): void {
    this.inMessage = false;
    this.state = 'stopped';
    this.buffer.clear();
    this.handler.onFailure(note);
  }

  private enterResync(): void {
    // Right after a gap the next octet may well begin a message (a whole segment was lost), so look there too.
    this.state = 'resync';
    this.resyncAtLineStart = true;
  }

  private pump(): void {
    // A handler callback may resume this reader while it is already pumping: the running loop carries on.
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.step()) {
        // each step consumed something or changed state
      }
    } finally {
      this.pumping = false;
    }
  }

  /** One state's worth of work; false when it needs more octets (or is stopped/paused). */
  private step(): boolean {
    switch (this.state) {
      case 'start':
        return this.stepStart();
      case 'head':
        return this.stepHead();
      case 'fixed':
      case 'chunk-data':
        return this.stepCounted();
      case 'chunk-size':
        return this.stepChunkSize();
      case 'chunk-end':
        return this.stepChunkEnd();
      case 'trailers':
        return this.stepTrailers();
      case 'close':
        if (this.buffer.length === 0) return false;
        this.handler.onBody(this.buffer.view(0, this.buffer.length));
        this.buffer.clear();
        return false;
      case 'resync':
        return this.stepResync();
      default:
        return false;
    }
  }

  private stepStart(): boolean {
    // RFC 9112 §2.2: empty lines before a start line are ignored.
    while (this.buffer.length > 0 && (this.buffer.at(0) === 0x0d || this.buffer.at(0) === 0x0a)) this.buffer.consume(1);
    if (this.buffer.length === 0) return false;
    if (!this.handler.mayStart() && this.buffer.length <= MAX_PAUSED_BYTES) return false;
    this.headFrame = this.buffer.frameAt(0);
    this.state = 'head';
    this.scanned = 0;
    this.lineLength = 0;
    this.firstLine = true;
    return true;
  }

  /** Scans for the empty line that ends a head; the first line must be text or this is not HTTP. */
  private stepHead(): boolean {
    const end = this.scanForEmptyLine(true);
    if (end === undefined || end === null) return false;
    const lines = headLines(this.buffer.take(end));
    const decision = this.handler.onHead(lines, this.headFrame);
    if (!decision) {
      this.fail(`bad-${this.role}-head`);
      return false;
    }
    this.inMessage = true;
    this.after = decision.after;
    this.startBody(decision.framing);
    return true;
  }

  private startBody(framing: BodyFraming): void {
    switch (framing.kind) {
      case 'none':
        this.endMessage();
        return;
      case 'length':
        if (framing.length === 0) {
          this.endMessage();
          return;
        }
        this.remaining = framing.length;
        this.state = 'fixed';
        return;
      case 'chunked':
        this.beginChunkSize();
        return;
      case 'close':
        this.state = 'close';
    }
  }

  private beginChunkSize(): void {
    this.state = 'chunk-size';
    this.scanned = 0;
  }

  /**
   * Returns the length through the empty line, undefined when more octets are needed, or null after failing.
   * `checkFirstLine`: control octets in the first line mean binary data, not a start line: fail at once rather
   * than buffer up to the head limit.
   */
  private scanForEmptyLine(checkFirstLine: boolean): number | null | undefined {
    const length = this.buffer.length;
    for (let i = this.scanned; i < length; i++) {
      const b = this.buffer.at(i);
      if (b === 0x0a) {
        if (this.lineLength === 0) return i + 1;
        if (checkFirstLine && this.firstLine && !this.isStartLine(i)) {
          this.fail(`bad-${this.role}-head`);
          return null;
        }
        this.lineLength = 0;
        this.firstLine = false;
      } else if (b !== 0x0d) {
        this.lineLength++;
        if (checkFirstLine && this.firstLine && ((b < 0x20 && b !== 0x09) || b === 0x7f)) {
          this.fail(`bad-${this.role}-head`);
          return null;
        }
      }
    }
    this.scanned = length;
    if (length > MAX_HEADER_BLOCK_BYTES) {
      this.fail('header-too-large');
      return null;
    }
    return undefined;
  }

  /** Whether the octets before index `nl` (a line feed) form a start line for this direction. */
  private isStartLine(nl: number): boolean {
    const line = latin1(this.buffer.view(0, nl)).replace(/\r$/, '');
    return this.role === 'request' ? parseRequestLine(line) !== null : parseStatusLine(line) !== null;
  }

  private stepCounted(): boolean {
    const n = Math.min(this.remaining, this.buffer.length);
    if (n === 0) return false;
    this.handler.onBody(this.buffer.view(0, n));
    this.buffer.consume(n);
    this.remaining -= n;
    if (this.remaining > 0) return false;
    if (this.state === 'fixed') this.endMessage();
    else this.state = 'chunk-end';
    return true;
  }

  private stepChunkSize(): boolean {
    const length = this.buffer.length;
    let nl = -1;
    for (let i = this.scanned; i < length; i++) {
      if (this.buffer.at(i) === 0x0a) {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      this.scanned = length;
      if (length > MAX_CHUNK_LINE_BYTES) this.fail('bad-chunk');
      return false;
    }
    const size = this.chunkSize(nl);
    this.buffer.consume(nl + 1);
    if (size === null) {
      this.fail('bad-chunk');
      return false;
    }
    if (size === 0) {
      this.state = 'trailers';
      this.scanned = 0;
      this.lineLength = 0;
      this.firstLine = false;
    } else {
      this.remaining = size;
      this.state = 'chunk-data';
    }
    return true;
  }

  /**
   * The chunk-size line before index `nl` (RFC 9112 §7.1): hex digits with optional whitespace and extensions.
   * Read octet by octet: bodies of tiny chunks make this the hot path.
   */
  private chunkSize(nl: number): number | null {
    let i = 0;
    while (i < nl && (this.buffer.at(i) === 0x20 || this.buffer.at(i) === 0x09)) i++;
    let size = 0;
    let digits = 0;
    for (; i < nl; i++) {
      const v = hexValue(this.buffer.at(i));
      if (v < 0) break;
      size = size * 16 + v;
      if (++digits > 12) return null;
    }
    if (digits === 0) return null;
    while (i < nl && (this.buffer.at(i) === 0x20 || this.buffer.at(i) === 0x09)) i++;
    const next = i < nl ? this.buffer.at(i) : -1;
    if (next === 0x3b || next === -1 || (next === 0x0d && i === nl - 1)) return size;
    return null;
  }

  private stepChunkEnd(): boolean {
    if (this.buffer.length === 0) return false;
    const b = this.buffer.at(0);
    if (b === 0x0a) {
      this.buffer.consume(1);
    } else if (b === 0x0d) {
      if (this.buffer.length < 2) return false;
      if (this.buffer.at(1) !== 0x0a) {
        this.fail('bad-chunk');
        return false;
      }
      this.buffer.consume(2);
    } else {
      this.fail('bad-chunk');
      return false;
    }
    this.beginChunkSize();
    return true;
  }

  private stepTrailers(): boolean {
    const end = this.scanForEmptyLine(false);
    if (end === undefined || end === null) return false;
    const trailers = parseFieldLines(headLines(this.buffer.take(end)));
    if (trailers.length > 0) this.handler.onTrailers(trailers);
    this.endMessage();
    return true;
  }

  private endMessage(): void {
    this.inMessage = false;
    const after = this.after;
    this.after = 'continue';
    this.state = after === 'stop' ? 'stopped' : after === 'pause' ? 'paused' : 'start';
    if (this.state === 'stopped') this.buffer.clear();
    // The handler sees both directions and may resume or stop this reader here.
    this.handler.onMessageEnd();
    if (this.state === 'paused' && this.buffer.length > MAX_PAUSED_BYTES) this.stop();
  }

  /** After a gap: drop octets until a line that parses as a start line for this direction. */
  private stepResync(): boolean {
    if (this.buffer.length === 0) return false;
    if (!this.resyncAtLineStart) {
      const nl = this.indexOfNewline(this.buffer.length);
      if (nl < 0) {
        this.buffer.clear();
        return false;
      }
      this.buffer.consume(nl + 1);
      this.resyncAtLineStart = true;
      return true;
    }
    const nl = this.indexOfNewline(Math.min(this.buffer.length, MAX_RESYNC_LINE_BYTES));
    if (nl < 0) {
      if (this.buffer.length < MAX_RESYNC_LINE_BYTES) return false;
      this.resyncAtLineStart = false;
      return true;
    }
    if (this.isStartLine(nl)) {
      this.state = 'start';
    } else {
      this.buffer.consume(nl + 1);
    }
    return true;
  }

  private indexOfNewline(limit: number): number {
    for (let i = 0; i < limit; i++) if (this.buffer.at(i) === 0x0a) return i;
    return -1;
  }
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
