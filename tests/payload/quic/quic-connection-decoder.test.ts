import { describe, expect, it } from 'vitest';
import { QUIC_V1, QUIC_V2 } from '../../../src/decode/names/quic/versions.js';
import type { SecretLookup } from '../../../src/payload/types.js';
import { protectInitial } from '../../../src/writer/quic-initial-builder.js';
import {
  type BuiltQuicConnection,
  buildQuicConnection,
  type QuicConnectionSpec,
  type QuicDatagram,
} from '../../../src/writer/quic-protected-builder.js';
import { decode, EMPTY_LOOKUP, keyLogLookup, pattern, shuffled, text } from './quic-test-kit.js';

const STREAMS: NonNullable<QuicConnectionSpec['streams']> = [
  { id: 0, dir: 'out', data: text('GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n') },
  { id: 0, dir: 'in', data: pattern(5000) },
  { id: 4, dir: 'out', data: pattern(3000, 7) },
  { id: 4, dir: 'in', data: text('pong') },
  { id: 8, dir: 'out', data: new Uint8Array(0) },
  { id: 2, dir: 'out', data: text('\x00\x04settings'), fin: false },
  { id: 3, dir: 'in', data: pattern(20_000, 1) },
];

const BIG_STREAMS: NonNullable<QuicConnectionSpec['streams']> = [
  { id: 0, dir: 'out', data: pattern(12_000, 5) },
  { id: 0, dir: 'in', data: pattern(40_000, 9) },
  { id: 4, dir: 'in', data: pattern(15_000, 2) },
];

/** Decodes a connection's datagrams (optionally rearranged) and checks every stream came out whole. */
function roundTrip(spec: QuicConnectionSpec, arrange?: (d: QuicDatagram[]) => QuicDatagram[]): BuiltQuicConnection {
  const built = buildQuicConnection(spec);
  const datagrams = arrange ? arrange(built.datagrams) : built.datagrams;
  const { decoder, collector } = decode(datagrams, keyLogLookup(built.keylog));
  expect(decoder.status, decoder.reason ?? '').toBe('decrypted');
  expect(collector.errors).toEqual([]);
  for (const s of [...(spec.streams ?? []), ...(spec.zeroRttStreams ?? [])]) {
    const key = `${s.dir}:${s.id}`;
    expect(collector.data.get(key) ?? Buffer.alloc(0), key).toEqual(Buffer.from(s.data));
    expect(collector.fins.has(key), `${key} fin`).toBe(s.fin !== false);
  }
  expect(decoder.version).toBe(built.version);
  return built;
}

function expectSameStreamBytes(spec: QuicConnectionSpec): void {
  const built = buildQuicConnection(spec);
  const { decoder } = decode(built.datagrams, keyLogLookup(built.keylog));
  expect(decoder.streamBytes).toEqual(built.streamBytes);
}

