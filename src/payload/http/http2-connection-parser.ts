/**
 * HTTP/2 over one connection (RFC 9113): the client direction starts with the connection preface, both are
 * frames. Each direction has its own HPACK decoder; header blocks are decoded for every stream, even ignored ones,
 * so the dynamic tables stay in step. One exchange per client-initiated stream, reported when both sides have
 * ended it (END_STREAM or RST_STREAM) or at end(); a server push is its own exchange with the note "server-push".
 */
import type { Direction, HttpExchange, HttpHeader } from '../types.js';
import { MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { addNote, BodyCollector, type ExchangeSink, emptyExchange, finishExchange } from './exchange.js';
import { HpackDecoder } from './hpack-decoder.js';
import { FLAG, FRAME, type FrameHandler, type FrameHeader, Http2FrameReader } from './http2-frame-reader.js';
import { MAX_OPEN_STREAMS } from './limits.js';
import { applyRequestSection, applyResponseSection } from './pseudo-headers.js';

export type { ExchangeSink } from './exchange.js';

const SETTINGS_HEADER_TABLE_SIZE = 0x1;
/** Reported stream ids remembered to ignore their late frames. */
const MAX_CLOSED_REMEMBERED = 4096;

interface StreamState {
  id: number;
  exchange: HttpExchange;
  body: BodyCollector;
  /** Request headers were seen (a stream first seen from the server side has none yet). */
  hasRequest: boolean;
  finalResponseSeen: boolean;
  requestEnded: boolean;
  responseEnded: boolean;
}

/** A header block being collected from HEADERS/PUSH_PROMISE and CONTINUATION frames. */
interface OpenBlock {
  type: number;
  streamId: number;
  promisedId: number;
  endStream: boolean;
  frame: number | null;
  fragments: Uint8Array[];
  size: number;
}

export class Http2ConnectionParser {
  private readonly readers: Record<Direction, Http2FrameReader>;
  private readonly decoders: Record<Direction, HpackDecoder> = { out: new HpackDecoder(), in: new HpackDecoder() };
  private readonly blocks: Record<Direction, OpenBlock | null> = { out: null, in: null };
  private readonly streams = new Map<number, StreamState>();
  /** Streams already reported, so that late frames for them do not open them again (the newest are kept). */
  private readonly closed = new Set<number>();
  private readonly outbox: HttpExchange[] = [];
  private ended = false;
  private exchangesStarted = 0;

  constructor(private readonly onExchange: ExchangeSink) {
    this.readers = {
      out: new Http2FrameReader(true, this.frameHandler('out')),
      in: new Http2FrameReader(false, this.frameHandler('in')),
    };
  }

  /** Requests seen so far (client streams with request headers, and promised pushes). */
  get requestCount(): number {
    return this.exchangesStarted;
  }

  push(dir: Direction, data: Uint8Array, frame: number): void {
    if (this.ended) return;
    this.guarded(dir, () => this.readers[dir].push(data, frame));
  }

  /** Octets were lost: frame boundaries and the HPACK state of that direction are gone, so it stops. */
  gap(dir: Direction): void {
    if (this.ended) return;
    this.guarded(dir, () => {
      if (this.readers[dir].stopped) return;
      this.readers[dir].stop();
      this.stopDirection(dir, 'gap');
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.guarded('out', () => {
      for (const stream of [...this.streams.values()]) this.emit(stream);
    });
  }

  private guarded(dir: Direction, work: () => void): void {
    try {
      work();
    } catch {
      this.readers[dir].stop();
      this.stopDirection(dir, 'internal-error');
    } finally {
      const ready = this.outbox.splice(0);
      for (const exchange of ready) this.onExchange(exchange);
    }
  }

  private frameHandler(dir: Direction): FrameHandler {
    return {
      onFrame: (header, payload) => this.onFrame(dir, header, payload),
      onData: (header, data) => {
        const stream = this.streams.get(header.streamId);
        if (!stream) return;
        if (dir === 'out') stream.body.add(data);
        else stream.exchange.responseBodyBytes += data.length;
      },
      onDataEnd: (header) => {
        if (header.flags & FLAG.END_STREAM) this.endSide(dir, header.streamId);
      },
      onFailure: (note) => this.stopDirection(dir, note),
    };
  }

  private onFrame(dir: Direction, header: FrameHeader, payload: Uint8Array): void {
    const open = this.blocks[dir];
    // RFC 9113 §6.10: a header block's CONTINUATION frames follow it with nothing in between.
    if (open && (header.type !== FRAME.CONTINUATION || header.streamId !== open.streamId)) {
      this.failDirection(dir, 'h2-protocol-error', open.streamId);
      return;
    }
    switch (header.type) {
      case FRAME.HEADERS:
      case FRAME.PUSH_PROMISE:
        this.startBlock(dir, header, payload);
        return;
      case FRAME.CONTINUATION:
        this.continueBlock(dir, header, payload);
        return;
      case FRAME.RST_STREAM: {
        const stream = this.streams.get(header.streamId);
        if (stream) {
          addNote(stream.exchange, 'stream-reset');
          stream.requestEnded = true;
          stream.responseEnded = true;
          this.maybeEmit(stream);
        }
        return;
      }
      case FRAME.SETTINGS:
        if (!(header.flags & FLAG.ACK)) this.onSettings(dir, payload);
        return;
      default:
        // PRIORITY, PING, GOAWAY, WINDOW_UPDATE: flow and connection management, nothing to report.
        return;
    }
  }

  private onSettings(dir: Direction, payload: Uint8Array): void {
    for (let i = 0; i + 6 <= payload.length; i += 6) {
      const id = ((payload[i] ?? 0) << 8) | (payload[i + 1] ?? 0);
      const value = Buffer.from(payload.buffer, payload.byteOffset + i + 2, 4).readUInt32BE(0);
      // The sender's decoder limit binds the encoder of the other direction.
      if (id === SETTINGS_HEADER_TABLE_SIZE) this.decoders[dir === 'out' ? 'in' : 'out'].allowTableSize(value);
    }
  }

  /** HEADERS / PUSH_PROMISE: strip padding and priority, then collect the block fragment. */
  private startBlock(dir: Direction, header: FrameHeader, payload: Uint8Array): void {
    let start = 0;
    let end = payload.length;
    if (header.flags & FLAG.PADDED) {
      const pad = payload[0] ?? 0;
      start = 1;
      end -= pad;
    }
    let promisedId = 0;
    if (header.type === FRAME.HEADERS && header.flags & FLAG.PRIORITY) start += 5;
    if (header.type === FRAME.PUSH_PROMISE) {
      const p = (i: number) => payload[start + i] ?? 0;
      promisedId = ((p(0) & 0x7f) << 24) | (p(1) << 16) | (p(2) << 8) | p(3);
      start += 4;
    }
    if (start > end || header.streamId === 0) {
      this.failDirection(dir, 'h2-frame-error', header.streamId);
      return;
    }
    const block: OpenBlock = {
      type: header.type,
      streamId: header.streamId,
      promisedId,
      endStream: header.type === FRAME.HEADERS && (header.flags & FLAG.END_STREAM) !== 0,
      frame: header.frame,
      fragments: [payload.subarray(start, end)],
      size: end - start,
    };
    if (header.flags & FLAG.END_HEADERS) this.completeBlock(dir, block);
    else this.blocks[dir] = block;
  }

  private continueBlock(dir: Direction, header: FrameHeader, payload: Uint8Array): void {
    const block = this.blocks[dir];
    if (!block) {
      this.failDirection(dir, 'h2-protocol-error', header.streamId);
      return;
    }
    block.fragments.push(payload);
    block.size += payload.length;
    if (block.size > MAX_HEADER_BLOCK_BYTES) {
      this.failDirection(dir, 'header-too-large', block.streamId);
      return;
    }
    if (header.flags & FLAG.END_HEADERS) {
      this.blocks[dir] = null;
      this.completeBlock(dir, block);
    }
  }

  private completeBlock(dir: Direction, block: OpenBlock): void {
    const decoded = this.decoders[dir].decode(Buffer.concat(block.fragments));
    if (!decoded) {
      this.failDirection(dir, 'hpack-error', block.type === FRAME.PUSH_PROMISE ? block.promisedId : block.streamId);
      return;
    }
    if (block.type === FRAME.PUSH_PROMISE) {
      if (dir === 'in') this.onPushPromise(block, decoded.headers, decoded.truncated);
      return;
    }
    const stream = this.streamFor(dir, block.streamId, block.frame);
    if (!stream) return;
    if (decoded.truncated) addNote(stream.exchange, 'header-list-truncated');
    if (dir === 'out') {
      if (!stream.hasRequest) {
        this.exchangesStarted++;
        stream.exchange.frame = block.frame;
      }
      applyRequestSection(stream, decoded.headers);
    } else {
      applyResponseSection(stream, decoded.headers);
    }
    if (block.endStream) this.endSide(dir, stream.id);
  }

  /** The stream a header block belongs to, created when new; undefined for streams already closed or invalid. */
  private streamFor(dir: Direction, id: number, frame: number | null): StreamState | undefined {
    const known = this.streams.get(id);
    if (known) return known;
    // Even ids are server pushes: only a PUSH_PROMISE opens them.
    if (id % 2 === 0 || this.closed.has(id)) return undefined;
    return this.open(id, dir === 'out' ? frame : null);
  }

  private open(id: number, frame: number | null): StreamState {
    const exchange = emptyExchange('2', frame);
    exchange.streamId = id;
    const stream: StreamState = {
      id,
      exchange,
      body: new BodyCollector(),
      hasRequest: false,
      finalResponseSeen: false,
      requestEnded: false,
      responseEnded: false,
    };
    this.streams.set(id, stream);
    if (this.streams.size > MAX_OPEN_STREAMS) {
      const oldest = this.streams.values().next().value;
      if (oldest) {
        addNote(oldest.exchange, 'stream-evicted');
        this.emit(oldest);
      }
    }
    return stream;
  }

  private onPushPromise(block: OpenBlock, headers: HttpHeader[], truncated: boolean): void {
    const id = block.promisedId;
    if (id === 0 || id % 2 === 1 || this.closed.has(id) || this.streams.has(id)) return;
    const stream = this.open(id, block.frame);
    stream.requestEnded = true; // a promised request has no body
    this.exchangesStarted++;
    applyRequestSection(stream, headers);
    addNote(stream.exchange, 'server-push');
    if (truncated) addNote(stream.exchange, 'header-list-truncated');
  }

  private endSide(dir: Direction, id: number): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    if (dir === 'out') stream.requestEnded = true;
    else stream.responseEnded = true;
    this.maybeEmit(stream);
  }

  private maybeEmit(stream: StreamState): void {
    const requestDone = stream.requestEnded || this.readers.out.stopped;
    const responseDone = stream.responseEnded || this.readers.in.stopped;
    if (requestDone && responseDone) this.emit(stream);
  }

  private emit(stream: StreamState): void {
    this.streams.delete(stream.id);
    this.closed.add(stream.id);
    if (this.closed.size > MAX_CLOSED_REMEMBERED) {
      const oldest = this.closed.values().next().value;
      if (oldest !== undefined) this.closed.delete(oldest);
    }
    // A stream whose request headers were never read has nothing to report.
    if (!stream.hasRequest) return;
    if (!stream.requestEnded || (!stream.responseEnded && stream.finalResponseSeen))
      addNote(stream.exchange, 'incomplete');
    this.outbox.push(finishExchange(stream.exchange, stream.body));
  }

  /** A fatal error in one direction: note it on the stream concerned, stop reading that direction. */
  private failDirection(dir: Direction, note: string, streamId: number): void {
    const known = this.streams.get(streamId);
    const stream =
      known ??
      (dir === 'out' && streamId % 2 === 1 && !this.closed.has(streamId) ? this.open(streamId, null) : undefined);
    if (stream) {
      addNote(stream.exchange, note);
      if (dir === 'out' && !stream.hasRequest) {
        // The request's own headers failed: still report the stream, so that the request is counted.
        stream.hasRequest = true;
        this.exchangesStarted++;
      }
    }
    this.blocks[dir] = null;
    this.readers[dir].stop();
    this.stopDirection(dir, null);
  }

  /** After a direction stops, streams waiting only on it are complete as far as we will ever know. */
  private stopDirection(dir: Direction, note: string | null): void {
    for (const stream of [...this.streams.values()]) {
      const waitingOnThis = dir === 'out' ? !stream.requestEnded : !stream.responseEnded;
      if (note && waitingOnThis) addNote(stream.exchange, note);
      this.maybeEmit(stream);
    }
  }
}
