/**
 * HTTP/3 over one QUIC connection (RFC 9114), from the in-order octets of each QUIC stream. Client bidirectional
 * streams (id % 4 == 0) carry one request each ('out') and its response ('in'). Unidirectional streams start
 * with their type: control (SETTINGS, including QPACK_MAX_TABLE_CAPACITY), QPACK encoder (inserts into the
 * peer's dynamic table), QPACK decoder (ignored) and push. Field sections that wait for encoder-stream inserts
 * are queued per stream (bounded) and decoded as soon as the inserts arrive.
 */
import type { Direction, HttpExchange, HttpHeader } from '../types.js';
import { addNote, BodyCollector, type ExchangeSink, emptyExchange, finishExchange } from './exchange.js';
import { H3_FRAME, Http3FrameReader } from './http3-frame-reader.js';
import { MAX_BLOCKED_SECTIONS, MAX_OPEN_STREAMS, MAX_PUSHES, MAX_UNI_STREAMS } from './limits.js';
import { applyRequestSection, applyResponseSection, type FieldState } from './pseudo-headers.js';
import { QpackDecoder } from './qpack-decoder.js';
import { readVarint } from './quic-varint.js';

export type { ExchangeSink } from './exchange.js';

const STREAM_TYPE = { CONTROL: 0x0, PUSH: 0x1, QPACK_ENCODER: 0x2, QPACK_DECODER: 0x3 } as const;
const SETTINGS_QPACK_MAX_TABLE_CAPACITY = 0x1;
/** Reported request streams remembered so that late data does not reopen them. */
const MAX_CLOSED_REMEMBERED = 4096;

interface Exchange3 extends FieldState {
  /** Where it is tracked: a request stream id, or a push id. */
  key: number;
  isPush: boolean;
  body: BodyCollector;
  /** A request field section was seen (even if it could not be decoded). */
  sawRequest: boolean;
  requestEnded: boolean;
  responseEnded: boolean;
  /** Field sections of this exchange waiting for QPACK inserts. */
  blocked: number;
}

interface SectionJob {
  block: Uint8Array;
  requiredInsertCount: number | null;
  target: Exchange3;
  apply: (headers: HttpHeader[]) => void;
}

/** One direction of one stream: its frame reader and the field sections waiting in order. */
interface Lane {
  dir: Direction;
  reader: Http3FrameReader;
  queue: SectionJob[];
}

interface UniStream {
  head: Uint8Array;
  type: number | null;
  pushId: number | null;
  lane: Lane | null;
}

export class Http3ConnectionParser {
  private readonly decoders: Record<Direction, QpackDecoder> = { out: new QpackDecoder(), in: new QpackDecoder() };
  private readonly requests = new Map<number, Exchange3>();
  private readonly pushes = new Map<number, Exchange3>();
  private readonly closed = new Set<number>();
  private readonly lanes = new Map<string, Lane>();
  private readonly uni = new Map<string, UniStream>();
  /** Lanes with queued sections, per decoding direction. */
  private readonly waiting: Record<Direction, Set<Lane>> = { out: new Set(), in: new Set() };
  private readonly blockedCount: Record<Direction, number> = { out: 0, in: 0 };
  private readonly outbox: HttpExchange[] = [];
  private ended = false;
  private requestsSeen = 0;

  constructor(private readonly onExchange: ExchangeSink) {}

  /** Requests seen so far (request streams with a HEADERS frame, and promised pushes). */
  get requestCount(): number {
    return this.requestsSeen;
  }

