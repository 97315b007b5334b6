/**
 * Builds packets and frames from plain descriptions, for tests, samples and the benchmark. Lengths and
 * checksums (IPv4 header, TCP, UDP, ICMP, ICMPv6 with their pseudo-headers) are filled in, so tshark shows the
 * frames as clean. Throws on a bad description (this is a tool for test writers, not a parser).
 *
 *   buildFrame({ link: 'ether', vlan: [100, 200], ip: { version: 4, src: '10.0.0.1', dst: '192.0.2.1' },
 *                tcp: { srcPort: 40000, dstPort: 443, flags: 'S' } })
 *   buildFrame({ link: 'sll', ip: { version: 6, src: '2001:db8::1', dst: '2001:db8::2' }, udp: { ... } })
 *
 * Layers compose: build an IP packet, wrap it, then frame it:
 *   const inner = buildIpPacket({ ip: {...}, udp: { srcPort: 5353, dstPort: 53, payload: 'hello' } });
 *   buildFrame({ link: 'ether', packet: vxlan({ version: 4, src, dst }, ethernet(inner), { vni: 42 }) });
 *   fragmentIp(inner, 512).map((f) => buildFrame({ packet: f }));  // IPv4 or IPv6 fragments
 * Tunnels: ipInIp (4in4, 6in4, 4in6, 6in6), gre (IP or, with teb, Ethernet), erspanII, erspanIII, vxlan,
 * geneve, teredo. `LINK_TYPES` maps link names to the LINKTYPE_* number for a capture file header.
 */
import { parseIp } from '../core/ip-format.js';

export type LinkName =
  | 'ether'
  | 'null'
  | 'loop'
  | 'raw'
  | 'ipv4'
  | 'ipv6'
  | 'sll'
  | 'sll2'
  | 'ppp'
  | 'ppp-hdlc'
  | 'chdlc'
  | 'ppi'
  | 'nflog'
  | 'ipnet'
  | 'fddi'
  | 'radiotap';

export const LINK_TYPES: Record<LinkName, number> = {
  ether: 1,
  null: 0,
  loop: 108,
  raw: 101,
  ipv4: 228,
  ipv6: 229,
  sll: 113,
  sll2: 276,
  ppp: 9,
  'ppp-hdlc': 50,
  chdlc: 104,
  ppi: 192,
  nflog: 239,
  ipnet: 226,
  fddi: 10,
  radiotap: 127,
};

export type Payload = Uint8Array | string;

export interface Ipv6Ext {
  /** 0 hop-by-hop, 43 routing, 60 destination options, 51 AH, 135 mobility, 139 HIP, 140 shim6. */
  type: number;
  /** Body bytes after the 2-byte next-header/length; padded with zeros to the header's unit. Default 6 bytes. */
  body?: Uint8Array;
}

export interface IpSpec {
  version: 4 | 6;
  src: string;
  dst: string;
  ttl?: number;
  /** IPv4 identification (default 1). */
  id?: number;
  /** IPv4 options, padded with zeros (end of list) to a multiple of 4. */
  options?: Uint8Array;
  /** IPv6 extension headers before the transport, in order. */
  extHeaders?: Ipv6Ext[];
  /** Overrides the protocol / final next header (e.g. 50 ESP, 59 no next header). */
  protocol?: number;
  /** Sets an IPv4 fragment's fields by hand (offset in bytes, multiple of 8). Prefer fragmentIp. */
  fragment?: { offset: number; more: boolean };
}

export interface TcpSpec {
  srcPort: number;
  dstPort: number;
  seq?: number;
  ack?: number;
  /** Letters F S R P A U E C, e.g. 'S', 'SA', 'PA', 'FA'. */
  flags: string;
  window?: number;
  /** TCP options, padded with zeros to a multiple of 4. */
  options?: Uint8Array;
  payload?: Payload;
}

export interface UdpSpec {
  srcPort: number;
  dstPort: number;
  payload?: Payload;
}

export interface IcmpSpec {
  type: number;
  code: number;
  /** The 4 bytes after the checksum (echo id/sequence, unused, MTU). */
  rest?: number;
  /** e.g. a quoted IP header + 8 bytes for errors: `buildIpPacket(...).subarray(0, 28)`. */
  payload?: Payload;
}

export interface PacketSpec {
  ip: IpSpec;
  tcp?: TcpSpec;
  udp?: UdpSpec;
  /** ICMP for IPv4, ICMPv6 for IPv6. */
  icmp?: IcmpSpec;
  sctp?: { srcPort: number; dstPort: number; payload?: Payload };
  /** Raw IP payload, with ip.protocol. */
  payload?: Payload;
}

