/**
 * Whole TLS sessions for tests: the client's and the server's byte streams of one connection, and the NSS key
 * log that decrypts them. There is no real key exchange: the secrets are random (seeded), and the handshake
 * carries what a passive decryptor reads (hellos, ChangeCipherSpec, encrypted Finished), with filler where a
 * real peer would put keys and signatures.
 *
 * TLS 1.3 (RFC 8446 §2): ClientHello → ServerHello, ChangeCipherSpec, {EncryptedExtensions, Finished},
 * [NewSessionTicket] → ChangeCipherSpec, {Finished} → application data, with optional HelloRetryRequest, 0-RTT
 * data (accepted or rejected), KeyUpdate and record padding.
 * TLS 1.2 (RFC 5246 §7.3): ClientHello → ServerHello, Certificate, ServerHelloDone → ClientKeyExchange,
 * ChangeCipherSpec, {Finished} → ChangeCipherSpec, {Finished} → application data, optionally resumed (abbreviated
 * handshake) or renegotiated inside the protected connection.
 *
 * Turn the streams (or `flights`, in exchange order) into packets with conversation.ts.
 */
import { mulberry32 } from '../core/prng.js';
import { HASH_LENGTH, TLS12_SUITES, TLS13_SUITES } from '../payload/tls/cipher-suites.js';
import { tls12Keys } from '../payload/tls/key-schedule.js';
import type { SecretLabel } from '../payload/types.js';
import { buildClientHelloBody, toRecords, u16 } from './tls-client-hello-builder.js';
import { Tls12Sealer, Tls13Sealer } from './tls-record-protect.js';
import {
  buildCertificate,
  buildCertificateMessage,
  handshakeMessage,
  SERVER_HELLO_DONE,
} from './tls-server-hello-builder.js';

export interface TlsSessionSpec {
  version: '1.2' | '1.3';
  /** A suite from TLS13_SUITES or TLS12_SUITES (cipher-suites.ts). */
  cipherSuite: number;
  /** Seeds the randoms, the secrets and CBC IVs (default 1). */
  seed?: number;
  clientRandom?: Uint8Array;
  serverRandom?: Uint8Array;
  sni?: string;
  alpn?: string[];
  /** Application data client → server; each payload is sent in records of at most maxFragment bytes. */
  clientData?: Uint8Array[];
  /** Application data server → client, payload i sent after client payload i. */
  serverData?: Uint8Array[];
  maxFragment?: number;
  /** TLS 1.3: each side sends a KeyUpdate after this many of its application records (again every n). */
  keyUpdateEvery?: number;
  /** TLS 1.3: zero bytes of padding in each protected application record. */
  padding?: number;
  /** TLS 1.3: NewSessionTicket messages the server sends after its Finished. */
  sessionTickets?: number;
  /** TLS 1.3: a HelloRetryRequest before the ServerHello. */
  helloRetry?: boolean;
  /** TLS 1.3: 0-RTT application data sent right after the ClientHello. */
  earlyData?: Uint8Array[];
  /** TLS 1.3: the server rejects the 0-RTT data (it is sent, but the client does not end it with EndOfEarlyData). */
  earlyDataRejected?: boolean;
  /** TLS 1.2 CBC suites: negotiate encrypt_then_mac (RFC 7366). */
  encryptThenMac?: boolean;
  /** TLS 1.2: an abbreviated (resumed) handshake, the server finishing first (RFC 5246 §7.3). */
  resumption?: boolean;
  /** TLS 1.2: renegotiate (new randoms, new master secret, a second CLIENT_RANDOM line) after this many exchanges. */
  renegotiateAfter?: number;
}

export type TlsFlight = { from: 'client' | 'server'; bytes: Uint8Array };

export interface TlsSession {
  /** Client → server stream from the first byte of the ClientHello. */
  client: Uint8Array;
  /** Server → client stream. */
  server: Uint8Array;
  /** The same bytes as a list of flights in exchange order (for TcpConversation.clientSends / serverSends). */
  flights: TlsFlight[];
  /** NSS key log text for this session. */
  keyLog: string;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  secrets: Partial<Record<SecretLabel, Uint8Array>>;
}

