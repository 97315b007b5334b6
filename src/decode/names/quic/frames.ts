/**
 * Frame walk over a decrypted Initial payload, keeping the CRYPTO frames (RFC 9000 §12.4, §19).
 * Only the frame types permitted in Initial packets are understood (RFC 9000 §12.4 Table 3): PADDING, PING,
 * ACK, ACK_ECN, CRYPTO, CONNECTION_CLOSE (transport). Anything else, or a frame running past the payload, stops
 * the walk with a reason; the CRYPTO data read before it is kept.
 *
 * Google QUIC T050/T051 carry TLS in IETF-style Initial packets but keep gQUIC frame type numbers: CRYPTO is
 * 0x08 (IETF varint offset and length, as in RFC 9000 §19.6), PING 0x07, PADDING 0x00 (Wireshark
 * packet-quic.c and nDPI quic.c read them so); ACK frames there use the gQUIC layout, which we do not walk.
 */
import { readVarint } from './header.js';

/** CRYPTO frame data (RFC 9000 §19.6): a slice of the handshake byte stream at `offset`. */
export interface CryptoChunk {
  offset: number;
  data: Uint8Array;
}

export interface FrameWalk {
  crypto: CryptoChunk[];
  /** Why the walk stopped before the end of the payload, or null when every frame was read. */
  stopped: 'truncated-frame' | 'unexpected-frame' | null;
}

/** Which frame type numbers a version uses in Initial packets. */
export type FrameDialect = 'ietf' | 'gquic';

type FrameKind = 'padding' | 'ping' | 'ack' | 'ack-ecn' | 'crypto' | 'connection-close';

const FRAME_KINDS: Record<FrameDialect, ReadonlyMap<number, FrameKind>> = {
  ietf: new Map<number, FrameKind>([
    [0x00, 'padding'],
    [0x01, 'ping'],
    [0x02, 'ack'],
    [0x03, 'ack-ecn'],
    [0x06, 'crypto'],
    [0x1c, 'connection-close'],
  ]),
  gquic: new Map<number, FrameKind>([
    [0x00, 'padding'],
    [0x07, 'ping'],
    [0x08, 'crypto'],
  ]),
};

/** Reads `count` varints from `off`; returns the offset after them, or -1 when they run out. */
function skipVarints(buf: Uint8Array, off: number, end: number, count: number): number {
  let at = off;
  for (let i = 0; i < count && at >= 0; i++) at = readVarint(buf, at, end).next;
  return at;
}

/** Skips an ACK or ACK_ECN frame body (RFC 9000 §19.3); -1 when truncated. */
function skipAck(buf: Uint8Array, off: number, end: number, ecn: boolean): number {
  // Largest Acknowledged, ACK Delay, then ACK Range Count.
  let at = skipVarints(buf, off, end, 2);
  if (at < 0) return -1;
  const rangeCount = readVarint(buf, at, end);
  if (rangeCount.next < 0) return -1;
  // Each range takes at least 2 bytes, so a count larger than the bytes left is malformed (and bounds the loop).
  if (rangeCount.value > (end - rangeCount.next) / 2) return -1;
  at = skipVarints(buf, rangeCount.next, end, 1 + 2 * rangeCount.value);
  if (at < 0) return -1;
  return ecn ? skipVarints(buf, at, end, 3) : at;
}

/** Walks the frames of a decrypted Initial payload. */
export function walkInitialFrames(payload: Uint8Array, dialect: FrameDialect = 'ietf'): FrameWalk {
  const kinds = FRAME_KINDS[dialect];
  const crypto: CryptoChunk[] = [];
  const end = payload.length;
  let off = 0;
  while (off < end) {
    const type = readVarint(payload, off, end);
    if (type.next < 0) return { crypto, stopped: 'truncated-frame' };
    let next: number;
    const kind = kinds.get(type.value);
    switch (kind) {
      case 'padding':
        next = type.next;
        while (next < end && payload[next] === 0) next++;
        break;
      case 'ping':
        next = type.next;
        break;
      case 'ack':
      case 'ack-ecn':
        next = skipAck(payload, type.next, end, kind === 'ack-ecn');
        break;
      case 'crypto': {
        const offset = readVarint(payload, type.next, end);
        const length = readVarint(payload, offset.next, end);
        if (offset.next < 0 || length.next < 0 || length.value > end - length.next) {
          return { crypto, stopped: 'truncated-frame' };
        }
        next = length.next + length.value;
        crypto.push({ offset: offset.value, data: payload.subarray(length.next, next) });
        break;
      }
      case 'connection-close': {
        // Error Code, Frame Type, Reason Phrase Length, Reason Phrase (RFC 9000 §19.19).
        const at = skipVarints(payload, type.next, end, 2);
        const reason = readVarint(payload, at, end);
        if (at < 0 || reason.next < 0 || reason.value > end - reason.next) {
          return { crypto, stopped: 'truncated-frame' };
        }
        next = reason.next + reason.value;
        break;
      }
      default:
        return { crypto, stopped: 'unexpected-frame' };
    }
    if (next < 0) return { crypto, stopped: 'truncated-frame' };
    off = next;
  }
  return { crypto, stopped: null };
}