export interface LinkOptions {
  link?: LinkName;
  /** Ethernet VLAN IDs, outermost first: the outer ones get 802.1ad (0x88a8), the innermost 802.1Q (0x8100). */
  vlan?: number[];
  /** Overrides the TPIDs of `vlan`, e.g. [0x9100, 0x8100]. */
  vlanTpids?: number[];
  /** Ethernet: MPLS labels, outermost first. */
  mpls?: number[];
  /** Ethernet: PPPoE session id; the IP packet goes in PPPoE + PPP. */
  pppoe?: number;
  /** null/loop: the AF_INET6 value to write (24, 28 or 30; default 24). */
  af6?: number;
}

export type FrameSpec = LinkOptions & (PacketSpec | { packet: Uint8Array });

export function bytesOf(p: Payload | undefined): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  return typeof p === 'string' ? new TextEncoder().encode(p) : p;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function addr(text: string, version: 4 | 6): Uint8Array {
  const a = parseIp(text);
  if (a === null || a.length !== (version === 4 ? 4 : 16)) throw new Error(`not an IPv${version} address: ${text}`);
  return a;
}

function u16(v: number): Uint8Array {
  return Uint8Array.of((v >> 8) & 0xff, v & 0xff);
}

function u32(v: number): Uint8Array {
  return Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function pad(b: Uint8Array, unit: number): Uint8Array {
  const n = Math.ceil(b.length / unit) * unit;
  return n === b.length ? b : concat(b, new Uint8Array(n - b.length));
}

/** RFC 1071 Internet checksum over the parts. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd = -1;
  for (const p of parts) {
    for (const byte of p) {
      if (odd < 0) odd = byte;
      else {
        sum += (odd << 8) | byte;
        odd = -1;
      }
    }
  }
  if (odd >= 0) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudoHeader(ip: IpSpec, proto: number, len: number): Uint8Array {
  const s = addr(ip.src, ip.version);
  const d = addr(ip.dst, ip.version);
  if (ip.version === 4) return concat(s, d, Uint8Array.of(0, proto), u16(len));
  return concat(s, d, u32(len), Uint8Array.of(0, 0, 0, proto));
}

function withChecksum(seg: Uint8Array, at: number, ...pre: Uint8Array[]): Uint8Array {
  const sum = internetChecksum(...pre, seg);
  // UDP: a computed 0 is sent as 0xffff (RFC 768).
  seg.set(u16(sum === 0 ? 0xffff : sum), at);
  return seg;
}

function tcpFlags(flags: string): number {
  const bits: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128 };
  let v = 0;
  for (const ch of flags.toUpperCase()) {
    const b = bits[ch];
    if (b === undefined) throw new Error(`unknown TCP flag ${ch}`);
    v |= b;
  }
  return v;
}

/** The transport segment and its protocol number for a packet description. */
function transport(spec: PacketSpec): { proto: number; seg: Uint8Array } {
  const ip = spec.ip;
  if (spec.tcp !== undefined) {
    const t = spec.tcp;
    const opts = pad(t.options ?? new Uint8Array(0), 4);
    const hdr = concat(
      u16(t.srcPort),
      u16(t.dstPort),
      u32(t.seq ?? 1000),
      u32(t.ack ?? 0),
      Uint8Array.of(((20 + opts.length) / 4) << 4, tcpFlags(t.flags)),
      u16(t.window ?? 65535),
      u16(0),
      u16(0),
      opts,
    );
    const seg = concat(hdr, bytesOf(t.payload));
    return { proto: 6, seg: withChecksum(seg, 16, pseudoHeader(ip, 6, seg.length)) };
  }
  if (spec.udp !== undefined) {
    const u = spec.udp;
    const body = bytesOf(u.payload);
    const seg = concat(u16(u.srcPort), u16(u.dstPort), u16(8 + body.length), u16(0), body);
    return { proto: 17, seg: withChecksum(seg, 6, pseudoHeader(ip, 17, seg.length)) };
  }
  if (spec.icmp !== undefined) {
    const c = spec.icmp;
    const seg = concat(Uint8Array.of(c.type, c.code, 0, 0), u32(c.rest ?? 0), bytesOf(c.payload));
    if (ip.version === 4) return { proto: 1, seg: withChecksum(seg, 2) };
    return { proto: 58, seg: withChecksum(seg, 2, pseudoHeader(ip, 58, seg.length)) };
  }
  if (spec.sctp !== undefined) {
    const c = spec.sctp;
    // Checksum left 0: tshark does not verify SCTP's CRC32c by default.
    return { proto: 132, seg: concat(u16(c.srcPort), u16(c.dstPort), u32(1), u32(0), bytesOf(c.payload)) };
  }
  return { proto: ip.protocol ?? 59, seg: bytesOf(spec.payload) };
}

/** One IP datagram (header, IPv6 extension headers, transport) from a description. */
export function buildIpPacket(spec: PacketSpec): Uint8Array {
  const { proto, seg } = transport(spec);
  return ipPacket(spec.ip, spec.ip.protocol ?? proto, seg);
}

/** An IP datagram around an arbitrary payload with the given protocol number. */
export function ipPacket(ip: IpSpec, proto: number, payload: Uint8Array): Uint8Array {
  const src = addr(ip.src, ip.version);
  const dst = addr(ip.dst, ip.version);
  if (ip.version === 4) {
    const opts = pad(ip.options ?? new Uint8Array(0), 4);
    const ihl = 20 + opts.length;
    const frag = ip.fragment === undefined ? 0x4000 : (ip.fragment.more ? 0x2000 : 0) | (ip.fragment.offset >> 3);
    const h = concat(
      Uint8Array.of(0x40 | (ihl / 4), 0),
      u16(ihl + payload.length),
      u16(ip.id ?? 1),
      u16(frag),
      Uint8Array.of(ip.ttl ?? 64, proto),
      u16(0),
      src,
      dst,
      opts,
    );
    h.set(u16(internetChecksum(h)), 10);
    return concat(h, payload);
  }
  const exts = ip.extHeaders ?? [];
  const chain: Uint8Array[] = [];
  for (let i = 0; i < exts.length; i++) {
    const e = exts[i] as Ipv6Ext;
    const next = i + 1 < exts.length ? (exts[i + 1] as Ipv6Ext).type : proto;
    const body = pad(concat(new Uint8Array(2), e.body ?? new Uint8Array(6)), 8);
    body[0] = next;
    // AH counts 4-byte words minus 2 (RFC 4302 §2.2); the others 8-byte units minus 1 (RFC 8200 §4.3).
    body[1] = e.type === 51 ? body.length / 4 - 2 : body.length / 8 - 1;
    chain.push(body);
  }
  const rest = concat(...chain, payload);
  const first = exts.length > 0 ? (exts[0] as Ipv6Ext).type : proto;
  return concat(Uint8Array.of(0x60, 0, 0, 0), u16(rest.length), Uint8Array.of(first, ip.ttl ?? 64), src, dst, rest);
}

/**
 * Splits an IPv4 or IPv6 datagram into fragments carrying at most `size` payload bytes each (rounded down to a
 * multiple of 8). IPv6 fragments get a Fragment header after the IPv6 header (extension headers of the original
 * stay in the fragmentable part). `id` defaults to the IPv4 id or 0x1234.
 */
export function fragmentIp(packet: Uint8Array, size: number, id?: number): Uint8Array[] {
  const step = Math.max(8, size & ~7);
  const v6 = (packet[0] ?? 0) >> 4 === 6;
  const hlen = v6 ? 40 : ((packet[0] ?? 0) & 0x0f) * 4;
  const data = packet.subarray(hlen);
  const out: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += step) {
    const piece = data.subarray(off, Math.min(data.length, off + step));
    const more = off + step < data.length;
    const h = packet.slice(0, hlen);
    if (v6) {
      const nh = h[6] ?? 0;
      h[6] = 44;
      h.set(u16(8 + piece.length), 4);
      const fh = concat(Uint8Array.of(nh, 0), u16(off | (more ? 1 : 0)), u32(id ?? 0x1234));
      out.push(concat(h, fh, piece));
    } else {
      h.set(u16(hlen + piece.length), 2);
      h.set(u16((more ? 0x2000 : 0) | (off >> 3)), 6);
      if (id !== undefined) h.set(u16(id), 4);
      h.set(u16(0), 10);
      h.set(u16(internetChecksum(h)), 10);
      out.push(concat(h, piece));
    }
  }
  return out;
}

