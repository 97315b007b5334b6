/**
 * The streams of one QUIC connection, per direction: routes STREAM frames to their reassembler and the
 * contiguous bytes on to the handler. Bounded: at most MAX_OPEN_STREAMS streams open at once (a stream closes
 * when its end was handed on or it was reset), MAX_CONNECTION_HELD_BYTES waiting behind holes over all of them,
 * a remembered set of closed streams (so a late retransmission is not taken for a new stream and handed on
 * twice), and MAX_FLOW_PLAINTEXT_BYTES handed on per connection.
 */
import { type Direction, MAX_FLOW_PLAINTEXT_BYTES } from '../types.js';
import { QuicStreamReassembler } from './stream-reassembler.js';

/** Streams (per direction) being reassembled at once at most; a new one past this is not read. */
export const MAX_OPEN_STREAMS = 256;
/** Closed streams remembered at most; past this, new streams are not read (their ids could repeat old ones). */
export const MAX_CLOSED_STREAMS = 16_384;
/** Out-of-order bytes held over all streams of a connection (each stream holds at most 1 MiB as well). */
export const MAX_CONNECTION_HELD_BYTES = 8 << 20;

export type StreamSink = (dir: Direction, streamId: number, data: Uint8Array, fin: boolean, frame: number) => void;

/** What was left unread, for the connection's reason and diagnostics. */
export interface StreamTableStats {
  /** Streams not read because too many were open or remembered. */
  refusedStreams: number;
  /** Streams stopped because too much data waited behind a hole. */
  stoppedStreams: number;
  /** Streams ended by RESET_STREAM before their end was handed on. */
  resetStreams: number;
  /** Bytes not handed on because the connection passed MAX_FLOW_PLAINTEXT_BYTES. */
  bytesOverLimit: number;
}

export class StreamTable {
  readonly #sink: StreamSink;
  readonly #open = new Map<string, QuicStreamReassembler>();
  readonly #closed = new Set<string>();
  #handedOn = 0;
  #held = 0;
  readonly stats: StreamTableStats = { refusedStreams: 0, stoppedStreams: 0, resetStreams: 0, bytesOverLimit: 0 };

  constructor(sink: StreamSink) {
    this.#sink = sink;
  }

  /** One STREAM frame sent in direction `dir`, from the datagram of `frame`. */
  add(dir: Direction, streamId: number, offset: number, data: Uint8Array, fin: boolean, frame: number): void {
    const key = streamKey(dir, streamId);
    const stream = this.#stream(key);
    if (stream === null) return;
    const heldBefore = stream.heldBytes;
    const outcome = stream.add(offset, data, fin, (bytes, end) => this.#handOn(dir, streamId, bytes, end, frame));
    this.#held += stream.heldBytes - heldBefore;
    if (outcome !== 'stopped' && this.#held > MAX_CONNECTION_HELD_BYTES) {
      // The connection holds too much behind holes: the stream that asked for more stops.
      this.#held -= stream.heldBytes;
      stream.stop();
      this.stats.stoppedStreams++;
    } else if (outcome === 'stopped') {
      this.stats.stoppedStreams++;
    }
    if (stream.closed) this.#close(key);
  }

  /** RESET_STREAM sent in direction `dir`: the stream ends here; the handler hears the end (fin, no data). */
  reset(dir: Direction, streamId: number, frame: number): void {
    const key = streamKey(dir, streamId);
    if (this.#closed.has(key)) return;
    const stream = this.#open.get(key);
    if (stream === undefined && this.#closed.size >= MAX_CLOSED_STREAMS) return;
    this.stats.resetStreams++;
    this.#held -= stream?.heldBytes ?? 0;
    stream?.stop();
    this.#close(key);
    this.#handOn(dir, streamId, new Uint8Array(0), true, frame);
  }

  #stream(key: string): QuicStreamReassembler | null {
    const open = this.#open.get(key);
    if (open !== undefined) return open;
    if (this.#closed.has(key)) return null;
    if (this.#open.size >= MAX_OPEN_STREAMS || this.#closed.size >= MAX_CLOSED_STREAMS) {
      // Remember the refusal, so the stream's later frames are not read from the middle.
      if (this.#closed.size < MAX_CLOSED_STREAMS) this.#closed.add(key);
      this.stats.refusedStreams++;
      return null;
    }
    const stream = new QuicStreamReassembler();
    this.#open.set(key, stream);
    return stream;
  }

  #close(key: string): void {
    this.#open.delete(key);
    this.#closed.add(key);
  }

  #handOn(dir: Direction, streamId: number, data: Uint8Array, fin: boolean, frame: number): void {
    const room = MAX_FLOW_PLAINTEXT_BYTES - this.#handedOn;
    if (room <= 0 && data.length > 0) {
      this.stats.bytesOverLimit += data.length;
      return;
    }
    const piece = data.length > room ? data.subarray(0, room) : data;
    this.stats.bytesOverLimit += data.length - piece.length;
    this.#handedOn += piece.length;
    this.#sink(dir, streamId, piece, fin && piece.length === data.length, frame);
  }
}

function streamKey(dir: Direction, streamId: number): string {
  return `${dir}:${streamId}`;
}
