/**
 * Builds both directions of an HTTP/2 connection (RFC 9113) for tests: the client's connection preface, SETTINGS
 * and acknowledgements, and for each stream its request (HEADERS, optional CONTINUATION, DATA, trailers) and the
 * server's response, with optional 1xx responses, server pushes (PUSH_PROMISE), resets, padding, priority and
 * unrelated control frames. Header blocks are HPACK-encoded with hpack.js, one encoder per direction, in the order
 * the blocks appear on the wire, so that the dynamic tables match what a decoder reads.
 */
import hpack from 'hpack.js';
import type { Direction } from '../payload/types.js';

export type HeaderList = ReadonlyArray<readonly [string, string]>;

export interface Http2Message {
  headers: HeaderList;
  body?: Uint8Array | string;
  trailers?: HeaderList;
}

export interface Http2PushSpec {
  /** Even stream id the server promises. */
  promisedStreamId: number;
  /** The promised request's header fields (pseudo-headers included). */
  request: HeaderList;
  response: Http2Message;
}

export interface Http2StreamSpec {
  /** Odd, client-initiated. */
  streamId: number;
  request: Http2Message;
  /** 1xx header blocks the server sends before its response. */
  interim?: HeaderList[];
  response?: Http2Message;
  pushes?: Http2PushSpec[];
  /** The stream is ended by RST_STREAM from this side (after the request; no response then). */
  resetBy?: Direction;
}

export interface Http2BuildOptions {
  /** DATA frames and header block fragments above this are split (CONTINUATION for headers); default 16384. */
  maxFrameSize?: number;
  /** PADDED flag and this many padding octets on HEADERS, PUSH_PROMISE and DATA frames. */
  padding?: number;
  /** PRIORITY flag (5 octets of priority data) on HEADERS frames. */
  priority?: boolean;
  /** Frames of different streams alternate on the wire (each header block stays contiguous). */
  interleave?: boolean;
  /** SETTINGS_HEADER_TABLE_SIZE both sides advertise (omitted when unset: the default 4096 holds). */
  headerTableSize?: number;
  /** Each direction's first header block starts with a dynamic table size update to this size. */
  tableSizeUpdate?: number;
  /** Huffman-code header strings (default true). */
  huffman?: boolean;
  /** Mix in PING, WINDOW_UPDATE, PRIORITY, GOAWAY and an unknown frame type. */
  controlFrames?: boolean;
}