const MAC_A = Uint8Array.of(0x02, 0, 0, 0, 0, 0x0a);
const MAC_B = Uint8Array.of(0x02, 0, 0, 0, 0, 0x0b);

/** An Ethernet frame around an IP packet (or `etherType` payload), with optional VLAN/MPLS/PPPoE. */
export function ethernet(packet: Uint8Array, opts: LinkOptions = {}, etherType?: number): Uint8Array {
  const v6 = (packet[0] ?? 0) >> 4 === 6;
  let type = etherType ?? (v6 ? 0x86dd : 0x0800);
  let body = packet;
  if (opts.pppoe !== undefined) {
    const ppp = concat(u16(v6 ? 0x0057 : 0x0021), packet);
    body = concat(Uint8Array.of(0x11, 0), u16(opts.pppoe), u16(ppp.length), ppp);
    type = 0x8864;
  }
  if (opts.mpls !== undefined && opts.mpls.length > 0) {
    const labels = opts.mpls.map((l, i, all) => u32(((l & 0xfffff) << 12) | (i === all.length - 1 ? 0x100 : 0) | 64));
    body = concat(...labels, body);
    type = 0x8847;
  }
  // Each tag is a TPID then a TCI; the last tag's "next type" is the frame's EtherType (IEEE 802.1Q §9.5).
  const vlan = opts.vlan ?? [];
  const tags = vlan.map((id, i) =>
    concat(u16(opts.vlanTpids?.[i] ?? (i === vlan.length - 1 ? 0x8100 : 0x88a8)), u16(id & 0x0fff)),
  );
  return concat(MAC_B, MAC_A, ...tags, u16(type), body);
}