describe('round trips', () => {
  for (const [name, version] of [
    ['v1', QUIC_V1],
    ['v2', QUIC_V2],
    ['draft-29', 0xff00001d],
    ['draft-22', 0xff000016],
  ] as const) {
    for (const cipherSuite of [0x1301, 0x1302, 0x1303]) {
      it(`${name}, suite 0x${cipherSuite.toString(16)}`, () => {
        roundTrip({ version, cipherSuite, streams: STREAMS });
        expectSameStreamBytes({ version, cipherSuite, streams: STREAMS });
      });
      it(`${name}, suite 0x${cipherSuite.toString(16)}, key update every 3 packets`, () => {
        roundTrip({ version, cipherSuite, streams: BIG_STREAMS, keyUpdateEvery: 3 });
      });
    }
  }

  it('packets in separate datagrams (no coalescing)', () => {
    roundTrip({ streams: STREAMS, coalesce: false });
  });

  it('STREAM frames sent last-first', () => {
    roundTrip({ streams: BIG_STREAMS, reverseFrames: true, maxFrameData: 300 });
  });

  it('Retry: Initial keys from the Retry source connection ID', () => {
    roundTrip({ streams: STREAMS, retry: true });
    roundTrip({ version: QUIC_V2, cipherSuite: 0x1303, streams: STREAMS, retry: true, coalesce: false });
  });

  it('NEW_CONNECTION_ID: the client switches to a connection ID of another length', () => {
    roundTrip({ streams: BIG_STREAMS, newConnectionId: true });
    roundTrip({ streams: BIG_STREAMS, newConnectionId: true, serverCidLength: 0, newConnectionIdLength: 20 });
    roundTrip({ streams: BIG_STREAMS, clientCidLength: 0, serverCidLength: 20 });
  });

  it('0-RTT data with CLIENT_EARLY_TRAFFIC_SECRET', () => {
    const built = roundTrip({
      streams: STREAMS,
      zeroRttStreams: [{ id: 12, dir: 'out', data: text('GET /early HTTP/1.1\r\n\r\n') }],
    });
    expect(built.keylog).toContain('CLIENT_EARLY_TRAFFIC_SECRET');
  });

  it('a reset stream ends with fin and no more data', () => {
    const spec: QuicConnectionSpec = {
      streams: [{ id: 16, dir: 'out', data: text('partial'), fin: false }],
      resetStreams: [16],
    };
    const built = buildQuicConnection(spec);
    const { decoder, collector } = decode(built.datagrams, keyLogLookup(built.keylog));
    expect(decoder.status).toBe('decrypted');
    expect(collector.text('out', 16)).toBe('partial');
    expect(collector.fins.has('out:16')).toBe(true);
  });

  it('datagrams in random order (1-RTT before the handshake, server before client, across key updates)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const spec: QuicConnectionSpec = { seed, streams: STREAMS, coalesce: seed % 2 === 0 };
      roundTrip(spec, (d) => shuffled(d, seed));
      roundTrip({ ...spec, cipherSuite: 0x1303, keyUpdateEvery: 2 }, (d) => shuffled(d, seed * 7));
    }
  });

  it('more early packets than the queue holds: the loss is told in the reason', () => {
    const built = buildQuicConnection({ streams: BIG_STREAMS, maxFrameData: 300 });
    // The client's first Initial last: every other packet waits for it.
    const late = [...built.datagrams.slice(1), built.datagrams[0] as QuicDatagram];
    const { decoder, collector } = decode(late, keyLogLookup(built.keylog));
    expect(decoder.status).toBe('decrypted');
    expect(decoder.reason).toMatch(/early packets dropped \(queue full\)/);
    expect(collector.errors).toEqual([]);
  });

  it('repeated datagrams: bytes handed on once, counted every time (as tshark counts them)', () => {
    const built = roundTrip({ streams: STREAMS }, (d) => d.flatMap((x) => [x, x]));
    const { decoder } = decode(
      built.datagrams.flatMap((x) => [x, x]),
      keyLogLookup(built.keylog),
    );
    expect(decoder.streamBytes).toEqual({ out: 2 * built.streamBytes.out, in: 2 * built.streamBytes.in });
  });

  it('reads a datagram at an offset inside a larger buffer', () => {
    const built = buildQuicConnection({ streams: STREAMS });
    const { decoder: d2, collector } = decode([], keyLogLookup(built.keylog));
    built.datagrams.forEach((d, i) => {
      const big = Buffer.concat([Buffer.alloc(17, 0xff), d.bytes, Buffer.alloc(9, 0xee)]);
      d2.onDatagram(d.dir, big, 17, d.bytes.length, i + 1);
    });
    expect(d2.status).toBe('decrypted');
    expect(collector.text('in', 4)).toBe('pong');
  });

  it('the ServerHello missing: the suite is found by trying those that fit the secret length', () => {
    for (const cipherSuite of [0x1301, 0x1302, 0x1303]) {
      // Without coalescing the server Initial (ServerHello) is datagram 1.
      roundTrip({ cipherSuite, streams: STREAMS, coalesce: false }, (d) => d.filter((_, i) => i !== 1));
    }
  });
});

/** A lookup with the connection's labels but other secret bytes. */
function wrongSecrets(keylog: string): SecretLookup {
  return keyLogLookup(
    keylog
      .split('\n')
      .map((line) => line.replace(/ ([0-9a-f]+)$/, (_, s: string) => ` ${'5a'.repeat(s.length / 2)}`))
      .join('\n'),
  );
}