const CONTENT_CCS = 20;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;
const HS_SERVER_HELLO = 2;
const HS_NEW_SESSION_TICKET = 4;
const HS_END_OF_EARLY_DATA = 5;
const HS_ENCRYPTED_EXTENSIONS = 8;
const HS_CLIENT_KEY_EXCHANGE = 16;
const HS_FINISHED = 20;
const HS_KEY_UPDATE = 24;
const EXT_EARLY_DATA = 42;
const EXT_SUPPORTED_VERSIONS = 43;
const EXT_ENCRYPT_THEN_MAC = 22;
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
const CHANGE_CIPHER_SPEC_RECORD = Uint8Array.of(CONTENT_CCS, 3, 3, 0, 1, 1);

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function ext(type: number, body: number[]): number[] {
  return [...u16(type), ...u16(body.length), ...body];
}

function plainRecord(type: number, body: Uint8Array, version = 0x0303): Uint8Array {
  return concat([Uint8Array.of(type, version >> 8, version & 0xff, body.length >> 8, body.length & 0xff), body]);
}

/** Cuts application data into record-sized pieces (an empty payload still makes one empty record). */
function fragments(data: Uint8Array, max: number): Uint8Array[] {
  if (data.length === 0) return [data];
  const out: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += max) out.push(data.subarray(off, Math.min(data.length, off + max)));
  return out;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** ServerHello with a chosen random, suite and extensions (RFC 8446 §4.1.3). */
function serverHello(random: Uint8Array, suite: number, extensions: number[], sessionId: Uint8Array): Uint8Array {
  return handshakeMessage(HS_SERVER_HELLO, [
    ...u16(0x0303),
    ...random,
    sessionId.length,
    ...sessionId,
    ...u16(suite),
    0,
    ...u16(extensions.length),
    ...extensions,
  ]);
}

/** ClientHello from the shared builder, with the session's random in place of its filler (offset 2 of the body). */
function clientHello(spec: TlsSessionSpec, random: Uint8Array): Uint8Array {
  const versions = spec.version === '1.3' ? [0x0304, 0x0303] : [0x0303];
  const body = buildClientHelloBody({
    sni: spec.sni ?? 'example.com',
    versions,
    alpn: spec.alpn ?? ['h2', 'http/1.1'],
  });
  body.splice(2, 32, ...random);
  const extensionsAt = body.length;
  if (spec.earlyData !== undefined) {
    // Append early_data to the extensions block (its 16-bit length is the last vector of the body).
    const early = ext(EXT_EARLY_DATA, []);
    const blockLengthAt = findExtensionsLength(body);
    const blockLength = ((body[blockLengthAt] ?? 0) << 8) | (body[blockLengthAt + 1] ?? 0);
    const newLength = blockLength + early.length;
    body[blockLengthAt] = newLength >> 8;
    body[blockLengthAt + 1] = newLength & 0xff;
    body.splice(extensionsAt, 0, ...early);
  }
  return handshakeMessage(1, body);
}

/** A TLS 1.3 server echoes the client's legacy_session_id (RFC 8446 §4.1.3). */
function clientSessionId(hello: Uint8Array): Uint8Array {
  const at = 4 + 2 + 32;
  return hello.subarray(at + 1, at + 1 + (hello[at] ?? 0));
}

/** The second ClientHello after a HelloRetryRequest offers no 0-RTT data (RFC 8446 §4.1.2). */
function withoutEarlyData(spec: TlsSessionSpec): TlsSessionSpec {
  const { earlyData: _dropped, ...rest } = spec;
  return rest;
}

/** Offset of the extensions block length in a ClientHello body built by buildClientHelloBody. */
function findExtensionsLength(body: number[]): number {
  let off = 2 + 32;
  off += 1 + (body[off] ?? 0); // session id
  off += 2 + (((body[off] ?? 0) << 8) | (body[off + 1] ?? 0)); // cipher suites
  off += 1 + (body[off] ?? 0); // compression methods
  return off;
}

