/**
 * IPv6 header (RFC 8200 §3) and its extension-header chain (§4) into an IpLayer; fragments (§4.5) go to the
 * reassembler and the chain walk goes on inside the reassembled datagram.
 *
 * Extension headers walked: hop-by-hop 0, routing 43, destination options 60, mobility 135 (RFC 6275), HIP 139
 * (RFC 7401), shim6 140 (RFC 5533) — all (len + 1) * 8 bytes — AH 51 ((len + 2) * 4, RFC 4302 §2.2) and
 * fragment 44 (8 bytes). ESP 50 and no-next-header 59 end the walk: the layer's protocol is then 50 / 59.
 *
 * Like tshark's conversation tables, the layer's addresses are the end points of the conversation, not of the
 * hop: a type 0 or 2 routing header with segments left makes its last address the destination (RFC 2460 §4.4,
 * RFC 6275 §6.4), and a Home Address destination option (RFC 6275 §6.3) makes the home address the source.
 * (tshark's ip.dst field keeps the header's address; its conversation taps, which the audit follows, do not.)
 */
import { u16be, u32be } from '../core/bytes.js';
import { FRAG_COMPLETE, FRAG_PENDING, type FragmentReassembler } from './fragments.js';
import { fail, IP_OK, type IpScratch } from './ipv4.js';
import type { IpLayer } from './packet.js';

/**
 * The most extension headers walked in one packet. Each takes at least 8 bytes, so the packet length bounds the
 * walk anyway; tshark walks long chains (libpcap's filter tests have over 100 headers) and so do we.
 */
export const MAX_IPV6_EXTENSIONS = 1024;

export function decodeIpv6(
  buf: Uint8Array,
  off: number,
  end: number,
  layer: IpLayer,
  frags: FragmentReassembler,
  tsMicros: number,
  frame: number,
  s: IpScratch,
): number {
  s.anomaly = null;
  s.counted = false;
  if (off + 40 > end) return fail(s, 'truncated-ipv6-header');
  if ((buf[off] ?? 0) >> 4 !== 6) return fail(s, 'bad-ipv6-version');
  const plen = u16be(buf, off + 4);
  // Payload length 0: a jumbogram (RFC 2675) or a TSO capture; take what was captured.
  const claimedEnd = plen === 0 ? end : off + 40 + plen;
  const truncated = claimedEnd > end;
  let ipEnd = truncated ? end : claimedEnd;
  let b = buf;
  let nh = buf[off + 6] ?? 0;
  let p = off + 40;
  layer.buf = buf;
  layer.ipVersion = 6;
  layer.srcOff = off + 8;
  layer.dstOff = off + 24;
  for (let i = 0; ; i++) {
    if (i >= MAX_IPV6_EXTENSIONS) {
      s.anomaly = 'too-many-ipv6-extensions';
      break;
    }
    let len: number;
    if (nh === 0 || nh === 43 || nh === 60 || nh === 135 || nh === 139 || nh === 140) {
      if (p + 2 > ipEnd) {
        s.anomaly = 'truncated-ipv6-extension';
        break;
      }
      len = ((b[p + 1] ?? 0) + 1) * 8;
    } else if (nh === 51) {
      if (p + 2 > ipEnd) {
        s.anomaly = 'truncated-ipv6-extension';
        break;
      }
      len = ((b[p + 1] ?? 0) + 2) * 4;
    } else if (nh === 44) {
      if (p + 8 > ipEnd) {
        s.anomaly = 'truncated-ipv6-extension';
        break;
      }
      const offFlags = u16be(b, p + 2);
      const fragOff = offFlags & 0xfff8;
      const more = (offFlags & 1) !== 0;
      const next = b[p] ?? 0;
      if (fragOff !== 0 || more) {
        // A fragment cut by the snap length cannot be reassembled (see ipv4.ts).
        if (truncated && fragOff !== 0) return fail(s, 'ipv6-fragment-truncated');
        if (!truncated) {
          const key = `6|${addrKey(b, off + 8)}|${addrKey(b, off + 24)}|${u32be(b, p + 4)}`;
          const st = frags.add(6, key, tsMicros, frame, fragOff, more, b, off, p, p + 8, ipEnd);
          if (st === FRAG_PENDING) return fail(s, 'ipv6-fragment-pending');
          if (st !== FRAG_COMPLETE) return fail(s, 'ipv6-fragment-dropped', true);
          b = frags.result;
          layer.buf = b;
          layer.srcOff = 8;
          layer.dstOff = 24;
          p = frags.resultHeaderLen;
          ipEnd = b.length;
          nh = next;
          continue;
        }
      }
      // Atomic fragment (RFC 6946) or an unreassemblable first fragment: read on.
      nh = next;
      p += 8;
      continue;
    } else {
      break;
    }
    if (p + len > ipEnd) {
      s.anomaly = 'truncated-ipv6-extension';
      break;
    }
    if (nh === 43) finalDestination(b, p, len, layer);
    else if (nh === 60) homeAddress(b, p, len, layer);
    nh = b[p] ?? 0;
    p += len;
  }
  layer.protocol = nh;
  s.buf = b;
  s.tOff = s.anomaly === null ? p : ipEnd;
  s.tEnd = ipEnd;
  return IP_OK;
}

/** A 16-byte address as four 32-bit words: a fragment key part without formatting the address. */
function addrKey(b: Uint8Array, off: number): string {
  return `${u32be(b, off)}.${u32be(b, off + 4)}.${u32be(b, off + 8)}.${u32be(b, off + 12)}`;
}

/** Routing header at p (length len, within bounds): types 0 and 2 list addresses after 8 bytes. */
function finalDestination(b: Uint8Array, p: number, len: number, layer: IpLayer): void {
  const type = b[p + 2] ?? 0;
  const segmentsLeft = b[p + 3] ?? 0;
  if ((type !== 0 && type !== 2) || segmentsLeft === 0 || len < 24) return;
  layer.dstOff = p + 8 + Math.floor((len - 8) / 16 - 1) * 16;
}

/** Destination options at p: option 0xc9 (Home Address, 16 bytes) replaces the source. Pad1 is one byte. */
function homeAddress(b: Uint8Array, p: number, len: number, layer: IpLayer): void {
  let o = p + 2;
  const end = p + len;
  while (o < end) {
    const type = b[o] ?? 0;
    if (type === 0) {
      o++;
      continue;
    }
    if (o + 2 > end) return;
    const olen = b[o + 1] ?? 0;
    if (type === 0xc9 && olen === 16 && o + 18 <= end) {
      layer.srcOff = o + 2;
      return;
    }
    o += 2 + olen;
  }
}
