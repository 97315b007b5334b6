/**
 * The decoded form of one packet, filled in place by `decodePacket` into one reusable object (no per-packet
 * allocation on the hot path). A packet may carry several IP layers when it is tunnelled (GRE, VXLAN, Geneve,
 * IP-in-IP, Teredo): each is a layer here, outermost first, because tshark's conversation tables count every
 * layer and the audit is about the innermost one.
 */

/** The most IP layers one packet may carry; deeper nesting is counted as an anomaly and cut. */
export const MAX_IP_LAYERS = 4;

/** IP protocol numbers used across decoders and the flow table. */
export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_GRE = 47;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_SCTP = 132;

/** One IP header and what it carries. All offsets index into `buf`. */
export interface IpLayer {
  /**
   * The buffer the offsets refer to: the frame itself, or a reassembled IP datagram (fragments). Valid only
   * during the sink call that produced it.
   */
  buf: Uint8Array;
  ipVersion: 4 | 6;
  /** Offsets of the source and destination address (4 bytes for IPv4, 16 for IPv6). */
  srcOff: number;
  dstOff: number;
  /** Final protocol after the IPv6 extension-header chain (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 47 GRE, ...). */
  protocol: number;
  /** TCP/UDP/SCTP ports; 0 when the protocol has none. */
  srcPort: number;
  dstPort: number;
  /** TCP only: flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80). */
  tcpFlags: number;
  /** TCP only: sequence and acknowledgement numbers (unsigned 32-bit). */
  tcpSeq: number;
  tcpAck: number;
  /** ICMP/ICMPv6 only: type and code; -1 otherwise. */
  icmpType: number;
  icmpCode: number;
  /** The transport payload (after the TCP/UDP header) as captured: offset in buf and captured length. */
  payloadOff: number;
  payloadLen: number;
  /**
   * True when this layer's transport header could not be read whole (snap length, truncation): the layer
   * still counts for its flow when ports were read; payload is then empty.
   */
  transportTruncated: boolean;
}

export interface DecodedPacket {
  /** Number of valid entries at the start of `layers`; 0 when the packet has no IP layer we could decode. */
  layerCount: number;
  layers: IpLayer[];
  /**
   * When layerCount is 0 or decoding stopped early: a stable anomaly reason (e.g. "truncated-ipv4-header",
   * "unsupported-link-type", "ipv4-fragment-pending"); null when the packet decoded fully.
   * "ipv4-fragment-pending" / "ipv6-fragment-pending" are normal (a fragment waiting for the rest), not errors.
   */
  anomaly: string | null;
}

export function createIpLayer(): IpLayer {
  return {
    buf: new Uint8Array(0),
    ipVersion: 4,
    srcOff: 0,
    dstOff: 0,
    protocol: 0,
    srcPort: 0,
    dstPort: 0,
    tcpFlags: 0,
    tcpSeq: 0,
    tcpAck: 0,
    icmpType: -1,
    icmpCode: -1,
    payloadOff: 0,
    payloadLen: 0,
    transportTruncated: false,
  };
}

export function createDecodedPacket(): DecodedPacket {
  const layers: IpLayer[] = [];
  for (let i = 0; i < MAX_IP_LAYERS; i++) layers.push(createIpLayer());
  return { layerCount: 0, layers, anomaly: null };
}
