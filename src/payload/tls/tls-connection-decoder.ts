/**
 * Decrypts one TLS connection over TCP from its two reassembled byte streams (client → server 'out', server →
 * client 'in') and the key log, and hands on the application data plaintext of each direction in order.
 *
 * The hellos come first and in plaintext: the ClientHello gives the client random the key log is keyed by, the
 * ServerHello the version and cipher suite. After them each direction is read by a version-specific reader
 * (tls12-direction.ts, tls13-direction.ts). The two streams may be pushed in any relative order: a record that
 * needs the other direction's hello waits in a bounded queue until that hello has been read.
 *
 * Hostile input never throws out of push() or gap(): damage stops the direction (or the connection) with a
 * status and a reason, and memory is bounded per direction by one record, one handshake message and the queue.
 */
import { shortHex } from '../keys/hex.js';
import type { Direction, PayloadStatus, SecretLabel, SecretLookup } from '../types.js';
import { describeSuite, TLS12_SUITES, TLS13_SUITES } from './cipher-suites.js';
import { directionName, type RecordOutcome } from './direction-context.js';
import { DirectionState, type Failure } from './direction-state.js';
import { HS_CLIENT_HELLO, HS_ENCRYPTED_EXTENSIONS, HS_SERVER_HELLO } from './handshake-assembler.js';
import {
  type ClientHelloInfo,
  describeVersion,
  encryptedExtensionsAcceptEarlyData,
  parseClientHello,
  parseServerHello,
  type ServerHelloInfo,
  VERSION_TLS12,
  VERSION_TLS13,
} from './hellos.js';
import { tls12Keys } from './key-schedule.js';
import { Tls12AeadOpener, Tls12CbcOpener, Tls13Opener } from './record-openers.js';
import { CONTENT_ALERT, CONTENT_HANDSHAKE, RECORD_HEADER_BYTES, type TlsRecord } from './record-reader.js';
import { Tls12Direction, type Tls12KeysResult } from './tls12-direction.js';
import { Tls13Direction } from './tls13-direction.js';

/** Record bytes one direction may hold while waiting for the other direction's hello. */
export const MAX_QUEUED_BYTES = 1 << 20;
/** Handshakes (initial, renegotiations) followed per connection; later ones stop the decryption. */
export const MAX_HANDSHAKES = 16;

export class TlsConnectionDecoder {
  readonly #keys: SecretLookup;
  readonly #out: DirectionState;
  readonly #in: DirectionState;
  /** A failure of the whole connection (not TLS, unsupported version or suite, internal error). */
  #failure: Failure | null = null;
  readonly #clientHellos: ClientHelloInfo[] = [];
  readonly #serverHellos: ServerHelloInfo[] = [];
  #helloRetry = false;
  /** The server's answer to 0-RTT data, from its EncryptedExtensions; null until read. */
  #earlyDataAccepted: boolean | null = null;
  #version: '1.2' | '1.3' | null = null;
  #cipherSuite: number | null = null;

  constructor(keys: SecretLookup, onPlaintext: (dir: Direction, data: Uint8Array, frame: number) => void) {
    this.#keys = keys;
    const onMessage = (dir: Direction, type: number, body: Uint8Array): void => this.#message(dir, type, body);
    this.#out = new DirectionState('out', onPlaintext, onMessage);
    this.#in = new DirectionState('in', onPlaintext, onMessage);
  }

