/**
 * TLS ClientHello from the first bytes of a client's TCP stream (record layer, RFC 8446 §5.1) or from a bare
 * handshake message (QUIC CRYPTO frames, RFC 9001 §4). Only what an audit needs is kept: SNI, ALPN,
 * supported_versions and ECH presence.
 *
 * Record layer (RFC 8446 §5.1):            Handshake (RFC 8446 §4):
 *   +------+---------+--------+----------+   +------+-----------+--------------+
 *   | 0x16 | version | length | fragment |   | 0x01 | length:24 | ClientHello  |
 *   +------+---------+--------+----------+   +------+-----------+--------------+
 *    1 B    2 B       2 B                    A handshake message may be split over several records.
 */
import { u16be } from '../../core/bytes.js';
import { internLatin1 } from '../../core/intern.js';
import { escapeField } from './safe-name.js';
import type { ClientHelloInfo, ParseOutcome } from './types.js';

/** Largest ClientHello (handshake message incl. its 4-byte header) we buffer; post-quantum ones are ~2 KB. */
export const MAX_CLIENT_HELLO_BYTES = 65_536;
/** RFC 8446 §5.1/§5.2: plaintext records are at most 2^14 bytes; 2048 more are tolerated as for ciphertext. */
export const MAX_RECORD_LENGTH = 2 ** 14 + 2048;
const RECORD_HEADER = 5;
const HANDSHAKE_HEADER = 4;
const CONTENT_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;
/** ALPN names kept at most. */
export const MAX_ALPN = 32;
/** supported_versions entries kept at most (the list is at most 127 by its 1-byte length). */
const MAX_VERSIONS = 127;

const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
const EXT_SUPPORTED_VERSIONS = 43;
const EXT_ECH = 0xfe0d;

type Outcome = ParseOutcome<ClientHelloInfo>;

/** Cheap probe of a stream's first bytes: a TLS handshake record header, or an SSLv2-format CLIENT-HELLO. */
export function looksLikeTlsClientHello(first: Uint8Array): boolean {
  const b0 = first[0];
  if (b0 === CONTENT_HANDSHAKE) {
    if (first.length < 3 || first[1] !== 3 || (first[2] ?? 0xff) > 4) return false;
    return first.length < 6 || first[5] === HANDSHAKE_CLIENT_HELLO;
  }
  return isSslv2ClientHello(first);
}

/**
 * The ClientHello at the start of a client's stream. `incomplete.needed` is the least total number of stream
 * bytes that could complete it (exact once the last record header is in).
 */
