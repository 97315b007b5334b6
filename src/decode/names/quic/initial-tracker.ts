/**
 * Recovers the client's TLS ClientHello from the QUIC Initial packets of one UDP flow (RFC 9001 §4, §5.2).
 * Initial keys derive from public values only (a salt and the client's Destination Connection ID), so any
 * observer can decrypt them: that is what lets us read the SNI of QUIC connections.
 *
 * Fed the client→server datagrams in order. Each datagram may coalesce several packets (RFC 9000 §12.2); only
 * Initial packets are decrypted. CRYPTO data is reassembled by offset until a whole ClientHello handshake
 * message (type 1, 24-bit length; RFC 8446 §4) is available from offset 0.
 * A version outside our table (reserved 0x?a?a?a?a, vendor, future) is tried with each known salt in turn.
 */
import { parseClientHelloMessage } from '../tls-client-hello.js';
import type { ClientHelloInfo } from '../types.js';
import { CryptoStream } from './crypto-stream.js';
import { type UnprotectOutcome, unprotectLongPacket } from './decrypt.js';
import { walkInitialFrames } from './frames.js';
import { type LongHeader, parseLongHeader, type QuicVersionInfo } from './header.js';
import { deriveInitialKeys, type InitialKeys } from './keys.js';

export { looksLikeQuicInitial, quicVersionName } from './header.js';

export type QuicFeedResult =
  | { kind: 'pending' }
  | { kind: 'done'; clientHello: ClientHelloInfo; version: number; frame: number }
  | { kind: 'not-quic' }
  | { kind: 'failed'; reason: string };

/** Initial packets examined per flow at most (decryption costs CPU; real ClientHellos need 1 to 3). */
export const MAX_INITIAL_PACKETS = 32;
/** Packets walked per datagram at most (a 1500-byte datagram cannot hold more real long-header packets). */
const MAX_PACKETS_PER_DATAGRAM = 16;
/** Key sets cached per flow (one per DCID and version; a flow normally needs one, two after a Retry). */
const MAX_CACHED_KEYS = 4;
/**
 * Initial packets of an unknown version tried with every candidate salt before giving up (each try derives up
 * to 5 key sets; one retransmission covers a corrupted first packet).
 */
export const MAX_TRIAL_PACKETS = 2;
const HANDSHAKE_CLIENT_HELLO = 1;
const HANDSHAKE_HEADER_LEN = 4;

const PENDING: QuicFeedResult = { kind: 'pending' };

export class QuicInitialTracker {
  readonly #stream = new CryptoStream();
  readonly #keys = new Map<string, InitialKeys>();
  /** Counts of what went wrong on the way (decrypt-failed, truncated-packet...), for diagnostics. */
  readonly #reasons = new Map<string, number>();
  /** DCID of the client's first Initial (RFC 9001 §5.2); replaced when a later DCID is the one that works. */
  #keyDcid: Uint8Array | null = null;
  #version: QuicVersionInfo | null = null;
  #initialPackets = 0;
  #trialPackets = 0;
  #largestPn = -1;
  #final: QuicFeedResult | null = null;
  #datagrams = 0;

  /** Never throws: an unexpected internal error ends the flow with reason "internal-error". */
  feed(udpPayload: Uint8Array, frame: number): QuicFeedResult {
    if (this.#final !== null) return this.#final;
    let result: QuicFeedResult;
    try {
      result = this.#feed(udpPayload, frame);
    } catch {
      result = { kind: 'failed', reason: 'internal-error' };
    }
    if (result.kind !== 'pending') this.#final = result;
    return result;
  }

  /** Reasons counted so far, e.g. decrypt-failed after a corrupted packet that a retransmission replaced. */
  get reasons(): ReadonlyMap<string, number> {
    return this.#reasons;
  }

  #count(reason: string): void {
    this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
  }

  #feed(buf: Uint8Array, frame: number): QuicFeedResult {
    const firstDatagram = this.#datagrams++ === 0;
    let off = 0;
    for (let n = 0; off < buf.length && n < MAX_PACKETS_PER_DATAGRAM; n++) {
      const parsed = parseLongHeader(buf, off);
      if (parsed.kind === 'invalid') {
        // A flow whose first datagram is no long-header packet of a known version is not a QUIC handshake we saw.
        if (n === 0 && firstDatagram && this.#version === null) {
          if (parsed.reason === 'unsupported-version') return { kind: 'failed', reason: 'unsupported-version' };
          if (parsed.reason !== 'truncated-packet') return { kind: 'not-quic' };
        }
        // Short-header packets end a datagram by definition; trailing junk after coalesced packets is ignored.
        if (parsed.reason !== 'short-header') this.#count(parsed.reason);
        break;
      }
      const header = parsed.header;
      if (header.type === 'retry') break;
      off = header.end;
      if (header.type !== 'initial') continue;
      if (++this.#initialPackets > MAX_INITIAL_PACKETS) return { kind: 'failed', reason: 'too-many-initial-packets' };
      const outcome = this.#initial(buf, header, frame);
      if (outcome !== null) return outcome;
    }
    return PENDING;
  }

