/**
 * Link layers → the network-layer header they carry. Each decoder moves a reusable `NetCursor` to where the
 * IPv4/IPv6 header starts; nothing is allocated per packet. Anything that is not IP (ARP, LLDP, STP, 802.11
 * management, encrypted Wi-Fi) ends with kind NET_NONE and, when the frame is damaged, an anomaly reason.
 *
 * The Ethernet decoder is shared with the tunnels that carry Ethernet (GRE TEB, ERSPAN, VXLAN, Geneve).
 */
import { u16be, u16le, u32be, u32le } from '../core/bytes.js';
import {
  BSD_AF_INET,
  BSD_AF_INET6_BSD,
  BSD_AF_INET6_DARWIN,
  BSD_AF_INET6_FREEBSD,
  DLT_RAW_12,
  DLT_RAW_14,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ETHERTYPE_MPLS,
  ETHERTYPE_MPLS_MULTICAST,
  ETHERTYPE_PPPOE_SESSION,
  ETHERTYPE_QINQ,
  ETHERTYPE_QINQ_LEGACY,
  ETHERTYPE_VLAN,
  LINKTYPE_C_HDLC,
  LINKTYPE_ETHERNET,
  LINKTYPE_FDDI,
  LINKTYPE_IEEE802_11,
  LINKTYPE_IEEE802_11_RADIOTAP,
  LINKTYPE_IPNET,
  LINKTYPE_IPOIB,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NFLOG,
  LINKTYPE_NULL,
  LINKTYPE_PKTAP,
  LINKTYPE_PKTAP_DARWIN,
  LINKTYPE_PPI,
  LINKTYPE_PPP,
  LINKTYPE_PPP_HDLC,
  LINKTYPE_RAW,
  LINUX_AF_INET6,
  PPP_IPV4,
  PPP_IPV6,
} from './link-types.js';

export const NET_NONE = 0;
export const NET_IPV4 = 4;
export const NET_IPV6 = 6;

/** Where the network layer starts; `end` is the end of captured data that belongs to it. */
export interface NetCursor {
  kind: number;
  off: number;
  end: number;
  /** Set when the link layer itself was damaged or not understood. */
  anomaly: string | null;
}

export function createNetCursor(): NetCursor {
  return { kind: NET_NONE, off: 0, end: 0, anomaly: null };
}

/** The most VLAN tags / MPLS labels walked before giving up (hostile frames could repeat them to the end). */
export const MAX_LINK_TAGS = 16;

const ANOMALY_UNSUPPORTED = new Map<number, string>();

function unsupported(linkType: number): string {
  let reason = ANOMALY_UNSUPPORTED.get(linkType);
  if (reason === undefined) {
    reason = `unsupported-link-type-${linkType}`;
    if (ANOMALY_UNSUPPORTED.size < 1024) ANOMALY_UNSUPPORTED.set(linkType, reason);
  }
  return reason;
}

function none(cur: NetCursor, anomaly: string | null): boolean {
  cur.kind = NET_NONE;
  cur.anomaly = anomaly;
  return false;
}

function ip(cur: NetCursor, kind: number, off: number, end: number): boolean {
  if (off >= end) return none(cur, 'truncated-link-header');
  cur.kind = kind;
  cur.off = off;
  cur.end = end;
  cur.anomaly = null;
  return true;
}

/** Raw IP: the version nibble tells the family. */
function byVersion(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off >= end) return none(cur, 'truncated-link-header');
  const v = (buf[off] ?? 0) >> 4;
  if (v === 4) return ip(cur, NET_IPV4, off, end);
  if (v === 6) return ip(cur, NET_IPV6, off, end);
  return none(cur, 'bad-ip-version');
}

export function decodeLink(linkType: number, buf: Uint8Array, cur: NetCursor, depth = 0): boolean {
  return decodeLinkAt(linkType, buf, 0, buf.length, cur, depth);
}

