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

/** Version-specific constants for Initial protection (RFC 9001 §5.2, RFC 9369 §3.3, drafts' §5.2). */
export interface QuicVersionInfo {
  version: number;
  name: string;
  /** Initial salt for HKDF-Extract. */
  salt: Uint8Array;
  /** HKDF-Expand-Label labels for key, iv and header protection key. */
  keyLabel: string;
  ivLabel: string;
  hpLabel: string;
  /** Long-header type bits (0..3) of Initial, 0-RTT, Handshake and Retry packets. */
  types: { initial: number; zeroRtt: number; handshake: number; retry: number };
}

export const QUIC_V1 = 0x00000001;
export const QUIC_V2 = 0x6b3343cf;

/** RFC 9001 §5.2; also drafts 33 and 34, which already used the final salt. */
const SALT_V1 = Buffer.from('38762cf7f55934b34d179ae6a4c80cadccbb7f0a', 'hex');
/** RFC 9369 §3.3.1. */
const SALT_V2 = Buffer.from('0dede3def700a6db819381be6e269dcbf9bd2ed9', 'hex');
/** draft-ietf-quic-tls-29 to -32 §5.2. */
const SALT_D29 = Buffer.from('afbfec289993d24c9e9786f19c6111e04390a899', 'hex');
/** draft-ietf-quic-tls-23 to -28 §5.2. */
const SALT_D23 = Buffer.from('c3eef712c72ebb5a11a7d2432bb46365bef9f502', 'hex');

const V1_TYPES = { initial: 0, zeroRtt: 1, handshake: 2, retry: 3 };
/** RFC 9369 §3.2: every v2 long-header type value is different. */
const V2_TYPES = { initial: 1, zeroRtt: 2, handshake: 3, retry: 0 };

function v1Like(version: number, name: string, salt: Uint8Array): QuicVersionInfo {
  return { version, name, salt, keyLabel: 'quic key', ivLabel: 'quic iv', hpLabel: 'quic hp', types: V1_TYPES };
}

const VERSIONS = new Map<number, QuicVersionInfo>([
  [QUIC_V1, v1Like(QUIC_V1, 'v1', SALT_V1)],
  [
    QUIC_V2,
    {
      version: QUIC_V2,
      name: 'v2',
      salt: SALT_V2,
      keyLabel: 'quicv2 key',
      ivLabel: 'quicv2 iv',
      hpLabel: 'quicv2 hp',
      types: V2_TYPES,
    },
  ],
]);
// IETF drafts 23 to 34 (0xff000017..0xff000022); the draft number is the low byte. Their Initial packets
// have the v1 layout and labels; only the salt changed (drafts 23-28, 29-32, then the final one in 33-34).
for (let draft = 23; draft <= 34; draft++) {
  const salt = draft <= 28 ? SALT_D23 : draft <= 32 ? SALT_D29 : SALT_V1;
  const version = (0xff000000 | draft) >>> 0;
  VERSIONS.set(version, v1Like(version, `draft-${draft}`, salt));
}

/** Constants for a version we can decrypt, or undefined. */
export function quicVersionInfo(version: number): QuicVersionInfo | undefined {
  return VERSIONS.get(version >>> 0);
}

/** Human name of a version: "v1", "v2", "draft-29", "Q050"/"T051" (Google), "negotiation", else hex. */
export function quicVersionName(v: number): string {
  const version = v >>> 0;
  const known = VERSIONS.get(version);
  if (known !== undefined) return known.name;
  if (version === 0) return 'negotiation';
  if ((version & 0xffffff00) >>> 0 === 0xff000000) return `draft-${version & 0xff}`;
  const hi = version >>> 24;
  const digits = [(version >>> 16) & 0xff, (version >>> 8) & 0xff, version & 0xff];
  // Google QUIC versions spell "Q050" or "T051" in ASCII.
  if ((hi === 0x51 || hi === 0x54) && digits.every((d) => d >= 0x30 && d <= 0x39)) {
    return String.fromCharCode(hi, ...digits);
  }
  return `0x${version.toString(16).padStart(8, '0')}`;
}

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
  version: QuicVersionInfo;
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
  const version = VERSIONS.get(versionNumber);
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
  if (type === 'retry') return { kind: 'ok', header: { start, version, type, dcid, scid, pnOffset: end, end } };
  if (type === 'initial') {
    const token = readVarint(buf, off, end);
    if (token.next < 0 || token.value > end - token.next) return { kind: 'invalid', reason: 'truncated-header' };
    off = token.next + token.value;
  }
  const length = readVarint(buf, off, end);
  if (length.next < 0) return { kind: 'invalid', reason: 'truncated-header' };
  if (length.value > end - length.next) return { kind: 'invalid', reason: 'truncated-packet' };
  const header = { start, version, type, dcid, scid, pnOffset: length.next, end: length.next + length.value };
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
 */
export function looksLikeQuicInitial(udpPayload: Uint8Array): boolean {
  const buf = udpPayload;
  if (buf.length < 7) return false;
  const first = buf[0] ?? 0;
  if ((first & 0xc0) !== 0xc0) return false;
  const version = VERSIONS.get(readU32(buf, 1));
  const type = (first >> 4) & 0x03;
  if (version === undefined || (type !== version.types.initial && type !== version.types.zeroRtt)) return false;
  const dcidLen = buf[5] ?? 0;
  if (dcidLen > MAX_CID_LENGTH || 6 + dcidLen >= buf.length) return false;
  const scidLen = buf[6 + dcidLen] ?? 0;
  return scidLen <= MAX_CID_LENGTH && 7 + dcidLen + scidLen <= buf.length;
}