/** A frame of the given link type around an IP packet. */
export function linkFrame(packet: Uint8Array, opts: LinkOptions = {}): Uint8Array {
  const v6 = (packet[0] ?? 0) >> 4 === 6;
  const ethType = u16(v6 ? 0x86dd : 0x0800);
  const snap = concat(Uint8Array.of(0xaa, 0xaa, 0x03, 0, 0, 0), ethType);
  switch (opts.link ?? 'ether') {
    case 'ether':
      return ethernet(packet, opts);
    case 'null': {
      const af = v6 ? (opts.af6 ?? 24) : 2;
      return concat(Uint8Array.of(af, 0, 0, 0), packet);
    }
    case 'loop':
      return concat(u32(v6 ? (opts.af6 ?? 24) : 2), packet);
    case 'raw':
    case 'ipv4':
    case 'ipv6':
      return packet.slice();
    case 'sll':
      return concat(u16(0), u16(1), u16(6), MAC_A, u16(0), ethType, packet);
    case 'sll2':
      return concat(ethType, u16(0), u32(2), u16(1), Uint8Array.of(0, 6), MAC_A, u16(0), packet);
    case 'ppp':
    case 'ppp-hdlc':
      return concat(Uint8Array.of(0xff, 0x03), u16(v6 ? 0x0057 : 0x0021), packet);
    case 'chdlc':
      return concat(Uint8Array.of(0x0f, 0x00), ethType, packet);
    case 'ppi':
      return concat(Uint8Array.of(0, 0, 8, 0, 1, 0, 0, 0), ethernet(packet, opts));
    case 'nflog': {
      // NFULA_PACKET_HDR (type 1: hw protocol, hook, pad) then NFULA_PAYLOAD (type 9), host order little-endian.
      const tlvLen = 4 + packet.length;
      const payloadTlv = pad(concat(Uint8Array.of(tlvLen & 0xff, tlvLen >> 8, 9, 0), packet), 4);
      const hdrTlv = concat(Uint8Array.of(8, 0, 1, 0), ethType, Uint8Array.of(0, 0));
      return concat(Uint8Array.of(v6 ? 10 : 2, 0, 0, 0), hdrTlv, payloadTlv);
    }
    case 'ipnet':
      return concat(Uint8Array.of(1, v6 ? 26 : 2), u16(0), u32(packet.length), new Uint8Array(16), packet);
    case 'fddi':
      return concat(Uint8Array.of(0x50), MAC_B, MAC_A, snap, packet);
    case 'radiotap': {
      const wlan = concat(Uint8Array.of(0x08, 0x01, 0, 0), MAC_B, MAC_A, MAC_B, u16(0));
      return concat(Uint8Array.of(0, 0, 8, 0, 0, 0, 0, 0), wlan, snap, packet);
    }
  }
}

/** A whole frame: `packet` if given, else the packet built from the description, wrapped for `link`. */
export function buildFrame(spec: FrameSpec): Uint8Array {
  const packet = 'packet' in spec ? spec.packet : buildIpPacket(spec);
  return linkFrame(packet, spec);
}

function versionOf(packet: Uint8Array): 4 | 6 {
  return (packet[0] ?? 0) >> 4 === 6 ? 6 : 4;
}

