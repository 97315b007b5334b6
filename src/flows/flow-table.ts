/**
 * The bidirectional flow table. Flows are keyed by protocol, addresses and ports; the client (initiator) comes
 * from the TCP SYN, else from the first packet with a well-known-port correction for conversations already open
 * when the capture began. FIN/RST and idle timeouts end flows, so a port reused later starts a new flow; ended
 * flows are handed on as they end, so memory is bounded by the flows alive at once, not by the capture's size.
 */
import type { Anomalies } from '../core/anomalies.js';
import { formatAddress } from '../core/ip-format.js';
import {
  IPPROTO_GRE,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type IpLayer,
} from '../decode/packet.js';
import { createEndpointWords, type EndpointWords, flowHash, readEndpoints } from './flow-key.js';
import type { FlowNamer } from './flow-namer.js';
import type { FlowProto, FlowRecord } from './flow-record.js';
import { FlowState, HS_ACK, HS_SYN, HS_SYN_ACK, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './flow-state.js';
import { flowToRecord } from './flow-to-record.js';
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

/** How often (in packets) the table checks whether capture time moved enough to sweep for idle flows. */
const SWEEP_CHECK_PACKETS = 4096;
/** Capture seconds between sweeps. */
const SWEEP_INTERVAL_SECONDS = 15;

export interface FlowTableOptions {
  file: string;
  format: string;
  timeouts: IdleTimeouts;
  namer: FlowNamer | null;
  anomalies: Anomalies;
  onFlow: (flow: FlowRecord) => void;
  /** Reads flows' content (keys, `requests`); absent or null in every other run. */
  payload?: PayloadTap | null;
}

export class FlowTable {
  /**
   * Open hash table of bucket heads, indexed by the flow hash's low bits; collisions chain through
   * FlowState.nextInBucket. A plain array beats a Map here: this lookup runs for every packet.
   */
  #buckets: (FlowState | null)[] = new Array<FlowState | null>(INITIAL_BUCKETS).fill(null);
  #mask = INITIAL_BUCKETS - 1;
  readonly #opts: FlowTableOptions;
  readonly #w: EndpointWords = createEndpointWords();
  #live = 0;
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
    const isSyn = (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;

    let flow = this.#find(hash, w);
    if (flow !== null && this.#mustRestart(flow, tsMicros, isSyn)) {
      this.#end(flow, flow.closed ? (flow.rst ? 'rst' : 'fin') : 'idle');
      flow = null;
    }
    if (flow === null) {
      flow = this.#create(hash, w, layer, depth, frame, tsMicros, flags);
      this.#isOut = w.s0 === flow.c0 && w.s1 === flow.c1 && w.s2 === flow.c2 && w.s3 === flow.c3 && w.sp === flow.cp;
    }

    const isOut = this.#isOut;
    if (isOut) {
      flow.packetsOut++;
      flow.bytesOut += wireLen;
    } else {
      flow.packetsIn++;
      flow.bytesIn += wireLen;
    }
    if (tsMicros > flow.lastTs) flow.lastTs = tsMicros;
    if (tsMicros > this.#maxTs) this.#maxTs = tsMicros;

    if (p === IPPROTO_TCP) {
      const finishedBefore = flow.finOut && flow.finIn;
      this.#tcp(flow, flags, isOut, tsMicros);
      if (flow.naming !== null) this.#opts.namer?.onTcpPacket(flow, layer, isOut, frame, tsMicros);
      if (flow.payload !== null) flow.payload.tcp(layer, isOut, frame);
      // The ACK of the second FIN completes the close: hand the flow on now, so memory holds only open flows.
      // A straggler after this (a retransmitted FIN) starts a new flow of its own.
      if (finishedBefore && (flags & (TCP_FIN | TCP_SYN | TCP_RST)) === 0 && (flags & TCP_ACK) !== 0) {
        this.#end(flow, 'fin');
        return;
      }
    } else if (p === IPPROTO_UDP) {
      if (this.#opts.namer !== null) {
        const dst = isOut ? flow.server : flow.client;
        this.#opts.namer.onUdpPacket(flow, layer, isOut, frame, tsMicros, dst);
      }
      if (flow.payload !== null) flow.payload.udp(layer, isOut, frame);
    }

    if (++this.#packetsSinceCheck >= SWEEP_CHECK_PACKETS) {
      this.#packetsSinceCheck = 0;
      if (this.#maxTs - this.#lastSweepTs >= SWEEP_INTERVAL_SECONDS * 1_000_000) this.#sweep();
    }
  }

  /** The flow of these endpoints, or null; sets #isOut. */
  #find(hash: number, w: EndpointWords): FlowState | null {
    let f = this.#buckets[hash & this.#mask] ?? null;
    const v6 = w.v6;
    while (f !== null) {
      // Word 0 and the ports first (they sit with the counters in the object); words 1-3 only for IPv6.
      if (f.ipProto === w.proto && f.v6 === v6) {
        if (
          w.s0 === f.c0 &&
          w.sp === f.cp &&
          w.d0 === f.s0 &&
          w.dp === f.sp &&
          (!v6 || (w.s1 === f.c1 && w.s2 === f.c2 && w.s3 === f.c3 && w.d1 === f.s1 && w.d2 === f.s2 && w.d3 === f.s3))
        ) {
          this.#isOut = true;
          return f;
        }
        if (
          w.d0 === f.c0 &&
          w.dp === f.cp &&
          w.s0 === f.s0 &&
          w.sp === f.sp &&
          (!v6 || (w.d1 === f.c1 && w.d2 === f.c2 && w.d3 === f.c3 && w.s1 === f.s1 && w.s2 === f.s2 && w.s3 === f.s3))
        ) {
          this.#isOut = false;
          return f;
        }
      }
      f = f.nextInBucket;
    }
    return null;
  }

  #mustRestart(flow: FlowState, ts: number, isSyn: boolean): boolean {
    const idle = ts - flow.lastTs;
    if (flow.closed) return isSyn || idle > this.#opts.timeouts.closedLinger * 1_000_000;
    return idle > this.#timeoutFor(flow) * 1_000_000;
  }

  #timeoutFor(flow: FlowState): number {
    const t = this.#opts.timeouts;
    return flow.ipProto === IPPROTO_TCP ? t.tcp : flow.ipProto === IPPROTO_UDP ? t.udp : t.other;
  }

  #create(
    hash: number,
    w: EndpointWords,
    layer: IpLayer,
    depth: number,
    frame: number,
    ts: number,
    flags: number,
  ): FlowState {
    const flow = new FlowState();
    flow.hash = hash;
    flow.v6 = w.v6;
    flow.ipProto = layer.protocol;
    flow.proto = protoName(layer.protocol);
    flow.tunnelDepth = depth;
    flow.firstTs = ts;
    flow.lastTs = ts;
    flow.firstFrame = frame;
    const src = formatAddress(layer.buf, layer.srcOff, layer.ipVersion);
    const dst = formatAddress(layer.buf, layer.dstOff, layer.ipVersion);
    if (srcIsInitiator(layer, flags)) {
      flow.c0 = w.s0;
      flow.c1 = w.s1;
      flow.c2 = w.s2;
      flow.c3 = w.s3;
      flow.cp = w.sp;
      flow.s0 = w.d0;
      flow.s1 = w.d1;
      flow.s2 = w.d2;
      flow.s3 = w.d3;
      flow.sp = w.dp;
      flow.client = src;
      flow.server = dst;
    } else {
      flow.c0 = w.d0;
      flow.c1 = w.d1;
      flow.c2 = w.d2;
      flow.c3 = w.d3;
      flow.cp = w.dp;
      flow.s0 = w.s0;
      flow.s1 = w.s1;
      flow.s2 = w.s2;
      flow.s3 = w.s3;
      flow.sp = w.sp;
      flow.client = dst;
      flow.server = src;
    }
    flow.clientPort = flow.cp;
    flow.serverPort = flow.sp;
    if (this.#live >= this.#buckets.length) this.#grow();
    const slot = hash & this.#mask;
    flow.nextInBucket = this.#buckets[slot] ?? null;
    this.#buckets[slot] = flow;
    this.#live++;
    this.#opts.namer?.onFlowStart(flow, ts);
    const tap = this.#payload;
    if (tap !== null && (flow.proto === 'tcp' || flow.proto === 'udp')) {
      flow.payload = tap.start({
        proto: flow.proto,
        client: flow.client,
        clientPort: flow.clientPort,
        server: flow.server,
        serverPort: flow.serverPort,
        firstFrame: frame,
        firstTsMicros: ts,
      });
    }
    return flow;
  }

  #tcp(flow: FlowState, flags: number, isOut: boolean, ts: number): void {
    flow.tcpFlags |= flags;
    // flow.handshake mirrors "synTs/synAckTs/ackTs >= 0" (a bit is set only when the time stored is >= 0).
    const hs = flow.handshake;
    if ((flags & TCP_SYN) !== 0) {
      if ((flags & TCP_ACK) === 0) {
        if (isOut && (hs & HS_SYN) === 0) {
          flow.synTs = ts;
          if (ts >= 0) flow.handshake = hs | HS_SYN;
        }
      } else if (!isOut && (hs & HS_SYN) !== 0 && (hs & HS_SYN_ACK) === 0) {
        flow.synAckTs = ts;
        if (ts >= 0) flow.handshake = hs | HS_SYN_ACK;
      }
    } else if ((flags & TCP_ACK) !== 0 && isOut && (hs & HS_SYN_ACK) !== 0 && (hs & HS_ACK) === 0) {
      flow.ackTs = ts;
      if (ts >= 0) flow.handshake = hs | HS_ACK;
    }
    if ((flags & TCP_FIN) !== 0) {
      if (isOut) flow.finOut = true;
      else flow.finIn = true;
    }
    if ((flags & TCP_RST) !== 0) flow.rst = true;
  }

  #sweep(): void {
    this.#lastSweepTs = this.#maxTs;
    const ended: [FlowState, string][] = [];
    for (const head of this.#buckets) {
      for (let flow: FlowState | null = head; flow !== null; flow = flow.nextInBucket) {
        const idle = this.#maxTs - flow.lastTs;
        if (flow.closed && idle > this.#opts.timeouts.closedLinger * 1_000_000)
          ended.push([flow, flow.rst ? 'rst' : 'fin']);
        else if (idle > this.#timeoutFor(flow) * 1_000_000) ended.push([flow, 'idle']);
      }
    }
    // Emitted in capture order, not bucket order: the output must not depend on the table's layout.
    ended.sort((a, b) => byStart(a[0], b[0]));
    for (const [flow, reason] of ended) this.#end(flow, reason);
  }

  #unlink(flow: FlowState): void {
    const slot = flow.hash & this.#mask;
    const head = this.#buckets[slot] ?? null;
    if (head === flow) {
      this.#buckets[slot] = flow.nextInBucket;
    } else {
      for (let f = head; f !== null; f = f.nextInBucket) {
        if (f.nextInBucket === flow) {
          f.nextInBucket = flow.nextInBucket;
          break;
        }
      }
    }
    flow.nextInBucket = null;
    this.#live--;
  }

  /** Doubles the bucket array when flows outnumber buckets (load factor 1), rehashing every live flow. */
  #grow(): void {
    const old = this.#buckets;
    this.#buckets = new Array<FlowState | null>(old.length * 2).fill(null);
    this.#mask = this.#buckets.length - 1;
    for (const head of old) {
      let f: FlowState | null = head;
      while (f !== null) {
        const next: FlowState | null = f.nextInBucket;
        const slot = f.hash & this.#mask;
        f.nextInBucket = this.#buckets[slot] ?? null;
        this.#buckets[slot] = f;
        f = next;
      }
    }
  }

  #end(flow: FlowState, reason: string): void {
    this.#unlink(flow);
    this.#emitted++;
    const record = flowToRecord(flow, reason, this.#opts.file, this.#opts.format);
    if (this.#payload !== null) {
      const content = flow.payload?.finish() ?? null;
      flow.payload = null;
      record.decrypted = { bytesOut: 0, bytesIn: 0 };
      if (content !== null) {
        if (content.status === 'decrypted') record.decrypted = { bytesOut: content.bytesOut, bytesIn: content.bytesIn };
        record.content = content;
      }
    }
    this.#opts.onFlow(record);
  }

  /** Ends every remaining flow (end of input), oldest first. */
  finish(): void {
    const rest: FlowState[] = [];
    for (const head of this.#buckets) {
      for (let flow: FlowState | null = head; flow !== null; flow = flow.nextInBucket) rest.push(flow);
    }
    rest.sort(byStart);
    for (const flow of rest) this.#end(flow, flow.closed ? (flow.rst ? 'rst' : 'fin') : 'end-of-input');
  }
}

/**
 * Capture order of flows' starts: first frame, then tunnel depth, since one tunnelled frame starts the outer flow
 * and the inner one (the outer first). Flows alive at once never share both, so the order is total and the
 * output does not depend on where flows sit in the table.
 */
function byStart(a: FlowState, b: FlowState): number {
  return a.firstFrame - b.firstFrame || a.tunnelDepth - b.tunnelDepth;
}

function protoName(p: number): FlowProto {
  switch (p) {
    case IPPROTO_TCP:
      return 'tcp';
    case IPPROTO_UDP:
      return 'udp';
    case IPPROTO_ICMP:
      return 'icmp';
    case IPPROTO_ICMPV6:
      return 'icmpv6';
    case IPPROTO_SCTP:
      return 'sctp';
    case IPPROTO_GRE:
      return 'gre';
    case 50:
      return 'esp';
    default:
      return 'other';
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
