/**
 * Builds the QUIC stream contents of an HTTP/3 connection (RFC 9114) for tests: both control streams with
 * SETTINGS, QPACK encoder and decoder streams, and per request a client bidirectional stream with HEADERS and DATA
 * frames, the response on the same stream id, optional 1xx responses, trailers and server pushes. Field sections
 * are QPACK-encoded (RFC 9204): static-table references and literals, and optionally the dynamic table through
 * the encoder stream, with pre-base and post-base references. Returns the stream pieces in wire order.
 */
import hpack from 'hpack.js';
import { encodePrefixedInt } from '../payload/http/prefixed-int.js';
import { QPACK_STATIC_TABLE } from '../payload/http/qpack-static-table.js';
import { encodeVarint } from '../payload/http/quic-varint.js';
import type { Direction } from '../payload/types.js';

export type HeaderList = ReadonlyArray<readonly [string, string]>;

export interface Http3Message {
  headers: HeaderList;
  body?: Uint8Array | string;
  trailers?: HeaderList;
}

export interface Http3PushSpec {
  pushId: number;
  request: HeaderList;
  response: Http3Message;
}

export interface Http3RequestSpec {
  /** Client bidirectional: a multiple of 4. */
  streamId: number;
  request: Http3Message;
  interim?: HeaderList[];
  response?: Http3Message;
  pushes?: Http3PushSpec[];
}

export interface Http3BuildOptions {
  /** Insert fields into the dynamic table through the encoder streams and reference them. */
  dynamicTable?: boolean;
  /** SETTINGS_QPACK_MAX_TABLE_CAPACITY both sides advertise (default 4096 with dynamicTable, else 0). */
  maxTableCapacity?: number;
  /** Huffman-code strings (default true). */
  huffman?: boolean;
  /** Encoder-stream instructions only after all request streams: every dynamic section starts blocked. */
  encoderStreamsLast?: boolean;
  /** Bodies are split into DATA frames of at most this many octets. */
  dataFrameSize?: number;
  /** Reserved frame types on request and control streams, a reserved stream type and a reserved setting. */
  grease?: boolean;
  /** Each stream's octets are handed over in pieces of at most this many octets. */
  pieceSize?: number;
}

export interface Http3StreamChunk {
  dir: Direction;
  streamId: number;
  data: Uint8Array;
  fin: boolean;
}

export const H3_FRAME_TYPE = { DATA: 0x0, HEADERS: 0x1, SETTINGS: 0x4, PUSH_PROMISE: 0x5, GOAWAY: 0x7 } as const;

/** Stream ids of the unidirectional streams: client streams are 2 mod 4, server ones 3 mod 4. */
export const H3_UNI_STREAMS = {
  out: { control: 2, encoder: 6, decoder: 10, grease: 14 },
  in: { control: 3, encoder: 7, decoder: 11, grease: 15 },
} as const;

