/**
 * Builds a whole protected QUIC connection (v1 or v2) for tests: the UDP payloads of both directions and the NSS
 * key log that decrypts them. The handshake is the real packet structure (client Initial with a ClientHello,
 * server Initial with a ServerHello choosing the cipher suite, Handshake packets, 1-RTT packets), with random
 * secrets in place of a real key exchange: the keys come from the key log, as they would for an observer.
 *
 * Options cover what the decoder must handle: every suite, QUIC v2, key updates, coalesced packets, a Retry,
 * a NEW_CONNECTION_ID the client then uses (with another length), 0-RTT, STREAM frames sent last-first, and a
 * stream reset. Deterministic for a seed (src/core/prng.ts).
 */

import { HASH_LENGTH } from '../core/hkdf.js';
import { mulberry32 } from '../core/prng.js';
import { type QuicVersionInfo, quicVersionInfo } from '../decode/names/quic/header.js';
import { deriveInitialKeys } from '../decode/names/quic/keys.js';
import { INITIAL_SUITE, type QuicCipherSuite, quicCipherSuite } from '../payload/quic/cipher-suites.js';
import { derivePacketKeys, nextTrafficSecret, type QuicLabels, quicLabels } from '../payload/quic/packet-keys.js';
import type { Direction, SecretLabel } from '../payload/types.js';
import { cryptoFrame } from './quic-initial-builder.js';
import {
  ackFrame,
  applicationCloseFrame,
  HANDSHAKE_DONE_FRAME,
  maxDataFrame,
  maxStreamsFrame,
  newConnectionIdFrame,
  newTokenFrame,
  PING_FRAME,
  resetStreamFrame,
  retryPacket,
  streamFrame,
} from './quic-protected-frames.js';
import { type SealKeys, sealLongPacket, sealShortPacket } from './quic-protected-packet.js';
import { buildClientHello } from './tls-client-hello-builder.js';
import { buildServerHello } from './tls-server-hello-builder.js';

export interface QuicStreamSpec {
  id: number;
  /** 'out' = sent by the client. */
  dir: Direction;
  data: Uint8Array;
  /** End the stream with FIN (default true). */
  fin?: boolean;
}

export interface QuicConnectionSpec {
  /** Wire version: QUIC_V1 (default) or QUIC_V2. */
  version?: number;
  /** 0x1301 (default), 0x1302 or 0x1303; any other value is written into the ServerHello as is. */
  cipherSuite?: number;
  seed?: number;
  /** Streams sent in 1-RTT packets, client's first, frames of a direction's streams interleaved. */
  streams?: QuicStreamSpec[];
  /** Client streams sent in 0-RTT packets right after its first Initial. */
  zeroRttStreams?: QuicStreamSpec[];
  /** Stream data per STREAM frame at most (default 700). */
  maxFrameData?: number;
  /** 1-RTT packets per direction between key updates (default 0: never). */
  keyUpdateEvery?: number;
  /** Coalesce the handshake packets of a flight into one datagram (default true). */
  coalesce?: boolean;
  retry?: boolean;
  /** The server issues a connection ID in its first 1-RTT packet and the client switches to it. */
  newConnectionId?: boolean;
  /** Length of that connection ID (default: the server's first ID's length + 4, so the lengths differ). */
  newConnectionIdLength?: number;
  /** Each direction's STREAM frames are sent last-first (reassembly must hold them). */
  reverseFrames?: boolean;
  /** Client streams (ids) reset by the client after their data (RESET_STREAM). */
  resetStreams?: number[];
  /** Raw 1-RTT payloads (any bytes, even malformed frames) sent after the streams, each in its own packet. */
  rawPayloads?: { dir: Direction; payload: Uint8Array }[];
  clientCidLength?: number;
  serverCidLength?: number;
  sni?: string;
}

export interface QuicDatagram {
  dir: Direction;
  bytes: Uint8Array;
}

export interface BuiltQuicConnection {
  datagrams: QuicDatagram[];
  /** NSS key log lines for this connection. */
  keylog: string;
  clientRandom: Uint8Array;
  /** STREAM frame data bytes sent per direction (the builder never retransmits). */
  streamBytes: { out: number; in: number };
  version: number;
}

/** Payload bytes per 1-RTT packet at most, as a typical 1200-byte path MTU allows. */
const MAX_PACKET_PAYLOAD = 1150;
const CLIENT_INITIAL_DATAGRAM = 1200;
const TAG_LENGTH = 16;

/** Builds the connection's datagrams in send order and its key log. */
export function buildQuicConnection(spec: QuicConnectionSpec = {}): BuiltQuicConnection {
  return new ConnectionBuilder(spec).build();
}

