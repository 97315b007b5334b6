/**
 * Splits the octets of one HTTP/3 stream into frames (RFC 9114 §7.1): type and length varints, then payload.
 * DATA payloads pass through piece by piece; HEADERS and PUSH_PROMISE are buffered up to MAX_HEADER_BLOCK_BYTES;
 * SETTINGS and other control frames up to MAX_CONTROL_FRAME_BYTES (the rest skipped); unknown and reserved
 * ("grease") frame types are skipped without buffering.
 */
import { MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { ByteBuffer } from './byte-buffer.js';
import { MAX_CONTROL_FRAME_BYTES } from './limits.js';
import { readVarint } from './quic-varint.js';

export const H3_FRAME = {
  DATA: 0x0,
  HEADERS: 0x1,
  CANCEL_PUSH: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  GOAWAY: 0x7,
  MAX_PUSH_ID: 0xd,
} as const;

const CONTROL_TYPES = new Set<number>([H3_FRAME.CANCEL_PUSH, H3_FRAME.SETTINGS, H3_FRAME.GOAWAY, H3_FRAME.MAX_PUSH_ID]);

export interface Http3FrameHandler {
  /** A buffered frame (HEADERS, PUSH_PROMISE or a control frame); `frame` carried its first octet. */
  onFrame(type: number, payload: Uint8Array, frame: number | null): void;
  onData(data: Uint8Array): void;
  onFailure(note: string): void;
}

type State = 'header' | 'payload' | 'data' | 'skip' | 'stopped';

export class Http3FrameReader {
  private readonly buffer = new ByteBuffer();
  private state: State = 'header';
  private type = 0;
  private frame: number | null = null;
  private keep = 0;
  private remaining = 0;

  constructor(private readonly handler: Http3FrameHandler) {}

  get stopped(): boolean {
    return this.state === 'stopped';
  }

  /** True between frames: a stream that ends here ended cleanly. */
  get atFrameBoundary(): boolean {
    return this.state === 'header' && this.buffer.length === 0;
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

  private step(): boolean {
    switch (this.state) {
      case 'header':
        return this.stepHeader();
      case 'payload': {
        if (this.buffer.length < this.keep) return false;
        const payload = this.buffer.take(this.keep);
        this.state = this.remaining > 0 ? 'skip' : 'header';
        this.handler.onFrame(this.type, payload, this.frame);
        return true;
      }
      case 'data': {
        const n = Math.min(this.remaining, this.buffer.length);
        if (n > 0) {
          this.handler.onData(this.buffer.view(0, n));
          if (this.stopped) return false;
          this.buffer.consume(n);
          this.remaining -= n;
        }
        if (this.remaining > 0) return false;
        this.state = 'header';
        return true;
      }
      case 'skip': {
        const n = Math.min(this.remaining, this.buffer.length);
        this.buffer.consume(n);
        this.remaining -= n;
        if (this.remaining > 0) return false;
        this.state = 'header';
        return true;
      }
      default:
        return false;
    }
  }

  private stepHeader(): boolean {
    if (this.buffer.length === 0) return false;
    const head = this.buffer.view(0, Math.min(this.buffer.length, 16));
    const type = readVarint(head, 0);
    if (!type) return false;
    const length = readVarint(head, type.next);
    if (!length) return false;
    this.type = type.value;
    this.frame = this.buffer.frameAt(0);
    this.buffer.consume(length.next);
    if (this.type === H3_FRAME.DATA) {
      this.remaining = length.value;
      this.state = 'data';
    } else if (this.type === H3_FRAME.HEADERS || this.type === H3_FRAME.PUSH_PROMISE) {
      if (length.value > MAX_HEADER_BLOCK_BYTES) {
        this.stop();
        this.handler.onFailure('header-too-large');
        return false;
      }
      this.keep = length.value;
      this.remaining = 0;
      this.state = 'payload';
    } else if (CONTROL_TYPES.has(this.type)) {
      this.keep = Math.min(length.value, MAX_CONTROL_FRAME_BYTES);
      this.remaining = length.value - this.keep;
      this.state = 'payload';
    } else {
      this.remaining = length.value;
      this.state = 'skip';
    }
    return true;
  }
}