export function h3Frame(type: number, payload: Uint8Array): Uint8Array {
  return concat([encodeVarint(type), encodeVarint(payload.length), payload]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function latin1Bytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** RFC 7541 Appendix B Huffman code, from hpack.js's code table. */
export function huffmanEncode(octets: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const o of octets) {
    const [length, code] = hpack.huffman.encode[o] ?? [0, 0];
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((code >>> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        acc = 0;
        bits = 0;
      }
    }
  }
  if (bits > 0) out.push((acc << (8 - bits)) | (0xff >> bits)); // EOS prefix padding
  return new Uint8Array(out);
}

/** A string literal whose Huffman flag sits just above a `prefixBits` length prefix; `flags` fill the rest. */
function stringLiteral(value: string, prefixBits: number, flags: number, huffman: boolean): Uint8Array {
  const raw = latin1Bytes(value);
  const coded = huffman ? huffmanEncode(raw) : raw;
  const h = huffman ? 1 << prefixBits : 0;
  return concat([new Uint8Array(encodePrefixedInt(coded.length, prefixBits, flags | h)), coded]);
}

/**
 * QPACK encoder for one direction. Entries are only inserted while they fit without eviction, so the encoder
 * never has to track acknowledgements; past that it falls back to literals.
 */
export class QpackEncoder {
  private readonly dynamic: { name: string; value: string }[] = [];
  private size = 0;
  private capacitySent = false;

  constructor(
    private readonly maxTableCapacity: number,
    private readonly useDynamic: boolean,
    private readonly huffman = true,
  ) {}

  /** One field section, and the encoder-stream instructions it needs first. */
  encodeSection(headers: HeaderList): { section: Uint8Array; instructions: Uint8Array } {
    const instructions: Uint8Array[] = [];
    const lines: Uint8Array[] = [];
    const base = this.dynamic.length;
    let requiredInsertCount = 0;
    for (const [name, value] of headers) {
      const staticExact = QPACK_STATIC_TABLE.findIndex(([n, v]) => n === name && v === value);
      if (staticExact >= 0) {
        lines.push(new Uint8Array(encodePrefixedInt(staticExact, 6, 0xc0)));
        continue;
      }
      const staticName = QPACK_STATIC_TABLE.findIndex(([n]) => n === name);
      let abs = this.useDynamic ? this.dynamic.findIndex((e) => e.name === name && e.value === value) : -1;
      if (abs < 0 && this.useDynamic && value.length <= 64) abs = this.insert(name, value, staticName, instructions);
      if (abs >= 0) {
        requiredInsertCount = Math.max(requiredInsertCount, abs + 1);
        lines.push(
          new Uint8Array(
            abs < base ? encodePrefixedInt(base - 1 - abs, 6, 0x80) : encodePrefixedInt(abs - base, 4, 0x10),
          ),
        );
        continue;
      }
      const dynName = this.useDynamic ? this.dynamic.findIndex((e) => e.name === name) : -1;
      if (staticName >= 0) {
        lines.push(new Uint8Array(encodePrefixedInt(staticName, 4, 0x50)), stringLiteral(value, 7, 0, this.huffman));
      } else if (dynName >= 0) {
        requiredInsertCount = Math.max(requiredInsertCount, dynName + 1);
        const ref =
          dynName < base ? encodePrefixedInt(base - 1 - dynName, 4, 0x40) : encodePrefixedInt(dynName - base, 3, 0x00);
        lines.push(new Uint8Array(ref), stringLiteral(value, 7, 0, this.huffman));
      } else {
        lines.push(stringLiteral(name, 3, 0x20, this.huffman), stringLiteral(value, 7, 0, this.huffman));
      }
    }
    const prefix = this.sectionPrefix(requiredInsertCount, base);
    return { section: concat([prefix, ...lines]), instructions: concat(instructions) };
  }

  private insert(name: string, value: string, staticName: number, instructions: Uint8Array[]): number {
    const size = name.length + value.length + 32;
    if (this.size + size > this.maxTableCapacity) return -1;
    if (!this.capacitySent) {
      instructions.push(new Uint8Array(encodePrefixedInt(this.maxTableCapacity, 5, 0x20)));
      this.capacitySent = true;
    }
    const dynName = this.dynamic.findIndex((e) => e.name === name);
    if (staticName >= 0) {
      instructions.push(
        new Uint8Array(encodePrefixedInt(staticName, 6, 0xc0)),
        stringLiteral(value, 7, 0, this.huffman),
      );
    } else if (dynName >= 0) {
      // Relative to the newest insert (RFC 9204 §3.2.5).
      instructions.push(
        new Uint8Array(encodePrefixedInt(this.dynamic.length - 1 - dynName, 6, 0x80)),
        stringLiteral(value, 7, 0, this.huffman),
      );
    } else {
      instructions.push(stringLiteral(name, 5, 0x40, this.huffman), stringLiteral(value, 7, 0, this.huffman));
    }
    this.dynamic.push({ name, value });
    this.size += size;
    return this.dynamic.length - 1;
  }

  /** RFC 9204 §4.5.1: Encoded Required Insert Count, then sign and Delta Base. */
  private sectionPrefix(requiredInsertCount: number, base: number): Uint8Array {
    if (requiredInsertCount === 0) return new Uint8Array([0, 0]);
    const maxEntries = Math.floor(this.maxTableCapacity / 32);
    const encoded = (requiredInsertCount % (2 * maxEntries)) + 1;
    const delta =
      base >= requiredInsertCount
        ? encodePrefixedInt(base - requiredInsertCount, 7, 0x00)
        : encodePrefixedInt(requiredInsertCount - base - 1, 7, 0x80);
    return new Uint8Array([...encodePrefixedInt(encoded, 8, 0), ...delta]);
  }
}

export function buildHttp3Connection(
  requests: readonly Http3RequestSpec[],
  options: Http3BuildOptions = {},
): Http3StreamChunk[] {
  const useDynamic = options.dynamicTable ?? false;
  const capacity = options.maxTableCapacity ?? (useDynamic ? 4096 : 0);
  const huffman = options.huffman ?? true;
  const encoders: Record<Direction, QpackEncoder> = {
    out: new QpackEncoder(capacity, useDynamic, huffman),
    in: new QpackEncoder(capacity, useDynamic, huffman),
  };
  const chunks: Http3StreamChunk[] = [];
  const deferred: Http3StreamChunk[] = [];
  const emit = (target: Http3StreamChunk[], dir: Direction, streamId: number, data: Uint8Array, fin: boolean) => {
    const size = options.pieceSize ?? Math.max(data.length, 1);
    for (let i = 0; i < data.length || (i === 0 && fin); i += size) {
      target.push({ dir, streamId, data: data.subarray(i, i + size), fin: fin && i + size >= data.length });
    }
  };

  const settings: number[][] = [
    [0x01, capacity],
    [0x07, 100],
  ];
  if (options.grease) settings.push([0x21, 7]);
  for (const dir of ['out', 'in'] as const) {
    const ids = H3_UNI_STREAMS[dir];
    const payload = concat(settings.flatMap(([id, value]) => [encodeVarint(id ?? 0), encodeVarint(value ?? 0)]));
    const control = [encodeVarint(0x00), h3Frame(H3_FRAME_TYPE.SETTINGS, payload)];
    if (options.grease) control.push(h3Frame(0x21, new Uint8Array([1, 2, 3])));
    emit(chunks, dir, ids.control, concat(control), false);
    emit(chunks, dir, ids.decoder, encodeVarint(0x03), false);
    if (options.grease)
      emit(chunks, dir, ids.grease, concat([encodeVarint(0x1f * 3 + 0x21), new Uint8Array(10)]), true);
  }
  const encoderStarted: Record<Direction, boolean> = { out: false, in: false };
  const instructionsFor = (dir: Direction, instructions: Uint8Array) => {
    if (instructions.length === 0) return;
    const data = encoderStarted[dir] ? instructions : concat([encodeVarint(0x02), instructions]);
    encoderStarted[dir] = true;
    emit(options.encoderStreamsLast ? deferred : chunks, dir, H3_UNI_STREAMS[dir].encoder, data, false);
  };

  const messageFrames = (dir: Direction, m: Http3Message, interim: HeaderList[] = []): Uint8Array[] => {
    const frames: Uint8Array[] = [];
    for (const headers of [...interim, m.headers]) {
      const { section, instructions } = encoders[dir].encodeSection(headers);
      instructionsFor(dir, instructions);
      frames.push(h3Frame(H3_FRAME_TYPE.HEADERS, section));
    }
    const body = typeof m.body === 'string' ? latin1Bytes(m.body) : (m.body ?? new Uint8Array(0));
    const step = options.dataFrameSize ?? Math.max(body.length, 1);
    for (let i = 0; i < body.length; i += step) frames.push(h3Frame(H3_FRAME_TYPE.DATA, body.subarray(i, i + step)));
    if (options.grease) frames.push(h3Frame(0x1f * 5 + 0x21, new Uint8Array(4)));
    if (m.trailers?.length) {
      const { section, instructions } = encoders[dir].encodeSection(m.trailers);
      instructionsFor(dir, instructions);
      frames.push(h3Frame(H3_FRAME_TYPE.HEADERS, section));
    }
    return frames;
  };

  const pushStreams: { streamId: number; data: Uint8Array }[] = [];
  let nextPushStream = 15 + 4;
  for (const r of requests) {
    emit(chunks, 'out', r.streamId, concat(messageFrames('out', r.request)), true);
    const inbound: Uint8Array[] = [];
    for (const push of r.pushes ?? []) {
      const { section, instructions } = encoders.in.encodeSection(push.request);
      instructionsFor('in', instructions);
      inbound.push(h3Frame(H3_FRAME_TYPE.PUSH_PROMISE, concat([encodeVarint(push.pushId), section])));
      const streamId = nextPushStream;
      nextPushStream += 4;
      pushStreams.push({
        streamId,
        data: concat([encodeVarint(0x01), encodeVarint(push.pushId), ...messageFrames('in', push.response)]),
      });
    }
    if (r.response) inbound.push(...messageFrames('in', r.response, r.interim));
    emit(chunks, 'in', r.streamId, concat(inbound), r.response !== undefined);
  }
  for (const p of pushStreams) emit(chunks, 'in', p.streamId, p.data, true);
  return [...chunks, ...deferred];
}
