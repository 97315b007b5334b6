/**
 * One packet → its IP layers: link layer, then IPv4/IPv6 (with fragment reassembly), transport, and tunnels
 * (each inner IP packet is the next layer), up to MAX_IP_LAYERS. Fills a reused DecodedPacket; an ordinary
 * packet allocates nothing. Never throws on packet bytes: damage ends decoding with a named anomaly, which is
 * set on `out.anomaly` and counted in the Anomalies (except the normal "fragment pending" states, which are only
 * set on `out.anomaly`, and frames that simply carry no IP, such as ARP, which set neither).
 */
import type { Anomalies } from '../core/anomalies.js';
import { FragmentReassembler } from './fragments.js';
import { createIpScratch, decodeIpv4, IP_OK } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { createNetCursor, decodeLinkAt, NET_IPV4, NET_IPV6 } from './link.js';
import { type DecodedPacket, IPPROTO_ICMP, IPPROTO_ICMPV6, MAX_IP_LAYERS } from './packet.js';
import { decodeTransport } from './transport.js';
import { findInner } from './tunnels.js';

const FRAGMENT_PENDING = new Set(['ipv4-fragment-pending', 'ipv6-fragment-pending']);

export class PacketDecoder {
  readonly #anomalies: Anomalies;
  readonly #file: string;
  readonly #frags: FragmentReassembler;
  readonly #cur = createNetCursor();
  readonly #scratch = createIpScratch();

  constructor(anomalies: Anomalies, file: string) {
    this.#anomalies = anomalies;
    this.#file = file;
    this.#frags = new FragmentReassembler(anomalies, file);
  }

  /** Datagrams waiting for fragments (for tests and diagnostics). */
  get pendingFragments(): number {
    return this.#frags.pendingDatagrams;
  }

  decode(linkType: number, data: Uint8Array, frame: number, tsMicros: number, out: DecodedPacket): void {
    this.decodeAt(linkType, data, 0, data.length, frame, tsMicros, out);
  }

  /** decode() of the frame `data[off, end)`, read in place inside a reader's buffer; offsets index `data`. */
  decodeAt(
    linkType: number,
    data: Uint8Array,
    off: number,
    end: number,
    frame: number,
    tsMicros: number,
    out: DecodedPacket,
  ): void {
    out.layerCount = 0;
    out.anomaly = null;
    const cur = this.#cur;
    const s = this.#scratch;
    decodeLinkAt(linkType, data, off, end, cur, 0);
    if (cur.kind !== NET_IPV4 && cur.kind !== NET_IPV6) {
      if (cur.anomaly !== null) this.#report(out, cur.anomaly, frame, false);
      return;
    }
    let buf = data;
    for (;;) {
      const layer = out.layers[out.layerCount];
      if (out.layerCount >= MAX_IP_LAYERS || layer === undefined) {
        this.#report(out, 'too-many-ip-layers', frame, false);
        return;
      }
      const status =
        cur.kind === NET_IPV4
          ? decodeIpv4(buf, cur.off, cur.end, layer, this.#frags, tsMicros, frame, s)
          : decodeIpv6(buf, cur.off, cur.end, layer, this.#frags, tsMicros, frame, s);
      if (status !== IP_OK) {
        if (s.anomaly !== null) this.#report(out, s.anomaly, frame, s.counted);
        return;
      }
      out.layerCount++;
      if (s.anomaly !== null) this.#report(out, s.anomaly, frame, false);
      const transportAnomaly = decodeTransport(layer, s.buf, s.tOff, s.tEnd);
      if (transportAnomaly !== null) {
        this.#report(out, transportAnomaly, frame, false);
        return;
      }
      // ICMP errors quote an IP header: not a layer of that flow (tshark's conversation taps skip it).
      if (layer.protocol === IPPROTO_ICMP || layer.protocol === IPPROTO_ICMPV6) return;
      if (!findInner(layer, cur)) {
        if (cur.anomaly !== null) this.#report(out, cur.anomaly, frame, false);
        return;
      }
      buf = layer.buf;
    }
  }

  #report(out: DecodedPacket, reason: string, frame: number, counted: boolean): void {
    out.anomaly = reason;
    if (!counted && !FRAGMENT_PENDING.has(reason)) this.#anomalies.add(reason, { file: this.#file, frame });
  }
}
