/**
 * Frame walk over any decrypted QUIC packet payload (RFC 9000 §19, RFC 9221 DATAGRAM), keeping what the decoder
 * needs: CRYPTO data (the TLS handshake), STREAM data, stream resets and the connection IDs of NEW_CONNECTION_ID
 * frames; every other frame is read only to be skipped. IETF drafts 22 to 34 number these frames as v1 does
 * (draft-ietf-quic-transport-22 §19, Table 3 lists 0x00-0x1d with the same layouts; HANDSHAKE_DONE 0x1e came
 * with draft-25). An unknown frame type cannot be skipped (frames carry no length), so it ends the walk; the
 * frames read before it are kept.
 */
import type { CryptoChunk } from '../../decode/names/quic/frames.js';
import { readVarint } from '../../decode/names/quic/header.js';

/** STREAM frame (RFC 9000 §19.8): `data` is a view into the payload. */
export interface StreamFrame {
  streamId: number;
  offset: number;
  data: Uint8Array;
  fin: boolean;
}

/** RESET_STREAM (RFC 9000 §19.4): the sender abandons its part of the stream. */
export interface StreamReset {
  streamId: number;
  finalSize: number;
}

export interface PacketFrames {
  crypto: CryptoChunk[];
  streams: StreamFrame[];
  resets: StreamReset[];
  /** Connection IDs the packet's sender issued (its peer may put them in Destination Connection IDs). */
  newConnectionIds: Uint8Array[];
  /** Why the walk ended before the payload did, or null when every frame was read. */
  stopped: 'truncated-frame' | 'unknown-frame' | null;
}

const PADDING = 0x00;
const PING = 0x01;
const ACK = 0x02;
const ACK_ECN = 0x03;
const RESET_STREAM = 0x04;
const STOP_SENDING = 0x05;
const CRYPTO = 0x06;
const NEW_TOKEN = 0x07;
const STREAM_FIRST = 0x08;
const STREAM_LAST = 0x0f;
const STREAM_FIN = 0x01;
const STREAM_LEN = 0x02;
const STREAM_OFF = 0x04;
const NEW_CONNECTION_ID = 0x18;
const PATH_CHALLENGE = 0x1a;
const PATH_RESPONSE = 0x1b;
const CONNECTION_CLOSE_TRANSPORT = 0x1c;
const CONNECTION_CLOSE_APPLICATION = 0x1d;
const HANDSHAKE_DONE = 0x1e;
const DATAGRAM = 0x30;
const DATAGRAM_WITH_LENGTH = 0x31;
const PATH_DATA_LENGTH = 8;
const STATELESS_RESET_TOKEN_LENGTH = 16;
const MAX_CID_LENGTH = 20;

/**
 * Frames made only of varints after the type: how many each has. MAX_DATA, MAX_STREAM_DATA, MAX_STREAMS (bidi,
 * uni), DATA_BLOCKED, STREAM_DATA_BLOCKED, STREAMS_BLOCKED (bidi, uni), RETIRE_CONNECTION_ID, STOP_SENDING.
 */
const VARINT_FRAMES: ReadonlyMap<number, number> = new Map([
  [STOP_SENDING, 2],
  [0x10, 1],
  [0x11, 2],
  [0x12, 1],
  [0x13, 1],
  [0x14, 1],
  [0x15, 2],
  [0x16, 1],
  [0x17, 1],
  [0x19, 1],
]);

/** Reads `count` varints from `off`; the offset after them, or -1 when they run out. */
function skipVarints(buf: Uint8Array, off: number, end: number, count: number): number {
  let at = off;
  for (let i = 0; i < count && at >= 0; i++) at = readVarint(buf, at, end).next;
  return at;
}

/** Skips a length-prefixed byte string (varint length); -1 when it runs past `end`. */
function skipLengthPrefixed(buf: Uint8Array, off: number, end: number): number {
  const length = readVarint(buf, off, end);
  if (length.next < 0 || length.value > end - length.next) return -1;
  return length.next + length.value;
}

/** Skips an ACK or ACK_ECN frame body (RFC 9000 §19.3); -1 when truncated. */
function skipAck(buf: Uint8Array, off: number, end: number, ecn: boolean): number {
  // Largest Acknowledged, ACK Delay, then ACK Range Count.
  const at = skipVarints(buf, off, end, 2);
  if (at < 0) return -1;
  const rangeCount = readVarint(buf, at, end);
  if (rangeCount.next < 0) return -1;
  // Each range takes at least 2 bytes, so a larger count is malformed (and this bounds the loop).
  if (rangeCount.value > (end - rangeCount.next) / 2) return -1;
  const ranges = skipVarints(buf, rangeCount.next, end, 1 + 2 * rangeCount.value);
  if (ranges < 0) return -1;
  return ecn ? skipVarints(buf, ranges, end, 3) : ranges;
}

function emptyFrames(): PacketFrames {
  return { crypto: [], streams: [], resets: [], newConnectionIds: [], stopped: null };
}