/** Builds one session: both streams, the flights and the key log. */
export function buildTlsSession(spec: TlsSessionSpec): TlsSession {
  const rand = mulberry32(spec.seed ?? 1);
  const randomBytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const clientRandom = spec.clientRandom ?? randomBytes(32);
  const serverRandom = spec.serverRandom ?? randomBytes(32);
  return spec.version === '1.3'
    ? buildTls13(spec, clientRandom, serverRandom, randomBytes)
    : buildTls12(spec, clientRandom, serverRandom, randomBytes);
}

/** Records in sending order, grouped into flights (consecutive records from one side). */
class FlightLog {
  readonly #parts: { from: 'client' | 'server'; records: Uint8Array[] }[] = [];

  send(from: 'client' | 'server', ...records: Uint8Array[]): void {
    const last = this.#parts[this.#parts.length - 1];
    if (last !== undefined && last.from === from) last.records.push(...records);
    else this.#parts.push({ from, records: [...records] });
  }

  get flights(): TlsFlight[] {
    return this.#parts.map((p) => ({ from: p.from, bytes: concat(p.records) })).filter((f) => f.bytes.length > 0);
  }

  stream(from: 'client' | 'server'): Uint8Array {
    return concat(this.#parts.filter((p) => p.from === from).flatMap((p) => p.records));
  }
}

function buildTls13(
  spec: TlsSessionSpec,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
): TlsSession {
  const suite = TLS13_SUITES.get(spec.cipherSuite);
  if (suite === undefined) throw new Error(`not a TLS 1.3 suite: 0x${spec.cipherSuite.toString(16)}`);
  const hashLength = HASH_LENGTH[suite.hash];
  const secrets: Partial<Record<SecretLabel, Uint8Array>> = {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: randomBytes(hashLength),
    SERVER_HANDSHAKE_TRAFFIC_SECRET: randomBytes(hashLength),
    CLIENT_TRAFFIC_SECRET_0: randomBytes(hashLength),
    SERVER_TRAFFIC_SECRET_0: randomBytes(hashLength),
    EXPORTER_SECRET: randomBytes(hashLength),
  };
  const early = spec.earlyData !== undefined;
  if (early) secrets.CLIENT_EARLY_TRAFFIC_SECRET = randomBytes(hashLength);
  const sealer = (label: SecretLabel): Tls13Sealer => new Tls13Sealer(suite, secrets[label] ?? new Uint8Array(0));
  const max = spec.maxFragment ?? 16_384;
  const log = new FlightLog();
  const hello = clientHello(spec, clientRandom);
  log.send('client', toRecords(hello));
  const earlyAccepted = early && spec.earlyDataRejected !== true && spec.helloRetry !== true;
  if (early) {
    const e = sealer('CLIENT_EARLY_TRAFFIC_SECRET');
    for (const data of spec.earlyData ?? []) {
      for (const part of fragments(data, max)) log.send('client', e.seal(CONTENT_APPLICATION_DATA, part));
    }
    if (earlyAccepted) log.send('client', e.seal(CONTENT_HANDSHAKE, handshakeMessage(HS_END_OF_EARLY_DATA, [])));
  }
  const supportedVersions = ext(EXT_SUPPORTED_VERSIONS, u16(0x0304));
  if (spec.helloRetry) {
    const keyShareGroup = ext(51, u16(0x001d));
    log.send(
      'server',
      plainRecord(
        CONTENT_HANDSHAKE,
        serverHello(HRR_RANDOM, spec.cipherSuite, [...supportedVersions, ...keyShareGroup], clientSessionId(hello)),
      ),
      CHANGE_CIPHER_SPEC_RECORD,
    );
    log.send(
      'client',
      CHANGE_CIPHER_SPEC_RECORD,
      toRecords(clientHello(withoutEarlyData(spec), clientRandom), 16_384, 0x0303),
    );
  }
  const keyShare = ext(51, [...u16(0x001d), ...u16(32), ...randomBytes(32)]);
  const serverHs = sealer('SERVER_HANDSHAKE_TRAFFIC_SECRET');
  const encryptedExtensions = handshakeMessage(HS_ENCRYPTED_EXTENSIONS, [
    ...u16(earlyAccepted ? 4 : 0),
    ...(earlyAccepted ? ext(EXT_EARLY_DATA, []) : []),
  ]);
  log.send(
    'server',
    plainRecord(
      CONTENT_HANDSHAKE,
      serverHello(serverRandom, spec.cipherSuite, [...supportedVersions, ...keyShare], clientSessionId(hello)),
    ),
    CHANGE_CIPHER_SPEC_RECORD,
    serverHs.seal(CONTENT_HANDSHAKE, encryptedExtensions),
    serverHs.seal(CONTENT_HANDSHAKE, handshakeMessage(HS_FINISHED, randomBytes(hashLength))),
  );
  const serverApp = sealer('SERVER_TRAFFIC_SECRET_0');
  for (let i = 0; i < (spec.sessionTickets ?? 0); i++) {
    const ticket = handshakeMessage(HS_NEW_SESSION_TICKET, [
      0,
      0,
      0x1c,
      0x20,
      ...randomBytes(4),
      8,
      ...randomBytes(8),
      0,
      16,
      ...randomBytes(16),
      0,
      0,
    ]);
    log.send('server', serverApp.seal(CONTENT_HANDSHAKE, ticket));
  }
  const clientHs = sealer('CLIENT_HANDSHAKE_TRAFFIC_SECRET');
  log.send(
    'client',
    CHANGE_CIPHER_SPEC_RECORD,
    clientHs.seal(CONTENT_HANDSHAKE, handshakeMessage(HS_FINISHED, randomBytes(hashLength))),
  );
  const clientApp = sealer('CLIENT_TRAFFIC_SECRET_0');
  const sendData = (from: 'client' | 'server', s: Tls13Sealer, data: Uint8Array, counter: { n: number }): void => {
    for (const part of fragments(data, max)) {
      log.send(from, s.seal(CONTENT_APPLICATION_DATA, part, spec.padding ?? 0));
      counter.n++;
      if (spec.keyUpdateEvery !== undefined && counter.n % spec.keyUpdateEvery === 0) {
        log.send(from, s.seal(CONTENT_HANDSHAKE, handshakeMessage(HS_KEY_UPDATE, [0])));
        s.update();
      }
    }
  };
  exchange(spec, (from, data, counter) => sendData(from, from === 'client' ? clientApp : serverApp, data, counter));
  const labels = (Object.keys(secrets) as SecretLabel[]).filter((l) => secrets[l] !== undefined);
  const keyLog = labels.map((l) => `${l} ${hex(clientRandom)} ${hex(secrets[l] ?? new Uint8Array(0))}\n`).join('');
  return {
    client: log.stream('client'),
    server: log.stream('server'),
    flights: log.flights,
    keyLog,
    clientRandom,
    serverRandom,
    secrets,
  };
}

/**
 * ClientKeyExchange filler shaped as the suite's key exchange expects (RFC 5246 §7.4.7, RFC 8422 §5.7): an
 * ECDHE point in a 1-byte vector, a DH public value or an RSA-encrypted premaster secret in a 2-byte vector.
 * Dissectors (tshark) read it by that shape.
 */
function keyExchangeFiller(suiteName: string, randomBytes: (n: number) => Uint8Array): number[] {
  if (/_ECDHE?_/.test(suiteName)) return [65, 4, ...randomBytes(64)];
  return [...u16(256), ...randomBytes(256)];
}

/** Application data in exchange order: client payload i, then server payload i. */
function exchange(
  spec: TlsSessionSpec,
  send: (from: 'client' | 'server', data: Uint8Array, counter: { n: number }) => void,
  afterPair?: (pairs: number) => void,
): void {
  const counters = { client: { n: 0 }, server: { n: 0 } };
  const c = spec.clientData ?? [];
  const v = spec.serverData ?? [];
  for (let i = 0; i < Math.max(c.length, v.length); i++) {
    const out = c[i];
    const back = v[i];
    if (out !== undefined) send('client', out, counters.client);
    if (back !== undefined) send('server', back, counters.server);
    afterPair?.(i + 1);
  }
}

function buildTls12(
  spec: TlsSessionSpec,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
): TlsSession {
  const suite = TLS12_SUITES.get(spec.cipherSuite);
  if (suite === undefined) throw new Error(`not a TLS 1.2 suite: 0x${spec.cipherSuite.toString(16)}`);
  const etm = spec.encryptThenMac === true && suite.kind === 'cbc';
  const max = spec.maxFragment ?? 16_384;
  const log = new FlightLog();
  const masters: Uint8Array[] = [];
  let keyLog = '';
  // Current protection per side: none until the first ChangeCipherSpec, then the latest handshake's keys.
  const sealers: Record<'client' | 'server', Tls12Sealer | null> = { client: null, server: null };
  const send = (from: 'client' | 'server', type: number, body: Uint8Array): void => {
    const sealer = sealers[from];
    log.send(from, sealer === null ? plainRecord(type, body) : sealer.seal(type, body));
  };

  /** One handshake; renegotiations run inside the current protection (RFC 5246 §7.4.1.1). */
  const handshake = (cr: Uint8Array, sr: Uint8Array, abbreviated: boolean): void => {
    const master = randomBytes(48);
    masters.push(master);
    keyLog += `CLIENT_RANDOM ${hex(cr)} ${hex(master)}\n`;
    const keys = tls12Keys(suite, master, cr, sr);
    const changeCipherSpec = (from: 'client' | 'server'): void => {
      send(from, CONTENT_CCS, Uint8Array.of(1));
      sealers[from] = new Tls12Sealer(suite, from === 'client' ? keys.client : keys.server, etm, randomBytes);
      send(from, CONTENT_HANDSHAKE, handshakeMessage(HS_FINISHED, randomBytes(12)));
    };
    const hello = clientHello(spec, cr);
    if (sealers.client === null) log.send('client', toRecords(hello));
    else send('client', CONTENT_HANDSHAKE, hello);
    const extensions = [...ext(0xff01, [0]), ...(etm ? ext(EXT_ENCRYPT_THEN_MAC, []) : []), ...ext(23, [])];
    const sh = serverHello(sr, spec.cipherSuite, extensions, randomBytes(32));
    if (abbreviated) {
      // Resumption (RFC 5246 §7.3, Figure 2): the server finishes first.
      send('server', CONTENT_HANDSHAKE, sh);
      changeCipherSpec('server');
      changeCipherSpec('client');
      return;
    }
    send('server', CONTENT_HANDSHAKE, concat([sh, buildCertificateMessage([buildCertificate()]), SERVER_HELLO_DONE]));
    send(
      'client',
      CONTENT_HANDSHAKE,
      handshakeMessage(HS_CLIENT_KEY_EXCHANGE, keyExchangeFiller(suite.name, randomBytes)),
    );
    changeCipherSpec('client');
    changeCipherSpec('server');
  };

  handshake(clientRandom, serverRandom, spec.resumption === true);
  exchange(
    spec,
    (from, data) => {
      for (const part of fragments(data, max)) send(from, CONTENT_APPLICATION_DATA, part);
    },
    (pairs) => {
      if (pairs === spec.renegotiateAfter) handshake(randomBytes(32), randomBytes(32), false);
    },
  );
  return {
    client: log.stream('client'),
    server: log.stream('server'),
    flights: log.flights,
    keyLog,
    clientRandom,
    serverRandom,
    secrets: { CLIENT_RANDOM: masters[0] ?? new Uint8Array(0) },
  };
}
