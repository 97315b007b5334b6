/**
 * QUIC long-header parsing (RFC 9000 §17.2) and the table of versions whose Initial packets we can decrypt.
 *
 * Long header, Initial packet (RFC 9000 §17.2.2):
 *
 *   +-+-+-+-+-+-+-+-+
 *   |1|1|T T|R R|P P|   header form, fixed bit, type, reserved + pn length (protected)
 *   +-+-+-+-+-+-+-+-+
 *   | Version (32)  |
 *   | DCID Len (8) | DCID (0..160) | SCID Len (8) | SCID (0..160)
 *   | Token Length (varint) | Token | Length (varint) | Packet Number (8..32) | Payload
 *
 * 0-RTT and Handshake packets have the same layout without the token; Retry has no Length and ends the datagram.
 */

import {
  initialKeyCandidates,
  isTrialVersion,
  type QuicVersionInfo,
  quicVersionInfo,
  TRIAL_INITIAL_TYPE,
} from './versions.js';

// The version table lives in versions.ts; re-exported here for the modules and tests that import it from here.
export {
  initialKeyCandidates,
  isReservedVersion,
  QUIC_V1,
  QUIC_V2,
  type QuicVersionInfo,
  quicVersionInfo,
  quicVersionName,
} from './versions.js';

/** Client Initial datagrams are padded to at least 1200 bytes (RFC 9000 §14.1); drafts 22+ required it too. */
export const MIN_CLIENT_INITIAL_DATAGRAM = 1200;

/** Result of reading a variable-length integer (RFC 9000 §16); `next` is -1 when the bytes run out. */
export interface Varint {
  value: number;
  next: number;
}

/**
 * Reads a QUIC varint at `off` within `[0, end)`. Values above 2^53 lose precision, which is harmless here:
 * every length we use is then larger than any buffer and rejected by the bounds checks.
 */
export function readVarint(buf: Uint8Array, off: number, end: number): Varint {
  if (off < 0 || off >= end) return { value: 0, next: -1 };
  const first = buf[off] ?? 0;
  const len = 1 << (first >> 6);
  if (off + len > end) return { value: 0, next: -1 };
  let value = first & 0x3f;
  for (let i = 1; i < len; i++) value = value * 256 + (buf[off + i] ?? 0);
  return { value, next: off + len };
}

export type LongPacketType = 'initial' | 'zero-rtt' | 'handshake' | 'retry';

export interface LongHeader {
  /** Offset of the packet's first byte in the datagram. */
  start: number;
  /** The table's constants, or for an unknown version the first of `candidates` (all share the v1 layout). */
  version: QuicVersionInfo;
  /** Key sets to try on this packet: one for a known version, several for an unknown one (versions.ts). */
  candidates: readonly QuicVersionInfo[];
  type: LongPacketType;
  dcid: Uint8Array;
  scid: Uint8Array;
  /** Offset of the (protected) packet number; only for types with a Length field. */
  pnOffset: number;
  /** Offset just past this packet (start of the next coalesced packet); the datagram end for Retry. */
  end: number;
}

export type LongHeaderOutcome = { kind: 'ok'; header: LongHeader } | { kind: 'invalid'; reason: string };

/** Max connection ID length in QUIC v1 and v2 (RFC 9000 §17.2). */
export const MAX_CID_LENGTH = 20;

