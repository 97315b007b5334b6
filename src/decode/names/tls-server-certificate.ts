/**
 * The server's first flight of a TLS connection, read from the start of its TCP stream (server → client): the
 * ServerHello says which version was chosen, and up to TLS 1.2 the Certificate message follows in clear (RFC 5246
 * §7.4.2), its first entry the server's own (leaf) certificate. TLS 1.3 encrypts the Certificate (RFC 8446 §4.4.2):
 * there the ServerHello is as far as anyone can read.
 *
 *   records:  0x16 | version | length:16 | fragment        (a handshake message may span records, and one record
 *   messages: type | length:24 | body                       may hold several messages)
 *   ServerHello (2): legacy_version random(32) session_id<0..32> cipher_suite compression [extensions]
 *   Certificate (11): certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>
 *
 * Only the leaf's bytes are needed, not the whole chain: the parse stops as soon as they are in. Every length is
 * checked against what is there; nothing throws, and bad input gives a named outcome.
 */
import { u16be } from '../../core/bytes.js';
import { MAX_RECORD_LENGTH } from './tls-client-hello.js';

/** Largest ServerHello (handshake message incl. header) accepted; real ones are under 200 bytes. */
export const MAX_SERVER_HELLO_BYTES = 16_384;
/** Largest leaf certificate read; real ones are 1–3 KB, the whole chain rarely above 8 KB. */
export const MAX_LEAF_CERTIFICATE_BYTES = 32_768;
/** Handshake messages before the Certificate skipped at most (only HelloRequest may legitimately come first). */
const MAX_SKIPPED_MESSAGES = 4;

const RECORD_HEADER = 5;
const HANDSHAKE_HEADER = 4;
const CONTENT_CHANGE_CIPHER_SPEC = 20;
const CONTENT_ALERT = 21;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;
const ALERT_WARNING = 1;
const HS_HELLO_REQUEST = 0;
const HS_SERVER_HELLO = 2;
const HS_NEW_SESSION_TICKET = 4;
const HS_CERTIFICATE = 11;
const EXT_SUPPORTED_VERSIONS = 43;

export type ServerFlightOutcome =
  /** The leaf certificate's DER (a view into the input or a copy), and the version the server chose. */
  | { kind: 'certificate'; version: number; leaf: Uint8Array }
  /** The server chose TLS 1.3 (or a draft of it): its certificate is encrypted. */
  | { kind: 'tls13'; version: number }
  /**
   * A valid flight without a certificate in clear: `resumed` (abbreviated handshake, session ticket), `anonymous`
   * (key exchange without a certificate), `empty` (empty certificate_list), `alert` (the server refused), `sslv2`.
   */
  | { kind: 'no-certificate'; reason: 'resumed' | 'anonymous' | 'empty' | 'alert' | 'sslv2' }
  /** The stream does not start with a TLS record (the server did not answer in TLS): nothing to count. */
  | { kind: 'not-tls' }
  /** More bytes needed: `needed` is the least total stream length that could let the parse go on. */
  | { kind: 'incomplete'; needed: number }
  /** Malformed: a stable reason for the anomaly counters. */
  | { kind: 'invalid'; reason: string };

/** The negotiated version is TLS 1.3: 0x0304, a draft (0x7fNN) or Facebook's draft variant (0xfbNN). */
export function isTls13(version: number): boolean {
  return version === 0x0304 || version >> 8 === 0x7f || version >> 8 === 0xfb;
}