export function parseClientHelloRecords(stream: Uint8Array): Outcome {
  if ((stream[0] ?? 0) & 0x80) return parseSslv2(stream);
  const first = helloInFirstRecord(stream);
  if (first > 0) return parseBody(stream, RECORD_HEADER + HANDSHAKE_HEADER, RECORD_HEADER + first);
  if (first < 0) return { kind: 'incomplete', needed: -first };
  const fragments: Uint8Array[] = [];
  let have = 0;
  let hsTotal = -1;
  let pos = 0;
  for (;;) {
    if (pos + RECORD_HEADER > stream.length) {
      const remaining = hsTotal >= 0 ? hsTotal - have : HANDSHAKE_HEADER - have;
      return { kind: 'incomplete', needed: pos + RECORD_HEADER + Math.max(remaining, 1) };
    }
    if (stream[pos] !== CONTENT_HANDSHAKE)
      return { kind: 'invalid', reason: pos === 0 ? 'not-handshake' : 'interleaved-record' };
    if (stream[pos + 1] !== 3 || (stream[pos + 2] ?? 0xff) > 4)
      return { kind: 'invalid', reason: 'bad-record-version' };
    const len = u16be(stream, pos + 3);
    if (len === 0) return { kind: 'invalid', reason: 'empty-record' };
    if (len > MAX_RECORD_LENGTH) return { kind: 'invalid', reason: 'record-too-long' };
    const bodyStart = pos + RECORD_HEADER;
    const avail = Math.min(len, stream.length - bodyStart);
    fragments.push(stream.subarray(bodyStart, bodyStart + avail));
    have += avail;
    if (hsTotal < 0 && have >= HANDSHAKE_HEADER) {
      const head = concat(fragments, HANDSHAKE_HEADER);
      if (head[0] !== HANDSHAKE_CLIENT_HELLO) return { kind: 'invalid', reason: 'not-client-hello' };
      hsTotal = HANDSHAKE_HEADER + ((head[1] ?? 0) << 16) + ((head[2] ?? 0) << 8) + (head[3] ?? 0);
      if (hsTotal > MAX_CLIENT_HELLO_BYTES) return { kind: 'invalid', reason: 'client-hello-too-large' };
    }
    if (hsTotal >= 0 && have >= hsTotal) break;
    if (avail < len) {
      // The record is cut. Handshake bytes still missing (only the 4-byte header when its length is unknown):
      // if this record's rest holds them the need is exact, otherwise at least one more record header follows.
      const missingHs = hsTotal >= 0 ? hsTotal - have : HANDSHAKE_HEADER - have;
      const restOfRecord = len - avail;
      const needed =
        missingHs <= restOfRecord
          ? stream.length + missingHs
          : bodyStart + len + RECORD_HEADER + missingHs - restOfRecord;
      return { kind: 'incomplete', needed };
    }
    pos = bodyStart + len;
    // Each record holds at least one byte, so this loop ends within stream.length / 6 rounds.
  }
  return parseClientHelloMessage(concat(fragments, hsTotal));
}

/**
 * The usual cases, read in place: the first record is well-formed and the ClientHello fits in it. Returns the
 * handshake message's length (header included) when the stream holds all of it; when the stream holds only part
 * of the record (a post-quantum hello of ~1.8 KB spans two TCP segments), minus the stream bytes it needs, as the
 * general path below would say (the record header plus the whole message); else 0 and the general path decides.
 */
function helloInFirstRecord(stream: Uint8Array): number {
  if (stream.length < RECORD_HEADER + HANDSHAKE_HEADER || stream[0] !== CONTENT_HANDSHAKE) return 0;
  if (stream[1] !== 3 || (stream[2] ?? 0xff) > 4 || stream[RECORD_HEADER] !== HANDSHAKE_CLIENT_HELLO) return 0;
  const len = u16be(stream, 3);
  const hsTotal = HANDSHAKE_HEADER + (((stream[6] ?? 0) << 16) | ((stream[7] ?? 0) << 8) | (stream[8] ?? 0));
  if (len > MAX_RECORD_LENGTH || hsTotal > len || hsTotal > MAX_CLIENT_HELLO_BYTES) return 0;
  if (RECORD_HEADER + hsTotal <= stream.length) return hsTotal;
  return RECORD_HEADER + len > stream.length ? -(RECORD_HEADER + hsTotal) : 0;
}

/** A ClientHello handshake message (type byte 1, 24-bit length, body), RFC 8446 §4.1.2. */
export function parseClientHelloMessage(hs: Uint8Array): Outcome {
  if (hs.length === 0) return { kind: 'incomplete', needed: HANDSHAKE_HEADER };
  if (hs[0] !== HANDSHAKE_CLIENT_HELLO) return { kind: 'invalid', reason: 'not-client-hello' };
  if (hs.length < HANDSHAKE_HEADER) return { kind: 'incomplete', needed: HANDSHAKE_HEADER };
  const end = HANDSHAKE_HEADER + ((hs[1] ?? 0) << 16) + ((hs[2] ?? 0) << 8) + (hs[3] ?? 0);
  if (end > MAX_CLIENT_HELLO_BYTES) return { kind: 'invalid', reason: 'client-hello-too-large' };
  if (hs.length < end) return { kind: 'incomplete', needed: end };
  return parseBody(hs, HANDSHAKE_HEADER, end);
}

