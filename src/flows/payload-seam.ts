/**
 * The one seam between the flow table and payload reading (decryption, HTTP, content inspection: src/payload/).
 * The table hands each TCP/UDP flow's packets to a per-flow handler and, when the flow ends, puts what the handler
 * read on the flow record. The table knows nothing of TLS, QUIC or HTTP; payload code knows nothing of the table
 * (it sees a flow's endpoints and its packets' IP layers), so the table can be rebuilt beneath it (#18) without
 * touching decryption. Runs without keys and without `requests` have no tap: nothing here costs them anything.
 */
import type { PiiConfidence, PiiKind } from '../assess/pii/types.js';
import type { IpLayer } from '../decode/packet.js';
import type { FlowContent } from './flow-record.js';

/** What a payload handler may know of its flow. */
export interface PayloadFlowInfo {
  proto: 'tcp' | 'udp';
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  firstFrame: number;
  firstTsMicros: number;
}

export interface FlowPayloadHandler {
  /** One TCP segment of the flow (its payload is `layer.buf[layer.payloadOff, + payloadLen)`). */
  tcp(layer: IpLayer, isOut: boolean, frame: number): void;
  /** One UDP datagram of the flow. */
  udp(layer: IpLayer, isOut: boolean, frame: number): void;
  /** The flow ended: what reading its content gave, or null when there was nothing to read. */
  finish(): FlowContent | null;
}

export interface PayloadTap {
  /** Called when a TCP or UDP flow starts; null when its content is not followed. */
  start(info: PayloadFlowInfo): FlowPayloadHandler | null;
}

/** Why a connection's content could not be read (or 'decrypted' when it was, 'plaintext' when it needs none). */
export type PayloadStatus =
  | 'decrypted'
  | 'plaintext'
  | 'no-key'
  | 'unsupported-suite'
  | 'gap'
  | 'decrypt-failed'
  | 'not-tls'
  | 'incomplete';

/** One piece of personal data found in a request, named by where it sits. */
export interface ContentFinding {
  kind: PiiKind;
  /** Detector or decoder id, e.g. "email", "1ds-device-id", "ga-client-id", "cookie-id". */
  detector: string;
  /** Field path: "query uid", "header User-Agent", "cookie VISITOR_INFO1_LIVE", "body.ext.device.localId". */
  field: string;
  /** Masked unless the run asked for values (--show-values): "j***@e***.nl". */
  excerpt: string;
  confidence: PiiConfidence;
}