/** Reads the server's first flight from the start of its stream (see the file comment). */
export function parseServerFlight(stream: Uint8Array): ServerFlightOutcome {
  const b0 = stream[0];
  if (b0 === undefined) return { kind: 'incomplete', needed: 1 };
  // SSLv2 SERVER-HELLO (2-byte header with the high bit set): a certificate is there, but SSLv2 is long dead.
  if ((b0 & 0x80) !== 0) return { kind: 'no-certificate', reason: 'sslv2' };
  if (b0 !== CONTENT_HANDSHAKE && b0 !== CONTENT_ALERT) return { kind: 'not-tls' };

  // Records: handshake fragments in order, until the stream ends or a record other than handshake does.
  const fragments: Uint8Array[] = [];
  let pos = 0;
  /** Bytes of the last (cut) handshake record still to come, or -1 when the stream ends on a record boundary. */
  let cutRest = -1;
  let ended: 'ccs' | 'alert' | null = null;
  /** End of a cut non-handshake record (a warning alert) the walk stopped in, or -1. */
  let waitFor = -1;
  while (pos + RECORD_HEADER <= stream.length) {
    const type = stream[pos] ?? 0;
    if (stream[pos + 1] !== 3) return { kind: 'invalid', reason: 'bad-record-version' };
    const len = u16be(stream, pos + 3);
    if (len > MAX_RECORD_LENGTH) return { kind: 'invalid', reason: 'record-too-long' };
    const bodyStart = pos + RECORD_HEADER;
    if (type === CONTENT_HANDSHAKE) {
      if (len === 0) return { kind: 'invalid', reason: 'empty-record' };
      const avail = Math.min(len, stream.length - bodyStart);
      fragments.push(stream.subarray(bodyStart, bodyStart + avail));
      if (avail < len) {
        cutRest = len - avail;
        break;
      }
    } else if (type === CONTENT_CHANGE_CIPHER_SPEC || type === CONTENT_APPLICATION_DATA) {
      ended = 'ccs';
      break;
    } else if (type === CONTENT_ALERT) {
      // A warning (level 1, such as unrecognized_name before the ServerHello) does not end the handshake; a
      // fatal alert (level 2) does. The level must be in before deciding, the whole record before going past it.
      if (len < 2) return { kind: 'invalid', reason: 'bad-alert' };
      if (bodyStart + len > stream.length && (bodyStart >= stream.length || stream[bodyStart] === ALERT_WARNING)) {
        waitFor = bodyStart + len;
        break;
      }
      if (stream[bodyStart] !== ALERT_WARNING) {
        ended = 'alert';
        break;
      }
    } else {
      return { kind: 'invalid', reason: 'bad-record-type' };
    }
    pos = bodyStart + len;
    // Each handshake record holds at least one byte: the loop ends within stream.length / 6 rounds.
  }

  const hs = concat(fragments);
  const out = readMessages(hs);
  if (out.kind !== 'more') return out;
  // The handshake bytes end here: what was read decides.
  if (ended === 'alert') return { kind: 'no-certificate', reason: 'alert' };
  if (ended === 'ccs') {
    return out.sawServerHello && out.missing === HANDSHAKE_HEADER && out.partial === 0
      ? { kind: 'no-certificate', reason: 'resumed' }
      : { kind: 'invalid', reason: 'interleaved-record' };
  }
  // Map the handshake bytes still missing back to stream bytes (record headers in between).
  const k = out.missing;
  if (waitFor >= 0) return { kind: 'incomplete', needed: waitFor + RECORD_HEADER + k };
  if (cutRest >= 0) {
    return {
      kind: 'incomplete',
      needed: k <= cutRest ? stream.length + k : stream.length + cutRest + RECORD_HEADER + k - cutRest,
    };
  }
  return { kind: 'incomplete', needed: pos + RECORD_HEADER + k };
}

type MessagesOutcome =
  | Exclude<ServerFlightOutcome, { kind: 'incomplete' } | { kind: 'not-tls' }>
  /** `missing` more handshake bytes are needed; `partial` handshake bytes of an unfinished message are held. */
  | { kind: 'more'; missing: number; partial: number; sawServerHello: boolean };

/** Walks the handshake messages: ServerHello first, then the Certificate's leaf. */
function readMessages(hs: Uint8Array): MessagesOutcome {
  let off = 0;
  let sawServerHello = false;
  let version = 0;
  let skipped = 0;
  for (;;) {
    if (off + HANDSHAKE_HEADER > hs.length) {
      return { kind: 'more', missing: off + HANDSHAKE_HEADER - hs.length, partial: hs.length - off, sawServerHello };
    }
    const type = hs[off] ?? 0;
    const len = ((hs[off + 1] ?? 0) << 16) | ((hs[off + 2] ?? 0) << 8) | (hs[off + 3] ?? 0);
    const body = off + HANDSHAKE_HEADER;
    if (!sawServerHello) {
      if (type === HS_HELLO_REQUEST && len === 0 && ++skipped <= MAX_SKIPPED_MESSAGES) {
        off = body;
        continue;
      }
      if (type !== HS_SERVER_HELLO) return { kind: 'invalid', reason: 'not-server-hello' };
      if (HANDSHAKE_HEADER + len > MAX_SERVER_HELLO_BYTES) return { kind: 'invalid', reason: 'server-hello-too-large' };
      if (body + len > hs.length) {
        return { kind: 'more', missing: body + len - hs.length, partial: hs.length - off, sawServerHello };
      }
      version = serverHelloVersion(hs, body, body + len);
      if (version < 0) return { kind: 'invalid', reason: 'bad-server-hello' };
      if (isTls13(version)) return { kind: 'tls13', version };
      sawServerHello = true;
      off = body + len;
      continue;
    }
    if (type === HS_CERTIFICATE) return readLeaf(hs, body, len, off, version);
    // RFC 5246 §7.3: after the ServerHello of a full handshake comes the Certificate unless the key exchange is
    // anonymous (or PSK); a resumed session goes on with NewSessionTicket or ChangeCipherSpec.
    if (type === HS_NEW_SESSION_TICKET) return { kind: 'no-certificate', reason: 'resumed' };
    return { kind: 'no-certificate', reason: 'anonymous' };
  }
}