/** Walks every frame of a decrypted packet payload. Never throws; bounded by the payload length. */
export function walkPacketFrames(payload: Uint8Array): PacketFrames {
  const out = emptyFrames();
  const end = payload.length;
  let off = 0;
  while (off < end) {
    const type = readVarint(payload, off, end);
    if (type.next < 0) {
      out.stopped = 'truncated-frame';
      return out;
    }
    const next = readFrame(payload, type.value, type.next, end, out);
    if (next === UNKNOWN) {
      out.stopped = 'unknown-frame';
      return out;
    }
    if (next < 0) {
      out.stopped = 'truncated-frame';
      return out;
    }
    off = next;
  }
  return out;
}

const UNKNOWN = -2;

/** Reads one frame body at `off`; the offset after it, -1 when truncated, UNKNOWN for an unknown type. */
function readFrame(buf: Uint8Array, type: number, off: number, end: number, out: PacketFrames): number {
  if (type >= STREAM_FIRST && type <= STREAM_LAST) return readStream(buf, type, off, end, out);
  const varints = VARINT_FRAMES.get(type);
  if (varints !== undefined) return skipVarints(buf, off, end, varints);
  switch (type) {
    case PADDING: {
      let at = off;
      while (at < end && buf[at] === PADDING) at++;
      return at;
    }
    case PING:
    case HANDSHAKE_DONE:
      return off;
    case ACK:
    case ACK_ECN:
      return skipAck(buf, off, end, type === ACK_ECN);
    case RESET_STREAM: {
      const id = readVarint(buf, off, end);
      const errorCodeEnd = readVarint(buf, id.next, end).next;
      const finalSize = readVarint(buf, errorCodeEnd, end);
      if (id.next < 0 || errorCodeEnd < 0 || finalSize.next < 0) return -1;
      out.resets.push({ streamId: id.value, finalSize: finalSize.value });
      return finalSize.next;
    }
    case CRYPTO: {
      const offset = readVarint(buf, off, end);
      const length = readVarint(buf, offset.next, end);
      if (offset.next < 0 || length.next < 0 || length.value > end - length.next) return -1;
      const dataEnd = length.next + length.value;
      out.crypto.push({ offset: offset.value, data: buf.subarray(length.next, dataEnd) });
      return dataEnd;
    }
    case NEW_TOKEN:
      return skipLengthPrefixed(buf, off, end);
    case NEW_CONNECTION_ID:
      return readNewConnectionId(buf, off, end, out);
    case PATH_CHALLENGE:
    case PATH_RESPONSE:
      return off + PATH_DATA_LENGTH <= end ? off + PATH_DATA_LENGTH : -1;
    case CONNECTION_CLOSE_TRANSPORT:
    case CONNECTION_CLOSE_APPLICATION: {
      // Error Code, the Frame Type (transport close only), then the Reason Phrase (RFC 9000 §19.19).
      const at = skipVarints(buf, off, end, type === CONNECTION_CLOSE_TRANSPORT ? 2 : 1);
      return at < 0 ? -1 : skipLengthPrefixed(buf, at, end);
    }
    case DATAGRAM:
      return end;
    case DATAGRAM_WITH_LENGTH:
      return skipLengthPrefixed(buf, off, end);
    default:
      return UNKNOWN;
  }
}

/** STREAM frame: type bits OFF (0x04), LEN (0x02), FIN (0x01); without LEN the data runs to the packet's end. */
function readStream(buf: Uint8Array, type: number, off: number, end: number, out: PacketFrames): number {
  const id = readVarint(buf, off, end);
  if (id.next < 0) return -1;
  let at = id.next;
  let offset = 0;
  if ((type & STREAM_OFF) !== 0) {
    const o = readVarint(buf, at, end);
    if (o.next < 0) return -1;
    offset = o.value;
    at = o.next;
  }
  let dataEnd = end;
  if ((type & STREAM_LEN) !== 0) {
    const length = readVarint(buf, at, end);
    if (length.next < 0 || length.value > end - length.next) return -1;
    at = length.next;
    dataEnd = at + length.value;
  }
  out.streams.push({ streamId: id.value, offset, data: buf.subarray(at, dataEnd), fin: (type & STREAM_FIN) !== 0 });
  return dataEnd;
}

/** NEW_CONNECTION_ID (RFC 9000 §19.15): Sequence Number, Retire Prior To, Length (8), CID, reset token (128). */
function readNewConnectionId(buf: Uint8Array, off: number, end: number, out: PacketFrames): number {
  const at = skipVarints(buf, off, end, 2);
  if (at < 0 || at >= end) return -1;
  const length = buf[at] ?? 0;
  if (length > MAX_CID_LENGTH) return -1;
  const cidEnd = at + 1 + length;
  const frameEnd = cidEnd + STATELESS_RESET_TOKEN_LENGTH;
  if (frameEnd > end) return -1;
  out.newConnectionIds.push(buf.subarray(at + 1, cidEnd));
  return frameEnd;
}