/** decodeLink over the frame `buf[off, end)` (a record inside a reader's larger buffer). */
export function decodeLinkAt(
  linkType: number,
  buf: Uint8Array,
  off: number,
  end: number,
  cur: NetCursor,
  depth: number,
): boolean {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return decodeEthernet(buf, off, end, cur);
    // LINKTYPE_IPV4/IPV6 too go by the version nibble: tshark decodes an IPv6 packet in an IPv4-only file.
    case LINKTYPE_RAW:
    case DLT_RAW_12:
    case DLT_RAW_14:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return byVersion(buf, off, end, cur);
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP:
      return decodeNull(buf, off, end, cur);
    case LINKTYPE_LINUX_SLL:
      // 16-byte header; protocol (EtherType) in its last two bytes.
      if (off + 16 > end) return none(cur, 'truncated-link-header');
      return dispatchEtherType(u16be(buf, off + 14), buf, off + 16, end, cur, 0);
    case LINKTYPE_LINUX_SLL2:
      // 20-byte header; protocol (EtherType) in its first two bytes.
      if (off + 20 > end) return none(cur, 'truncated-link-header');
      return dispatchEtherType(u16be(buf, off), buf, off + 20, end, cur, 0);
    case LINKTYPE_PPP:
    case LINKTYPE_PPP_HDLC:
      return decodePpp(buf, off, end, cur);
    case LINKTYPE_C_HDLC:
      // Cisco HDLC: address, control, then an EtherType.
      if (off + 4 > end) return none(cur, 'truncated-link-header');
      return dispatchEtherType(u16be(buf, off + 2), buf, off + 4, end, cur, 0);
    case LINKTYPE_PPI:
      return decodePpi(buf, off, end, cur, depth);
    case LINKTYPE_NFLOG:
      return decodeNflog(buf, off, end, cur);
    case LINKTYPE_IPNET:
      return decodeIpnet(buf, off, end, cur);
    case LINKTYPE_FDDI:
      // Frame control + two 6-byte addresses, then 802.2 LLC.
      if (off + 13 > end) return none(cur, 'truncated-link-header');
      return decodeLlc(buf, off + 13, end, cur);
    case LINKTYPE_IEEE802_11_RADIOTAP:
      return decodeRadiotap(buf, off, end, cur);
    case LINKTYPE_IEEE802_11:
      return decodeIeee80211(buf, off, end, cur);
    case LINKTYPE_IPOIB:
      // IP over InfiniBand (LINKTYPE_IPOIB): 20-byte source and destination hardware addresses, then the
      // RFC 4391 §6 encapsulation header: EtherType, 2 reserved bytes.
      if (off + 44 > end) return none(cur, 'truncated-link-header');
      return dispatchEtherType(u16be(buf, off + 40), buf, off + 44, end, cur, 0);
    case LINKTYPE_PKTAP:
    case LINKTYPE_PKTAP_DARWIN: {
      // Apple PKTAP: little-endian header length, then the DLT of the packet that follows it.
      if (off + 8 > end || depth > 0) return none(cur, 'truncated-link-header');
      const len = u32le(buf, off);
      if (len < 8 || off + len > end) return none(cur, 'bad-pktap-header');
      return decodeLinkAt(u32le(buf, off + 4), buf, off + len, end, cur, depth + 1);
    }
    default:
      return none(cur, unsupported(linkType));
  }
}

/**
 * Ethernet II / 802.3. A type/length field below 0x0600 is an 802.3 length: then 802.2 LLC follows (IEEE 802.3
 * §3.2.6). The EtherType dispatch walks VLAN tags, MPLS and PPPoE.
 */
export function decodeEthernet(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 14 > end) return none(cur, 'truncated-ethernet-header');
  const type = u16be(buf, off + 12);
  if (type < 0x0600) return decodeLlc(buf, off + 14, Math.min(end, off + 14 + type), cur);
  return dispatchEtherType(type, buf, off + 14, end, cur, 0);
}

