/**
 * Splits one direction of an HTTP/2 connection into frames (RFC 9113 §4.1): 9-octet header, then payload. DATA
 * payloads are passed on piece by piece as they arrive (never buffered whole); other frames are buffered, header
 * blocks up to MAX_HEADER_BLOCK_BYTES and control frames up to MAX_CONTROL_FRAME_BYTES (the rest skipped).
 */
import { MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { ByteBuffer } from './byte-buffer.js';
import { MAX_CONTROL_FRAME_BYTES } from './limits.js';

export const FRAME = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;

export const CONNECTION_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';
const PREFACE_BYTES = Buffer.from(CONNECTION_PREFACE, 'latin1');

export interface FrameHeader {
  length: number;
  type: number;
  flags: number;
  streamId: number;
  /** Capture frame that carried the first octet of this HTTP/2 frame. */
  frame: number | null;
}

export interface FrameHandler {
  /** A non-DATA frame with its payload (cut to the read limit for control frames). */
  onFrame(header: FrameHeader, payload: Uint8Array): void;
  /** Octets of a DATA frame's content (padding removed); called zero or more times per frame. */
  onData(header: FrameHeader, data: Uint8Array): void;
  /** The end of a DATA frame (END_STREAM is in header.flags). */
  onDataEnd(header: FrameHeader): void;
  /** The direction cannot be read further. */
  onFailure(note: string): void;
}

type State = 'preface' | 'header' | 'payload' | 'data-pad-length' | 'data' | 'data-padding' | 'skip' | 'stopped';

const HEADER_BLOCK_TYPES = new Set<number>([FRAME.HEADERS, FRAME.PUSH_PROMISE, FRAME.CONTINUATION]);

export class Http2FrameReader {
  private readonly buffer = new ByteBuffer();
  private state: State;
  private header: FrameHeader = { length: 0, type: 0, flags: 0, streamId: 0, frame: null };
  /** Octets still to read in the current state (payload to buffer, data, padding or skip). */
  private remaining = 0;
  /** Buffered-payload length to keep, and the octets to skip after it. */
  private keep = 0;
  private padding = 0;

  constructor(
    expectPreface: boolean,
    private readonly handler: FrameHandler,
  ) {
    this.state = expectPreface ? 'preface' : 'header';
  }

  get stopped(): boolean {
    return this.state === 'stopped';
  }

  push(data: Uint8Array, frame: number): void {
    if (this.state === 'stopped') return;
    this.buffer.append(data, frame);
    while (this.step()) {
      // each step consumes octets or changes state
    }
  }

  stop(): void {
    this.state = 'stopped';
    this.buffer.clear();
  }

  private fail(note: string): void {
    this.stop();
    this.handler.onFailure(note);
  }

  private step(): boolean {
    switch (this.state) {
      case 'preface':
        return this.stepPreface();
      case 'header':
        return this.stepHeader();
      case 'payload':
        return this.stepPayload();
      case 'data-pad-length':
        return this.stepPadLength();
      case 'data':
        return this.stepData();
      case 'data-padding':
      case 'skip':
        return this.stepSkip();
      default:
        return false;
    }
  }

  private stepPreface(): boolean {
    const n = Math.min(this.buffer.length, PREFACE_BYTES.length);
    for (let i = 0; i < n; i++) {
      if (this.buffer.at(i) !== PREFACE_BYTES[i]) {
        this.fail('no-http2-preface');
        return false;
      }
    }
    if (n < PREFACE_BYTES.length) return false;
    this.buffer.consume(PREFACE_BYTES.length);
    this.state = 'header';
    return true;
  }

  private stepHeader(): boolean {
    if (this.buffer.length < 9) return false;
    const b = (i: number) => this.buffer.at(i);
    this.header = {
      length: (b(0) << 16) | (b(1) << 8) | b(2),
      type: b(3),
      flags: b(4),
      streamId: ((b(5) & 0x7f) << 24) | (b(6) << 16) | (b(7) << 8) | b(8),
      frame: this.buffer.frameAt(0),
    };
    this.buffer.consume(9);
    const { length, type, flags } = this.header;
    if (type === FRAME.DATA) {
      this.remaining = length;
      this.padding = 0;
      this.state = flags & FLAG.PADDED ? 'data-pad-length' : 'data';
      return true;
    }
    if (HEADER_BLOCK_TYPES.has(type)) {
      if (length > MAX_HEADER_BLOCK_BYTES) {
        this.fail('header-too-large');
        return false;
      }
      this.keep = length;
    } else if (type <= FRAME.CONTINUATION) {
      this.keep = Math.min(length, MAX_CONTROL_FRAME_BYTES);
    } else {
      // Unknown frame types are ignored (RFC 9113 §4.1): skip without buffering.
      this.remaining = length;
      this.state = 'skip';
      return true;
    }
    this.remaining = length - this.keep;
    this.state = 'payload';
    return true;
  }

  private stepPayload(): boolean {
    if (this.buffer.length < this.keep) return false;
    const payload = this.buffer.take(this.keep);
    this.state = this.remaining > 0 ? 'skip' : 'header';
    this.handler.onFrame(this.header, payload);
    return true;
  }

  private stepPadLength(): boolean {
    if (this.buffer.length < 1) return false;
    if (this.remaining < 1) {
      this.fail('h2-frame-error');
      return false;
    }
    this.padding = this.buffer.at(0);
    this.buffer.consume(1);
    this.remaining -= 1;
    if (this.padding > this.remaining) {
      this.fail('h2-frame-error');
      return false;
    }
    this.remaining -= this.padding;
    this.state = 'data';
    return true;
  }

  private stepData(): boolean {
    if (this.remaining > 0) {
      const n = Math.min(this.remaining, this.buffer.length);
      if (n === 0) return false;
      this.handler.onData(this.header, this.buffer.view(0, n));
      if (this.stopped) return false;
      this.buffer.consume(n);
      this.remaining -= n;
      if (this.remaining > 0) return false;
    }
    this.remaining = this.padding;
    this.padding = 0;
    this.state = this.remaining > 0 ? 'data-padding' : 'header';
    // END_STREAM is reported only after the padding has been read: nothing of this frame is left then.
    if (this.state === 'header') this.handler.onDataEnd(this.header);
    return true;
  }

  private stepSkip(): boolean {
    const n = Math.min(this.remaining, this.buffer.length);
    this.buffer.consume(n);
    this.remaining -= n;
    if (this.remaining > 0) return false;
    const wasPadding = this.state === 'data-padding';
    this.state = 'header';
    if (wasPadding) this.handler.onDataEnd(this.header);
    return true;
  }
}
