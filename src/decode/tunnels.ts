/**
 * Tunnels: given a decoded layer, find the IP packet it carries, if any. Each inner packet becomes the next
 * layer, as in tshark's conversation tables (which count the outer and the inner conversations).
 *
 * - IP-in-IP: protocol 4 (IPv4) and 41 (IPv6) inside IPv4 or IPv6 (RFC 2003, RFC 4213).
 * - GRE, protocol 47 (RFC 2784, RFC 2890 key/sequence; RFC 2637 §4.1 enhanced GRE for PPTP): the protocol type
 *   is an EtherType: IPv4, IPv6, 0x6558 transparent Ethernet bridging, MPLS, VLAN, and ERSPAN type I/II 0x88be
 *   (type II has the sequence bit and an 8-byte header, type I neither) and type III 0x22eb (12-byte header,
 *   8 more with the O flag), both followed by Ethernet.
 * - VXLAN (RFC 7348 §5): UDP port 4789, 8-byte header, then Ethernet. Port 8472 (Linux's pre-IANA default) is
 *   not decoded: tshark 4.0 does not either, and its conversation tables are what the flows must match.
 * - Geneve (RFC 8926 §3.4): UDP port 6081, 8 bytes + options (length in 4-byte words), protocol type EtherType.
 * - Teredo (RFC 4380 §5.1.1): UDP port 3544, optional authentication and origin indication headers, then
 *   IPv6 — only when the payload really looks like IPv6 (version 6, payload length fits), as tshark checks.
 * - GTP-U (3GPP TS 29.281 §5): UDP port 2152, G-PDU messages (type 0xff) carry an IPv4/IPv6 packet after the
 *   8-byte header, the 4 optional bytes (E, S or PN flag) and any extension headers.
 */
import { u16be } from '../core/bytes.js';
import { decodeEthernet, decodePpp, dispatchEtherType, NET_IPV4, NET_IPV6, NET_NONE, type NetCursor } from './link.js';
import { ETHERTYPE_ERSPAN_II, ETHERTYPE_ERSPAN_III, ETHERTYPE_TEB } from './link-types.js';
import { IPPROTO_GRE, IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_UDP, type IpLayer } from './packet.js';

export const UDP_PORT_VXLAN = 4789;
export const UDP_PORT_GENEVE = 6081;
export const UDP_PORT_TEREDO = 3544;
export const UDP_PORT_GTP_U = 2152;
/** Most GTP-U extension headers walked. */
const MAX_GTP_EXTENSIONS = 16;

/** PPTP's enhanced GRE carries PPP (RFC 2637 §4.1). */
const GRE_PROTO_PPP = 0x880b;

/**
 * Points `cur` at the packet tunnelled in `layer`'s payload. Returns false (cur.kind NET_NONE) when the layer
 * is not a tunnel or its inner packet is not IP; cur.anomaly tells when the tunnel header was damaged.
 */
export function findInner(layer: IpLayer, cur: NetCursor): boolean {
  cur.kind = NET_NONE;
  cur.anomaly = null;
  const buf = layer.buf;
  const off = layer.payloadOff;
  const end = off + layer.payloadLen;
  switch (layer.protocol) {
    case IPPROTO_IPIP:
      return set(cur, NET_IPV4, off, end);
    case IPPROTO_IPV6:
      return set(cur, NET_IPV6, off, end);
    case IPPROTO_GRE:
      return decodeGre(buf, off, end, cur);
    case IPPROTO_UDP:
      if (layer.transportTruncated) return false;
      return decodeUdpTunnel(layer.srcPort, layer.dstPort, buf, off, end, cur);
    default:
      return false;
  }
}

function set(cur: NetCursor, kind: number, off: number, end: number): boolean {
  if (off >= end) {
    cur.anomaly = 'truncated-tunnel';
    return false;
  }
  cur.kind = kind;
  cur.off = off;
  cur.end = end;
  return true;
}

