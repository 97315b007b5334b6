/**
 * Decrypts one QUIC connection (one UDP flow) with the TLS secrets of a key log and hands on its STREAM data
 * (RFC 9000, RFC 9001; QUIC v2 RFC 9369; IETF drafts 22-34).
 *
 * - Initial packets: keys from the client's first DCID (or a Retry's SCID), both directions. Their CRYPTO
 *   streams give the ClientHello random (which names the secrets in the key log) and the ServerHello's cipher
 *   suite (when the ServerHello was not seen, the suites matching the secret's length are tried).
 * - Handshake packets: CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET; 0-RTT: CLIENT_EARLY_TRAFFIC_SECRET;
 *   1-RTT (short header): CLIENT_/SERVER_TRAFFIC_SECRET_0 and the key updates derived from them (key-phases.ts).
 * - Short headers do not carry their DCID length: the IDs the endpoints announced are tried (connection-ids.ts).
 * - Packets that arrive before their keys can be known wait in a bounded queue (pending-packets.ts).
 *
 * Everything is bounded; nothing throws out of onDatagram (an internal error is counted and the datagram
 * dropped).
 */

import { CryptoStream } from '../../decode/names/quic/crypto-stream.js';
import type { LongHeader, QuicVersionInfo } from '../../decode/names/quic/header.js';
import { MIN_CLIENT_INITIAL_DATAGRAM, parseLongHeader, quicVersionName } from '../../decode/names/quic/header.js';
import type { Direction, PayloadStatus, SecretLabel, SecretLookup } from '../types.js';
import {
  INITIAL_SUITE,
  type QuicCipherSuite,
  quicCipherSuite,
  suiteName,
  suitesForSecretLength,
} from './cipher-suites.js';
import { ConnectionIds } from './connection-ids.js';
import { walkPacketFrames } from './frames.js';
import { InitialKeySource } from './initial-keys.js';
import { KeyPhases } from './key-phases.js';
import { derivePacketKeys, type PacketKeys, quicLabels } from './packet-keys.js';
import { openPayload, removeHeaderProtection } from './packet-protection.js';
import { PendingPackets } from './pending-packets.js';
import { StreamTable } from './stream-table.js';
import { clientHelloRandom, serverHelloCipherSuite } from './tls-hello.js';

export interface QuicStreamHandler {
  /** In-order bytes of one stream (no gaps, no repeats), as they become contiguous. fin when the stream ended. */
  onStreamData(dir: Direction, streamId: number, data: Uint8Array, fin: boolean, frame: number): void;
}

/** Packets read per datagram at most (coalescing puts at most a few in one). */
const MAX_PACKETS_PER_DATAGRAM = 16;
/** Initial packets tried per connection at most (each may cost several key derivations for unknown versions). */
const MAX_INITIAL_PACKETS = 64;
/**
 * Packets of one direction and level that fail to decrypt before any succeeds, after which that level is no
 * longer tried: wrong secrets would otherwise cost every DCID length and key phase for every packet.
 */
const MAX_FAILURES_BEFORE_SUCCESS = 16;
/**
 * 1-RTT packets of one direction failing in a row after which only the likeliest DCID lengths are tried: a
 * flood of junk would otherwise cost every length and key phase per packet.
 */
const MAX_FULL_TRIALS_IN_A_ROW = 64;
/**
 * Rounds of re-reading queued packets per datagram at most. A round runs only when the one before learnt
 * something (keys, a newer key phase), so this bounds the work a datagram can set off.
 */
const MAX_REPLAY_ROUNDS = 16;
/**
 * 1-RTT packets that failed although the key log fits the connection, kept to retry once a newer key phase
 * works (packets shuffled across key updates): few, since real captures reorder across an update rarely.
 */
const MAX_RETRY_PACKETS = 32;
const MAX_RETRY_BYTES = 64 << 10;

type Space = 'initial' | 'handshake' | 'application';
type Level = 'initial' | 'handshake' | 'zero-rtt' | 'one-rtt';

const HEADER_FORM_LONG = 0x80;
const KEY_PHASE_BIT = 0x04;
const PADDING_BYTE = 0x00;

/** Secrets that let application data be read: without any of them the connection is 'no-key'. */
const APPLICATION_LABELS: readonly SecretLabel[] = [
  'CLIENT_TRAFFIC_SECRET_0',
  'SERVER_TRAFFIC_SECRET_0',
  'CLIENT_EARLY_TRAFFIC_SECRET',
];