  /** Decrypts one Initial packet and adds its CRYPTO data; a result when the flow is decided, else null. */
  #initial(buf: Uint8Array, header: LongHeader, frame: number): QuicFeedResult | null {
    // Packets of another version than the first Initial's belong to another attempt: keep to the first.
    if (this.#version !== null && this.#version.version !== header.version.version) {
      this.#count('version-changed');
      return null;
    }
    const unprotected = this.#unprotect(buf, header);
    if (unprotected.kind === 'invalid') {
      this.#count(unprotected.reason);
      // An unknown version whose Initials no known salt opens is one we cannot read: stop trying early.
      if (this.#version === null && header.candidates.length > 1 && ++this.#trialPackets >= MAX_TRIAL_PACKETS) {
        return { kind: 'failed', reason: 'unsupported-version' };
      }
      return null;
    }
    // #unprotect has set #version to the key set that worked (for an unknown version, the winning guess).
    const version = this.#version ?? header.version;
    this.#largestPn = Math.max(this.#largestPn, unprotected.packetNumber);
    const walk = walkInitialFrames(unprotected.payload, version.frames);
    if (walk.stopped !== null) this.#count(walk.stopped);
    for (const chunk of walk.crypto) {
      const added = this.#stream.add(chunk.offset, chunk.data);
      if (added !== 'ok') return { kind: 'failed', reason: `crypto-${added}` };
    }
    return this.#clientHello(version, frame);
  }

  /**
   * Tries the key sets that may protect this packet: the version that worked before (or each candidate of an
   * unknown version, in order), with the DCID of the client's first Initial, then this packet's own DCID, which
   * the client switches to after a Retry (RFC 9000 §17.2.5.2) or a new attempt. The AEAD tag verifying is the
   * proof that a guess is right (RFC 9001 §5.3): wrong keys fail it. The winner is kept for later packets.
   */
  #unprotect(buf: Uint8Array, header: LongHeader): UnprotectOutcome {
    const firstDcid = this.#keyDcid ?? header.dcid;
    const dcids = sameBytes(firstDcid, header.dcid) ? [firstDcid] : [firstDcid, header.dcid];
    const trial = this.#version === null && header.candidates.length > 1;
    const versions = this.#version !== null ? [this.#version] : header.candidates;
    let outcome: UnprotectOutcome = { kind: 'invalid', reason: 'decrypt-failed' };
    for (const version of versions) {
      for (const dcid of dcids) {
        const keys = this.#keysFor(version, dcid, !trial);
        outcome = unprotectLongPacket(buf, header, keys, this.#largestPn);
        if (outcome.kind === 'ok') {
          if (trial) this.#cacheKeys(version, dcid, keys);
          this.#version = version;
          this.#keyDcid = Uint8Array.from(dcid);
          return outcome;
        }
      }
    }
    return outcome;
  }

  #clientHello(version: QuicVersionInfo, frame: number): QuicFeedResult | null {
    const data = this.#stream.prefix();
    if (data.length === 0) return null;
    if (data[0] !== HANDSHAKE_CLIENT_HELLO) return { kind: 'failed', reason: 'not-client-hello' };
    if (data.length < HANDSHAKE_HEADER_LEN) return null;
    const bodyLen = ((data[1] ?? 0) << 16) | ((data[2] ?? 0) << 8) | (data[3] ?? 0);
    const total = HANDSHAKE_HEADER_LEN + bodyLen;
    if (total > this.#stream.maxBytes) return { kind: 'failed', reason: 'client-hello-too-large' };
    if (data.length < total) return null;
    const parsed = parseClientHelloMessage(data.slice(0, total));
    if (parsed.kind === 'done') return { kind: 'done', clientHello: parsed.value, version: version.version, frame };
    return {
      kind: 'failed',
      reason: parsed.kind === 'invalid' ? `client-hello-${parsed.reason}` : 'client-hello-incomplete',
    };
  }

  /** Cached keys for a key set and DCID; derived uncached while guessing an unknown version's salt. */
  #keysFor(version: QuicVersionInfo, dcid: Uint8Array, cache: boolean): InitialKeys {
    const keys = this.#keys.get(keyId(version, dcid));
    if (keys !== undefined) return keys;
    const derived = deriveInitialKeys(version, dcid);
    if (cache) this.#cacheKeys(version, dcid, derived);
    return derived;
  }

  #cacheKeys(version: QuicVersionInfo, dcid: Uint8Array, keys: InitialKeys): void {
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.clear();
    this.#keys.set(keyId(version, dcid), keys);
  }
}

/** Candidates of one unknown version share its number: the name tells their salts apart. */
function keyId(version: QuicVersionInfo, dcid: Uint8Array): string {
  return `${version.version}:${version.name}:${Buffer.from(dcid).toString('hex')}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
