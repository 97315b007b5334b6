import { describe, expect, it } from 'vitest';
import { TLS12_SUITES, TLS13_SUITES } from '../../../src/payload/tls/cipher-suites.js';
import { MAX_QUEUED_BYTES, TlsConnectionDecoder } from '../../../src/payload/tls/tls-connection-decoder.js';
import { buildTlsSession, type TlsSessionSpec } from '../../../src/writer/tls-session-builder.js';
import { concatPayloads, decodeFlights, newDecoder, pushChunked, storeOf } from './helpers.js';

const REQUEST = Buffer.from('GET /v1/collect?uid=12345 HTTP/1.1\r\nHost: tracker.example\r\n\r\n');
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
const BIG = Buffer.alloc(40_000, 0x61);

function spec(version: '1.2' | '1.3', cipherSuite: number, extra: Partial<TlsSessionSpec> = {}): TlsSessionSpec {
  return { version, cipherSuite, clientData: [REQUEST, BIG], serverData: [RESPONSE, BIG.subarray(0, 1000)], ...extra };
}

function expectRoundTrip(s: TlsSessionSpec, sizes?: number[]): void {
  const session = buildTlsSession(s);
  const d = decodeFlights(session, session.keyLog, sizes);
  expect(d.decoder.reason).toBeNull();
  expect(d.decoder.status).toBe('decrypted');
  expect(d.out.equals(concatPayloads(s.clientData))).toBe(true);
  expect(d.in.equals(concatPayloads(s.serverData))).toBe(true);
  expect(d.decoder.plaintextBytes).toEqual({ out: d.out.length, in: d.in.length });
  expect(d.decoder.version).toBe(s.version);
  expect(d.decoder.cipherSuite).toBe(s.cipherSuite);
}