  /** In-order reassembled stream bytes of one direction, in chunks of any size. */
  push(dir: Direction, data: Uint8Array, frame: number): void {
    const d = this.#state(dir);
    if (this.#failure !== null || d.stopped || d.gap || data.length === 0) return;
    try {
      d.reader.push(data, frame, (rec) => this.#record(d, rec));
      if (d.reader.error !== null && !d.stopped) this.#badFraming(d);
      this.#pump();
    } catch (e) {
      this.#internalError(e);
    }
  }

  /** Bytes are missing in this direction: nothing after them can be framed or decrypted. */
  gap(dir: Direction): void {
    const d = this.#state(dir);
    d.gap = true;
    d.reader.reset();
    try {
      // Records of the other direction may have waited on this one (0-RTT waits for the server's answer).
      this.#pump();
    } catch (e) {
      this.#internalError(e);
    }
  }

  get status(): PayloadStatus {
    return this.#summary().status;
  }

  get reason(): string | null {
    return this.#summary().reason;
  }

  get plaintextBytes(): { out: number; in: number } {
    return { out: this.#out.appBytes, in: this.#in.appBytes };
  }

  get version(): '1.2' | '1.3' | null {
    return this.#version;
  }

  get cipherSuite(): number | null {
    return this.#cipherSuite;
  }

  #state(dir: Direction): DirectionState {
    return dir === 'out' ? this.#out : this.#in;
  }

  #summary(): { status: PayloadStatus; reason: string | null } {
    if (this.#failure !== null) return this.#failure;
    if (this.#out.appRecords > 0 || this.#in.appRecords > 0) {
      // Decrypted; a direction that stopped (or never started) is worth a word.
      const trouble = this.#out.failure ?? this.#in.failure ?? this.#out.status() ?? this.#in.status();
      return { status: 'decrypted', reason: trouble === null ? null : trouble.reason };
    }
    const out = this.#out.status();
    const inn = this.#in.status();
    for (const wanted of ['not-tls', 'unsupported-suite', 'no-key', 'decrypt-failed', 'gap', 'incomplete'] as const) {
      const hit = out?.status === wanted ? out : inn?.status === wanted ? inn : null;
      if (hit !== null) return hit;
    }
    return { status: 'incomplete', reason: this.#incompleteReason() };
  }

  #incompleteReason(): string {
    if (this.#clientHellos.length === 0) return 'no ClientHello yet';
    if (this.#serverHellos.length === 0)
      return this.#helloRetry ? 'HelloRetryRequest, no ServerHello yet' : 'no ServerHello yet';
    const notes = [...this.#out.notes, ...this.#in.notes];
    return notes.length > 0 ? `no application data (${notes.join('; ')})` : 'no application data yet';
  }

  /** A record from a direction's reader: handled now, or queued (copied) behind earlier waiting records. */
  #record(d: DirectionState, rec: TlsRecord): void {
    if (d.stopped || this.#failure !== null) return;
    if (!d.waiting && this.#handle(d, rec) === 'done') return;
    if (d.stopped) return;
    // Headers count too, so empty records cannot pile up unbounded.
    const size = RECORD_HEADER_BYTES + rec.fragment.length;
    if (d.queuedBytes + size > MAX_QUEUED_BYTES) {
      const peer = d.dir === 'out' ? 'ServerHello' : 'ClientHello';
      d.fail('incomplete', `${directionName(d.dir)}: over ${MAX_QUEUED_BYTES} bytes waited for the ${peer}`);
      return;
    }
    d.queue.push({ ...rec, fragment: rec.fragment.slice() });
    d.queuedBytes += size;
  }

  /** Retries waiting records of both directions until neither gets further. */
  #pump(): void {
    let progressed = true;
    while (progressed && this.#failure === null) {
      progressed = false;
      for (const d of [this.#out, this.#in]) {
        while (d.waiting && !d.stopped && this.#failure === null) {
          const rec = d.queue[d.queueHead];
          if (rec === undefined || this.#handle(d, rec) === 'wait') break;
          d.queueHead++;
          d.queuedBytes -= RECORD_HEADER_BYTES + rec.fragment.length;
          progressed = true;
        }
        if (!d.waiting && d.queue.length > 0) {
          d.queue = [];
          d.queueHead = 0;
        }
      }
    }
  }

  #handle(d: DirectionState, rec: TlsRecord): RecordOutcome {
    if (d.stopped || this.#failure !== null) return 'done';
    if (d.dir === 'out') {
      if (this.#clientHellos.length === 0) {
        this.#clientFirstFlight(d, rec);
        return 'done';
      }
      if (this.#version === null) return 'wait';
    } else {
      if (this.#version === null) {
        this.#serverFirstFlight(d, rec);
        return 'done';
      }
      if (this.#clientHellos.length === 0) return 'wait';
    }
    if (this.#version === '1.2') {
      d.reader12 ??= new Tls12Direction(d, (n) => this.#tls12Keys(d.dir, n));
      return d.reader12.record(rec);
    }
    if (d.reader13 === null) {
      d.reader13 = this.#tls13Reader(d);
      if (d.reader13 === null) return 'done';
    }
    return d.reader13.record(rec);
  }

  /** The client's records up to its ClientHello: anything else first means this is not a TLS client. */
  #clientFirstFlight(d: DirectionState, rec: TlsRecord): void {
    const first = d.records++ === 0;
    if (rec.type !== CONTENT_HANDSHAKE) {
      this.#failure = first
        ? {
            status: 'incomplete',
            reason: `stream starts with a TLS ${rec.type === 23 ? 'application data' : `type ${rec.type}`} record, not a ClientHello (capture began after the handshake?)`,
          }
        : { status: 'not-tls', reason: `record type ${rec.type} inside the ClientHello` };
      return;
    }
    if (first && rec.fragment[0] !== HS_CLIENT_HELLO && rec.fragment.length > 0) {
      this.#failure = {
        status: 'not-tls',
        reason: `first handshake message is type ${rec.fragment[0]}, not a ClientHello`,
      };
      return;
    }
    d.assembler.push(rec.fragment);
  }

  /** The server's records up to its ServerHello (a HelloRetryRequest and the real ServerHello after it). */
  #serverFirstFlight(d: DirectionState, rec: TlsRecord): void {
    d.records++;
    if (rec.type === CONTENT_HANDSHAKE) d.assembler.push(rec.fragment);
    else if (rec.type === CONTENT_ALERT) {
      d.note(`server refused the handshake (alert ${rec.fragment[1] ?? '?'})`);
      d.fail('incomplete', `server → client: alert ${rec.fragment[1] ?? '?'} instead of a ServerHello`);
    } else if (rec.type !== 20) {
      d.fail('not-tls', `server → client: record type ${rec.type} before the ServerHello`);
    }
  }

  /** A whole handshake message (plaintext or decrypted) of one direction. */
  #message(dir: Direction, type: number, body: Uint8Array): void {
    if (dir === 'out' && type === HS_CLIENT_HELLO) this.#clientHello(body);
    else if (dir === 'in' && type === HS_SERVER_HELLO) this.#serverHello(body);
    else if (dir === 'in' && type === HS_ENCRYPTED_EXTENSIONS) {
      this.#earlyDataAccepted ??= encryptedExtensionsAcceptEarlyData(body) ?? false;
    } else this.#state(dir).reader13?.onHandshake(type);
  }

  #clientHello(body: Uint8Array): void {
    // After a HelloRetryRequest the client says hello again with the same random (RFC 8446 §4.1.2).
    if (this.#clientHellos.length > 0 && (this.#version === '1.3' || this.#helloRetry)) return;
    const info = parseClientHello(body);
    if (info === null) {
      if (this.#clientHellos.length === 0) this.#failure = { status: 'not-tls', reason: 'malformed ClientHello' };
      return;
    }
    if (this.#clientHellos.length < MAX_HANDSHAKES) this.#clientHellos.push(info);
  }

  #serverHello(body: Uint8Array): void {
    const info = parseServerHello(body);
    if (info === null) {
      if (this.#serverHellos.length === 0) this.#in.fail('not-tls', 'server → client: malformed ServerHello');
      return;
    }
    if (info.helloRetryRequest) {
      this.#helloRetry = true;
      return;
    }
    if (this.#serverHellos.length >= MAX_HANDSHAKES) return;
    this.#serverHellos.push(info);
    if (this.#serverHellos.length > 1) return;
    this.#cipherSuite = info.cipherSuite;
    if (info.version === VERSION_TLS13) {
      this.#version = '1.3';
      if (!TLS13_SUITES.has(info.cipherSuite)) this.#unsupported(`cipher suite ${describeSuite(info.cipherSuite)}`);
    } else if (info.version === VERSION_TLS12) {
      this.#version = '1.2';
      if (!TLS12_SUITES.has(info.cipherSuite)) this.#unsupported(`cipher suite ${describeSuite(info.cipherSuite)}`);
    } else this.#unsupported(`protocol version ${describeVersion(info.version)}`);
  }

  #unsupported(what: string): void {
    this.#failure = { status: 'unsupported-suite', reason: `${what} not supported` };
  }

  /** The record keys of one direction for its n-th ChangeCipherSpec (TLS 1.2). */
  #tls12Keys(dir: Direction, n: number): Tls12KeysResult {
    if (n >= MAX_HANDSHAKES) return { fail: 'incomplete', reason: `over ${MAX_HANDSHAKES} handshakes` };
    const client = this.#clientHellos[n];
    const server = this.#serverHellos[n];
    if (client === undefined || server === undefined) return 'wait';
    const suite = TLS12_SUITES.get(server.cipherSuite);
    if (suite === undefined || server.version !== VERSION_TLS12) {
      return {
        fail: 'unsupported-suite',
        reason: `renegotiated to ${describeVersion(server.version)} ${describeSuite(server.cipherSuite)}, not supported`,
      };
    }
    const master = this.#keys.secret(client.random, 'CLIENT_RANDOM');
    if (master === undefined) return { fail: 'no-key', reason: this.#noKey(client.random, 'CLIENT_RANDOM') };
    const keys = tls12Keys(suite, master, client.random, server.random)[dir === 'out' ? 'client' : 'server'];
    const opener =
      suite.kind === 'aead' ? new Tls12AeadOpener(suite, keys) : new Tls12CbcOpener(suite, keys, server.encryptThenMac);
    return { opener };
  }

  /** The TLS 1.3 reader of a direction with its secrets, or null (and the direction failed) when it has none. */
  #tls13Reader(d: DirectionState): Tls13Direction | null {
    const client = this.#clientHellos[0];
    const server = this.#serverHellos[0];
    const suite = server === undefined ? undefined : TLS13_SUITES.get(server.cipherSuite);
    if (client === undefined || suite === undefined) return null;
    const out = d.dir === 'out';
    const labels = {
      early: 'CLIENT_EARLY_TRAFFIC_SECRET' as const,
      handshake: out ? ('CLIENT_HANDSHAKE_TRAFFIC_SECRET' as const) : ('SERVER_HANDSHAKE_TRAFFIC_SECRET' as const),
      application: out ? ('CLIENT_TRAFFIC_SECRET_0' as const) : ('SERVER_TRAFFIC_SECRET_0' as const),
    };
    const opener = (label: SecretLabel): Tls13Opener | null => {
      const secret = this.#keys.secret(client.random, label);
      return secret === undefined ? null : new Tls13Opener(suite, secret);
    };
    const openers = {
      early: out && client.earlyData && !this.#helloRetry ? opener(labels.early) : null,
      handshake: opener(labels.handshake),
      application: opener(labels.application),
    };
    if (openers.handshake === null && openers.application === null) {
      d.fail('no-key', this.#noKey(client.random, labels.application));
      return null;
    }
    return new Tls13Direction(d, openers, labels, client.earlyData && !this.#helloRetry, () =>
      this.#earlyDataDecision(client.random),
    );
  }

  /**
   * Whether the server took the 0-RTT data: its EncryptedExtensions once read; null while it may still be read;
   * true (best effort: deliver) when it never can be (no server handshake secret, server stream stopped).
   */
  #earlyDataDecision(clientRandom: Uint8Array): boolean | null {
    if (this.#earlyDataAccepted !== null) return this.#earlyDataAccepted;
    const server = this.#in;
    const unreadable =
      server.stopped || server.gap || this.#keys.secret(clientRandom, 'SERVER_HANDSHAKE_TRAFFIC_SECRET') === undefined;
    return unreadable ? true : null;
  }

  /** "no key for client random 3a4b…" when the log knows nothing of it, else which secret is missing. */
  #noKey(clientRandom: Uint8Array, label: SecretLabel): string {
    const all: SecretLabel[] = [
      'CLIENT_RANDOM',
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ];
    const known = all.some((l) => this.#keys.secret(clientRandom, l) !== undefined);
    return known
      ? `no ${label} for client random ${shortHex(clientRandom)}`
      : `no key for client random ${shortHex(clientRandom)}`;
  }

  #badFraming(d: DirectionState): void {
    const r = d.reader;
    const what = `${r.error} at stream offset ${r.errorOffset}`;
    if (d.dir === 'out' && d.records === 0 && this.#clientHellos.length === 0) {
      this.#failure = { status: 'not-tls', reason: `not a TLS record: ${what}` };
    } else if (d.dir === 'in' && this.#version === null && d.records === 0) {
      d.fail('not-tls', `server → client: not a TLS record: ${what}`);
    } else d.fail('decrypt-failed', `${directionName(d.dir)}: lost record framing (${what})`);
  }

  #internalError(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.#failure ??= { status: 'decrypt-failed', reason: `internal error: ${message}` };
  }
}
