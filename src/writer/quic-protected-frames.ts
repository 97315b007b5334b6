/**
 * QUIC frame encoders for test connections (RFC 9000 §19): the frames the protected-connection builder sends,
 * plus a Retry packet with its integrity tag (RFC 9001 §5.8, RFC 9369 §3.3.3).
 */
import { createCipheriv } from 'node:crypto';
import { QUIC_V2 } from '../decode/names/quic/versions.js';
import { varint } from './quic-initial-builder.js';

/** STREAM frame (§19.8); `withLength` false leaves the data running to the end of the packet. */
export function streamFrame(id: number, offset: number, data: Uint8Array, fin: boolean, withLength = true): Buffer {
  const type = 0x08 | (offset > 0 ? 0x04 : 0) | (withLength ? 0x02 : 0) | (fin ? 0x01 : 0);
  return Buffer.concat([
    Buffer.of(type),
    varint(id),
    offset > 0 ? varint(offset) : Buffer.alloc(0),
    withLength ? varint(data.length) : Buffer.alloc(0),
    data,
  ]);
}

/** ACK frame (§19.3) acknowledging packets 0..largest in one range. */
export function ackFrame(largest: number): Buffer {
  return Buffer.concat([Buffer.of(0x02), varint(largest), varint(0), varint(0), varint(largest)]);
}

/** NEW_CONNECTION_ID (§19.15) with a fixed stateless reset token. */
export function newConnectionIdFrame(sequence: number, cid: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.of(0x18),
    varint(sequence),
    varint(0),
    Buffer.of(cid.length),
    cid,
    Buffer.alloc(16, 0xaa),
  ]);
}

export const HANDSHAKE_DONE_FRAME = Buffer.of(0x1e);
export const PING_FRAME = Buffer.of(0x01);

export function newTokenFrame(token: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(0x07), varint(token.length), token]);
}

export function maxDataFrame(max: number): Buffer {
  return Buffer.concat([Buffer.of(0x10), varint(max)]);
}

export function maxStreamsFrame(bidi: boolean, max: number): Buffer {
  return Buffer.concat([Buffer.of(bidi ? 0x12 : 0x13), varint(max)]);
}

/** RESET_STREAM (§19.4). */
export function resetStreamFrame(id: number, errorCode: number, finalSize: number): Buffer {
  return Buffer.concat([Buffer.of(0x04), varint(id), varint(errorCode), varint(finalSize)]);
}

/** Application CONNECTION_CLOSE (0x1d, §19.19). */
export function applicationCloseFrame(errorCode: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  return Buffer.concat([Buffer.of(0x1d), varint(errorCode), varint(text.length), text]);
}

/** Retry integrity AEAD key and nonce (RFC 9001 §5.8; RFC 9369 §3.3.3 for v2). */
const RETRY_V1 = { key: 'be0c690b9f66575a1d766b54e368c84e', nonce: '461599d35d632bf2239825bb' };
const RETRY_V2 = { key: '8fb4b01b56ac48e260fbcbcead7ccc92', nonce: 'd86969bc2d7c6d9990efb04a' };

export interface RetrySpec {
  version: number;
  /** Retry type bits of the version (3 in v1, 0 in v2). */
  typeBits: number;
  /** The client's SCID, which the Retry is addressed to. */
  dcid: Uint8Array;
  /** The server's new connection ID: the client's next Initials go to it (and derive their keys from it). */
  scid: Uint8Array;
  token: Uint8Array;
  /** The DCID of the client's Initial that this Retry answers (in the tag, not on the wire). */
  originalDcid: Uint8Array;
  /** The first byte's four unused bits (RFC 9000 §17.2.5: any value; the RFC examples set them all). */
  unusedBits?: number;
}

/** A Retry packet (RFC 9000 §17.2.5) with its Retry Integrity Tag. */
export function retryPacket(spec: RetrySpec): Buffer {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(spec.version >>> 0);
  const body = Buffer.concat([
    Buffer.of(0xc0 | (spec.typeBits << 4) | ((spec.unusedBits ?? 0) & 0x0f)),
    version,
    Buffer.of(spec.dcid.length),
    spec.dcid,
    Buffer.of(spec.scid.length),
    spec.scid,
    spec.token,
  ]);
  const constants = spec.version >>> 0 === QUIC_V2 ? RETRY_V2 : RETRY_V1;
  const gcm = createCipheriv('aes-128-gcm', Buffer.from(constants.key, 'hex'), Buffer.from(constants.nonce, 'hex'));
  gcm.setAAD(Buffer.concat([Buffer.of(spec.originalDcid.length), spec.originalDcid, body]));
  gcm.final();
  return Buffer.concat([body, gcm.getAuthTag()]);
}
