import { describe, expect, it } from 'vitest';
import { MAX_IP_LAYERS } from '../../src/decode/packet.js';
import {
  buildFrame,
  buildIpPacket,
  erspanII,
  erspanIII,
  ethernet,
  geneve,
  gre,
  ipInIp,
  teredo,
  vxlan,
} from '../../src/writer/packet-builder.js';
import { decodeOne, layersOf } from './helpers.js';

const o4 = { version: 4 as const, src: '192.0.2.1', dst: '192.0.2.2' };
const o6 = { version: 6 as const, src: '2001:db8::a', dst: '2001:db8::b' };
const in4 = buildIpPacket({
  ip: { version: 4, src: '10.0.0.1', dst: '10.0.0.2' },
  tcp: { srcPort: 40000, dstPort: 443, flags: 'S' },
});
const in6 = buildIpPacket({
  ip: { version: 6, src: 'fd00::1', dst: 'fd00::2' },
  udp: { srcPort: 40001, dstPort: 53, payload: 'q' },
});
const inner4 = { v: 4, src: '10.0.0.1', dst: '10.0.0.2', proto: 6, sport: 40000, dport: 443 };
const inner6 = { v: 6, src: 'fd00::1', dst: 'fd00::2', proto: 17, sport: 40001, dport: 53 };

function layers(packet: Uint8Array) {
  const { out } = decodeOne(buildFrame({ packet }));
  expect(out.anomaly).toBeNull();
  return layersOf(out);
}

describe('IP-in-IP', () => {
  it.each([
    ['4in4', o4, in4, 4, inner4],
    ['6in4', o4, in6, 41, inner6],
    ['4in6', o6, in4, 4, inner4],
    ['6in6', o6, in6, 41, inner6],
  ] as const)('%s', (_name, outer, inner, proto, expected) => {
    const ls = layers(ipInIp(outer, inner));
    expect(ls).toEqual([{ v: outer.version, src: outer.src, dst: outer.dst, proto, sport: 0, dport: 0 }, expected]);
  });
});

describe('GRE', () => {
  it('carries IPv4 and IPv6 with key, sequence and checksum fields', () => {
    expect(layers(gre(o4, in4))).toEqual([{ v: 4, src: o4.src, dst: o4.dst, proto: 47, sport: 0, dport: 0 }, inner4]);
    expect(layers(gre(o6, in6, { key: 7, seq: 9, checksum: true }))[1]).toEqual(inner6);
  });

  it('carries Ethernet (transparent bridging) with VLAN tags', () => {
    expect(layers(gre(o4, ethernet(in6, { vlan: [12] }), { protocol: 0x6558, key: 1 }))[1]).toEqual(inner6);
  });

  it('carries ERSPAN type II and III', () => {
    expect(layers(erspanII(o4, ethernet(in4)))[1]).toEqual(inner4);
    expect(layers(erspanIII(o4, ethernet(in6)))[1]).toEqual(inner6);
    expect(layers(erspanIII(o6, ethernet(in4), true))[1]).toEqual(inner4);
  });

  it('stays one layer for a non-IP payload and flags a cut header', () => {
    expect(layers(gre(o4, new Uint8Array(20), { protocol: 0x0806 }))).toHaveLength(1);
    const cut = decodeOne(buildFrame({ packet: gre(o4, in4, { key: 1 }).subarray(0, 20 + 6) }));
    expect(cut.out.layerCount).toBe(1);
    expect(cut.anomalies.count('truncated-gre-header')).toBe(1);
  });
});

describe('UDP tunnels: the outer UDP layer is a layer too', () => {
  it('VXLAN', () => {
    const ls = layers(vxlan(o4, ethernet(in4), 5001));
    expect(ls).toEqual([{ v: 4, src: o4.src, dst: o4.dst, proto: 17, sport: 49152, dport: 4789 }, inner4]);
  });

  it('VXLAN on 8472 stays plain UDP (tshark does not decode that port)', () => {
    expect(layers(vxlan(o4, ethernet(in4), 1, 49152, 8472))).toHaveLength(1);
  });

  it('Geneve with options, IP and Ethernet payloads', () => {
    expect(layers(geneve(o6, in4, undefined, new Uint8Array(8)))[1]).toEqual(inner4);
    expect(layers(geneve(o4, ethernet(in6), 0x6558))[1]).toEqual(inner6);
  });

  it('Teredo with and without authentication and origin indication', () => {
    expect(layers(teredo(o4, in6))[1]).toEqual(inner6);
    expect(layers(teredo(o4, in6, { auth: true, origin: true }))[1]).toEqual(inner6);
    expect(layers(teredo(o4, in6, { origin: true, fromServer: true }))[1]).toEqual(inner6);
  });

  it('Teredo port without IPv6 inside is just UDP', () => {
    const notV6 = buildIpPacket({ ip: o4, udp: { srcPort: 3544, dstPort: 50000, payload: 'A'.repeat(60) } });
    expect(layers(notV6)).toHaveLength(1);
  });
});

describe('nesting', () => {
  it(`stops at ${MAX_IP_LAYERS} layers`, () => {
    let p = in4;
    for (let i = 0; i < MAX_IP_LAYERS + 2; i++) p = ipInIp(o4, p);
    const { out, anomalies } = decodeOne(buildFrame({ packet: p }));
    expect(out.layerCount).toBe(MAX_IP_LAYERS);
    expect(out.anomaly).toBe('too-many-ip-layers');
    expect(anomalies.count('too-many-ip-layers')).toBe(1);
  });

  it('VXLAN inside GRE inside IPv6', () => {
    const ls = layers(gre(o6, vxlan(o4, ethernet(in4))));
    expect(ls.map((l) => l.proto)).toEqual([47, 17, 6]);
  });
});
