import { describe, expect, it } from 'vitest';
import { buildFrame, buildIpPacket, ethernet } from '../../src/writer/packet-builder.js';
import { decodeOne, layersOf } from './helpers.js';

const ip = { version: 6 as const, src: '2001:db8:1::10', dst: '2a00:1450::200e' };
const udp = { srcPort: 5353, dstPort: 443, payload: 'quic' };

describe('IPv6', () => {
  it('decodes a plain header', () => {
    expect(layersOf(decodeOne(buildFrame({ ip, udp })).out)).toEqual([
      { v: 6, src: ip.src, dst: ip.dst, proto: 17, sport: 5353, dport: 443 },
    ]);
  });

  it('walks every extension header kind to the transport', () => {
    const extHeaders = [0, 60, 43, 51, 135, 139, 140, 60].map((type) => ({ type, body: new Uint8Array(14) }));
    const { out } = decodeOne(buildFrame({ ip: { ...ip, extHeaders }, udp }));
    expect(out.anomaly).toBeNull();
    expect(layersOf(out)[0]).toMatchObject({ proto: 17, sport: 5353, dport: 443 });
    expect(out.layers[0]?.payloadLen).toBe(4);
  });

  it.each([50, 59])('ends the chain at protocol %i without ports', (protocol) => {
    const { out } = decodeOne(
      buildFrame({ ip: { ...ip, protocol, extHeaders: [{ type: 0 }] }, payload: new Uint8Array(16) }),
    );
    expect(layersOf(out)).toEqual([{ v: 6, src: ip.src, dst: ip.dst, proto: protocol, sport: 0, dport: 0 }]);
  });

  it('treats an atomic fragment (offset 0, no more) as no fragment', () => {
    const p = buildIpPacket({ ip, udp });
    const frag = new Uint8Array(p.length + 8);
    frag.set(p.subarray(0, 40));
    frag[6] = 44;
    frag[5] = (p[5] ?? 0) + 8;
    frag.set(Uint8Array.of(17, 0, 0, 0, 0, 0, 0, 1), 40);
    frag.set(p.subarray(40), 48);
    const { out } = decodeOne(frag, 229);
    expect(out.anomaly).toBeNull();
    expect(out.layers[0]?.dstPort).toBe(443);
  });

  it('keeps the layer and flags a truncated extension header', () => {
    const p = buildIpPacket({ ip: { ...ip, extHeaders: [{ type: 0, body: new Uint8Array(30) }] }, udp });
    const { out, anomalies } = decodeOne(p.subarray(0, 50), 229);
    expect(out.layerCount).toBe(1);
    expect(out.layers[0]?.protocol).toBe(0);
    expect(anomalies.count('truncated-ipv6-extension')).toBe(1);
  });

  it('stops on endless extension chains', () => {
    const extHeaders = new Array(1100).fill(0).map(() => ({ type: 60 }));
    const { out } = decodeOne(buildFrame({ ip: { ...ip, extHeaders }, udp }));
    expect(out.anomaly).toBe('too-many-ipv6-extensions');
    expect(out.layers[0]?.srcPort).toBe(0);
  });

  it('rejects a short or wrong-version header', () => {
    const p = buildIpPacket({ ip, udp });
    expect(decodeOne(p.subarray(0, 39), 229).out.anomaly).toBe('truncated-ipv6-header');
    const bad = p.slice();
    bad[0] = 0x40;
    expect(decodeOne(ethernet(bad, {}, 0x86dd)).out.anomaly).toBe('bad-ipv6-version');
  });
});