/** The first ASN.1Cert of a Certificate message whose body starts at `body` (message length `len`). */
function readLeaf(hs: Uint8Array, body: number, len: number, msgStart: number, version: number): MessagesOutcome {
  if (len < 3) return { kind: 'invalid', reason: 'bad-certificate-message' };
  if (body + 3 > hs.length)
    return { kind: 'more', missing: body + 3 - hs.length, partial: hs.length - msgStart, sawServerHello: true };
  const listLen = ((hs[body] ?? 0) << 16) | ((hs[body + 1] ?? 0) << 8) | (hs[body + 2] ?? 0);
  if (listLen + 3 !== len) return { kind: 'invalid', reason: 'bad-certificate-list-length' };
  if (listLen === 0) return { kind: 'no-certificate', reason: 'empty' };
  if (listLen < 3) return { kind: 'invalid', reason: 'bad-certificate-list-length' };
  const at = body + 3;
  if (at + 3 > hs.length)
    return { kind: 'more', missing: at + 3 - hs.length, partial: hs.length - msgStart, sawServerHello: true };
  const certLen = ((hs[at] ?? 0) << 16) | ((hs[at + 1] ?? 0) << 8) | (hs[at + 2] ?? 0);
  if (certLen === 0 || certLen + 3 > listLen) return { kind: 'invalid', reason: 'bad-certificate-length' };
  if (certLen > MAX_LEAF_CERTIFICATE_BYTES) return { kind: 'invalid', reason: 'certificate-too-large' };
  const start = at + 3;
  if (start + certLen > hs.length) {
    return { kind: 'more', missing: start + certLen - hs.length, partial: hs.length - msgStart, sawServerHello: true };
  }
  return { kind: 'certificate', version, leaf: hs.subarray(start, start + certLen) };
}

/**
 * The version a ServerHello body hs[start, end) selects: supported_versions (RFC 8446 §4.2.1) when present, else
 * legacy_version (which TLS 1.3 drafts up to 21 set to 0x7fNN themselves). -1 when the body is malformed.
 */
function serverHelloVersion(b: Uint8Array, start: number, end: number): number {
  if (start + 2 + 32 + 1 > end) return -1;
  const legacy = u16be(b, start);
  if (legacy >> 8 !== 3 && !isTls13(legacy)) return -1;
  let off = start + 34;
  const sidLen = b[off] ?? 0;
  if (sidLen > 32) return -1;
  off += 1 + sidLen + 2 + 1; // session_id, cipher_suite, compression_method
  if (off > end) return -1;
  if (off === end) return legacy; // no extensions (pre-TLS 1.2 style)
  if (off + 2 > end || off + 2 + u16be(b, off) !== end) return -1;
  off += 2;
  while (off < end) {
    if (off + 4 > end) return -1;
    const type = u16be(b, off);
    const len = u16be(b, off + 2);
    if (off + 4 + len > end) return -1;
    if (type === EXT_SUPPORTED_VERSIONS) return len === 2 ? u16be(b, off + 4) : -1;
    off += 4 + len;
  }
  return legacy;
}

function concat(parts: Uint8Array[]): Uint8Array {
  // The usual case, one record holding ServerHello and Certificate: a view, no copy.
  const only = parts[0];
  if (parts.length === 1 && only !== undefined) return only;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