interface Secrets {
  clientHandshake: Uint8Array;
  serverHandshake: Uint8Array;
  client0: Uint8Array;
  server0: Uint8Array;
  clientEarly: Uint8Array;
}

/** 1-RTT sending state of one direction: packet numbers and key phase. */
interface OneRttSender {
  secret: Uint8Array;
  keys: SealKeys;
  phase: 0 | 1;
  sent: number;
  nextPn: number;
}

class ConnectionBuilder {
  readonly #spec: QuicConnectionSpec;
  readonly #rng: () => number;
  readonly #version: QuicVersionInfo;
  readonly #suite: QuicCipherSuite;
  readonly #labels: QuicLabels;
  readonly #datagrams: QuicDatagram[] = [];
  readonly #streamBytes = { out: 0, in: 0 };

  constructor(spec: QuicConnectionSpec) {
    this.#spec = spec;
    this.#rng = mulberry32(spec.seed ?? 1);
    const version = quicVersionInfo(spec.version ?? 1);
    if (version === undefined) throw new Error(`unsupported QUIC version ${spec.version}`);
    this.#version = version;
    // A suite the decoder does not support still goes into the ServerHello; packets then use AES-128-GCM.
    this.#suite = quicCipherSuite(spec.cipherSuite ?? 0x1301) ?? INITIAL_SUITE;
    this.#labels = quicLabels(version);
  }