/**
 *   legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2> compression_methods<1..2^8-1>
 *   extensions<8..2^16-1> (absent in some pre-TLS 1.2 hellos, RFC 5246 §7.4.1.2)
 */
function parseBody(b: Uint8Array, start: number, end: number): Outcome {
  let off = start;
  if (off + 2 + 32 + 1 > end) return { kind: 'invalid', reason: 'truncated-client-hello' };
  const legacyVersion = u16be(b, off);
  if (legacyVersion >> 8 !== 3) return { kind: 'invalid', reason: 'bad-legacy-version' };
  off += 34;
  const sidLen = b[off] ?? 0;
  if (sidLen > 32) return { kind: 'invalid', reason: 'bad-session-id' };
  off += 1 + sidLen;
  if (off + 2 > end) return { kind: 'invalid', reason: 'truncated-client-hello' };
  const csLen = u16be(b, off);
  if (csLen < 2 || csLen % 2 !== 0) return { kind: 'invalid', reason: 'bad-cipher-suites' };
  off += 2 + csLen;
  if (off + 1 > end) return { kind: 'invalid', reason: 'truncated-client-hello' };
  const compLen = b[off] ?? 0;
  if (compLen < 1) return { kind: 'invalid', reason: 'bad-compression-methods' };
  off += 1 + compLen;
  if (off > end) return { kind: 'invalid', reason: 'truncated-client-hello' };
  const info: ClientHelloInfo = {
    legacyVersion,
    serverName: null,
    alpn: [],
    supportedVersions: [],
    ech: false,
  };
  if (off === end) return { kind: 'done', value: info };
  if (off + 2 > end || off + 2 + u16be(b, off) !== end) return { kind: 'invalid', reason: 'bad-extensions-length' };
  off += 2;
  while (off < end) {
    if (off + 4 > end) return { kind: 'invalid', reason: 'bad-extensions-length' };
    const type = u16be(b, off);
    const len = u16be(b, off + 2);
    const dataStart = off + 4;
    const dataEnd = dataStart + len;
    if (dataEnd > end) return { kind: 'invalid', reason: 'bad-extension-length' };
    // Extensions are read in place (offsets into b): a modern hello has ~20, and a view each cost more than
    // the rest of the parse.
    let ok = true;
    if (type === EXT_SERVER_NAME && info.serverName === null) ok = readServerName(b, dataStart, dataEnd, info);
    else if (type === EXT_ALPN && info.alpn.length === 0) ok = readAlpn(b, dataStart, dataEnd, info);
    else if (type === EXT_SUPPORTED_VERSIONS && info.supportedVersions.length === 0)
      ok = readVersions(b, dataStart, dataEnd, info);
    else if (type === EXT_ECH) info.ech = true;
    if (!ok) return { kind: 'invalid', reason: `bad-extension-${type}` };
    off = dataEnd;
  }
  return { kind: 'done', value: info };
}

/**
 * RFC 6066 §3: ServerNameList<1..2^16-1> of (name_type(1), HostName<1..2^16-1>); the first host_name (0) wins.
 * The extension's data is b[start, end).
 */
function readServerName(b: Uint8Array, start: number, end: number, info: ClientHelloInfo): boolean {
  // RFC 6066 §3: a server_name extension in a ServerHello/EncryptedExtensions is empty; in a ClientHello it is not.
  if (end - start < 2 || start + 2 + u16be(b, start) !== end) return false;
  let off = start + 2;
  while (off < end) {
    if (off + 3 > end) return false;
    const nameType = b[off] ?? 0;
    const len = u16be(b, off + 1);
    if (off + 3 + len > end) return false;
    if (nameType === 0 && info.serverName === null) info.serverName = internLatin1(b, off + 3, off + 3 + len);
    off += 3 + len;
  }
  return true;
}

/**
 * RFC 7301 §3.1: ProtocolNameList<2..2^16-1> of ProtocolName<1..2^8-1>; names escaped (they reach reports).
 * Checked and counted first, then read into an array of its size (a pushed-to array reserves 16 slots).
 */
