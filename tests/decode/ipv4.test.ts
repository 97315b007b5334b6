import { describe, expect, it } from 'vitest';
import { buildFrame, buildIpPacket } from '../../src/writer/packet-builder.js';
import { decodeOne, layersOf } from './helpers.js';

const ip = { version: 4 as const, src: '198.51.100.7', dst: '203.0.113.80' };
const tcp = { srcPort: 51000, dstPort: 443, flags: 'PA', payload: 'hello' };

function raw(bytes: Uint8Array) {
  return decodeOne(bytes, 101);
}

describe('IPv4', () => {
  it('decodes addresses, protocol and ports', () => {
    expect(layersOf(decodeOne(buildFrame({ ip, tcp })).out)).toEqual([
      { v: 4, src: ip.src, dst: ip.dst, proto: 6, sport: 51000, dport: 443 },
    ]);
  });

  it('skips options (IHL > 5)', () => {
    const options = Uint8Array.of(0x94, 0x04, 0, 0, 0x01, 0x01, 0x01, 0x00); // router alert, NOPs, EOL
    const { out } = decodeOne(buildFrame({ ip: { ...ip, options }, tcp }));
    expect(out.layers[0]?.dstPort).toBe(443);
    expect(out.layers[0]?.payloadLen).toBe(5);
  });

  it('rejects bad versions and header lengths', () => {
    const p = buildIpPacket({ ip, tcp });
    const badVersion = p.slice();
    badVersion[0] = 0x55;
    expect(decodeOne(buildFrame({ packet: badVersion })).out.anomaly).toBe('bad-ipv4-version');
    const badIhl = p.slice();
    badIhl[0] = 0x44;
    const r = decodeOne(buildFrame({ packet: badIhl }));
    expect(r.out.anomaly).toBe('bad-ipv4-ihl');
    expect(r.anomalies.count('bad-ipv4-ihl')).toBe(1);
  });

  it('reports a header cut short', () => {
    const p = buildIpPacket({ ip: { ...ip, options: new Uint8Array(8) }, tcp });
    expect(raw(p.subarray(0, 12)).out.anomaly).toBe('truncated-ipv4-header');
    expect(raw(p.subarray(0, 24)).out.anomaly).toBe('truncated-ipv4-header');
  });

  it('keeps a layer cut by the snap length, with a flag when the TCP header is incomplete', () => {
    const p = buildIpPacket({ ip, tcp });
    const cut = raw(p.subarray(0, 20 + 10)).out;
    expect(cut.layerCount).toBe(1);
    expect(cut.layers[0]?.srcPort).toBe(51000);
    expect(cut.layers[0]?.transportTruncated).toBe(true);
    expect(cut.anomaly).toBe('truncated-tcp-header');
    const payloadCut = raw(p.subarray(0, 20 + 20 + 2)).out;
    expect(payloadCut.layers[0]?.transportTruncated).toBe(false);
    expect(payloadCut.layers[0]?.payloadLen).toBe(2);
    const noPorts = raw(p.subarray(0, 22)).out;
    expect(noPorts.layers[0]?.srcPort).toBe(0);
    expect(noPorts.layers[0]?.transportTruncated).toBe(true);
  });

  it('takes a total length of 0 as the captured length (TSO captures, as tshark)', () => {
    const p = buildIpPacket({ ip, tcp });
    p[2] = 0;
    p[3] = 0;
    expect(raw(p).out.layers[0]?.payloadLen).toBe(5);
  });

  it('rejects a total length below the header length', () => {
    const p = buildIpPacket({ ip, tcp });
    p[3] = 10;
    expect(raw(p).out.anomaly).toBe('bad-ipv4-total-length');
  });
});
