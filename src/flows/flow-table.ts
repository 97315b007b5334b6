/**
 * The bidirectional flow table. Flows are keyed by protocol, addresses and ports; the client (initiator) comes
 * from the TCP SYN, else from the first packet with a well-known-port correction for conversations already open
 * when the capture began. FIN/RST and idle timeouts end flows, so a port reused later starts a new flow; ended
 * flows are handed on as they end, so memory is bounded by the flows alive at once, not by the capture's size.
 *
 * Flows are slots in typed-array columns (flow-columns.ts), chained per hash bucket through the slots' `next`
 * field: the per-packet work reads and writes numbers in one cache line and allocates nothing. Names and other
 * facts live in a FlowDetails object only for runs that look for them.
 */
import type { Anomalies } from '../core/anomalies.js';
import {
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type IpLayer,
} from '../decode/packet.js';
import { EndedFlow } from './ended-flow.js';
import {
  F_BYTES_IN,
  F_BYTES_OUT,
  F_LAST_TS,
  F_PACKETS_IN,
  F_PACKETS_OUT,
  FlowColumns,
  HOT_F64,
  HOT_I32,
  I_C0,
  I_HASH,
  I_META,
  I_NEXT,
  I_PORTS,
  I_S0,
  META_FIN_IN,
  META_FIN_OUT,
  META_FLAGS_SHIFT,
  META_HS_ACK,
  META_HS_SYN,
  META_HS_SYN_ACK,
  META_KEY_MASK,
  META_RST,
  META_TCP_WATCHED,
  META_UDP_PROBE,
  META_V6,
} from './flow-columns.js';
import { FlowDetails, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './flow-details.js';
import { createEndpointWords, type EndpointWords, flowHash, readEndpoints } from './flow-key.js';
import type { FlowNamer } from './flow-namer.js';
import type { PayloadTap } from './payload-seam.js';
import { sentByServer } from './service-ports.js';

export interface IdleTimeouts {
  /** Seconds without a packet after which a flow ends (a later packet starts a new flow). */
  tcp: number;
  udp: number;
  other: number;
  /** Seconds a closed TCP flow (FIN both ways, or RST) still collects stragglers (last ACK, retransmissions). */
  closedLinger: number;
}

export const DEFAULT_IDLE_TIMEOUTS: IdleTimeouts = { tcp: 3600, udp: 300, other: 120, closedLinger: 30 };

/** Bucket heads to start with (a power of two); the table doubles as flows grow. */
const INITIAL_BUCKETS = 1 << 14;

/** Details of ended flows kept for reuse at most (about the flows that start while as many end, in a busy capture). */
const MAX_FREE_DETAILS = 4096;

/** How often (in packets) the table checks whether capture time moved enough to sweep for idle flows. */
const SWEEP_CHECK_PACKETS = 4096;
/** Capture seconds between sweeps. */
const SWEEP_INTERVAL_SECONDS = 15;

const CLOSED = META_RST;
const FINS = META_FIN_OUT | META_FIN_IN;

export interface FlowTableOptions {
  file: string;
  format: string;
  timeouts: IdleTimeouts;
  namer: FlowNamer | null;
  anomalies: Anomalies;
  /** Each ended flow, as a view valid only during the call (ended-flow.ts). */
  onFlow: (flow: EndedFlow) => void;
  /** Reads flows' content (keys, `requests`); absent or null in every other run. */
  payload?: PayloadTap | null;
}

export class FlowTable {
  readonly #c = new FlowColumns();
  /** Bucket heads: the first slot of each hash bucket's chain, -1 when empty. */
  #heads: Int32Array = new Int32Array(INITIAL_BUCKETS).fill(-1);
  #mask = INITIAL_BUCKETS - 1;
  /** Per slot: the flow's names and facts, or null (runs that look for none, flows without any). */
  #details: (FlowDetails | null)[] = [];
  /** Details of ended flows, to reuse for new ones (FlowDetails.reuse). */
  readonly #freeDetails: FlowDetails[] = [];
  readonly #opts: FlowTableOptions;
  readonly #w: EndpointWords = createEndpointWords();
  readonly #view: EndedFlow;
  /** Microsecond timeouts, looked up per packet. */
  readonly #tcpIdle: number;
  readonly #udpIdle: number;
  readonly #otherIdle: number;
  readonly #linger: number;
  #live = 0;
  /** The slot of the packet being accounted (for #detailsOfCurrent). */
  #current = 0;
  /** The current slot's details, created when it has none: what the namer calls when a name turns up. */
  readonly #detailsOfCurrent = (): FlowDetails => this.#details[this.#current] ?? this.#newDetails(this.#current);
  /** Set by #find: whether the packet goes client → server. */
  #isOut = false;
  #packetsSinceCheck = 0;
  #lastSweepTs = -1;
  #maxTs = 0;
  #emitted = 0;
  /** Reads flows' content; set at the start, or later when a capture brings its own keys (pcapng DSB). */
  #payload: PayloadTap | null;

  constructor(opts: FlowTableOptions) {
    this.#opts = opts;
    this.#payload = opts.payload ?? null;
    this.#view = new EndedFlow(this.#c, opts.file, opts.format);
    const t = opts.timeouts;
    this.#tcpIdle = t.tcp * 1_000_000;
    this.#udpIdle = t.udp * 1_000_000;
    this.#otherIdle = t.other * 1_000_000;
    this.#linger = t.closedLinger * 1_000_000;
  }

  /** Follows the content of flows that start from now on (keys arrived inside the capture). */
  usePayloadTap(tap: PayloadTap): void {
    this.#payload = tap;
  }

  get payloadTap(): PayloadTap | null {
    return this.#payload;
  }

  get liveFlows(): number {
    return this.#live;
  }

  get emittedFlows(): number {
    return this.#emitted;
  }

  /** Accounts one IP layer of one packet. `wireLen` is the frame's length on the wire (tshark's bytes). */
  onLayer(layer: IpLayer, depth: number, frame: number, tsMicros: number, wireLen: number): void {
    const p = layer.protocol;
    const hasPorts = p === IPPROTO_TCP || p === IPPROTO_UDP || p === IPPROTO_SCTP;
    // tshark counts no TCP/UDP conversation for a header it could not read whole (snap length, damage).
    if (hasPorts && layer.transportTruncated) {
      this.#opts.anomalies.add('transport-header-truncated', { file: this.#opts.file, frame });
      return;
    }
    const w = this.#w;
    readEndpoints(
      w,
      layer.buf,
      layer.srcOff,
      layer.dstOff,
      layer.ipVersion === 6,
      p,
      hasPorts ? layer.srcPort : 0,
      hasPorts ? layer.dstPort : 0,
    );
    const hash = flowHash(w);
    const flags = p === IPPROTO_TCP ? layer.tcpFlags : 0;

    let slot = this.#find(hash, w);
    if (slot >= 0 && this.#mustRestart(slot, tsMicros, (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN)) {
      this.#end(slot, this.#closedReason(slot, 'idle'));
      slot = -1;
    }
    if (slot < 0) slot = this.#create(hash, w, layer, depth, frame, tsMicros, flags);

    const isOut = this.#isOut;
    const f64 = this.#c.f64;
    const f = slot * HOT_F64;
    if (isOut) {
      f64[f + F_PACKETS_OUT] = (f64[f + F_PACKETS_OUT] ?? 0) + 1;
      f64[f + F_BYTES_OUT] = (f64[f + F_BYTES_OUT] ?? 0) + wireLen;
    } else {
      f64[f + F_PACKETS_IN] = (f64[f + F_PACKETS_IN] ?? 0) + 1;
      f64[f + F_BYTES_IN] = (f64[f + F_BYTES_IN] ?? 0) + wireLen;
    }
    if (tsMicros > (f64[f + F_LAST_TS] ?? 0)) f64[f + F_LAST_TS] = tsMicros;
    if (tsMicros > this.#maxTs) this.#maxTs = tsMicros;

    if (p === IPPROTO_TCP) {
      const m = slot * HOT_I32 + I_META;
      const metaBefore = this.#c.i32[m] ?? 0;
      const finishedBefore = (metaBefore & FINS) === FINS;
      this.#tcp(slot, m, flags, isOut, tsMicros);
      if ((metaBefore & META_TCP_WATCHED) !== 0) this.#watchedTcp(slot, m, layer, isOut, frame, tsMicros);
      // The ACK of the second FIN completes the close: hand the flow on now, so memory holds only open flows.
      // A straggler after this (a retransmitted FIN) starts a new flow of its own.
      if (finishedBefore && (flags & (TCP_FIN | TCP_SYN | TCP_RST)) === 0 && (flags & TCP_ACK) !== 0) {
        this.#end(slot, 'fin');
        return;
      }
    } else if (p === IPPROTO_UDP) {
      const namer = this.#opts.namer;
      if (namer !== null) {
        const m = slot * HOT_I32 + I_META;
        const meta = this.#c.i32[m] ?? 0;
        const probe = (meta & META_UDP_PROBE) !== 0 && isOut && layer.payloadLen > 0;
        if (probe) this.#c.i32[m] = meta & ~META_UDP_PROBE;
        this.#current = slot;
        namer.onUdpPacket(this.#details[slot] ?? null, layer, isOut, frame, tsMicros, probe, this.#detailsOfCurrent);
      }
      const details = this.#details[slot] ?? null;
      if (details !== null && details.payload !== null) details.payload.udp(layer, isOut, frame);
    }

    if (++this.#packetsSinceCheck >= SWEEP_CHECK_PACKETS) {
      this.#packetsSinceCheck = 0;
      if (this.#maxTs - this.#lastSweepTs >= SWEEP_INTERVAL_SECONDS * 1_000_000) this.#sweep();
    }
  }

  /** A packet of a TCP flow whose details read it; they stop being asked once neither naming nor payload is left. */
  #watchedTcp(slot: number, m: number, layer: IpLayer, isOut: boolean, frame: number, tsMicros: number): void {
    const details = this.#details[slot] ?? null;
    if (details === null) return;
    if (details.naming !== null) this.#opts.namer?.onTcpPacket(details, layer, isOut, frame, tsMicros);
    if (details.payload !== null) details.payload.tcp(layer, isOut, frame);
    if (details.naming === null && details.payload === null) {
      this.#c.i32[m] = (this.#c.i32[m] ?? 0) & ~META_TCP_WATCHED;
    }
  }

  /** The slot of these endpoints' flow, or -1; sets #isOut. */
  #find(hash: number, w: EndpointWords): number {
    const i32 = this.#c.i32;
    const key = w.proto | (w.v6 ? META_V6 : 0);
    let slot = this.#heads[hash & this.#mask] ?? -1;
    while (slot >= 0) {
      const b = slot * HOT_I32;
      if (i32[b + I_HASH] === hash && ((i32[b + I_META] ?? 0) & META_KEY_MASK) === key) {
        const c0 = i32[b + I_C0];
        const s0 = i32[b + I_S0];
        const ports = i32[b + I_PORTS] ?? 0;
        const cp = ports >>> 16;
        const sp = ports & 0xffff;
        if (w.s0 === c0 && w.sp === cp && w.d0 === s0 && w.dp === sp && (!w.v6 || this.#v6Matches(slot, w, true))) {
          this.#isOut = true;
          return slot;
        }
        if (w.d0 === c0 && w.dp === cp && w.s0 === s0 && w.sp === sp && (!w.v6 || this.#v6Matches(slot, w, false))) {
          this.#isOut = false;
          return slot;
        }
      }
      slot = i32[b + I_NEXT] ?? -1;
    }
    return -1;
  }

  /** IPv6: whether the packet's other address words match the flow's (source = client when `out`). */
  #v6Matches(slot: number, w: EndpointWords, out: boolean): boolean {
    const v = this.#c.v6Words;
    const o = slot * 6;
    return out
      ? w.s1 === v[o] &&
          w.s2 === v[o + 1] &&
          w.s3 === v[o + 2] &&
          w.d1 === v[o + 3] &&
          w.d2 === v[o + 4] &&
          w.d3 === v[o + 5]
      : w.d1 === v[o] &&
          w.d2 === v[o + 1] &&
          w.d3 === v[o + 2] &&
          w.s1 === v[o + 3] &&
          w.s2 === v[o + 4] &&
          w.s3 === v[o + 5];
  }

  /** A TCP flow is closed once both sides sent FIN, or either sent RST. */
  #closed(slot: number): boolean {
    const meta = this.#c.i32[slot * HOT_I32 + I_META] ?? 0;
    return (meta & CLOSED) !== 0 || (meta & FINS) === FINS;
  }

  /** How a flow ends that is not closed: `open`; a closed one: 'rst' or 'fin'. */
  #closedReason(slot: number, open: string): string {
    if (!this.#closed(slot)) return open;
    return ((this.#c.i32[slot * HOT_I32 + I_META] ?? 0) & META_RST) !== 0 ? 'rst' : 'fin';
  }

  #mustRestart(slot: number, ts: number, isSyn: boolean): boolean {
    const idle = ts - (this.#c.f64[slot * HOT_F64 + F_LAST_TS] ?? 0);
    if (this.#closed(slot)) return isSyn || idle > this.#linger;
    return idle > this.#timeoutFor(slot);
  }

  #timeoutFor(slot: number): number {
    const p = (this.#c.i32[slot * HOT_I32 + I_META] ?? 0) & 0xff;
    return p === IPPROTO_TCP ? this.#tcpIdle : p === IPPROTO_UDP ? this.#udpIdle : this.#otherIdle;
  }

  #create(
    hash: number,
    w: EndpointWords,
    layer: IpLayer,
    depth: number,
    frame: number,
    ts: number,
    flags: number,
  ): number {
    const c = this.#c;
    // Before the new slot is in use: the rehash links every slot in use, and this one is linked below.
    if (this.#live >= this.#heads.length) this.#grow();
    const slot = c.allocate();
    const i32 = c.i32;
    const b = slot * HOT_I32;
    const fromSrc = srcIsInitiator(layer, flags);
    i32[b + I_HASH] = hash;
    i32[b + I_META] = (i32[b + I_META] ?? 0) | layer.protocol | (w.v6 ? META_V6 : 0);
    i32[b + I_C0] = fromSrc ? w.s0 : w.d0;
    i32[b + I_S0] = fromSrc ? w.d0 : w.s0;
    i32[b + I_PORTS] = fromSrc ? (w.sp << 16) | w.dp : (w.dp << 16) | w.sp;
    if (w.v6) {
      const v = c.v6Words;
      const o = slot * 6;
      v[o] = fromSrc ? w.s1 : w.d1;
      v[o + 1] = fromSrc ? w.s2 : w.d2;
      v[o + 2] = fromSrc ? w.s3 : w.d3;
      v[o + 3] = fromSrc ? w.d1 : w.s1;
      v[o + 4] = fromSrc ? w.d2 : w.s2;
      v[o + 5] = fromSrc ? w.d3 : w.s3;
    }
    c.f64[slot * HOT_F64 + F_LAST_TS] = ts;
    c.firstTs[slot] = ts;
    c.firstFrame[slot] = frame;
    c.tunnelDepth[slot] = depth;
    // The packet goes out when its source is the client: it is, or (a flow to itself) both ends are the same.
    this.#isOut = fromSrc || (w.s0 === w.d0 && w.sp === w.dp && w.s1 === w.d1 && w.s2 === w.d2 && w.s3 === w.d3);
    const bucket = hash & this.#mask;
    i32[b + I_NEXT] = this.#heads[bucket] ?? -1;
    this.#heads[bucket] = slot;
    this.#live++;

    const namer = this.#opts.namer;
    const tap = this.#payload;
    const p = layer.protocol;
    const follows = tap !== null && (p === IPPROTO_TCP || p === IPPROTO_UDP);
    if (namer !== null && p === IPPROTO_UDP) i32[b + I_META] = (i32[b + I_META] ?? 0) | META_UDP_PROBE;
    // Details (names, facts, naming and payload state) only for flows that can have them from the start: TCP
    // flows are read for names, followed flows for content, and a flow to a server some DNS answer gave may be
    // named by it. Other flows get theirs when something turns up (#detailsOfCurrent).
    const dnsMayName = namer?.mayNameFromDns(w.v6, i32[b + I_S0] ?? 0) === true;
    if (follows || dnsMayName || (namer !== null && p === IPPROTO_TCP)) {
      const details = this.#newDetails(slot);
      if (dnsMayName) namer?.addDnsNames(details, ts);
      if (namer !== null && p === IPPROTO_TCP) namer.startTcp(details);
      if (follows && tap !== null) {
        details.payload = tap.start({
          proto: p === IPPROTO_TCP ? 'tcp' : 'udp',
          client: details.client,
          clientPort: details.clientPort,
          server: details.server,
          serverPort: details.serverPort,
          firstFrame: frame,
          firstTsMicros: ts,
        });
      }
      if (p === IPPROTO_TCP && (details.naming !== null || details.payload !== null)) {
        i32[b + I_META] = (i32[b + I_META] ?? 0) | META_TCP_WATCHED;
      }
      // Nothing to keep (a UDP or ICMP flow the answers did not name): the slot stays without details.
      if (details.names.length === 0 && details.naming === null && details.payload === null) {
        this.#details[slot] = null;
        if (this.#freeDetails.length < MAX_FREE_DETAILS) this.#freeDetails.push(details);
      }
    }
    return slot;
  }

  /** New details for a slot (an ended flow's, reused, when there is one). */
  #newDetails(slot: number): FlowDetails {
    const c = this.#c;
    const details = this.#freeDetails.pop()?.reuse(slot) ?? new FlowDetails(c, slot);
    while (this.#details.length < c.capacity) this.#details.push(null);
    this.#details[slot] = details;
    return details;
  }

  #tcp(slot: number, m: number, flags: number, isOut: boolean, ts: number): void {
    const c = this.#c;
    const i32 = c.i32;
    let meta = (i32[m] ?? 0) | (flags << META_FLAGS_SHIFT);
    // A handshake time is kept only when >= 0, and its META_HS_* bit says it is there: a time before 1970 (or a
    // damaged one) does not count, and the next SYN (SYN-ACK, ACK) may still give one.
    if ((flags & TCP_SYN) !== 0) {
      if ((flags & TCP_ACK) === 0) {
        if (isOut && (meta & META_HS_SYN) === 0 && ts >= 0) {
          c.synTs[slot] = ts;
          meta |= META_HS_SYN;
        }
      } else if (!isOut && (meta & META_HS_SYN) !== 0 && (meta & META_HS_SYN_ACK) === 0 && ts >= 0) {
        c.synAckTs[slot] = ts;
        meta |= META_HS_SYN_ACK;
      }
    } else if ((flags & TCP_ACK) !== 0 && isOut && (meta & META_HS_SYN_ACK) !== 0 && (meta & META_HS_ACK) === 0) {
      if (ts >= 0) {
        c.ackTs[slot] = ts;
        meta |= META_HS_ACK;
      }
    }
    if ((flags & TCP_FIN) !== 0) meta |= isOut ? META_FIN_OUT : META_FIN_IN;
    if ((flags & TCP_RST) !== 0) meta |= META_RST;
    i32[m] = meta;
  }

  #sweep(): void {
    this.#lastSweepTs = this.#maxTs;
    const c = this.#c;
    const ended: number[] = [];
    const reasons: string[] = [];
    for (let slot = 0; slot < c.highWater; slot++) {
      if (!c.inUse(slot)) continue;
      const idle = this.#maxTs - (c.f64[slot * HOT_F64 + F_LAST_TS] ?? 0);
      if (this.#closed(slot)) {
        if (idle > this.#linger) ended.push(slot);
      } else if (idle > this.#timeoutFor(slot)) ended.push(slot);
    }
    // Emitted in capture order, not slot order: the output must not depend on the table's layout.
    ended.sort((a, b) => this.#byStart(a, b));
    for (const slot of ended) reasons.push(this.#closedReason(slot, 'idle'));
    for (let i = 0; i < ended.length; i++) this.#end(ended[i] ?? 0, reasons[i] ?? 'idle');
  }

  /**
   * Capture order of flows' starts: first frame, then tunnel depth, since one tunnelled frame starts the outer
   * flow and the inner one (the outer first). Flows alive at once never share both, so the order is total and
   * the output does not depend on where flows sit in the table.
   */
  #byStart(a: number, b: number): number {
    const c = this.#c;
    return (c.firstFrame[a] ?? 0) - (c.firstFrame[b] ?? 0) || (c.tunnelDepth[a] ?? 0) - (c.tunnelDepth[b] ?? 0);
  }

  #unlink(slot: number): void {
    const i32 = this.#c.i32;
    const bucket = (i32[slot * HOT_I32 + I_HASH] ?? 0) & this.#mask;
    const next = i32[slot * HOT_I32 + I_NEXT] ?? -1;
    let s = this.#heads[bucket] ?? -1;
    if (s === slot) {
      this.#heads[bucket] = next;
    } else {
      while (s >= 0) {
        const n = i32[s * HOT_I32 + I_NEXT] ?? -1;
        if (n === slot) {
          i32[s * HOT_I32 + I_NEXT] = next;
          break;
        }
        s = n;
      }
    }
    i32[slot * HOT_I32 + I_NEXT] = -1;
    this.#live--;
  }

  /** Doubles the bucket heads when flows outnumber buckets (load factor 1), rehashing every live flow. */
  #grow(): void {
    const c = this.#c;
    const i32 = c.i32;
    this.#heads = new Int32Array(this.#heads.length * 2).fill(-1);
    this.#mask = this.#heads.length - 1;
    for (let slot = 0; slot < c.highWater; slot++) {
      if (!c.inUse(slot)) continue;
      const b = slot * HOT_I32;
      const bucket = (i32[b + I_HASH] ?? 0) & this.#mask;
      i32[b + I_NEXT] = this.#heads[bucket] ?? -1;
      this.#heads[bucket] = slot;
    }
  }

  #end(slot: number, reason: string): void {
    this.#unlink(slot);
    this.#emitted++;
    const view = this.#view;
    const details = this.#details[slot] ?? null;
    view.slot = slot;
    view.endReason = reason;
    view.details = details;
    view.decrypted = undefined;
    view.content = undefined;
    if (this.#payload !== null) {
      const content = details?.payload?.finish() ?? null;
      if (details !== null) details.payload = null;
      view.decrypted = { bytesOut: 0, bytesIn: 0 };
      if (content !== null) {
        if (content.status === 'decrypted') view.decrypted = { bytesOut: content.bytesOut, bytesIn: content.bytesIn };
        view.content = content;
      }
    }
    try {
      this.#opts.onFlow(view);
    } finally {
      if (details !== null) {
        this.#details[slot] = null;
        // The view's reader is done with it (onFlow reads the view, it keeps no details): reused (#newDetails).
        if (this.#freeDetails.length < MAX_FREE_DETAILS) this.#freeDetails.push(details);
      }
      this.#c.release(slot);
    }
  }

  /** Ends every remaining flow (end of input), oldest first. */
  finish(): void {
    const c = this.#c;
    const rest: number[] = [];
    for (let slot = 0; slot < c.highWater; slot++) if (c.inUse(slot)) rest.push(slot);
    rest.sort((a, b) => this.#byStart(a, b));
    const reasons = rest.map((slot) => this.#closedReason(slot, 'end-of-input'));
    for (let i = 0; i < rest.length; i++) this.#end(rest[i] ?? 0, reasons[i] ?? 'end-of-input');
  }
}

/** Whether the packet that creates a flow was sent by the flow's initiator. */
function srcIsInitiator(layer: IpLayer, flags: number): boolean {
  const p = layer.protocol;
  if (p === IPPROTO_TCP) {
    if ((flags & TCP_SYN) !== 0) return (flags & TCP_ACK) === 0;
    return !sentByServer(layer.srcPort, layer.dstPort);
  }
  if (p === IPPROTO_UDP || p === IPPROTO_SCTP) return !sentByServer(layer.srcPort, layer.dstPort);
  if (p === IPPROTO_ICMP) return layer.icmpType !== 0; // echo reply first: the other side asked
  if (p === IPPROTO_ICMPV6) return layer.icmpType !== 129;
  return true;
}