  onStreamData(dir: Direction, streamId: number, data: Uint8Array, fin: boolean, frame: number): void {
    if (this.ended || !Number.isSafeInteger(streamId) || streamId < 0) return;
    try {
      if (streamId % 4 === 0) this.onRequestStream(dir, streamId, data, fin, frame);
      else if (streamId % 4 >= 2) this.onUniStream(dir, streamId, data, fin, frame);
      // Server-initiated bidirectional streams are not used by HTTP/3.
    } catch {
      const target = this.requests.get(streamId);
      if (target) {
        addNote(target.exchange, 'internal-error');
        this.emit(target);
      }
    } finally {
      this.drain();
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    try {
      for (const x of [...this.requests.values(), ...this.pushes.values()]) {
        if (x.blocked > 0) addNote(x.exchange, 'qpack-blocked');
        this.emit(x);
      }
    } finally {
      this.drain();
    }
  }

  private drain(): void {
    const ready = this.outbox.splice(0);
    for (const exchange of ready) this.onExchange(exchange);
  }

  // --- request streams ---------------------------------------------------------------------------------------

  private onRequestStream(dir: Direction, id: number, data: Uint8Array, fin: boolean, frame: number): void {
    let x = this.requests.get(id);
    if (!x) {
      if (this.closed.has(id)) return;
      x = this.openRequest(id);
    }
    if (dir === 'out' && x.exchange.frame === null && data.length > 0) x.exchange.frame = frame;
    const target = x;
    const lane = this.lane(dir, id, () => ({
      onFrame: (type, payload) => this.onRequestFrame(dir, target, type, payload, lane),
      onData: (chunk) => {
        if (dir === 'out') target.body.add(chunk);
        else target.exchange.responseBodyBytes += chunk.length;
      },
      onFailure: (note) => {
        addNote(target.exchange, note);
        this.endSide(target, dir);
      },
    }));
    lane.reader.push(data, frame);
    if (fin) {
      if (!lane.reader.atFrameBoundary && !lane.reader.stopped) addNote(x.exchange, 'incomplete');
      this.endSide(x, dir);
    }
  }

  private openRequest(id: number): Exchange3 {
    const exchange = emptyExchange('3', null);
    exchange.streamId = id;
    const x = this.newExchange(id, exchange, false);
    this.requests.set(id, x);
    if (this.requests.size > MAX_OPEN_STREAMS) {
      const oldest = this.requests.values().next().value;
      if (oldest) {
        addNote(oldest.exchange, 'stream-evicted');
        this.emit(oldest);
      }
    }
    return x;
  }

  private newExchange(key: number, exchange: HttpExchange, isPush: boolean): Exchange3 {
    return {
      key,
      isPush,
      exchange,
      body: new BodyCollector(),
      hasRequest: false,
      finalResponseSeen: false,
      sawRequest: false,
      requestEnded: false,
      responseEnded: false,
      blocked: 0,
    };
  }

  private onRequestFrame(dir: Direction, x: Exchange3, type: number, payload: Uint8Array, lane: Lane): void {
    if (type === H3_FRAME.HEADERS) {
      if (dir === 'out') {
        if (!x.sawRequest) this.requestsSeen++;
        x.sawRequest = true;
        this.submit(lane, {
          block: payload,
          requiredInsertCount: null,
          target: x,
          apply: (h) => applyRequestSection(x, h),
        });
      } else {
        this.submit(lane, {
          block: payload,
          requiredInsertCount: null,
          target: x,
          apply: (h) => applyResponseSection(x, h),
        });
      }
    } else if (type === H3_FRAME.PUSH_PROMISE && dir === 'in') {
      const pushId = readVarint(payload, 0);
      if (!pushId) return;
      const push = this.pushFor(pushId.value);
      if (!push || push.sawRequest) return; // the same push may be promised on several streams
      push.sawRequest = true;
      push.requestEnded = true; // a promised request has no body
      this.requestsSeen++;
      this.submit(lane, {
        block: payload.subarray(pushId.next),
        requiredInsertCount: null,
        target: push,
        apply: (h) => applyRequestSection(push, h),
      });
    }
  }

  private endSide(x: Exchange3, dir: Direction): void {
    if (dir === 'out') x.requestEnded = true;
    else x.responseEnded = true;
    this.maybeEmit(x);
  }

  private maybeEmit(x: Exchange3): void {
    if (x.requestEnded && x.responseEnded && x.blocked === 0) this.emit(x);
  }

  private emit(x: Exchange3): void {
    const map = x.isPush ? this.pushes : this.requests;
    if (map.get(x.key) !== x) return;
    map.delete(x.key);
    if (!x.isPush) {
      this.closed.add(x.key);
      if (this.closed.size > MAX_CLOSED_REMEMBERED) {
        const oldest = this.closed.values().next().value;
        if (oldest !== undefined) this.closed.delete(oldest);
      }
      for (const dir of ['out', 'in'] as const) this.dropLane(`${dir}:${x.key}`);
    }
    if (!x.sawRequest) return;
    if (!x.hasRequest && x.blocked === 0 && !x.exchange.notes.includes('qpack-error'))
      addNote(x.exchange, 'incomplete');
    this.outbox.push(finishExchange(x.exchange, x.body));
  }

  // --- field sections ----------------------------------------------------------------------------------------

  private submit(lane: Lane, job: SectionJob): void {
    if (lane.queue.length > 0) {
      this.enqueue(lane, job);
      return;
    }
    const result = this.decoders[lane.dir].decodeSection(job.block, job.requiredInsertCount);
    if (result.kind === 'headers') {
      if (result.truncated) addNote(job.target.exchange, 'header-list-truncated');
      job.apply(result.headers);
    } else if (result.kind === 'blocked') {
      job.requiredInsertCount = result.requiredInsertCount;
      this.enqueue(lane, job);
    } else {
      addNote(job.target.exchange, 'qpack-error');
    }
  }

  private enqueue(lane: Lane, job: SectionJob): void {
    if (this.blockedCount[lane.dir] >= MAX_BLOCKED_SECTIONS) {
      addNote(job.target.exchange, 'qpack-blocked');
      return;
    }
    lane.queue.push(job);
    job.target.blocked++;
    this.blockedCount[lane.dir]++;
    this.waiting[lane.dir].add(lane);
  }

  /** New inserts or SETTINGS for `dir`'s decoder: decode what waited for them, in order per stream. */
  private retry(dir: Direction): void {
    const decoder = this.decoders[dir];
    for (const lane of [...this.waiting[dir]]) {
      while (lane.queue.length > 0) {
        const job = lane.queue[0];
        if (!job) break;
        const result = decoder.decodeSection(job.block, job.requiredInsertCount);
        if (result.kind === 'blocked') {
          job.requiredInsertCount = result.requiredInsertCount;
          break;
        }
        lane.queue.shift();
        job.target.blocked--;
        this.blockedCount[dir]--;
        if (result.kind === 'headers') {
          if (result.truncated) addNote(job.target.exchange, 'header-list-truncated');
          job.apply(result.headers);
        } else {
          addNote(job.target.exchange, 'qpack-error');
        }
        this.maybeEmit(job.target);
      }
      if (lane.queue.length === 0) this.waiting[dir].delete(lane);
    }
  }

  private lane(dir: Direction, id: number, handler: () => ConstructorParameters<typeof Http3FrameReader>[0]): Lane {
    const key = `${dir}:${id}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { dir, reader: new Http3FrameReader(handler()), queue: [] };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** A reported stream's lane goes, unless it still holds another exchange's section (a promised push). */
  private dropLane(key: string): void {
    const lane = this.lanes.get(key);
    if (lane && lane.queue.length === 0) this.lanes.delete(key);
  }

  // --- unidirectional streams --------------------------------------------------------------------------------

  private onUniStream(dir: Direction, id: number, data: Uint8Array, fin: boolean, frame: number): void {
    const key = `${dir}:${id}`;
    let s = this.uni.get(key);
    if (!s) {
      if (this.uni.size >= MAX_UNI_STREAMS) return;
      s = { head: new Uint8Array(0), type: null, pushId: null, lane: null };
      this.uni.set(key, s);
    }
    let rest = data;
    if (s.type === null || (s.type === STREAM_TYPE.PUSH && s.pushId === null)) {
      const head = new Uint8Array(s.head.length + data.length);
      head.set(s.head);
      head.set(data, s.head.length);
      const type = readVarint(head, 0);
      if (!type) {
        s.head = head.slice(0, 16);
        return;
      }
      s.type = type.value;
      rest = head.subarray(type.next);
      if (s.type === STREAM_TYPE.PUSH) {
        const pushId = readVarint(rest, 0);
        if (!pushId) {
          s.head = head.slice(0, 16);
          return;
        }
        s.pushId = pushId.value;
        rest = rest.subarray(pushId.next);
      }
      s.head = new Uint8Array(0);
    }
    switch (s.type) {
      case STREAM_TYPE.CONTROL:
        this.controlLane(s, dir).reader.push(rest, frame);
        return;
      case STREAM_TYPE.QPACK_ENCODER:
        this.decoders[dir].onEncoderStream(rest);
        this.retry(dir);
        return;
      case STREAM_TYPE.PUSH:
        if (dir === 'in') this.onPushStream(s, id, rest, fin, frame);
        return;
      default:
      // QPACK decoder stream (acknowledgements) and reserved types carry nothing we report.
    }
  }

  private controlLane(s: UniStream, dir: Direction): Lane {
    if (!s.lane) {
      s.lane = {
        dir,
        queue: [],
        reader: new Http3FrameReader({
          onFrame: (type, payload) => {
            if (type === H3_FRAME.SETTINGS) this.onSettings(dir, payload);
          },
          onData: () => {},
          onFailure: () => {},
        }),
      };
    }
    return s.lane;
  }

  private onSettings(dir: Direction, payload: Uint8Array): void {
    let at = 0;
    while (at < payload.length) {
      const id = readVarint(payload, at);
      const value = id && readVarint(payload, id.next);
      if (!id || !value) return;
      at = value.next;
      if (id.value === SETTINGS_QPACK_MAX_TABLE_CAPACITY) {
        // The sender's decoder capacity governs the other direction's encoder.
        const other: Direction = dir === 'out' ? 'in' : 'out';
        this.decoders[other].setMaxTableCapacity(value.value);
        this.retry(other);
      }
    }
  }

  private pushFor(pushId: number): Exchange3 | undefined {
    const known = this.pushes.get(pushId);
    if (known) return known;
    if (this.pushes.size >= MAX_PUSHES) return undefined;
    const exchange = emptyExchange('3', null);
    addNote(exchange, 'server-push');
    const x = this.newExchange(pushId, exchange, true);
    this.pushes.set(pushId, x);
    return x;
  }

  private onPushStream(s: UniStream, streamId: number, data: Uint8Array, fin: boolean, frame: number): void {
    const push = s.pushId === null ? undefined : this.pushFor(s.pushId);
    if (!push) return;
    push.exchange.streamId = streamId;
    if (!s.lane) {
      const lane: Lane = {
        dir: 'in',
        queue: [],
        reader: new Http3FrameReader({
          onFrame: (type, payload) => {
            if (type === H3_FRAME.HEADERS) {
              this.submit(lane, {
                block: payload,
                requiredInsertCount: null,
                target: push,
                apply: (h) => applyResponseSection(push, h),
              });
            }
          },
          onData: (chunk) => {
            push.exchange.responseBodyBytes += chunk.length;
          },
          onFailure: (note) => addNote(push.exchange, note),
        }),
      };
      s.lane = lane;
    }
    s.lane.reader.push(data, frame);
    if (fin) this.endSide(push, 'in');
  }
}
