/**
 * IPv4 header (RFC 791 §3.1) into an IpLayer, with fragments handed to the reassembler.
 *
 *   0       4       8              16    19                      31
 *   | ver | IHL |  TOS  |        total length         |
 *   |     identification      |flags|  fragment offset |
 *   |  TTL  | protocol |       header checksum         |
 *   source address, destination address, options (IHL > 5)
 *
 * The total length bounds the datagram (Ethernet padding after it is ignored); when fewer bytes were captured
 * (snap length) the layer is built from what is there. A total length of 0 is taken as "whatever was
 * captured", as tshark does for TSO/LSO captures (its ip.tso_support preference, on by default).
 */
import { u16be, u32be } from '../core/bytes.js';
import { FRAG_COMPLETE, FRAG_PENDING, type FragmentReassembler } from './fragments.js';
import type { IpLayer } from './packet.js';

/** The layer's IP header is decoded; the transport segment is scratch.buf[tOff, tEnd). */
export const IP_OK = 0;
/** No layer: damaged header (scratch.anomaly) or a fragment that does not complete its datagram. */
export const IP_NO_LAYER = 1;

/** Per-decoder scratch passed between the IP decoders and the decoder loop (reused, never allocated per packet). */
export interface IpScratch {
  buf: Uint8Array;
  tOff: number;
  tEnd: number;
  anomaly: string | null;
  /** True when `anomaly` was already counted (the reassembler counts its own reasons). */
  counted: boolean;
}

export function createIpScratch(): IpScratch {
  return { buf: new Uint8Array(0), tOff: 0, tEnd: 0, anomaly: null, counted: false };
}

/** Ends IP decoding with a named anomaly (counted: already counted by the reassembler). */
export function fail(s: IpScratch, reason: string, counted = false): number {
  s.anomaly = reason;
  s.counted = counted;
  return IP_NO_LAYER;
}

export function decodeIpv4(
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
  if (off + 20 > end) return fail(s, 'truncated-ipv4-header');
  const b0 = buf[off] ?? 0;
  if (b0 >> 4 !== 4) return fail(s, 'bad-ipv4-version');
  const ihl = (b0 & 0x0f) * 4;
  if (ihl < 20) return fail(s, 'bad-ipv4-ihl');
  if (off + ihl > end) return fail(s, 'truncated-ipv4-header');
  let total = u16be(buf, off + 2);
  if (total === 0) total = end - off;
  if (total < ihl) return fail(s, 'bad-ipv4-total-length');
  const truncated = off + total > end;
  const ipEnd = truncated ? end : off + total;
  const proto = buf[off + 9] ?? 0;
  layer.buf = buf;
  layer.ipVersion = 4;
  layer.srcOff = off + 12;
  layer.dstOff = off + 16;
  layer.protocol = proto;
  s.buf = buf;
  s.tOff = off + ihl;
  s.tEnd = ipEnd;
  const flagsFrag = u16be(buf, off + 6);
  const more = (flagsFrag & 0x2000) !== 0;
  const fragOff = (flagsFrag & 0x1fff) * 8;
  if (!more && fragOff === 0) return IP_OK;
  // A fragment cut by the snap length cannot be reassembled; tshark then dissects a first fragment's transport
  // header as it is and shows later ones only as data.
  if (truncated) return fragOff === 0 ? IP_OK : fail(s, 'ipv4-fragment-truncated');
  const key = `4|${u32be(buf, off + 12)}|${u32be(buf, off + 16)}|${proto}|${u16be(buf, off + 4)}`;
  const status = frags.add(4, key, tsMicros, frame, fragOff, more, buf, off, off + ihl, off + ihl, ipEnd);
  if (status === FRAG_PENDING) return fail(s, 'ipv4-fragment-pending');
  if (status !== FRAG_COMPLETE) return fail(s, 'ipv4-fragment-dropped', true);
  const whole = frags.result;
  layer.buf = whole;
  layer.srcOff = 12;
  layer.dstOff = 16;
  s.buf = whole;
  s.tOff = frags.resultHeaderLen;
  s.tEnd = whole.length;
  return IP_OK;
}