describe('TlsConnectionDecoder round trips', () => {
  for (const [code, suite] of TLS13_SUITES) {
    it(`TLS 1.3 ${suite.name}`, () => expectRoundTrip(spec('1.3', code)));
  }
  for (const [code, suite] of TLS12_SUITES) {
    it(`TLS 1.2 ${suite.name}`, () => expectRoundTrip(spec('1.2', code)));
    if (suite.kind === 'cbc') {
      it(`TLS 1.2 ${suite.name} with encrypt_then_mac`, () =>
        expectRoundTrip(spec('1.2', code, { encryptThenMac: true })));
    }
  }

  for (const sizes of [[1], [2], [3], [5], [8], [13], [1, 2, 3, 5, 8, 13], [1460]]) {
    it(`survives chunks of ${sizes.join(',')} bytes (1.3 and 1.2 CBC)`, () => {
      const small = { clientData: [REQUEST, REQUEST], serverData: [RESPONSE, RESPONSE] };
      expectRoundTrip(spec('1.3', 0x1301, { ...small, keyUpdateEvery: 1, padding: 7 }), sizes);
      expectRoundTrip(spec('1.2', 0xc013, small), sizes);
    });
  }

  it('follows KeyUpdates in both directions and skips padding and session tickets', () => {
    expectRoundTrip(
      spec('1.3', 0x1302, {
        clientData: [REQUEST, BIG, REQUEST],
        serverData: [RESPONSE, BIG, RESPONSE],
        maxFragment: 4096,
        keyUpdateEvery: 3,
        padding: 100,
        sessionTickets: 2,
      }),
    );
  });

  it('reads accepted 0-RTT data as client plaintext, before the rest, in any stream order', () => {
    const early = Buffer.from('POST /early HTTP/1.1\r\n\r\n');
    const session = buildTlsSession(spec('1.3', 0x1303, { earlyData: [early] }));
    const d = decodeFlights(session);
    expect(d.decoder.status).toBe('decrypted');
    expect(d.out.equals(Buffer.concat([early, REQUEST, BIG]))).toBe(true);
    // All client bytes first: the 0-RTT records wait for the server's EncryptedExtensions.
    const e = newDecoder(session.keyLog);
    e.decoder.push('out', session.client, 1);
    expect(e.out.length).toBe(0);
    e.decoder.push('in', session.server, 2);
    expect(e.out.equals(Buffer.concat([early, REQUEST, BIG]))).toBe(true);
  });

  it('skips rejected 0-RTT data (EncryptedExtensions without early_data, or a HelloRetryRequest)', () => {
    for (const extra of [{ earlyDataRejected: true }, { helloRetry: true }]) {
      const session = buildTlsSession(spec('1.3', 0x1301, { earlyData: [Buffer.from('lost')], ...extra }));
      const d = decodeFlights(session);
      expect(d.decoder.status).toBe('decrypted');
      expect(d.out.equals(Buffer.concat([REQUEST, BIG]))).toBe(true);
      expect(d.in.equals(Buffer.concat([RESPONSE, BIG.subarray(0, 1000)]))).toBe(true);
    }
  });

  it('0-RTT data without the server handshake secret: delivered (the answer cannot be read)', () => {
    const early = Buffer.from('early');
    const session = buildTlsSession(spec('1.3', 0x1301, { earlyData: [early], earlyDataRejected: true }));
    const keyLog = session.keyLog
      .split('\n')
      .filter((l) => !l.startsWith('SERVER_HANDSHAKE'))
      .join('\n');
    const d = newDecoder(keyLog);
    d.decoder.push('out', session.client, 1);
    d.decoder.push('in', session.server, 2);
    expect(d.out.equals(Buffer.concat([early, REQUEST, BIG]))).toBe(true);
    // A gap in the server stream before its answer also releases the waiting 0-RTT data.
    const g = newDecoder(session.keyLog);
    g.decoder.push('out', session.client, 1);
    const serverHelloRecord = 5 + Buffer.from(session.server).readUInt16BE(3);
    g.decoder.push('in', session.server.subarray(0, serverHelloRecord), 2);
    expect(g.out.length).toBe(0);
    g.decoder.gap('in');
    expect(g.out.subarray(0, early.length).equals(early)).toBe(true);
  });

  it('reads a HelloRetryRequest handshake', () => expectRoundTrip(spec('1.3', 0x1302, { helloRetry: true })));

  it('decrypts with the traffic secrets only (no handshake secrets): trial decryption', () => {
    const session = buildTlsSession(spec('1.3', 0x1301, { sessionTickets: 1, keyUpdateEvery: 2 }));
    const keyLog = session.keyLog
      .split('\n')
      .filter((l) => !l.includes('HANDSHAKE'))
      .join('\n');
    const d = decodeFlights(session, keyLog);
    expect(d.decoder.status).toBe('decrypted');
    expect(d.out.equals(Buffer.concat([REQUEST, BIG]))).toBe(true);
    expect(d.in.equals(Buffer.concat([RESPONSE, BIG.subarray(0, 1000)]))).toBe(true);
  });

  it('takes the streams in any relative order (all client bytes first, or all server bytes first)', () => {
    for (const v of ['1.2', '1.3'] as const) {
      const s = spec(v, v === '1.3' ? 0x1301 : 0xc02f);
      const session = buildTlsSession(s);
      for (const order of [
        ['out', 'in'],
        ['in', 'out'],
      ] as const) {
        const d = newDecoder(session.keyLog);
        for (const dir of order) pushChunked(d.decoder, dir, dir === 'out' ? session.client : session.server, [700]);
        expect(d.decoder.status).toBe('decrypted');
        expect(d.out.equals(concatPayloads(s.clientData))).toBe(true);
        expect(d.in.equals(concatPayloads(s.serverData))).toBe(true);
      }
    }
  });

  it('TLS 1.2 resumption (abbreviated handshake) and renegotiation, in any stream order', () => {
    const three = { clientData: [REQUEST, BIG, REQUEST], serverData: [RESPONSE, RESPONSE, BIG] };
    for (const extra of [{ resumption: true }, { renegotiateAfter: 1 }, { resumption: true, renegotiateAfter: 2 }]) {
      for (const suite of [0xc02f, 0xc013, 0xcca8]) {
        const s = spec('1.2', suite, { ...three, ...extra, encryptThenMac: true });
        const session = buildTlsSession(s);
        expect(session.keyLog.split('\n').length).toBe('renegotiateAfter' in extra ? 3 : 2);
        expectRoundTrip(s);
        for (const first of ['out', 'in'] as const) {
          const d = newDecoder(session.keyLog);
          for (const dir of [first, first === 'out' ? 'in' : 'out'] as const) {
            pushChunked(d.decoder, dir, dir === 'out' ? session.client : session.server, [999]);
          }
          expect(d.decoder.status).toBe('decrypted');
          expect(d.out.equals(concatPayloads(three.clientData))).toBe(true);
          expect(d.in.equals(concatPayloads(three.serverData))).toBe(true);
        }
      }
    }
  });

  it('renegotiation without the second key: decrypts up to it, then no-key', () => {
    const s = spec('1.2', 0xc030, { renegotiateAfter: 1 });
    const session = buildTlsSession(s);
    const firstKeyOnly = session.keyLog.split('\n')[0] ?? '';
    const d = decodeFlights(session, firstKeyOnly);
    expect(d.decoder.status).toBe('decrypted');
    expect(d.out.equals(REQUEST)).toBe(true);
    expect(d.in.equals(RESPONSE)).toBe(true);
    expect(d.decoder.reason).toMatch(/^no key for client random/);
  });

  it('reports the frame that carried the start of each record', () => {
    const session = buildTlsSession(spec('1.2', 0xc02f, { clientData: [REQUEST], serverData: [] }));
    const d = newDecoder(session.keyLog);
    d.decoder.push('in', session.server, 2);
    const cut = session.client.length - 10;
    d.decoder.push('out', session.client.subarray(0, cut), 7);
    d.decoder.push('out', session.client.subarray(cut), 8);
    expect(d.calls).toEqual([{ dir: 'out', bytes: REQUEST.length, frame: 7 }]);
  });
});