function readAlpn(b: Uint8Array, start: number, end: number, info: ClientHelloInfo): boolean {
  if (end - start < 2 || start + 2 + u16be(b, start) !== end) return false;
  let count = 0;
  for (let off = start + 2; off < end; ) {
    const len = b[off] ?? 0;
    if (len === 0 || off + 1 + len > end) return false;
    count++;
    off += 1 + len;
  }
  if (count === 0) return true;
  const names = new Array<string>(Math.min(count, MAX_ALPN));
  for (let i = 0, off = start + 2; i < names.length; i++) {
    const len = b[off] ?? 0;
    names[i] = alpnName(b, off + 1, off + 1 + len);
    off += 1 + len;
  }
  info.alpn = names;
  return true;
}

/** RFC 8446 §4.2.1: in a ClientHello, ProtocolVersion versions<2..254> (1-byte length). */
function readVersions(b: Uint8Array, start: number, end: number, info: ClientHelloInfo): boolean {
  const len = b[start] ?? 0;
  if (end - start < 1 || len < 2 || len % 2 !== 0 || start + 1 + len !== end) return false;
  const versions = new Array<number>(Math.min(len / 2, MAX_VERSIONS));
  for (let i = 0; i < versions.length; i++) versions[i] = u16be(b, start + 1 + 2 * i);
  info.supportedVersions = versions;
  return true;
}

/** An ALPN name as escapeField writes it: printable ASCII without the backslash is kept as it is. */
function alpnName(b: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const c = b[i] ?? 0;
    if (c < 0x20 || c >= 0x7f || c === 0x5c) return escapeField(internLatin1(b, start, end));
  }
  return internLatin1(b, start, end);
}

/**
 * SSLv2-format CLIENT-HELLO (RFC 6101 Appendix E.2, RFC 5246 Appendix E.2): 2-byte header with the high bit
 * set, msg_type 1, version (0x0002 or 0x03xx), then cipher_spec_length, session_id_length, challenge_length.
 */
function isSslv2ClientHello(b: Uint8Array): boolean {
  if (b.length < 5 || ((b[0] ?? 0) & 0x80) === 0 || b[2] !== 1) return false;
  const v = u16be(b, 3);
  return v === 0x0002 || (v >> 8 === 3 && (v & 0xff) <= 4);
}

function parseSslv2(b: Uint8Array): Outcome {
  if (b.length < 5) return { kind: 'incomplete', needed: 5 };
  if (!isSslv2ClientHello(b)) return { kind: 'invalid', reason: 'not-handshake' };
  const total = 2 + (u16be(b, 0) & 0x7fff);
  if (b.length < total) return { kind: 'incomplete', needed: total };
  // 9 fixed bytes after the header; the three lengths must fill the record exactly; challenge is 16–32 bytes.
  if (total < 11) return { kind: 'invalid', reason: 'bad-sslv2-length' };
  const cs = u16be(b, 5);
  const sid = u16be(b, 7);
  const ch = u16be(b, 9);
  if (cs % 3 !== 0 || 11 + cs + sid + ch !== total || ch < 16 || ch > 32) {
    return { kind: 'invalid', reason: 'bad-sslv2-length' };
  }
  return {
    kind: 'done',
    value: {
      legacyVersion: u16be(b, 3),
      serverName: null,
      alpn: [],
      supportedVersions: [],
      ech: false,
    },
  };
}

function concat(parts: Uint8Array[], n: number): Uint8Array {
  // The usual case, one record holding the whole handshake message: a view, no copy.
  const only = parts[0];
  if (parts.length === 1 && only !== undefined)
    return only.length === n ? only : only.subarray(0, Math.min(n, only.length));
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    if (off >= n) break;
    const take = Math.min(p.length, n - off);
    out.set(p.subarray(0, take), off);
    off += take;
  }
  return out;
}