export function dispatchEtherType(
  type: number,
  buf: Uint8Array,
  off: number,
  end: number,
  cur: NetCursor,
  tags: number,
): boolean {
  switch (type) {
    case ETHERTYPE_IPV4:
      return ip(cur, NET_IPV4, off, end);
    case ETHERTYPE_IPV6:
      return ip(cur, NET_IPV6, off, end);
    case ETHERTYPE_VLAN:
    case ETHERTYPE_QINQ:
    case ETHERTYPE_QINQ_LEGACY:
      // IEEE 802.1Q §9.6: 2-byte TCI, then the next EtherType.
      if (tags >= MAX_LINK_TAGS) return none(cur, 'too-many-vlan-tags');
      if (off + 4 > end) return none(cur, 'truncated-vlan-tag');
      return dispatchEtherType(u16be(buf, off + 2), buf, off + 4, end, cur, tags + 1);
    case ETHERTYPE_MPLS:
    case ETHERTYPE_MPLS_MULTICAST:
      return decodeMpls(buf, off, end, cur);
    case ETHERTYPE_PPPOE_SESSION: {
      // RFC 2516 §4: ver/type, code, session id, payload length; then the PPP protocol field.
      if (off + 8 > end) return none(cur, 'truncated-pppoe-header');
      const len = u16be(buf, off + 4);
      const pend = Math.min(end, off + 6 + len);
      return dispatchPpp(u16be(buf, off + 6), off + 8, pend, cur);
    }
    default:
      return none(cur, null);
  }
}

/** RFC 3032 §2.1: 4-byte label stack entries until the bottom-of-stack bit; the payload type is not signalled. */
function decodeMpls(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  let p = off;
  for (let i = 0; i < MAX_LINK_TAGS; i++) {
    if (p + 4 > end) return none(cur, 'truncated-mpls-label');
    const bottom = ((buf[p + 2] ?? 0) & 0x01) !== 0;
    p += 4;
    if (bottom) return byVersionOrNone(buf, p, end, cur);
  }
  return none(cur, 'too-many-mpls-labels');
}

/** Like byVersion, but a non-IP payload (e.g. an Ethernet pseudowire) is not an anomaly. */
function byVersionOrNone(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off >= end) return none(cur, 'truncated-link-header');
  const v = (buf[off] ?? 0) >> 4;
  if (v === 4) return ip(cur, NET_IPV4, off, end);
  if (v === 6) return ip(cur, NET_IPV6, off, end);
  return none(cur, null);
}

/** BSD loopback: a 4-byte address family, host byte order (NULL) or network byte order (LOOP); accept both. */
function decodeNull(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 4 > end) return none(cur, 'truncated-link-header');
  const le = u32le(buf, off);
  const af = le <= 0xffff ? le : u32be(buf, off);
  if (af === BSD_AF_INET) return ip(cur, NET_IPV4, off + 4, end);
  if (af === BSD_AF_INET6_BSD || af === BSD_AF_INET6_FREEBSD || af === BSD_AF_INET6_DARWIN) {
    return ip(cur, NET_IPV6, off + 4, end);
  }
  // Some systems write 2 bytes of flags then an EtherType instead of an address family (tshark accepts it).
  const type = u16be(buf, off + 2);
  if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) return dispatchEtherType(type, buf, off + 4, end, cur, 0);
  return none(cur, null);
}

/** RFC 1662 §3.1: optional 0xff 0x03 address/control, then a 1- or 2-byte protocol field (RFC 1661 §6.5). */
export function decodePpp(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  let p = off;
  if (p + 2 <= end && buf[p] === 0xff && buf[p + 1] === 0x03) p += 2;
  if (p >= end) return none(cur, 'truncated-link-header');
  if (((buf[p] ?? 0) & 0x01) === 1) return dispatchPpp(buf[p] ?? 0, p + 1, end, cur);
  if (p + 2 > end) return none(cur, 'truncated-link-header');
  return dispatchPpp(u16be(buf, p), p + 2, end, cur);
}

function dispatchPpp(proto: number, off: number, end: number, cur: NetCursor): boolean {
  if (proto === PPP_IPV4) return ip(cur, NET_IPV4, off, end);
  if (proto === PPP_IPV6) return ip(cur, NET_IPV6, off, end);
  return none(cur, null);
}

/** 802.2 LLC with SNAP (RFC 1042): AA AA 03, 3-byte OUI, EtherType. Other SAPs carry no IP we decode. */
function decodeLlc(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 8 > end) return none(cur, null);
  if (buf[off] !== 0xaa || buf[off + 1] !== 0xaa || buf[off + 2] !== 0x03) return none(cur, null);
  return dispatchEtherType(u16be(buf, off + 6), buf, off + 8, end, cur, 0);
}

