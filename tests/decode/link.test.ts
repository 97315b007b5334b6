import { describe, expect, it } from 'vitest';
import { buildFrame, buildIpPacket, ethernet, LINK_TYPES, type LinkName } from '../../src/writer/packet-builder.js';
import { decodeOne, Harness, layersOf } from './helpers.js';

const ip4 = { version: 4 as const, src: '10.0.0.1', dst: '192.0.2.9' };
const ip6 = { version: 6 as const, src: '2001:db8::1', dst: '2001:db8::9' };
const udp = { srcPort: 40000, dstPort: 53, payload: 'query' };

const LINKS: LinkName[] = [
  'ether',
  'null',
  'loop',
  'raw',
  'sll',
  'sll2',
  'ppp',
  'ppp-hdlc',
  'chdlc',
  'ppi',
  'nflog',
  'ipnet',
  'fddi',
  'radiotap',
];

describe('link types', () => {
  for (const link of LINKS) {
    for (const ip of [ip4, ip6]) {
      it(`${link} (${LINK_TYPES[link]}) carries IPv${ip.version}`, () => {
        const { out, anomalies } = decodeOne(buildFrame({ link, ip, udp }), LINK_TYPES[link]);
        expect(out.anomaly).toBeNull();
        expect(anomalies.total).toBe(0);
        expect(layersOf(out)).toEqual([
          { v: ip.version, src: ip.src, dst: ip.dst, proto: 17, sport: 40000, dport: 53 },
        ]);
        const layer = out.layers[0];
        expect(
          new TextDecoder().decode(layer?.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen)),
        ).toBe('query');
      });
    }
  }

  it.each([
    [228, ip4],
    [229, ip6],
    [12, ip4],
    [14, ip6],
  ])('raw IP link type %i', (lt, ip) => {
    const { out } = decodeOne(buildFrame({ link: 'raw', ip, udp }), lt);
    expect(out.layerCount).toBe(1);
  });

  it.each([24, 28, 30])('BSD NULL AF_INET6 = %i in both byte orders', (af6) => {
    expect(decodeOne(buildFrame({ link: 'null', af6, ip: ip6, udp }), 0).out.layerCount).toBe(1);
    expect(decodeOne(buildFrame({ link: 'loop', af6, ip: ip6, udp }), 108).out.layerCount).toBe(1);
    // A LOOP header read by a NULL decoder (byte order swapped) still decodes.
    expect(decodeOne(buildFrame({ link: 'loop', af6, ip: ip6, udp }), 0).out.layerCount).toBe(1);
  });

  it('reads 802.11 without radiotap, IP over InfiniBand and PKTAP', () => {
    const wifi = buildFrame({ link: 'radiotap', ip: ip4, udp }).subarray(8);
    expect(decodeOne(wifi, 105).out.layerCount).toBe(1);
    const packet = buildIpPacket({ ip: ip6, udp });
    const ipoib = new Uint8Array(44 + packet.length);
    ipoib.set([0x86, 0xdd], 40);
    ipoib.set(packet, 44);
    expect(decodeOne(ipoib, 242).out.layerCount).toBe(1);
    const eth = ethernet(packet);
    const pktap = new Uint8Array(108 + eth.length);
    pktap.set([108, 0, 0, 0, 1, 0, 0, 0]);
    pktap.set(eth, 108);
    expect(decodeOne(pktap, 258).out.layerCount).toBe(1);
    expect(decodeOne(pktap, 149).out.layerCount).toBe(1);
  });

  it('reads a BSD NULL header holding flags and an EtherType', () => {
    const packet = buildIpPacket({ ip: ip4, udp });
    const frame = new Uint8Array(4 + packet.length);
    frame.set([0x0f, 0x00, 0x08, 0x00]);
    frame.set(packet, 4);
    expect(decodeOne(frame, 0).out.layerCount).toBe(1);
  });

  it('reports unsupported link types without throwing', () => {
    const { out, anomalies } = decodeOne(Uint8Array.of(1, 2, 3), 147);
    expect(out.layerCount).toBe(0);
    expect(out.anomaly).toBe('unsupported-link-type-147');
    expect(anomalies.count('unsupported-link-type-147')).toBe(1);
  });

  it('ignores non-IP frames (ARP) without an anomaly', () => {
    const arp = ethernet(new Uint8Array(28), {}, 0x0806);
    const { out, anomalies } = decodeOne(arp);
    expect(out.layerCount).toBe(0);
    expect(out.anomaly).toBeNull();
    expect(anomalies.total).toBe(0);
  });

  it('flags frames too short for their link header', () => {
    for (const [lt, n] of [
      [1, 10],
      [113, 12],
      [276, 16],
      [0, 2],
      [192, 5],
      [239, 3],
      [226, 20],
    ] as const) {
      const { out } = decodeOne(new Uint8Array(n), lt);
      expect(out.layerCount, `link ${lt}`).toBe(0);
      expect(out.anomaly, `link ${lt}`).not.toBeNull();
    }
  });
});

describe('Ethernet tags', () => {
  it('walks stacked 802.1ad/802.1Q tags', () => {
    const frame = buildFrame({ vlan: [100, 200, 300], ip: ip4, udp });
    expect(frame[12]).toBe(0x88);
    expect(frame[13]).toBe(0xa8);
    expect(decodeOne(frame).out.layerCount).toBe(1);
  });

  it('walks the legacy 0x9100 tag', () => {
    const frame = buildFrame({ vlan: [10, 20], vlanTpids: [0x9100, 0x8100], ip: ip6, udp });
    expect(decodeOne(frame).out.layers[0]?.dstPort).toBe(53);
  });

  it('stops at absurd tag stacks', () => {
    const frame = buildFrame({ vlan: new Array(20).fill(1), ip: ip4, udp });
    const { out } = decodeOne(frame);
    expect(out.layerCount).toBe(0);
    expect(out.anomaly).toBe('too-many-vlan-tags');
  });

  it('reads MPLS label stacks with IPv4 and IPv6 inside', () => {
    expect(decodeOne(buildFrame({ mpls: [16, 17, 18], ip: ip4, udp })).out.layerCount).toBe(1);
    expect(decodeOne(buildFrame({ vlan: [5], mpls: [100], ip: ip6, udp })).out.layers[0]?.ipVersion).toBe(6);
  });

  it('reads PPPoE sessions', () => {
    expect(decodeOne(buildFrame({ pppoe: 0x1234, ip: ip4, udp })).out.layerCount).toBe(1);
    expect(decodeOne(buildFrame({ vlan: [7], pppoe: 1, ip: ip6, udp })).out.layers[0]?.ipVersion).toBe(6);
  });

  it('reads 802.3 frames with LLC/SNAP', () => {
    const packet = buildIpPacket({ ip: ip4, udp });
    const llc = Uint8Array.of(0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00);
    const body = new Uint8Array(llc.length + packet.length);
    body.set(llc);
    body.set(packet, llc.length);
    const frame = ethernet(body, {}, body.length);
    expect(decodeOne(frame).out.layerCount).toBe(1);
  });

  it('ignores Ethernet padding after the IP packet', () => {
    const frame = buildFrame({ ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'A' } });
    const padded = new Uint8Array(frame.length + 6);
    padded.set(frame);
    const out = new Harness().decode(padded);
    expect(out.layers[0]?.payloadLen).toBe(0);
  });
});
