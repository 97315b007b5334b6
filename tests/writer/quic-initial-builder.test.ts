import { describe, expect, it } from 'vitest';
import { QuicInitialTracker } from '../../src/decode/names/quic/initial-tracker.js';
import { initialFlight } from '../../src/writer/quic-initial-builder.js';
import { buildClientHello } from '../../src/writer/tls-client-hello-builder.js';

describe('initialFlight', () => {
  it.each([1, 2, 3])('builds %i Initial packet(s) the decoder reads back, in either order', (parts) => {
    const hello = buildClientHello({ sni: 'www.example.nl', alpn: ['h3'], versions: [0x0304], pqKeyShare: true });
    for (const reverse of [false, true]) {
      const tracker = new QuicInitialTracker();
      const packets = initialFlight(hello, Buffer.from('0011223344556677', 'hex'), { parts, reverse });
      expect(packets).toHaveLength(parts);
      let result = tracker.feed(packets[0] ?? new Uint8Array(0), 1);
      for (let i = 1; i < packets.length; i++) result = tracker.feed(packets[i] ?? new Uint8Array(0), i + 1);
      expect(result.kind).toBe('done');
      if (result.kind === 'done') expect(result.clientHello.serverName).toBe('www.example.nl');
      for (const p of packets) expect(p.length).toBeGreaterThanOrEqual(1200);
    }
  });
});