function decodeGre(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 4 > end) {
    cur.anomaly = 'truncated-gre-header';
    return false;
  }
  const flags = u16be(buf, off);
  const version = flags & 0x0007;
  const proto = u16be(buf, off + 2);
  let p = off + 4;
  if (version === 1) {
    // Enhanced GRE: key (payload length + call id) always, then sequence (S) and acknowledgement (A, 0x0080).
    if (proto !== GRE_PROTO_PPP) return false;
    p += 4;
    if ((flags & 0x1000) !== 0) p += 4;
    if ((flags & 0x0080) !== 0) p += 4;
    if (p >= end) return false;
    return decodePpp(buf, p, end, cur);
  }
  if (version !== 0) return false;
  // RFC 1701 routing (R bit) is obsolete and its source routes are variable; not decoded.
  if ((flags & 0x4000) !== 0) return false;
  if ((flags & 0x8000) !== 0) p += 4; // checksum + reserved
  if ((flags & 0x2000) !== 0) p += 4; // key
  const hasSeq = (flags & 0x1000) !== 0;
  if (hasSeq) p += 4;
  if (p > end) {
    cur.anomaly = 'truncated-gre-header';
    return false;
  }
  switch (proto) {
    case ETHERTYPE_TEB:
      return decodeEthernet(buf, p, end, cur);
    case ETHERTYPE_ERSPAN_II:
      return decodeEthernet(buf, hasSeq ? p + 8 : p, end, cur);
    case ETHERTYPE_ERSPAN_III: {
      if (p + 12 > end) {
        cur.anomaly = 'truncated-erspan-header';
        return false;
      }
      const optional = ((buf[p + 11] ?? 0) & 0x01) !== 0;
      return decodeEthernet(buf, p + (optional ? 20 : 12), end, cur);
    }
    default:
      return dispatchEtherType(proto, buf, p, end, cur, 0);
  }
}

function decodeUdpTunnel(
  sport: number,
  dport: number,
  buf: Uint8Array,
  off: number,
  end: number,
  cur: NetCursor,
): boolean {
  if (dport === UDP_PORT_VXLAN || sport === UDP_PORT_VXLAN) {
    if (off + 8 > end) {
      cur.anomaly = 'truncated-vxlan-header';
      return false;
    }
    return decodeEthernet(buf, off + 8, end, cur);
  }
  if (dport === UDP_PORT_GENEVE || sport === UDP_PORT_GENEVE) {
    if (off + 8 > end) {
      cur.anomaly = 'truncated-geneve-header';
      return false;
    }
    const p = off + 8 + ((buf[off] ?? 0) & 0x3f) * 4;
    if (p > end) {
      cur.anomaly = 'truncated-geneve-header';
      return false;
    }
    const proto = u16be(buf, off + 2);
    if (proto === ETHERTYPE_TEB) return decodeEthernet(buf, p, end, cur);
    return dispatchEtherType(proto, buf, p, end, cur, 0);
  }
  if (dport === UDP_PORT_TEREDO || sport === UDP_PORT_TEREDO) return decodeTeredo(buf, off, end, cur);
  if (dport === UDP_PORT_GTP_U || sport === UDP_PORT_GTP_U) return decodeGtpU(buf, off, end, cur);
  return false;
}

/** RFC 4380 §5.1.1: auth header (0x0001, id-len, au-len, id, auth, 8-byte nonce, confirmation), origin (0x0000). */
function decodeTeredo(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  let p = off;
  if (p + 4 <= end && u16be(buf, p) === 0x0001) {
    p += 4 + (buf[p + 2] ?? 0) + (buf[p + 3] ?? 0) + 9;
  }
  if (p + 8 <= end && u16be(buf, p) === 0x0000) p += 8;
  if (p + 40 > end) return false;
  if ((buf[p] ?? 0) >> 4 !== 6) return false;
  if (p + 40 + u16be(buf, p + 4) > end) return false;
  return set(cur, NET_IPV6, p, end);
}

function decodeGtpU(buf: Uint8Array, off: number, end: number, cur: NetCursor): boolean {
  if (off + 8 > end) return false;
  const flags = buf[off] ?? 0;
  // Version 1, protocol type GTP (not GTP'), message type G-PDU.
  if (flags >> 5 !== 1 || (flags & 0x10) === 0 || buf[off + 1] !== 0xff) return false;
  const e = Math.min(end, off + 8 + u16be(buf, off + 2));
  let p = off + 8;
  if ((flags & 0x07) !== 0) {
    if (p + 4 > e) return false;
    let next = (flags & 0x04) !== 0 ? (buf[p + 3] ?? 0) : 0;
    p += 4;
    for (let i = 0; next !== 0; i++) {
      const len = (buf[p] ?? 0) * 4;
      if (i >= MAX_GTP_EXTENSIONS || len === 0 || p + len > e) return false;
      next = buf[p + len - 1] ?? 0;
      p += len;
    }
  }
  if (p >= e) return false;
  const v = (buf[p] ?? 0) >> 4;
  if (v === 4) return set(cur, NET_IPV4, p, e);
  if (v === 6) return set(cur, NET_IPV6, p, e);
  return false;
}