/** Parses the long header of the packet at `start` in a datagram. */
export function parseLongHeader(buf: Uint8Array, start: number): LongHeaderOutcome {
  const end = buf.length;
  if (end - start < 7) return { kind: 'invalid', reason: 'truncated-header' };
  const first = buf[start] ?? 0;
  if ((first & 0x80) === 0) return { kind: 'invalid', reason: 'short-header' };
  const versionNumber = readU32(buf, start + 1);
  if (versionNumber === 0) return { kind: 'invalid', reason: 'version-negotiation' };
  const candidates = initialKeyCandidates(versionNumber);
  const version = candidates[0];
  if (version === undefined) return { kind: 'invalid', reason: 'unsupported-version' };
  let off = start + 5;
  const dcidLen = buf[off] ?? 0;
  if (dcidLen > MAX_CID_LENGTH) return { kind: 'invalid', reason: 'bad-cid-length' };
  if (off + 1 + dcidLen + 1 > end) return { kind: 'invalid', reason: 'truncated-header' };
  const dcid = buf.subarray(off + 1, off + 1 + dcidLen);
  off += 1 + dcidLen;
  const scidLen = buf[off] ?? 0;
  if (scidLen > MAX_CID_LENGTH) return { kind: 'invalid', reason: 'bad-cid-length' };
  if (off + 1 + scidLen > end) return { kind: 'invalid', reason: 'truncated-header' };
  const scid = buf.subarray(off + 1, off + 1 + scidLen);
  off += 1 + scidLen;
  const type = packetType(version, (first >> 4) & 0x03);
  if (type === 'retry')
    return { kind: 'ok', header: { start, version, candidates, type, dcid, scid, pnOffset: end, end } };
  if (type === 'initial') {
    const token = readVarint(buf, off, end);
    if (token.next < 0 || token.value > end - token.next) return { kind: 'invalid', reason: 'truncated-header' };
    off = token.next + token.value;
  }
  const length = readVarint(buf, off, end);
  if (length.next < 0) return { kind: 'invalid', reason: 'truncated-header' };
  if (length.value > end - length.next) return { kind: 'invalid', reason: 'truncated-packet' };
  const header = {
    start,
    version,
    candidates,
    type,
    dcid,
    scid,
    pnOffset: length.next,
    end: length.next + length.value,
  };
  return { kind: 'ok', header };
}

function packetType(version: QuicVersionInfo, bits: number): LongPacketType {
  const t = version.types;
  if (bits === t.initial) return 'initial';
  if (bits === t.zeroRtt) return 'zero-rtt';
  if (bits === t.handshake) return 'handshake';
  return 'retry';
}

function readU32(buf: Uint8Array, off: number): number {
  return (
    (((buf[off] ?? 0) << 24) | ((buf[off + 1] ?? 0) << 16) | ((buf[off + 2] ?? 0) << 8) | (buf[off + 3] ?? 0)) >>> 0
  );
}

/**
 * Cheap probe for the first client datagram of a QUIC flow: a long header with the fixed bit set, a version we
 * can decrypt, the Initial (or 0-RTT) type bits of that version and connection IDs of at most 20 bytes.
 * 0-RTT is accepted because a capture may show it before the Initial it was coalesced or sent with (reordering,
 * or a capture that starts mid-handshake while Initials are still retransmitted).
 * A version outside the table (reserved 0x?a?a?a?a, vendor, future) must look like a client's first Initial:
 * v1 Initial type bits and a datagram padded to 1200 bytes (RFC 9000 §14.1), so that other UDP traffic rarely
 * pays for trial decryption.
 */
export function looksLikeQuicInitial(udpPayload: Uint8Array): boolean {
  const buf = udpPayload;
  if (buf.length < 7) return false;
  const first = buf[0] ?? 0;
  if ((first & 0xc0) !== 0xc0) return false;
  const versionNumber = readU32(buf, 1);
  const type = (first >> 4) & 0x03;
  const known = quicVersionInfo(versionNumber);
  if (known !== undefined) {
    if (type !== known.types.initial && type !== known.types.zeroRtt) return false;
  } else {
    if (!isTrialVersion(versionNumber) || type !== TRIAL_INITIAL_TYPE) return false;
    if (buf.length < MIN_CLIENT_INITIAL_DATAGRAM) return false;
  }
  const dcidLen = buf[5] ?? 0;
  if (dcidLen > MAX_CID_LENGTH || 6 + dcidLen >= buf.length) return false;
  const scidLen = buf[6 + dcidLen] ?? 0;
  return scidLen <= MAX_CID_LENGTH && 7 + dcidLen + scidLen <= buf.length;
}