export const HTTP2_PREFACE = new Uint8Array(Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'));

export const H2_FRAME = {
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

const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;

/** One frame: 9-octet header (RFC 9113 §4.1) and payload. */
export function http2Frame(
  type: number,
  flags: number,
  streamId: number,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const out = new Uint8Array(9 + payload.length);
  out[0] = (payload.length >> 16) & 0xff;
  out[1] = (payload.length >> 8) & 0xff;
  out[2] = payload.length & 0xff;
  out[3] = type;
  out[4] = flags;
  new DataView(out.buffer).setUint32(5, streamId & 0x7fffffff);
  out.set(payload, 9);
  return out;
}

export function settingsFrame(settings: ReadonlyArray<readonly [number, number]>, ack = false): Uint8Array {
  const payload = new Uint8Array(settings.length * 6);
  const view = new DataView(payload.buffer);
  settings.forEach(([id, value], i) => {
    view.setUint16(i * 6, id);
    view.setUint32(i * 6 + 2, value);
  });
  return http2Frame(H2_FRAME.SETTINGS, ack ? 0x1 : 0, 0, payload);
}

/** HPACK encoder for one direction (hpack.js compressor), optionally starting with a table size update. */
export class Http2HeaderEncoder {
  private readonly compressor: hpack.Compressor;
  private pendingSizeUpdate: number | null;

  constructor(
    private readonly huffman = true,
    tableSizeUpdate?: number,
  ) {
    this.compressor = hpack.compressor.create({ table: { maxSize: tableSizeUpdate ?? 4096 } });
    this.pendingSizeUpdate = tableSizeUpdate ?? null;
  }

  encode(headers: HeaderList): Uint8Array {
    const prefix: number[] = [];
    if (this.pendingSizeUpdate !== null) {
      prefix.push(...hpackInt(this.pendingSizeUpdate, 5, 0x20)); // RFC 7541 §6.3
      this.pendingSizeUpdate = null;
    }
    if (headers.length === 0) return new Uint8Array(prefix);
    this.compressor.write(headers.map(([name, value]) => ({ name, value, huffman: this.huffman })));
    const block = this.compressor.read() ?? Buffer.alloc(0);
    return new Uint8Array(Buffer.concat([Buffer.from(prefix), block]));
  }
}

function hpackInt(value: number, prefixBits: number, flags: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** A unit of wire output: a header block is built when its turn comes, so HPACK state follows wire order. */
type Unit = () => Uint8Array[];

export function buildHttp2Connection(
  streams: readonly Http2StreamSpec[],
  options: Http2BuildOptions = {},
): { out: Uint8Array; in: Uint8Array } {
  const maxFrame = options.maxFrameSize ?? 16384;
  const encoders: Record<Direction, Http2HeaderEncoder> = {
    out: new Http2HeaderEncoder(options.huffman ?? true, options.tableSizeUpdate),
    in: new Http2HeaderEncoder(options.huffman ?? true, options.tableSizeUpdate),
  };
  const settings: [number, number][] = [[0x4, 65535]]; // INITIAL_WINDOW_SIZE, as real peers send
  if (options.headerTableSize !== undefined) settings.unshift([0x1, options.headerTableSize]);

  const headerBlock =
    (dir: Direction, type: number, streamId: number, headers: HeaderList, endStream: boolean, promisedId = 0): Unit =>
    () => {
      const block = encoders[dir].encode(headers);
      const pad = options.padding;
      const prefix: number[] = [];
      let flags = endStream ? END_STREAM : 0;
      if (pad !== undefined) {
        flags |= PADDED;
        prefix.push(pad);
      }
      if (type === H2_FRAME.HEADERS && options.priority) {
        flags |= PRIORITY;
        prefix.push(0x80, 0, 0, 0, 15); // exclusive dependency on stream 0, weight 16
      }
      if (type === H2_FRAME.PUSH_PROMISE)
        prefix.push((promisedId >>> 24) & 0x7f, (promisedId >> 16) & 0xff, (promisedId >> 8) & 0xff, promisedId & 0xff);
      const fragments: Uint8Array[] = [];
      for (let i = 0; i < block.length || fragments.length === 0; i += maxFrame)
        fragments.push(block.subarray(i, i + maxFrame));
      return fragments.map((fragment, i) => {
        const last = i === fragments.length - 1;
        if (i === 0) {
          const payload = Buffer.concat([Buffer.from(prefix), fragment, Buffer.alloc(pad ?? 0)]);
          return http2Frame(type, flags | (last ? END_HEADERS : 0), streamId, payload);
        }
        return http2Frame(H2_FRAME.CONTINUATION, last ? END_HEADERS : 0, streamId, fragment);
      });
    };

  /** One unit per DATA frame, so that interleaved streams alternate frame by frame. */
  const dataFrames = (streamId: number, body: Uint8Array, endStream: boolean): Unit[] => {
    const units: Unit[] = [];
    for (let i = 0; i < body.length || units.length === 0; i += maxFrame) {
      const last = i + maxFrame >= body.length;
      const chunk = body.subarray(i, i + maxFrame);
      const pad = options.padding;
      const flags = (last && endStream ? END_STREAM : 0) | (pad !== undefined ? PADDED : 0);
      const payload = pad !== undefined ? Buffer.concat([Buffer.from([pad]), chunk, Buffer.alloc(pad)]) : chunk;
      units.push(() => [http2Frame(H2_FRAME.DATA, flags, streamId, payload)]);
    }
    return units;
  };

  const message = (dir: Direction, streamId: number, m: Http2Message, endStream = true): Unit[] => {
    const body =
      typeof m.body === 'string' ? new Uint8Array(Buffer.from(m.body, 'latin1')) : (m.body ?? new Uint8Array(0));
    const units: Unit[] = [];
    const hasBody = body.length > 0;
    const hasTrailers = (m.trailers?.length ?? 0) > 0;
    units.push(headerBlock(dir, H2_FRAME.HEADERS, streamId, m.headers, endStream && !hasBody && !hasTrailers));
    if (hasBody) units.push(...dataFrames(streamId, body, endStream && !hasTrailers));
    if (hasTrailers && m.trailers) units.push(headerBlock(dir, H2_FRAME.HEADERS, streamId, m.trailers, endStream));
    return units;
  };

  const rst =
    (streamId: number): Unit =>
    () => [http2Frame(H2_FRAME.RST_STREAM, 0, streamId, new Uint8Array([0, 0, 0, 8]))];

  const outUnits: Unit[][] = [];
  const inUnits: Unit[][] = [];
  for (const s of streams) {
    const out = message('out', s.streamId, s.request);
    if (options.controlFrames)
      out.push(() => [http2Frame(H2_FRAME.PRIORITY, 0, s.streamId, new Uint8Array([0, 0, 0, 0, 200]))]);
    if (s.resetBy === 'out') out.push(rst(s.streamId));
    outUnits.push(out);

    const inbound: Unit[] = [];
    for (const push of s.pushes ?? []) {
      inbound.push(headerBlock('in', H2_FRAME.PUSH_PROMISE, s.streamId, push.request, false, push.promisedStreamId));
    }
    for (const interim of s.interim ?? [])
      inbound.push(headerBlock('in', H2_FRAME.HEADERS, s.streamId, interim, false));
    if (s.resetBy === 'in') inbound.push(rst(s.streamId));
    else if (s.response && s.resetBy === undefined) inbound.push(...message('in', s.streamId, s.response));
    inUnits.push(inbound);
    for (const push of s.pushes ?? []) inUnits.push(message('in', push.promisedStreamId, push.response));
  }

  const outFrames: Uint8Array[] = [HTTP2_PREFACE, settingsFrame(settings)];
  const inFrames: Uint8Array[] = [settingsFrame(settings), settingsFrame([], true)];
  outFrames.push(settingsFrame([], true));
  if (options.controlFrames) {
    const ping = http2Frame(H2_FRAME.PING, 0, 0, new Uint8Array(8).fill(7));
    outFrames.push(
      ping,
      http2Frame(H2_FRAME.WINDOW_UPDATE, 0, 0, new Uint8Array([0, 0x0f, 0, 1])),
      http2Frame(0xfa, 0xff, 3, new Uint8Array(40)),
    );
    inFrames.push(http2Frame(H2_FRAME.PING, 0x1, 0, new Uint8Array(8).fill(7)));
  }
  outFrames.push(...schedule(outUnits, options.interleave ?? false));
  inFrames.push(...schedule(inUnits, options.interleave ?? false));
  if (options.controlFrames)
    inFrames.push(http2Frame(H2_FRAME.GOAWAY, 0, 0, new Uint8Array([0, 0, 0, 1, 0, 0, 0, 0, 100, 101, 98, 117, 103])));
  return { out: new Uint8Array(Buffer.concat(outFrames)), in: new Uint8Array(Buffer.concat(inFrames)) };
}

/** Units of each stream in order; with interleaving, streams take turns unit by unit. */
function schedule(perStream: Unit[][], interleave: boolean): Uint8Array[] {
  const frames: Uint8Array[] = [];
  if (!interleave) {
    for (const units of perStream) for (const unit of units) frames.push(...unit());
    return frames;
  }
  const queues = perStream.map((units) => [...units]);
  while (queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const unit = q.shift();
      if (unit) frames.push(...unit());
    }
  }
  return frames;
}