describe('TlsConnectionDecoder failures', () => {
  it('no key → no-key, naming the client random', () => {
    for (const v of ['1.2', '1.3'] as const) {
      const session = buildTlsSession(spec(v, v === '1.3' ? 0x1301 : 0x009c));
      const d = decodeFlights(session, '# empty\n');
      expect(d.decoder.status).toBe('no-key');
      expect(d.decoder.reason).toBe(
        `no key for client random ${Buffer.from(session.clientRandom).toString('hex').slice(0, 16)}…`,
      );
      expect(d.decoder.plaintextBytes).toEqual({ out: 0, in: 0 });
    }
  });

  it('one direction without its traffic secret: the other still decrypts', () => {
    const session = buildTlsSession(spec('1.3', 0x1301));
    const keyLog = session.keyLog
      .split('\n')
      .filter((l) => !l.startsWith('SERVER_TRAFFIC_SECRET_0'))
      .join('\n');
    const d = decodeFlights(session, keyLog);
    expect(d.decoder.status).toBe('decrypted');
    expect(d.decoder.reason).toContain('SERVER_TRAFFIC_SECRET_0');
    expect(d.in.length).toBe(0);
    expect(d.out.length).toBe(REQUEST.length + BIG.length);
  });

  it('a wrong key → decrypt-failed', () => {
    for (const [v, suite] of [
      ['1.2', 0xc02f],
      ['1.2', 0xc014],
      ['1.3', 0x1303],
    ] as const) {
      const session = buildTlsSession(spec(v, suite));
      const other = buildTlsSession({ ...spec(v, suite), seed: 99, clientRandom: session.clientRandom });
      const d = decodeFlights(session, other.keyLog);
      expect(d.decoder.status).toBe('decrypt-failed');
      expect(d.decoder.reason).toMatch(/failed authentication|opened under no key/);
    }
  });

  it('a flipped bit in an application record → decrypt-failed for that direction only', () => {
    const session = buildTlsSession(spec('1.2', 0xc02f, { clientData: [REQUEST, REQUEST], serverData: [RESPONSE] }));
    const client = Buffer.from(session.client);
    const bit = client.length - 20;
    client[bit] = (client[bit] ?? 0) ^ 1;
    const d = newDecoder(session.keyLog);
    d.decoder.push('out', client, 1);
    d.decoder.push('in', session.server, 2);
    expect(d.decoder.status).toBe('decrypted');
    expect(d.out.equals(REQUEST)).toBe(true);
    expect(d.in.equals(RESPONSE)).toBe(true);
    expect(d.decoder.reason).toMatch(/client → server: application_data record 2 .* failed authentication/);
  });

  it('unsupported suite and version', () => {
    const session = buildTlsSession(spec('1.2', 0xc02f));
    const server = Buffer.from(session.server);
    // The ServerHello's suite sits after record header (5), handshake header (4), version, random, session id.
    const at = 5 + 4 + 2 + 32 + 1 + 32;
    expect(server.readUInt16BE(at)).toBe(0xc02f);
    server.writeUInt16BE(0x000a, at);
    const d = newDecoder(session.keyLog);
    d.decoder.push('out', session.client, 1);
    d.decoder.push('in', server, 2);
    expect(d.decoder.status).toBe('unsupported-suite');
    expect(d.decoder.reason).toBe('cipher suite 0x000a (TLS_RSA_WITH_3DES_EDE_CBC_SHA) not supported');
    expect(d.decoder.cipherSuite).toBe(0x000a);

    server.writeUInt16BE(0xc02f, at);
    server.writeUInt16BE(0x0302, 5 + 4);
    const old = newDecoder(session.keyLog);
    old.decoder.push('out', session.client, 1);
    old.decoder.push('in', server, 2);
    expect(old.decoder.status).toBe('unsupported-suite');
    expect(old.decoder.reason).toBe('protocol version TLS 1.1 (0x0302) not supported');
    expect(old.decoder.version).toBeNull();
  });

  it('not TLS', () => {
    const d = newDecoder('');
    d.decoder.push('out', Buffer.from('GET / HTTP/1.1\r\n\r\n'), 1);
    expect(d.decoder.status).toBe('not-tls');
    const ssh = newDecoder('');
    ssh.decoder.push('out', Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), 1);
    expect(ssh.decoder.status).toBe('not-tls');
  });

  it('a capture that starts after the handshake is incomplete, not decryptable', () => {
    const session = buildTlsSession(spec('1.3', 0x1301));
    const d = newDecoder(session.keyLog);
    const firstAppRecord = session.flights[2]?.bytes ?? new Uint8Array(0); // client CCS + Finished
    d.decoder.push('out', firstAppRecord.subarray(6), 1);
    expect(d.decoder.status).toBe('incomplete');
    expect(d.decoder.reason).toMatch(/not a ClientHello/);
  });

  it('incomplete until application data arrives', () => {
    const session = buildTlsSession(spec('1.3', 0x1301));
    const d = newDecoder(session.keyLog);
    expect(d.decoder.status).toBe('incomplete');
    d.decoder.push('out', session.flights[0]?.bytes ?? new Uint8Array(0), 1);
    expect(d.decoder.status).toBe('incomplete');
    expect(d.decoder.reason).toBe('no ServerHello yet');
    expect(d.decoder.version).toBeNull();
  });

  it('gap: stops that direction; status gap when nothing was decrypted', () => {
    const session = buildTlsSession(spec('1.3', 0x1301));
    const d = newDecoder(session.keyLog);
    d.decoder.push('out', session.client.subarray(0, 100), 1);
    d.decoder.gap('out');
    d.decoder.push('out', session.client.subarray(200), 2);
    expect(d.decoder.status).toBe('gap');
    d.decoder.push('in', session.server, 3);
    expect(d.decoder.status).toBe('gap');
    expect(d.decoder.plaintextBytes).toEqual({ out: 0, in: 0 });

    // A gap in one direction after the handshake leaves the other direction decrypting.
    const e = newDecoder(session.keyLog);
    e.decoder.push('out', session.client, 1);
    e.decoder.gap('in');
    e.decoder.push('in', session.server, 2);
    expect(e.decoder.status).toBe('gap');
    const f = newDecoder(session.keyLog);
    f.decoder.push('in', session.server.subarray(0, session.server.length - 50), 1);
    f.decoder.gap('in');
    f.decoder.push('out', session.client, 2);
    expect(f.decoder.status).toBe('decrypted');
    expect(f.decoder.plaintextBytes.out).toBe(REQUEST.length + BIG.length);
  });

  it('bounds what waits for the other direction, empty records included', () => {
    const session = buildTlsSession(spec('1.3', 0x1301, { clientData: [Buffer.alloc(1_200_000)] }));
    const d = newDecoder(session.keyLog);
    d.decoder.push('out', session.client, 1); // no server bytes: everything after the ClientHello waits
    expect(d.decoder.status).toBe('incomplete');
    expect(d.decoder.reason).toBe(`client → server: over ${MAX_QUEUED_BYTES} bytes waited for the ServerHello`);
    const empty = Buffer.alloc(5 * 300_000);
    for (let i = 0; i < empty.length; i += 5) empty.set([23, 3, 3, 0, 0], i);
    const e = newDecoder(session.keyLog);
    e.decoder.push('out', Buffer.concat([session.flights[0]?.bytes ?? new Uint8Array(0), empty]), 1);
    expect(e.decoder.reason).toMatch(/waited for the ServerHello/);
  });

  it('never calls back for an empty key store and counts nothing', () => {
    const session = buildTlsSession(spec('1.2', 0xcca8));
    const d = new TlsConnectionDecoder(storeOf(''), () => {
      throw new Error('no plaintext expected');
    });
    d.push('out', session.client, 1);
    d.push('in', session.server, 2);
    expect(d.status).toBe('no-key');
  });
});
