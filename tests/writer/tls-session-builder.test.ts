import { describe, expect, it } from 'vitest';
import { parseKeyLog } from '../../src/payload/keys/key-log.js';
import { parseClientHello, parseServerHello } from '../../src/payload/tls/hellos.js';
import { TlsRecordReader } from '../../src/payload/tls/record-reader.js';
import { buildTlsSession } from '../../src/writer/tls-session-builder.js';

/** Record content types of a stream, and the fragments of its first records. */
function records(stream: Uint8Array): { types: number[]; fragments: Uint8Array[] } {
  const reader = new TlsRecordReader();
  const types: number[] = [];
  const fragments: Uint8Array[] = [];
  reader.push(stream, 1, (r) => {
    types.push(r.type);
    fragments.push(r.fragment.slice());
  });
  expect(reader.error).toBeNull();
  expect(reader.offset).toBe(stream.length);
  return { types, fragments };
}

const DATA = { clientData: [Buffer.from('hello')], serverData: [Buffer.from('world')] };

describe('buildTlsSession', () => {
  it('TLS 1.3: hellos, encrypted handshake, application records, and a key log with the five secrets', () => {
    const s = buildTlsSession({ version: '1.3', cipherSuite: 0x1302, sni: 'tracker.example', seed: 7, ...DATA });
    const client = records(s.client);
    const server = records(s.server);
    expect(client.types).toEqual([22, 20, 23, 23]); // ClientHello, CCS, {Finished}, data
    expect(server.types).toEqual([22, 20, 23, 23, 23]); // ServerHello, CCS, {EE}, {Finished}, data
    const hello = parseClientHello((client.fragments[0] ?? new Uint8Array(0)).subarray(4));
    expect(hello?.random).toEqual(s.clientRandom);
    expect(Buffer.from(s.client).includes(Buffer.from('tracker.example'))).toBe(true);
    const serverHello = parseServerHello((server.fragments[0] ?? new Uint8Array(0)).subarray(4));
    expect(serverHello).toMatchObject({ version: 0x0304, cipherSuite: 0x1302, random: s.serverRandom });
    const log = parseKeyLog(s.keyLog);
    expect(log.badCount).toBe(0);
    expect(log.entries.map((e) => [e.label, e.secret.length])).toEqual([
      ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 48],
      ['SERVER_HANDSHAKE_TRAFFIC_SECRET', 48],
      ['CLIENT_TRAFFIC_SECRET_0', 48],
      ['SERVER_TRAFFIC_SECRET_0', 48],
      ['EXPORTER_SECRET', 48],
    ]);
    expect(log.entries.every((e) => Buffer.from(e.clientRandom).equals(Buffer.from(s.clientRandom)))).toBe(true);
  });

  it('TLS 1.2: plaintext handshake, ChangeCipherSpec and encrypted Finished each way, CLIENT_RANDOM', () => {
    const s = buildTlsSession({ version: '1.2', cipherSuite: 0xc02f, ...DATA });
    expect(records(s.client).types).toEqual([22, 22, 20, 22, 23]);
    expect(records(s.server).types).toEqual([22, 20, 22, 23]);
    expect(s.keyLog).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
  });

  it('flights alternate sides and add up to the two streams', () => {
    const s = buildTlsSession({ version: '1.3', cipherSuite: 0x1301, keyUpdateEvery: 1, sessionTickets: 1, ...DATA });
    expect(s.flights.map((f) => f.from)).toEqual(['client', 'server', 'client', 'server']);
    const side = (from: string) => Buffer.concat(s.flights.filter((f) => f.from === from).map((f) => f.bytes));
    expect(side('client').equals(Buffer.from(s.client))).toBe(true);
    expect(side('server').equals(Buffer.from(s.server))).toBe(true);
  });

  it('is deterministic for a seed and takes given randoms', () => {
    const a = buildTlsSession({ version: '1.2', cipherSuite: 0xc014, seed: 3, ...DATA });
    const b = buildTlsSession({ version: '1.2', cipherSuite: 0xc014, seed: 3, ...DATA });
    const c = buildTlsSession({ version: '1.2', cipherSuite: 0xc014, seed: 4, ...DATA });
    expect(Buffer.from(a.client).equals(Buffer.from(b.client))).toBe(true);
    expect(a.keyLog).toBe(b.keyLog);
    expect(a.keyLog).not.toBe(c.keyLog);
    const cr = new Uint8Array(32).fill(0xab);
    expect(buildTlsSession({ version: '1.3', cipherSuite: 0x1303, clientRandom: cr }).clientRandom).toEqual(cr);
  });

  it('refuses a suite of the other version', () => {
    expect(() => buildTlsSession({ version: '1.3', cipherSuite: 0xc02f })).toThrow(/not a TLS 1.3 suite/);
    expect(() => buildTlsSession({ version: '1.2', cipherSuite: 0x1301 })).toThrow(/not a TLS 1.2 suite/);
  });
});
