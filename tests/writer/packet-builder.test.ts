import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  buildIpPacket,
  fragmentIp,
  gre,
  internetChecksum,
  LINK_TYPES,
  vxlan,
} from '../../src/writer/packet-builder.js';

const ip4 = { version: 4 as const, src: '10.0.0.1', dst: '10.0.0.2' };
const ip6 = { version: 6 as const, src: 'fd00::1', dst: 'fd00::2' };

function pseudo(p: Uint8Array, v6: boolean, proto: number): Uint8Array {
  const hlen = v6 ? 40 : 20;
  const seg = p.subarray(hlen);
  const addrs = v6 ? p.subarray(8, 40) : p.subarray(12, 20);
  const len = seg.length;
  const tail = v6
    ? Uint8Array.of(len >>> 24, (len >> 16) & 255, (len >> 8) & 255, len & 255, 0, 0, 0, proto)
    : Uint8Array.of(0, proto, len >> 8, len & 255);
  const all = new Uint8Array(addrs.length + tail.length + seg.length);
  all.set(addrs);
  all.set(tail, addrs.length);
  all.set(seg, addrs.length + tail.length);
  return all;
}

describe('packet builder', () => {
  it('writes valid IPv4 header, TCP and UDP checksums (a correct checksum sums to 0)', () => {
    const t = buildIpPacket({ ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'PA', payload: 'odd' } });
    expect(internetChecksum(t.subarray(0, 20))).toBe(0);
    expect(internetChecksum(pseudo(t, false, 6))).toBe(0);
    const u = buildIpPacket({ ip: ip6, udp: { srcPort: 1, dstPort: 2, payload: 'x' } });
    expect(internetChecksum(pseudo(u, true, 17))).toBe(0);
    const i6 = buildIpPacket({ ip: ip6, icmp: { type: 128, code: 0, rest: 1 } });
    expect(internetChecksum(pseudo(i6, true, 58))).toBe(0);
  });

  it('fills lengths', () => {
    const p = buildIpPacket({
      ip: { ...ip4, options: Uint8Array.of(1) },
      udp: { srcPort: 1, dstPort: 2, payload: 'abc' },
    });
    expect(p[0]).toBe(0x46);
    expect((p[2] ?? 0) * 256 + (p[3] ?? 0)).toBe(p.length);
    expect((p[24 + 4] ?? 0) * 256 + (p[24 + 5] ?? 0)).toBe(11);
    const q = buildIpPacket({
      ip: { ...ip6, extHeaders: [{ type: 0 }, { type: 51 }] },
      udp: { srcPort: 1, dstPort: 2 },
    });
    expect((q[4] ?? 0) * 256 + (q[5] ?? 0)).toBe(q.length - 40);
    expect([q[6], q[40], q[48]]).toEqual([0, 51, 17]);
  });

  it('encodes TCP flags and stacked VLAN tags', () => {
    const f = buildFrame({ vlan: [1, 2], ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'FSRPAUEC' } });
    expect([...f.subarray(12, 22)]).toEqual([0x88, 0xa8, 0, 1, 0x81, 0x00, 0, 2, 0x08, 0x00]);
    expect(f[22 + 20 + 13]).toBe(0xff);
    expect(() => buildFrame({ ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'X' } })).toThrow();
    expect(() => buildFrame({ ip: { ...ip4, src: 'fd00::1' }, udp: { srcPort: 1, dstPort: 2 } })).toThrow();
  });

  it('fragments IPv4 and IPv6 datagrams on 8-byte boundaries', () => {
    const p4 = buildIpPacket({ ip: { ...ip4, id: 7 }, udp: { srcPort: 1, dstPort: 2, payload: 'z'.repeat(100) } });
    const f4 = fragmentIp(p4, 50);
    expect(f4.map((f) => f.length - 20)).toEqual([48, 48, 12]);
    expect(f4.map((f) => ((f[6] ?? 0) << 8) | (f[7] ?? 0))).toEqual([0x2000, 0x2006, 0x000c]);
    for (const f of f4) expect(internetChecksum(f.subarray(0, 20))).toBe(0);
    const p6 = buildIpPacket({ ip: ip6, udp: { srcPort: 1, dstPort: 2, payload: 'z'.repeat(100) } });
    const f6 = fragmentIp(p6, 64, 9);
    expect(f6).toHaveLength(2);
    expect(f6.map((f) => [f[6], f[40], f[43]])).toEqual([
      [44, 17, 1],
      [44, 17, 64],
    ]);
  });

  it('builds tunnels with the right protocol numbers and ports', () => {
    const inner = buildIpPacket({ ip: ip6, udp: { srcPort: 1, dstPort: 2 } });
    expect(gre(ip4, inner)[9]).toBe(47);
    const v = vxlan(ip4, new Uint8Array(14));
    expect(((v[22] ?? 0) << 8) | (v[23] ?? 0)).toBe(4789);
    expect(LINK_TYPES.sll2).toBe(276);
  });
});