/** PPI (PPI spec §3.1): version, flags, header length (LE), DLT (LE); the packet follows the header. */
function decodePpi(buf: Uint8Array, off: number, end: number, cur: NetCursor, depth: number): boolean {
  if (off + 8 > end) return none(cur, 'truncated-link-header');
  const len = u16le(buf, off + 2);
  const dlt = u32le(buf, off + 4);
  if (len < 8 || off + len > end) return none(cur, 'bad-ppi-header');
  if (depth > 0) return none(cur, 'bad-ppi-header');
  return decodeLinkAt(dlt, buf, off + len, end, cur, depth + 1);
}

/**
 * NFLOG (tcpdump.org LINKTYPE_NFLOG): family, version, resource id, then TLVs with length and type in host byte
 * order (length includes the 4-byte TLV header, padded to 4). Type 9 (NFULA_PAYLOAD) holds the IP packet.
 */
function decodeNflog(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 4 > end) return none(cur, 'truncated-link-header');
  const family = buf[off] ?? 0;
  // Byte order of the TLV fields: the first TLV length read both ways; the plausible one wins.
  const firstLe = u16le(buf, off + 4);
  const bigEndian = off + 8 <= end && (firstLe < 4 || off + 4 + firstLe > end) && u16be(buf, off + 4) >= 4;
  let p = off + 4;
  while (p + 4 <= end) {
    const len = bigEndian ? u16be(buf, p) : u16le(buf, p);
    const type = (bigEndian ? u16be(buf, p + 2) : u16le(buf, p + 2)) & 0x7fff;
    if (len < 4 || p + len > end) return none(cur, 'bad-nflog-tlv');
    if (type === 9) {
      const s = p + 4;
      const e = p + len;
      if (family === BSD_AF_INET) return ip(cur, NET_IPV4, s, e);
      if (family === LINUX_AF_INET6) return ip(cur, NET_IPV6, s, e);
      return byVersion(buf, s, e, cur);
    }
    p += (len + 3) & ~3;
  }
  return none(cur, null);
}

/** Solaris IPNET (LINKTYPE_IPNET): 24-byte header, family 2 (IPv4) or 26 (IPv6). */
function decodeIpnet(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 24 > end) return none(cur, 'truncated-link-header');
  const family = buf[off + 1] ?? 0;
  if (family === 2) return ip(cur, NET_IPV4, off + 24, end);
  if (family === 26) return ip(cur, NET_IPV6, off + 24, end);
  return none(cur, null);
}

/**
 * Radiotap (radiotap.org): little-endian header length at byte 2, then an IEEE 802.11 frame.
 */
function decodeRadiotap(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 4 > end) return none(cur, 'truncated-link-header');
  const p = off + u16le(buf, off + 2);
  return decodeIeee80211(buf, p, end, cur);
}

/** IEEE 802.11 (§9.2): unprotected data frames with LLC/SNAP; the FCS, if any, is cut by the IP length. */
function decodeIeee80211(buf: Uint8Array, p: number, end: number, cur: NetCursor): boolean {
  if (p + 24 > end) return none(cur, 'truncated-link-header');
  const fc0 = buf[p] ?? 0;
  const fc1 = buf[p + 1] ?? 0;
  if (((fc0 >> 2) & 0x03) !== 2) return none(cur, null); // not a data frame
  if ((fc1 & 0x40) !== 0) return none(cur, null); // protected: encrypted payload
  const subtype = fc0 >> 4;
  if ((subtype & 0x04) !== 0) return none(cur, null); // null / no-data frames
  let hdr = 24;
  if ((fc1 & 0x03) === 0x03) hdr += 6; // ToDS and FromDS: fourth address
  if ((subtype & 0x08) !== 0) {
    hdr += 2; // QoS control
    if ((fc1 & 0x80) !== 0) hdr += 4; // +HTC
  }
  return decodeLlc(buf, p + hdr, end, cur);
}