/** IP-in-IP: `inner` (IPv4 or IPv6) inside `outer` with protocol 4 or 41. */
export function ipInIp(outer: IpSpec, inner: Uint8Array): Uint8Array {
  return ipPacket(outer, versionOf(inner) === 4 ? 4 : 41, inner);
}

export interface GreOptions {
  key?: number;
  seq?: number;
  /** Adds the checksum field (RFC 2784 §2.5). */
  checksum?: boolean;
  /** Protocol type; default from the inner packet (IPv4/IPv6), 0x6558 when `inner` is an Ethernet frame. */
  protocol?: number;
}

/** GRE (RFC 2784/2890) around an IP packet or, with protocol 0x6558/0x88be/0x22eb, an Ethernet frame. */
export function gre(outer: IpSpec, inner: Uint8Array, opts: GreOptions = {}): Uint8Array {
  const proto = opts.protocol ?? (versionOf(inner) === 4 ? 0x0800 : 0x86dd);
  const flags =
    (opts.checksum ? 0x8000 : 0) | (opts.key !== undefined ? 0x2000 : 0) | (opts.seq !== undefined ? 0x1000 : 0);
  const parts = [u16(flags), u16(proto)];
  if (opts.checksum) parts.push(new Uint8Array(4));
  if (opts.key !== undefined) parts.push(u32(opts.key));
  if (opts.seq !== undefined) parts.push(u32(opts.seq));
  const g = concat(...parts, inner);
  if (opts.checksum) g.set(u16(internetChecksum(g)), 4);
  return ipPacket(outer, 47, g);
}

/** ERSPAN type II: GRE with sequence number, protocol 0x88be, 8-byte ERSPAN header, then the mirrored frame. */
export function erspanII(outer: IpSpec, innerEthernet: Uint8Array, session = 1, seq = 1): Uint8Array {
  const hdr = concat(u16(0x1000), u16(session & 0x3ff), u32(0));
  return gre(outer, concat(hdr, innerEthernet), { seq, protocol: 0x88be });
}

/** ERSPAN type III: GRE protocol 0x22eb, 12-byte header (+8-byte platform subheader when `platform`). */
export function erspanIII(outer: IpSpec, innerEthernet: Uint8Array, platform = false): Uint8Array {
  const hdr = concat(u16(0x2000), u16(1), u32(0), u16(0), Uint8Array.of(0, platform ? 1 : 0));
  const sub = platform ? new Uint8Array(8) : new Uint8Array(0);
  return gre(outer, concat(hdr, sub, innerEthernet), { seq: 1, protocol: 0x22eb });
}

/** VXLAN (RFC 7348): UDP to port 4789 (or `dstPort`), I flag and VNI, then the inner Ethernet frame. */
export function vxlan(outer: IpSpec, innerEthernet: Uint8Array, vni = 1, srcPort = 49152, dstPort = 4789): Uint8Array {
  const payload = concat(Uint8Array.of(0x08, 0, 0, 0), u32((vni & 0xffffff) << 8), innerEthernet);
  return buildIpPacket({ ip: outer, udp: { srcPort, dstPort, payload } });
}

/** Geneve (RFC 8926): UDP to 6081; `inner` is an IP packet, or Ethernet with protocol 0x6558. */
export function geneve(outer: IpSpec, inner: Uint8Array, protocol?: number, options = new Uint8Array(0)): Uint8Array {
  const opts = pad(options, 4);
  const proto = protocol ?? (versionOf(inner) === 4 ? 0x0800 : 0x86dd);
  const hdr = concat(Uint8Array.of(opts.length / 4, 0), u16(proto), u32(1 << 8), opts);
  return buildIpPacket({ ip: outer, udp: { srcPort: 49153, dstPort: 6081, payload: concat(hdr, inner) } });
}

/** Teredo (RFC 4380): IPv6 in UDP port 3544, with optional authentication and origin indication headers. */
export function teredo(
  outer: IpSpec,
  innerV6: Uint8Array,
  opts: { auth?: boolean; origin?: boolean; fromServer?: boolean } = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  if (opts.auth) parts.push(Uint8Array.of(0, 1, 0, 0), new Uint8Array(8), Uint8Array.of(0));
  if (opts.origin) parts.push(Uint8Array.of(0, 0, 0xf2, 0x27), new Uint8Array(4));
  const ports = opts.fromServer ? { srcPort: 3544, dstPort: 50000 } : { srcPort: 50000, dstPort: 3544 };
  return buildIpPacket({ ip: outer, udp: { ...ports, payload: concat(...parts, innerV6) } });
}
