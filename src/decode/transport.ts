/**
 * Transport headers (TCP, UDP, SCTP ports; ICMP/ICMPv6 type and code) into an IpLayer. The caller has set the
 * layer's protocol; `off`..`end` is the transport segment as captured (bounded by the IP length).
 *
 * A header that is cut short keeps the ports when the first four bytes are there (the layer still belongs to its
 * flow) and sets `transportTruncated`; with fewer, the ports stay 0, which the flow table counts as an anomaly.
 */
import { u16be, u32be } from '../core/bytes.js';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, type IpLayer } from './packet.js';

/** Resets the transport fields of a layer (a reused object) before they are filled. */
export function clearTransport(layer: IpLayer, off: number): void {
  layer.srcPort = 0;
  layer.dstPort = 0;
  layer.tcpFlags = 0;
  layer.tcpSeq = 0;
  layer.tcpAck = 0;
  layer.icmpType = -1;
  layer.icmpCode = -1;
  layer.payloadOff = off;
  layer.payloadLen = 0;
  layer.transportTruncated = false;
}

/**
 * Fills ports/flags/type of `layer` from buf[off, end). Returns an anomaly reason when the header is damaged,
 * else null. Protocols without a transport header we read leave the payload as everything after the IP header.
 */
export function decodeTransport(layer: IpLayer, buf: Uint8Array, off: number, end: number): string | null {
  clearTransport(layer, off);
  const avail = end - off;
  switch (layer.protocol) {
    case IPPROTO_TCP:
      return decodeTcp(layer, buf, off, end);
    case IPPROTO_UDP: {
      // RFC 768: 8-byte header; the UDP length is not trusted over the IP length (tshark flags, still counts).
      if (avail >= 4) {
        layer.srcPort = u16be(buf, off);
        layer.dstPort = u16be(buf, off + 2);
      }
      if (avail < 8) {
        layer.transportTruncated = true;
        layer.payloadOff = end;
        return 'truncated-udp-header';
      }
      layer.payloadOff = off + 8;
      layer.payloadLen = avail - 8;
      return null;
    }
    case IPPROTO_SCTP:
      // RFC 9260 §3.1: ports, verification tag, checksum (12 bytes), then chunks.
      if (avail >= 4) {
        layer.srcPort = u16be(buf, off);
        layer.dstPort = u16be(buf, off + 2);
      }
      if (avail < 12) {
        layer.transportTruncated = true;
        layer.payloadOff = end;
        return 'truncated-sctp-header';
      }
      layer.payloadOff = off + 12;
      layer.payloadLen = avail - 12;
      return null;
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6:
      // RFC 792 / RFC 4443 §2.1: type, code, checksum, then 4 type-specific bytes.
      if (avail < 2) {
        layer.transportTruncated = true;
        layer.payloadOff = end;
        return layer.protocol === IPPROTO_ICMP ? 'truncated-icmp-header' : 'truncated-icmpv6-header';
      }
      layer.icmpType = buf[off] ?? 0;
      layer.icmpCode = buf[off + 1] ?? 0;
      layer.payloadOff = Math.min(end, off + 8);
      layer.payloadLen = end - layer.payloadOff;
      layer.transportTruncated = avail < 8;
      return null;
    default:
      layer.payloadLen = Math.max(avail, 0);
      return null;
  }
}

/** RFC 9293 §3.1: 20-byte header, data offset in 32-bit words (5..15), options up to the data offset. */
function decodeTcp(layer: IpLayer, buf: Uint8Array, off: number, end: number): string | null {
  const avail = end - off;
  if (avail >= 4) {
    layer.srcPort = u16be(buf, off);
    layer.dstPort = u16be(buf, off + 2);
  }
  if (avail < 20) {
    layer.transportTruncated = true;
    layer.payloadOff = end;
    return 'truncated-tcp-header';
  }
  layer.tcpSeq = u32be(buf, off + 4);
  layer.tcpAck = u32be(buf, off + 8);
  layer.tcpFlags = buf[off + 13] ?? 0;
  const hlen = ((buf[off + 12] ?? 0) >> 4) * 4;
  if (hlen < 20) {
    // tshark stops at a bogus header length before its conversation tap: no ports, no flow.
    layer.srcPort = 0;
    layer.dstPort = 0;
    layer.transportTruncated = true;
    layer.payloadOff = end;
    return 'bad-tcp-data-offset';
  }
  if (hlen > avail) {
    layer.transportTruncated = true;
    layer.payloadOff = end;
    return 'truncated-tcp-header';
  }
  layer.payloadOff = off + hlen;
  layer.payloadLen = avail - hlen;
  return null;
}
