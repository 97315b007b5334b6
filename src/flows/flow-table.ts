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
import { endpointKey, flowKey } from './flow-key.js';
import type { FlowNamer } from './flow-namer.js';
import type { FlowProto, FlowRecord } from './flow-record.js';
import { FlowState, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './flow-state.js';
import { flowToRecord } from './flow-to-record.js';
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
}

export class FlowTable {
  readonly #flows = new Map<string, FlowState>();
  readonly #opts: FlowTableOptions;
  #packetsSinceCheck = 0;
  #lastSweepTs = -1;
  #maxTs = 0;
  #emitted = 0;

  constructor(opts: FlowTableOptions) {
    this.#opts = opts;
  }

  get liveFlows(): number {
    return this.#flows.size;
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
    const srcEnd = endpointKey(layer.buf, layer.srcOff, layer.ipVersion, hasPorts ? layer.srcPort : 0);
    const dstEnd = endpointKey(layer.buf, layer.dstOff, layer.ipVersion, hasPorts ? layer.dstPort : 0);
    const key = flowKey(p, srcEnd, dstEnd);
    const flags = p === IPPROTO_TCP ? layer.tcpFlags : 0;
    const isSyn = (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;

    let flow = this.#flows.get(key);
    if (flow !== undefined && this.#mustRestart(flow, tsMicros, isSyn)) {
      this.#end(flow, flow.closed ? (flow.rst ? 'rst' : 'fin') : 'idle');
      flow = undefined;
    }
    if (flow === undefined) flow = this.#create(key, layer, depth, frame, tsMicros, srcEnd, dstEnd, flags);

    const isOut = srcEnd === flow.clientEnd;
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
      this.#tcp(flow, flags, isOut, tsMicros);
      if (flow.naming !== null) this.#opts.namer?.onTcpPacket(flow, layer, isOut, frame, tsMicros);
    } else if (p === IPPROTO_UDP && this.#opts.namer !== null) {
      const dst = isOut ? flow.server : flow.client;
      this.#opts.namer.onUdpPacket(flow, layer, isOut, frame, tsMicros, dst);
    }

    if (++this.#packetsSinceCheck >= SWEEP_CHECK_PACKETS) {
      this.#packetsSinceCheck = 0;
      if (this.#maxTs - this.#lastSweepTs >= SWEEP_INTERVAL_SECONDS * 1_000_000) this.#sweep();
    }
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
    key: string,
    layer: IpLayer,
    depth: number,
    frame: number,
    ts: number,
    srcEnd: string,
    dstEnd: string,
    flags: number,
  ): FlowState {
    const flow = new FlowState();
    flow.key = key;
    flow.ipProto = layer.protocol;
    flow.proto = protoName(layer.protocol);
    flow.tunnelDepth = depth;
    flow.firstTs = ts;
    flow.lastTs = ts;
    flow.firstFrame = frame;
    const srcIsClient = srcIsInitiator(layer, flags);
    const src = formatAddress(layer.buf, layer.srcOff, layer.ipVersion);
    const dst = formatAddress(layer.buf, layer.dstOff, layer.ipVersion);
    const hasPorts = flow.proto === 'tcp' || flow.proto === 'udp' || flow.proto === 'sctp';
    const sport = hasPorts ? layer.srcPort : 0;
    const dport = hasPorts ? layer.dstPort : 0;
    if (srcIsClient) {
      flow.clientEnd = srcEnd;
      flow.client = src;
      flow.clientPort = sport;
      flow.server = dst;
      flow.serverPort = dport;
    } else {
      flow.clientEnd = dstEnd;
      flow.client = dst;
      flow.clientPort = dport;
      flow.server = src;
      flow.serverPort = sport;
    }
    this.#flows.set(key, flow);
    this.#opts.namer?.onFlowStart(flow, ts);
    return flow;
  }

  #tcp(flow: FlowState, flags: number, isOut: boolean, ts: number): void {
    flow.tcpFlags |= flags;
    if ((flags & TCP_SYN) !== 0) {
      if ((flags & TCP_ACK) === 0) {
        if (isOut && flow.synTs < 0) flow.synTs = ts;
      } else if (!isOut && flow.synTs >= 0 && flow.synAckTs < 0) {
        flow.synAckTs = ts;
      }
    } else if ((flags & TCP_ACK) !== 0 && isOut && flow.synAckTs >= 0 && flow.ackTs < 0) {
      flow.ackTs = ts;
    }
    if ((flags & TCP_FIN) !== 0) {
      if (isOut) flow.finOut = true;
      else flow.finIn = true;
    }
    if ((flags & TCP_RST) !== 0) flow.rst = true;
  }

  #sweep(): void {
    this.#lastSweepTs = this.#maxTs;
    for (const flow of this.#flows.values()) {
      const idle = this.#maxTs - flow.lastTs;
      if (flow.closed && idle > this.#opts.timeouts.closedLinger * 1_000_000) this.#end(flow, flow.rst ? 'rst' : 'fin');
      else if (idle > this.#timeoutFor(flow) * 1_000_000) this.#end(flow, 'idle');
    }
  }

  #end(flow: FlowState, reason: string): void {
    this.#flows.delete(flow.key);
    this.#emitted++;
    this.#opts.onFlow(flowToRecord(flow, reason, this.#opts.file, this.#opts.format));
  }

  /** Ends every remaining flow (end of input), oldest first. */
  finish(): void {
    const rest = [...this.#flows.values()].sort((a, b) => a.firstFrame - b.firstFrame);
    for (const flow of rest) this.#end(flow, flow.closed ? (flow.rst ? 'rst' : 'fin') : 'end-of-input');
  }
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