/** Counted events worth a word in the reason. */
const DIAGNOSTICS: readonly [string, string][] = [
  ['unknown-frame', 'packets with a frame type we cannot skip (rest of the packet not read)'],
  ['truncated-frame', 'packets with a truncated frame'],
  ['internal-error', 'datagrams dropped on an internal error'],
];

interface FinalState {
  status: PayloadStatus;
  reason: string;
}

export class QuicConnectionDecoder {
  readonly #lookup: SecretLookup;
  readonly #streams: StreamTable;
  readonly #cids = new ConnectionIds();
  readonly #initialKeys = new InitialKeySource();
  readonly #pending = new PendingPackets();
  readonly #retry = new PendingPackets(MAX_RETRY_PACKETS, MAX_RETRY_BYTES);
  readonly #crypto: Record<Direction, CryptoStream> = { out: new CryptoStream(), in: new CryptoStream() };
  readonly #largest: Record<Direction, Record<Space, number>> = {
    out: { initial: -1, handshake: -1, application: -1 },
    in: { initial: -1, handshake: -1, application: -1 },
  };
  readonly #decrypted: Record<Level, number> = { initial: 0, handshake: 0, 'zero-rtt': 0, 'one-rtt': 0 };
  /** Decryption failures per direction and level (for MAX_FAILURES_BEFORE_SUCCESS). */
  readonly #failures = new Map<string, number>();
  readonly #succeeded = new Set<string>();
  readonly #counts = new Map<string, number>();
  readonly #secrets = new Map<SecretLabel, Uint8Array | null>();
  readonly #levelKeys = new Map<string, PacketKeys>();
  readonly #phases = new Map<string, KeyPhases>();
  readonly #streamBytes = { out: 0, in: 0 };
  /** 1-RTT packets per direction that failed since the last one that opened. */
  readonly #failuresInARow: Record<Direction, number> = { out: 0, in: 0 };
  #final: FinalState | null = null;
  /** The key set that opened the Initials (for an unknown version, the salt guess that worked). */
  #initialVersion: QuicVersionInfo | null = null;
  /** The version whose labels protect Handshake and 1-RTT packets: the server's, once it spoke. */
  #appVersion: QuicVersionInfo | null = null;
  #clientRandom: Uint8Array | null = null;
  #suite: QuicCipherSuite | null = null;
  #sawClientDatagram = false;
  #sawQuic = false;
  #initialPackets = 0;
  #secretFailures = 0;
  /** Set when something that queued packets wait for was learnt (Initial DCID, ClientHello random). */
  #replayDue = false;
  /** Set when a newer 1-RTT key phase started working: packets kept for retry may open now. */
  #retryDue = false;

  constructor(keys: SecretLookup, handler: QuicStreamHandler) {
    this.#lookup = keys;
    this.#streams = new StreamTable((dir, id, data, fin, frame) => handler.onStreamData(dir, id, data, fin, frame));
  }

  /** One UDP datagram of this flow (may hold coalesced packets); dir 'out' = client → server. */
  onDatagram(dir: Direction, buf: Uint8Array, off: number, len: number, frame: number): void {
    if (this.#final !== null) return;
    try {
      const start = Math.max(0, Math.min(off, buf.length));
      const end = Math.max(start, Math.min(start + Math.max(0, len), buf.length));
      this.#datagram(dir, buf.subarray(start, end), frame);
      for (let round = 0; round < MAX_REPLAY_ROUNDS && this.#final === null; round++) {
        const queued = [
          ...(this.#replayDue ? this.#pending.takeAll() : []),
          ...(this.#retryDue ? this.#retry.takeAll() : []),
        ];
        this.#replayDue = false;
        this.#retryDue = false;
        if (queued.length === 0) break;
        for (const p of queued) this.#datagram(p.dir, p.bytes, p.frame);
      }
    } catch {
      this.#count('internal-error');
    }
  }

  get status(): PayloadStatus {
    if (this.#final !== null) return this.#final.status;
    if (this.#decrypted['one-rtt'] + this.#decrypted['zero-rtt'] > 0) return 'decrypted';
    if (this.#secretFailures > 0) return 'decrypt-failed';
    return 'incomplete';
  }

  get reason(): string | null {
    if (this.#final !== null) return this.#final.reason;
    const notes: string[] = [];
    const status = this.status;
    if (status === 'incomplete') notes.push(this.#incompleteReason());
    if (this.#secretFailures > 0) {
      notes.push(`${this.#secretFailures} packets did not decrypt with the key log's secrets`);
    }
    const missing = (['CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0'] as const).filter(
      (label) => this.#clientRandom !== null && this.#secret(label) === undefined,
    );
    if (missing.length > 0) notes.push(`no ${missing.join(' / ')} in the key log`);
    const s = this.#streams.stats;
    if (s.refusedStreams > 0) notes.push(`${s.refusedStreams} streams over the stream limit not read`);
    if (s.stoppedStreams > 0) notes.push(`${s.stoppedStreams} streams stopped at a hole that did not fill`);
    if (s.bytesOverLimit > 0) notes.push(`${s.bytesOverLimit} stream bytes past the per-flow limit not read`);
    if (this.#pending.dropped > 0) notes.push(`${this.#pending.dropped} early packets dropped (queue full)`);
    if (this.#retry.dropped > 0) notes.push(`${this.#retry.dropped} 1-RTT packets not retried (queue full)`);
    for (const [what, label] of DIAGNOSTICS) {
      const n = this.#counts.get(what) ?? 0;
      if (n > 0) notes.push(`${n} ${label}`);
    }
    return notes.length > 0 ? notes.join('; ') : null;
  }

  /**
   * Sum of STREAM frame data lengths in every successfully decrypted packet, per direction (retransmitted
   * frames counted again, as tshark counts them).
   */
  get streamBytes(): { out: number; in: number } {
    return { ...this.#streamBytes };
  }

  get version(): number | null {
    return (this.#appVersion ?? this.#initialVersion)?.version ?? null;
  }

  #incompleteReason(): string {
    if (!this.#sawQuic) return 'no QUIC long-header packet seen';
    if (this.#initialVersion === null) return 'no Initial packet decrypted';
    if (this.#clientRandom === null) return 'ClientHello not seen';
    return 'no 1-RTT packet decrypted';
  }

  #count(what: string): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + 1);
  }

  #finish(status: PayloadStatus, reason: string): void {
    this.#final ??= { status, reason };
    this.#pending.takeAll();
  }

  // --- datagrams and packets -------------------------------------------------------------------------------

  #datagram(dir: Direction, dg: Uint8Array, frame: number): void {
    const firstClientDatagram = dir === 'out' && !this.#sawClientDatagram;
    if (dir === 'out') this.#sawClientDatagram = true;
    let at = 0;
    for (let n = 0; at < dg.length && n < MAX_PACKETS_PER_DATAGRAM && this.#final === null; n++) {
      const first = dg[at] ?? 0;
      if ((first & HEADER_FORM_LONG) === 0) {
        // Zero bytes after coalesced packets are padding; anything else is a short-header packet, which always
        // ends the datagram.
        if (first !== PADDING_BYTE) this.#shortPacket(dir, dg, at, frame);
        return;
      }
      const parsed = parseLongHeader(dg, at);
      if (parsed.kind === 'invalid') {
        if (firstClientDatagram && n === 0 && parsed.reason !== 'truncated-packet') {
          this.#finish('not-tls', `first client datagram is not a QUIC packet we can read (${parsed.reason})`);
        }
        this.#count(parsed.reason);
        return;
      }
      const header = parsed.header;
      // A version outside the table is only believed in a client's first Initial padded to 1200 bytes (as
      // looksLikeQuicInitial does): other UDP traffic with the high bit set would otherwise pass for QUIC.
      const unknownVersion = header.candidates.length > 1;
      if (
        firstClientDatagram &&
        n === 0 &&
        unknownVersion &&
        !(header.type === 'initial' && dg.length >= MIN_CLIENT_INITIAL_DATAGRAM)
      ) {
        this.#finish(
          'not-tls',
          `first client datagram is not a QUIC Initial (version ${quicVersionName(header.version.version)})`,
        );
        return;
      }
      if (!this.#sawQuic) {
        this.#sawQuic = true;
        if (this.#lookup.size === 0) {
          this.#finish('no-key', 'the key log is empty');
          return;
        }
      }
      if (header.type === 'retry') {
        if (dir === 'in') this.#onRetry(header);
        return;
      }
      this.#longPacket(dir, dg, header, frame);
      at = header.end;
    }
  }

  #longPacket(dir: Direction, dg: Uint8Array, header: LongHeader, frame: number): void {
    if (header.type === 'initial') this.#initialPacket(dir, dg, header, frame);
    else if (header.type === 'handshake') {
      const label = dir === 'out' ? 'CLIENT_HANDSHAKE_TRAFFIC_SECRET' : 'SERVER_HANDSHAKE_TRAFFIC_SECRET';
      this.#protectedLongPacket(dir, dg, header, frame, 'handshake', label);
    } else if (dir === 'out') {
      this.#protectedLongPacket(dir, dg, header, frame, 'zero-rtt', 'CLIENT_EARLY_TRAFFIC_SECRET');
    } else {
      this.#count('zero-rtt-from-server');
    }
  }

  /** Retry (RFC 9000 §17.2.5): the client's next Initials, and their keys, use the Retry's SCID as DCID. */
  #onRetry(header: LongHeader): void {
    if (this.#initialKeys.add(header.scid)) this.#replayDue = true;
    this.#cids.add('out', header.scid);
  }

  #initialPacket(dir: Direction, dg: Uint8Array, header: LongHeader, frame: number): void {
    if (++this.#initialPackets > MAX_INITIAL_PACKETS) {
      this.#count('initial-over-limit');
      return;
    }
    if (dir === 'in' && !this.#initialKeys.known) {
      this.#pending.add(dir, dg.subarray(header.start, header.end), frame);
      return;
    }
    const known = this.#initialVersion;
    const versions = known !== null && known.version === header.version.version ? [known] : header.candidates;
    const side = dir === 'out' ? 'client' : 'server';
    // The client's own DCID is a key source too: its first Initial names it, and a client may restart with a
    // new DCID after a Retry we did not see.
    const dcids = this.#initialKeys.dcidsFor(dir === 'out' ? header.dcid : null);
    for (const version of versions) {
      for (const dcid of dcids) {
        const keys = this.#initialKeys.keys(version, dcid, side);
        const payload = this.#open(dg, header.start, header.pnOffset, header.end, true, INITIAL_SUITE, keys, keys.hp, {
          dir,
          space: 'initial',
        });
        if (payload === null) continue;
        // The DCID that worked is the key source for the server's Initials too (the client's first Initial, or
        // the one after a Retry); packets that waited for it are read now.
        if (dir === 'out' && this.#initialKeys.add(dcid)) this.#replayDue = true;
        this.#initialVersion ??= version;
        if (dir === 'in' || this.#appVersion === null) this.#appVersion = version;
        this.#decrypted.initial++;
        this.#cids.add(dir === 'out' ? 'in' : 'out', header.scid);
        this.#frames(dir, 'initial', payload, frame);
        return;
      }
    }
    this.#count('initial-decrypt-failed');
  }

  /** Handshake and 0-RTT packets: keys from the key log's secret for this level and direction. */
  #protectedLongPacket(
    dir: Direction,
    dg: Uint8Array,
    header: LongHeader,
    frame: number,
    level: 'handshake' | 'zero-rtt',
    label: SecretLabel,
  ): void {
    if (this.#clientRandom === null) {
      this.#pending.add(dir, dg.subarray(header.start, header.end), frame);
      return;
    }
    const secret = this.#secret(label);
    if (secret === undefined) {
      this.#count(`no-${label}`);
      return;
    }
    if (this.#gaveUp(dir, level)) return;
    const known = this.#initialVersion;
    const version = known !== null && known.version === header.version.version ? known : header.version;
    const space: Space = level === 'handshake' ? 'handshake' : 'application';
    for (const suite of this.#suitesFor(secret)) {
      const keys = this.#packetKeys(label, suite, secret, version);
      const payload = this.#open(dg, header.start, header.pnOffset, header.end, true, suite, keys, keys.hp, {
        dir,
        space,
      });
      if (payload === null) continue;
      this.#succeed(dir, level, suite);
      if (dir === 'in') this.#appVersion = version;
      this.#cids.add(dir === 'out' ? 'in' : 'out', header.scid);
      this.#frames(dir, space, payload, frame);
      return;
    }
    this.#fail(dir, level);
  }

  /** 1-RTT packet (RFC 9000 §17.3): DCID of unknown length, key phase bit, traffic secret per direction. */
  #shortPacket(dir: Direction, dg: Uint8Array, at: number, frame: number): void {
    if (this.#clientRandom === null) {
      this.#pending.add(dir, dg.subarray(at), frame);
      return;
    }
    const label = dir === 'out' ? 'CLIENT_TRAFFIC_SECRET_0' : 'SERVER_TRAFFIC_SECRET_0';
    const secret = this.#secret(label);
    const version = this.#appVersion ?? this.#initialVersion;
    if (secret === undefined || version === null) {
      this.#count(`no-${label}`);
      return;
    }
    if (this.#gaveUp(dir, 'one-rtt')) return;
    const cidLengths =
      this.#failuresInARow[dir] < MAX_FULL_TRIALS_IN_A_ROW
        ? this.#cids.lengthsFor(dir, dg, at)
        : this.#cids.likeliest(dir, dg, at);
    for (const suite of this.#suitesFor(secret)) {
      const phases = this.#keyPhases(dir, suite, secret, version);
      for (const cidLength of cidLengths) {
        const packet = removeHeaderProtection(
          dg,
          at,
          at + 1 + cidLength,
          dg.length,
          false,
          suite,
          phases.hp,
          this.#largest[dir].application,
        );
        if (packet === null) continue;
        const keyPhase = (packet.first & KEY_PHASE_BIT) === 0 ? 0 : 1;
        for (const generation of phases.candidates(keyPhase, packet.packetNumber)) {
          const payload = openPayload(suite, generation.keys, dg, packet);
          if (payload === null) continue;
          const updates = phases.updates;
          phases.confirm(generation, packet.packetNumber);
          if (phases.updates !== updates || !this.#succeeded.has(`${dir}:one-rtt`)) this.#retryDue = true;
          this.#cids.confirm(dir, cidLength);
          this.#failuresInARow[dir] = 0;
          this.#largest[dir].application = Math.max(this.#largest[dir].application, packet.packetNumber);
          this.#succeed(dir, 'one-rtt', suite);
          this.#frames(dir, 'application', payload, frame);
          return;
        }
      }
    }
    this.#fail(dir, 'one-rtt');
    this.#failuresInARow[dir]++;
    // Likelier from a key phase not reached yet (datagrams shuffled across key updates) than damaged: keep it
    // for a retry once a newer phase works. Wrong secrets make the direction give up, which drops these.
    this.#retry.add(dir, dg.subarray(at), frame);
  }

  /** Header protection, then the AEAD; updates the space's largest packet number on success. */
  #open(
    dg: Uint8Array,
    start: number,
    pnOffset: number,
    end: number,
    long: boolean,
    suite: QuicCipherSuite,
    keys: { key: Uint8Array; iv: Uint8Array },
    hp: Uint8Array,
    where: { dir: Direction; space: Space },
  ): Uint8Array | null {
    const largest = this.#largest[where.dir];
    const packet = removeHeaderProtection(dg, start, pnOffset, end, long, suite, hp, largest[where.space]);
    if (packet === null) return null;
    const payload = openPayload(suite, keys, dg, packet);
    if (payload !== null) largest[where.space] = Math.max(largest[where.space], packet.packetNumber);
    return payload;
  }

  // --- frames and the TLS handshake ------------------------------------------------------------------------

  #frames(dir: Direction, space: Space, payload: Uint8Array, frame: number): void {
    const frames = walkPacketFrames(payload);
    if (frames.stopped !== null) this.#count(frames.stopped);
    // A NEW_CONNECTION_ID's ID is one its sender receives on: the peer's packets carry it.
    for (const cid of frames.newConnectionIds) this.#cids.add(dir === 'out' ? 'in' : 'out', cid);
    for (const s of frames.streams) {
      this.#streamBytes[dir] += s.data.length;
      this.#streams.add(dir, s.streamId, s.offset, s.data, s.fin, frame);
    }
    for (const r of frames.resets) this.#streams.reset(dir, r.streamId, frame);
    if (space !== 'initial' || frames.crypto.length === 0) return;
    const stream = this.#crypto[dir];
    for (const chunk of frames.crypto) {
      const added = stream.add(chunk.offset, chunk.data);
      if (added !== 'ok') this.#count(`crypto-${added}`);
    }
    if (dir === 'out') this.#readClientHello(stream.prefix());
    else this.#readServerHello(stream.prefix());
  }

  #readClientHello(stream: Uint8Array): void {
    if (this.#clientRandom !== null) return;
    const random = clientHelloRandom(stream);
    if (random.kind === 'invalid') {
      this.#finish('not-tls', "the client's Initial CRYPTO data is not a TLS ClientHello");
      return;
    }
    if (random.kind === 'pending') return;
    this.#clientRandom = random.value;
    this.#replayDue = true;
    if (APPLICATION_LABELS.every((label) => this.#secret(label) === undefined)) {
      const hex = Buffer.from(random.value.subarray(0, 8)).toString('hex');
      this.#finish('no-key', `no application traffic secrets for this ClientHello (random ${hex}…)`);
    }
  }

  #readServerHello(stream: Uint8Array): void {
    if (this.#suite !== null) return;
    const suite = serverHelloCipherSuite(stream);
    if (suite.kind === 'invalid') {
      this.#count(suite.reason);
      return;
    }
    if (suite.kind === 'pending') return;
    const known = quicCipherSuite(suite.value);
    if (known === undefined) {
      this.#finish('unsupported-suite', `cipher suite ${suiteName(suite.value)} is not supported for QUIC`);
      return;
    }
    this.#suite = known;
  }

  // --- keys --------------------------------------------------------------------------------------------------

  #secret(label: SecretLabel): Uint8Array | undefined {
    const random = this.#clientRandom;
    if (random === null) return undefined;
    let secret = this.#secrets.get(label);
    if (secret === undefined) {
      secret = this.#lookup.secret(random, label) ?? null;
      this.#secrets.set(label, secret);
    }
    return secret ?? undefined;
  }

  /** The ServerHello's suite, else (not seen yet) every suite whose hash matches the secret's length. */
  #suitesFor(secret: Uint8Array): readonly QuicCipherSuite[] {
    if (this.#suite !== null) return [this.#suite];
    const suites = suitesForSecretLength(secret.length);
    if (suites.length === 0) this.#count('bad-secret-length');
    return suites;
  }

  #packetKeys(label: SecretLabel, suite: QuicCipherSuite, secret: Uint8Array, version: QuicVersionInfo): PacketKeys {
    const id = `${label}:${suite.id}:${version.keyLabel}`;
    let keys = this.#levelKeys.get(id);
    if (keys === undefined) {
      keys = derivePacketKeys(suite, secret, quicLabels(version));
      this.#levelKeys.set(id, keys);
    }
    return keys;
  }

  #keyPhases(dir: Direction, suite: QuicCipherSuite, secret: Uint8Array, version: QuicVersionInfo): KeyPhases {
    const id = `${dir}:${suite.id}:${version.keyLabel}`;
    let phases = this.#phases.get(id);
    if (phases === undefined) {
      phases = new KeyPhases(suite, secret, quicLabels(version));
      this.#phases.set(id, phases);
    }
    return phases;
  }

  #succeed(dir: Direction, level: Level, suite: QuicCipherSuite): void {
    this.#decrypted[level]++;
    this.#succeeded.add(`${dir}:${level}`);
    // The AEAD tag verifying proves the suite: later packets need not try the others.
    this.#suite ??= suite;
  }

  #fail(dir: Direction, level: Level): void {
    this.#secretFailures++;
    this.#count(`${level}-decrypt-failed`);
    const id = `${dir}:${level}`;
    this.#failures.set(id, (this.#failures.get(id) ?? 0) + 1);
  }

  /**
   * True when no level with key-log secrets ever decrypted in this direction and this one failed too often to
   * keep trying (the secrets are wrong). Once one level works, the key log fits and every packet is tried.
   */
  #gaveUp(dir: Direction, level: Level): boolean {
    const id = `${dir}:${level}`;
    if ((this.#failures.get(id) ?? 0) < MAX_FAILURES_BEFORE_SUCCESS) return false;
    const levels: Level[] = ['handshake', 'zero-rtt', 'one-rtt'];
    if (levels.some((l) => this.#succeeded.has(`${dir}:${l}`))) return false;
    this.#count(`${level}-skipped`);
    this.#retry.drop(dir);
    return true;
  }
}