describe('statuses', () => {
  const built = buildQuicConnection({ streams: STREAMS });

  it('wrong secrets: decrypt-failed, nothing handed on, bounded work', () => {
    const many = [...built.datagrams, ...Array.from({ length: 200 }, () => built.datagrams.at(-2) as QuicDatagram)];
    const { decoder, collector } = decode(many, wrongSecrets(built.keylog));
    expect(decoder.status).toBe('decrypt-failed');
    expect(decoder.reason).toMatch(/did not decrypt/);
    expect(collector.calls).toBe(0);
    expect(decoder.streamBytes).toEqual({ out: 0, in: 0 });
  });

  it('an empty key log: no-key', () => {
    const { decoder } = decode(built.datagrams, EMPTY_LOOKUP);
    expect(decoder.status).toBe('no-key');
    expect(decoder.reason).toBe('the key log is empty');
  });

  it("another connection's secrets only: no-key", () => {
    const other = buildQuicConnection({ seed: 99 });
    const { decoder } = decode(built.datagrams, keyLogLookup(other.keylog));
    expect(decoder.status).toBe('no-key');
    expect(decoder.reason).toMatch(/no application traffic secrets for this ClientHello/);
  });

  it('handshake secrets only: no-key', () => {
    const keylog = built.keylog
      .split('\n')
      .filter((l) => l.includes('HANDSHAKE'))
      .join('\n');
    expect(decode(built.datagrams, keyLogLookup(keylog)).decoder.status).toBe('no-key');
  });

  it("the client's traffic secret only: decrypted, the client's streams only", () => {
    const keylog = built.keylog
      .split('\n')
      .filter((l) => !l.startsWith('SERVER_TRAFFIC'))
      .join('\n');
    const { decoder, collector } = decode(built.datagrams, keyLogLookup(keylog));
    expect(decoder.status).toBe('decrypted');
    expect(decoder.reason).toMatch(/SERVER_TRAFFIC_SECRET_0/);
    expect(collector.text('out', 4)).toBe(Buffer.from(pattern(3000, 7)).toString('latin1'));
    expect(collector.data.has('in:4')).toBe(false);
    expect(decoder.streamBytes.in).toBe(0);
  });

  it('a cipher suite QUIC decryption does not support: unsupported-suite', () => {
    const ccm = buildQuicConnection({ cipherSuite: 0x1304, streams: STREAMS });
    const { decoder } = decode(ccm.datagrams, keyLogLookup(ccm.keylog));
    expect(decoder.status).toBe('unsupported-suite');
    expect(decoder.reason).toMatch(/0x1304/);
  });

  it('a first client datagram that is not QUIC: not-tls', () => {
    const dns = Buffer.from('abcd01000001000000000000076578616d706c6503636f6d0000010001', 'hex');
    expect(decode([{ dir: 'out', bytes: dns }], keyLogLookup(built.keylog)).decoder.status).toBe('not-tls');
    const shortDns = Buffer.from('1234010000010000', 'hex');
    expect(decode([{ dir: 'out', bytes: shortDns }], keyLogLookup(built.keylog)).decoder.status).toBe('incomplete');
    const junk = Buffer.concat([Buffer.of(0xc3, 0, 0, 0, 1, 0x30), Buffer.alloc(60, 1)]);
    const { decoder } = decode([{ dir: 'out', bytes: junk }, ...built.datagrams], keyLogLookup(built.keylog));
    expect(decoder.status).toBe('not-tls');
  });

  it('an Initial whose CRYPTO data is no ClientHello: not-tls', () => {
    const dcid = Buffer.from('0011223344556677', 'hex');
    const payload = Buffer.concat([Buffer.of(0x06, 0x00, 0x05), Buffer.from('16030', 'latin1'), Buffer.alloc(1100)]);
    const initial = protectInitial({ dcid, packetNumber: 0, payload });
    const { decoder } = decode([{ dir: 'out', bytes: initial }], keyLogLookup(built.keylog));
    expect(decoder.status).toBe('not-tls');
  });

  it('a capture that starts after the handshake: incomplete, with a reason', () => {
    const late = built.datagrams.slice(4);
    const { decoder } = decode(late, keyLogLookup(built.keylog));
    expect(decoder.status).toBe('incomplete');
    expect(decoder.reason).toMatch(/no QUIC long-header packet seen|ClientHello/);
  });

  it('a Version Negotiation packet is ignored', () => {
    const vn = Buffer.concat([
      Buffer.of(0x80, 0, 0, 0, 0, 4, 1, 2, 3, 4, 4, 5, 6, 7, 8),
      Buffer.from('00000001ff00001d', 'hex'),
    ]);
    const { decoder } = decode(
      [built.datagrams[0] as QuicDatagram, { dir: 'in', bytes: vn }, ...built.datagrams.slice(1)],
      keyLogLookup(built.keylog),
    );
    expect(decoder.status).toBe('decrypted');
  });

  it('hostile offsets and lengths do not throw', () => {
    const { decoder } = decode([], keyLogLookup(built.keylog));
    const d = built.datagrams[0]?.bytes ?? new Uint8Array(0);
    for (const [off, len] of [
      [-5, 10],
      [d.length + 10, 10],
      [10, -1],
      [0, d.length * 3],
      [Number.NaN, 4],
    ]) {
      expect(() => decoder.onDatagram('out', d, off as number, len as number, 1)).not.toThrow();
    }
  });
});
