/**
 * tshark as the oracle: frames built here are written to a pcap, and tshark's TCP/UDP conversation tables
 * (tshark -q -z conv,udp / conv,tcp) must agree with the layers the decoder yields — tunnels (outer UDP counted),
 * reassembled fragments (counted once, in the completing frame), ICMP errors (the quoted flow not counted).
 */
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { formatAddress } from '../../src/core/ip-format.js';
import { PacketDecoder } from '../../src/decode/decoder.js';
import { createDecodedPacket } from '../../src/decode/packet.js';
import {
  buildFrame,
  buildIpPacket,
  erspanII,
  erspanIII,
  ethernet,
  fragmentIp,
  geneve,
  gre,
  ipInIp,
  teredo,
  vxlan,
} from '../../src/writer/packet-builder.js';
import { hasTshark, type PcapRecord, tsharkConversations } from './pcap-file.js';

const o4 = { version: 4 as const, src: '192.0.2.1', dst: '192.0.2.2' };
const o6 = { version: 6 as const, src: '2001:db8::a', dst: '2001:db8::b' };

function udpPacket(version: 4 | 6, n: number, size = 20) {
  const ip =
    version === 4
      ? { version, src: `10.0.${n}.1`, dst: `10.0.${n}.2`, id: 100 + n }
      : { version, src: `fd00:${n}::1`, dst: `fd00:${n}::2` };
  return buildIpPacket({ ip, udp: { srcPort: 1000 + n, dstPort: 2000 + n, payload: 'p'.repeat(size) } });
}

function tcpPacket(n: number) {
  return buildIpPacket({
    ip: { version: 4, src: `172.16.${n}.1`, dst: `172.16.${n}.2` },
    tcp: { srcPort: 3000 + n, dstPort: 443, flags: 'S' },
  });
}

function records(): PcapRecord[] {
  const frames: Uint8Array[] = [
    buildFrame({ vlan: [10, 20], packet: udpPacket(4, 1) }),
    buildFrame({ mpls: [16], packet: tcpPacket(2) }),
    buildFrame({ packet: gre(o4, udpPacket(6, 3), { key: 5 }) }),
    buildFrame({ packet: gre(o4, ethernet(tcpPacket(4)), { protocol: 0x6558 }) }),
    buildFrame({ packet: erspanII(o4, ethernet(udpPacket(4, 5))) }),
    buildFrame({ packet: erspanIII(o6, ethernet(udpPacket(4, 6))) }),
    buildFrame({ packet: vxlan(o4, ethernet(udpPacket(6, 7)), 77, 50007) }),
    buildFrame({ packet: geneve(o6, udpPacket(4, 8)) }),
    buildFrame({ packet: teredo(o4, udpPacket(6, 9), { auth: true, origin: true }) }),
    buildFrame({ packet: ipInIp(o6, tcpPacket(10)) }),
    buildFrame({ packet: ipInIp(o4, udpPacket(6, 11)) }),
    buildFrame({
      ip: { version: 4, src: '10.0.1.2', dst: '10.0.1.1' },
      icmp: { type: 3, code: 3, payload: udpPacket(4, 1).subarray(0, 28) },
    }),
  ];
  // Fragments, in order and out of order, IPv4 and IPv6, one of them inside GRE.
  const f4 = fragmentIp(udpPacket(4, 12, 3000), 1200).map((p) => buildFrame({ packet: p }));
  const f6 = fragmentIp(udpPacket(6, 13, 3000), 1200).map((p) => buildFrame({ packet: p }));
  const fg = fragmentIp(udpPacket(4, 14, 2000), 800).map((p) => buildFrame({ packet: gre(o4, p) }));
  frames.push(...f4, f6[2] as Uint8Array, f6[0] as Uint8Array, f6[1] as Uint8Array, ...fg.reverse());
  return frames.map((data, i) => ({ data, tsMicros: 1_700_000_000_000_000 + i * 1000 }));
}

/** Conversations as the decoder sees them: "a <-> b" (sorted endpoints) → frames. */
function ours(recs: PcapRecord[], proto: number): Map<string, number> {
  const decoder = new PacketDecoder(new Anomalies(), 'oracle.pcap');
  const out = createDecodedPacket();
  const convs = new Map<string, number>();
  recs.forEach((r, i) => {
    decoder.decode(1, r.data, i + 1, r.tsMicros ?? 0, out);
    for (const l of out.layers.slice(0, out.layerCount)) {
      if (l.protocol !== proto || l.transportTruncated) continue;
      const a = `${formatAddress(l.buf, l.srcOff, l.ipVersion)}:${l.srcPort}`;
      const b = `${formatAddress(l.buf, l.dstOff, l.ipVersion)}:${l.dstPort}`;
      const key = a < b ? `${a} <-> ${b}` : `${b} <-> ${a}`;
      convs.set(key, (convs.get(key) ?? 0) + 1);
    }
  });
  return convs;
}

function theirs(recs: PcapRecord[], proto: string): Map<string, number> {
  const convs = new Map<string, number>();
  for (const c of tsharkConversations(1, recs, proto)) {
    const key = c.a < c.b ? `${c.a} <-> ${c.b}` : `${c.b} <-> ${c.a}`;
    convs.set(key, c.frames);
  }
  return convs;
}

describe.skipIf(!hasTshark())('tshark agrees on conversations', () => {
  const recs = records();

  it('UDP', () => {
    const mine = ours(recs, 17);
    expect(mine.size).toBeGreaterThan(10);
    expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(theirs(recs, 'udp')));
  });

  it('TCP', () => {
    const mine = ours(recs, 6);
    expect(mine.size).toBe(3);
    expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(theirs(recs, 'tcp')));
  });
});
