import { describe, expect, it } from 'vitest';
import { parseLongHeader } from '../../src/decode/names/quic/header.js';
import { QuicInitialTracker } from '../../src/decode/names/quic/initial-tracker.js';
import { QUIC_V2 } from '../../src/decode/names/quic/versions.js';
import { buildQuicConnection } from '../../src/writer/quic-protected-builder.js';

const streams = [
  { id: 0, dir: 'out' as const, data: Buffer.from('GET / HTTP/1.1\r\n\r\n') },
  { id: 0, dir: 'in' as const, data: Buffer.alloc(3000, 7) },
];

describe('buildQuicConnection', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = buildQuicConnection({ seed: 3, streams });
    const b = buildQuicConnection({ seed: 3, streams });
    const c = buildQuicConnection({ seed: 4, streams });
    expect(a.datagrams.map((d) => Buffer.from(d.bytes).toString('hex'))).toEqual(
      b.datagrams.map((d) => Buffer.from(d.bytes).toString('hex')),
    );
    expect(a.keylog).toBe(b.keylog);
    expect(c.keylog).not.toBe(a.keylog);
  });

  it('writes an NSS key log for the ClientHello random, with secrets of the suite hash length', () => {
    for (const [cipherSuite, hexLength] of [
      [0x1301, 64],
      [0x1302, 96],
      [0x1303, 64],
    ] as const) {
      const built = buildQuicConnection({ cipherSuite, streams });
      const random = Buffer.from(built.clientRandom).toString('hex');
      const lines = built.keylog.trim().split('\n');
      expect(lines.map((l) => l.split(' ')[0])).toEqual([
        'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
        'SERVER_HANDSHAKE_TRAFFIC_SECRET',
        'CLIENT_TRAFFIC_SECRET_0',
        'SERVER_TRAFFIC_SECRET_0',
      ]);
      for (const line of lines) {
        const [, r, secret] = line.split(' ');
        expect(r).toBe(random);
        expect(secret).toHaveLength(hexLength);
      }
    }
    expect(buildQuicConnection({ zeroRttStreams: [{ id: 4, dir: 'out', data: Buffer.from('x') }] }).keylog).toMatch(
      /^CLIENT_EARLY_TRAFFIC_SECRET /,
    );
  });

  it("its client Initial is one the project's SNI reader decodes, padded to 1200 bytes", () => {
    for (const version of [1, QUIC_V2]) {
      const built = buildQuicConnection({ version, sni: 'quic.example.org', streams });
      const first = built.datagrams[0];
      expect(first?.dir).toBe('out');
      expect(first?.bytes.length).toBeGreaterThanOrEqual(1200);
      const result = new QuicInitialTracker().feed(first?.bytes ?? new Uint8Array(0), 1);
      expect(result.kind).toBe('done');
      if (result.kind === 'done') {
        expect(result.clientHello.serverName).toBe('quic.example.org');
        expect(result.version).toBe(version);
      }
    }
  });

  it('coalesces the handshake flights unless told not to, and sends a Retry when asked', () => {
    const coalesced = buildQuicConnection({ streams });
    const separate = buildQuicConnection({ streams, coalesce: false });
    expect(separate.datagrams.length).toBe(coalesced.datagrams.length + 3);
    const serverFlight = coalesced.datagrams[1]?.bytes ?? new Uint8Array(0);
    const initial = parseLongHeader(serverFlight, 0);
    expect(initial.kind === 'ok' && initial.header.type).toBe('initial');
    if (initial.kind === 'ok') {
      const handshake = parseLongHeader(serverFlight, initial.header.end);
      expect(handshake.kind === 'ok' && handshake.header.type).toBe('handshake');
    }
    const retried = buildQuicConnection({ streams, retry: true });
    const retry = parseLongHeader(retried.datagrams[1]?.bytes ?? new Uint8Array(0), 0);
    expect(retry.kind === 'ok' && retry.header.type).toBe('retry');
    expect(retried.datagrams[2]?.bytes.length).toBeGreaterThanOrEqual(1200);
  });

  it('counts the STREAM bytes it sends', () => {
    expect(buildQuicConnection({ streams }).streamBytes).toEqual({ out: 18, in: 3000 });
  });
});