  build(): BuiltQuicConnection {
    const spec = this.#spec;
    const odcid = this.#bytes(8);
    const clientCid = this.#bytes(spec.clientCidLength ?? 8);
    const serverCid = this.#bytes(spec.serverCidLength ?? 8);
    const clientRandom = this.#bytes(32);
    const secrets = this.#secrets();
    const clientHello = Buffer.from(
      buildClientHello({ sni: spec.sni ?? 'example.com', alpn: ['h3'], versions: [0x0304] }),
    );
    clientHello.set(clientRandom, 6);
    const serverHello = buildServerHello({ cipherSuite: spec.cipherSuite ?? 0x1301, selectedVersion: 0x0304 });

    // Client's first flight (and, after a Retry, its second).
    let keyDcid = odcid;
    let token: Uint8Array | undefined;
    let clientInitialPn = 0;
    this.#send('out', [this.#clientInitial(keyDcid, keyDcid, clientCid, clientInitialPn++, clientHello, token)]);
    if (spec.retry === true) {
      const retryCid = this.#bytes(spec.serverCidLength ?? 8);
      token = this.#bytes(24);
      const retry = retryPacket({
        version: this.#version.version,
        typeBits: this.#version.types.retry,
        dcid: clientCid,
        scid: retryCid,
        token,
        originalDcid: odcid,
      });
      this.#send('in', [retry]);
      keyDcid = retryCid;
      this.#send('out', [this.#clientInitial(keyDcid, keyDcid, clientCid, clientInitialPn++, clientHello, token)]);
    }
    const client: OneRttSender = this.#sender(secrets.client0);
    const server: OneRttSender = this.#sender(secrets.server0);
    this.#zeroRtt(keyDcid, clientCid, secrets.clientEarly, client);

    // Server's flight: Initial (ServerHello), Handshake (the rest of its handshake), first 1-RTT packet.
    const serverInitialKeys = this.#initialKeys(keyDcid, 'server');
    const serverInitial = sealLongPacket(
      this.#long('initial', clientCid, serverCid, 0, [ackFrame(clientInitialPn - 1), cryptoFrame(0, serverHello)]),
      serverInitialKeys,
    );
    const serverHandshake = sealLongPacket(
      this.#long('handshake', clientCid, serverCid, 0, [cryptoFrame(0, this.#bytes(900))]),
      this.#levelKeys(secrets.serverHandshake),
    );
    const newServerCid = this.#bytes(spec.newConnectionIdLength ?? Math.min(20, (spec.serverCidLength ?? 8) + 4));
    const firstServerFrames = [
      HANDSHAKE_DONE_FRAME,
      newTokenFrame(this.#bytes(16)),
      maxDataFrame(1 << 20),
      maxStreamsFrame(true, 100),
    ];
    if (spec.newConnectionId === true) firstServerFrames.push(newConnectionIdFrame(1, newServerCid));
    const serverFirst1Rtt = this.#short(server, clientCid, firstServerFrames);
    this.#flight('in', [serverInitial, serverHandshake, serverFirst1Rtt]);

    // Client's second flight: Initial ACK, Handshake Finished.
    const clientInitialAck = this.#clientInitial(keyDcid, serverCid, clientCid, clientInitialPn++, null, undefined);
    const clientHandshake = sealLongPacket(
      this.#long('handshake', serverCid, clientCid, 0, [ackFrame(0), cryptoFrame(0, this.#bytes(36))]),
      this.#levelKeys(secrets.clientHandshake),
    );
    this.#flight('out', [clientInitialAck, clientHandshake]);

    // Application data: the client's streams, then the server's.
    const clientDcid = spec.newConnectionId === true ? newServerCid : serverCid;
    this.#sendStreams('out', clientDcid, client, [ackFrame(Math.max(0, server.nextPn - 1))]);
    this.#sendStreams('in', clientCid, server, [ackFrame(Math.max(0, client.nextPn - 1))]);
    for (const raw of spec.rawPayloads ?? []) {
      const sender = raw.dir === 'out' ? client : server;
      this.#send(raw.dir, [this.#short(sender, raw.dir === 'out' ? clientDcid : clientCid, [raw.payload])]);
    }
    const resets = (spec.resetStreams ?? []).map((id) => resetStreamFrame(id, 0x10c, this.#sentLength('out', id)));
    this.#send('out', [this.#short(client, clientDcid, [...resets, applicationCloseFrame(0x100, 'done')])]);

    return {
      datagrams: this.#datagrams,
      keylog: this.#keylog(clientRandom, secrets),
      clientRandom,
      streamBytes: { ...this.#streamBytes },
      version: this.#version.version,
    };
  }

  #bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.#rng() * 256);
    return out;
  }

  #secrets(): Secrets {
    const len = HASH_LENGTH[this.#suite.hash];
    return {
      clientHandshake: this.#bytes(len),
      serverHandshake: this.#bytes(len),
      client0: this.#bytes(len),
      server0: this.#bytes(len),
      clientEarly: this.#bytes(len),
    };
  }

  #keylog(random: Uint8Array, s: Secrets): string {
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    const lines: [SecretLabel, Uint8Array][] = [
      ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', s.clientHandshake],
      ['SERVER_HANDSHAKE_TRAFFIC_SECRET', s.serverHandshake],
      ['CLIENT_TRAFFIC_SECRET_0', s.client0],
      ['SERVER_TRAFFIC_SECRET_0', s.server0],
    ];
    if ((this.#spec.zeroRttStreams ?? []).length > 0) lines.unshift(['CLIENT_EARLY_TRAFFIC_SECRET', s.clientEarly]);
    return lines.map(([label, secret]) => `${label} ${hex(random)} ${hex(secret)}\n`).join('');
  }

  #send(dir: Direction, packets: Uint8Array[]): void {
    this.#datagrams.push({ dir, bytes: Buffer.concat(packets) });
  }

  /** A flight's packets: one datagram when coalescing, else one each. */
  #flight(dir: Direction, packets: Uint8Array[]): void {
    if (this.#spec.coalesce === false) for (const p of packets) this.#send(dir, [p]);
    else this.#send(dir, packets);
  }

  #initialKeys(dcid: Uint8Array, side: 'client' | 'server'): SealKeys {
    return { suite: INITIAL_SUITE, ...deriveInitialKeys(this.#version, dcid, side) };
  }

  #levelKeys(secret: Uint8Array): SealKeys {
    return derivePacketKeys(this.#suite, secret, this.#labels);
  }

  #sender(secret: Uint8Array): OneRttSender {
    return { secret, keys: this.#levelKeys(secret), phase: 0, sent: 0, nextPn: 0 };
  }

  #long(
    kind: 'initial' | 'handshake' | 'zero-rtt',
    dcid: Uint8Array,
    scid: Uint8Array,
    pn: number,
    frames: Uint8Array[],
  ) {
    const types = this.#version.types;
    const typeBits = kind === 'initial' ? types.initial : kind === 'handshake' ? types.handshake : types.zeroRtt;
    const packet = {
      version: this.#version.version,
      typeBits,
      dcid,
      scid,
      packetNumber: pn,
      payload: Buffer.concat(frames),
    };
    // Initial packets always carry a Token Length (RFC 9000 §17.2.2), zero when there is no token.
    return kind === 'initial' ? { ...packet, token: new Uint8Array(0) } : packet;
  }

  /** A client Initial padded so its datagram reaches 1200 bytes (RFC 9000 §14.1). */
  #clientInitial(
    keyDcid: Uint8Array,
    dcid: Uint8Array,
    scid: Uint8Array,
    pn: number,
    clientHello: Uint8Array | null,
    token: Uint8Array | undefined,
  ): Buffer {
    const frames = clientHello !== null ? [cryptoFrame(0, clientHello)] : [ackFrame(0), PING_FRAME];
    const body = Buffer.concat(frames);
    const tokenLength = token?.length ?? 0;
    const overhead = 1 + 4 + 1 + dcid.length + 1 + scid.length + (tokenLength < 64 ? 1 : 2) + tokenLength + 2 + 4;
    const padding = Math.max(0, CLIENT_INITIAL_DATAGRAM - overhead - TAG_LENGTH - body.length);
    const packet = {
      ...this.#long('initial', dcid, scid, pn, [body, Buffer.alloc(padding)]),
      token: token ?? Buffer.alloc(0),
    };
    return sealLongPacket(packet, this.#initialKeys(keyDcid, 'client'));
  }

  #zeroRtt(dcid: Uint8Array, scid: Uint8Array, secret: Uint8Array, client: OneRttSender): void {
    const streams = this.#spec.zeroRttStreams ?? [];
    if (streams.length === 0) return;
    const keys = this.#levelKeys(secret);
    for (const payload of this.#packStreams('out', streams)) {
      this.#send('out', [sealLongPacket(this.#long('zero-rtt', dcid, scid, client.nextPn++, [payload]), keys)]);
    }
  }

  /** One 1-RTT packet from `sender`, updating its keys first when a key update is due. */
  #short(sender: OneRttSender, dcid: Uint8Array, frames: Uint8Array[]): Buffer {
    const every = this.#spec.keyUpdateEvery ?? 0;
    if (every > 0 && sender.sent > 0 && sender.sent % every === 0) {
      sender.secret = nextTrafficSecret(this.#suite, sender.secret, this.#labels);
      sender.keys = { ...this.#levelKeys(sender.secret), hp: sender.keys.hp };
      sender.phase = sender.phase === 0 ? 1 : 0;
    }
    sender.sent++;
    const pn = sender.nextPn++;
    return sealShortPacket(
      { dcid, packetNumber: pn, keyPhase: sender.phase, payload: Buffer.concat(frames) },
      sender.keys,
    );
  }

  #sendStreams(dir: Direction, dcid: Uint8Array, sender: OneRttSender, firstFrames: Uint8Array[]): void {
    const streams = (this.#spec.streams ?? []).filter((s) => s.dir === dir);
    let extra = firstFrames;
    for (const payload of this.#packStreams(dir, streams)) {
      this.#send(dir, [this.#short(sender, dcid, [...extra, payload])]);
      extra = [];
    }
  }

  /**
   * The STREAM frames of a direction's streams, round-robin over the streams (as multiplexing senders do),
   * packed into packet payloads; the last frame of each packet goes without a Length field.
   */
  #packStreams(dir: Direction, streams: QuicStreamSpec[]): Buffer[] {
    const maxData = this.#spec.maxFrameData ?? 700;
    const chunks: { id: number; offset: number; data: Uint8Array; fin: boolean }[] = [];
    const cursors = streams.map(() => 0);
    for (let more = true; more; ) {
      more = false;
      streams.forEach((s, i) => {
        const at = cursors[i] ?? 0;
        if (at > s.data.length || (at === s.data.length && at > 0)) return;
        const data = s.data.subarray(at, Math.min(s.data.length, at + maxData));
        const last = at + data.length >= s.data.length;
        chunks.push({ id: s.id, offset: at, data, fin: last && s.fin !== false });
        cursors[i] = last ? s.data.length + 1 : at + data.length;
        if (!last) more = true;
      });
    }
    if (this.#spec.reverseFrames === true) chunks.reverse();
    const payloads: Buffer[] = [];
    let current: Buffer[] = [];
    let size = 0;
    const flush = (): void => {
      if (current.length > 0) payloads.push(Buffer.concat(current));
      current = [];
      size = 0;
    };
    chunks.forEach((c, i) => {
      const next = chunks[i + 1];
      const fits = next !== undefined && size + c.data.length + next.data.length + 40 <= MAX_PACKET_PAYLOAD;
      const frame = streamFrame(c.id, c.offset, c.data, c.fin, fits || c.data.length === 0);
      this.#streamBytes[dir] += c.data.length;
      current.push(frame);
      size += frame.length;
      if (!fits) flush();
    });
    flush();
    return payloads;
  }

  #sentLength(dir: Direction, id: number): number {
    const all = [...(this.#spec.streams ?? []), ...(this.#spec.zeroRttStreams ?? [])];
    return all.filter((s) => s.dir === dir && s.id === id).reduce((n, s) => n + s.data.length, 0);
  }
}
