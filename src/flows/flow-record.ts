/**
 * One flow as every later stage sees it, whether it came from a capture or a log. The NDJSON output of
 * `outflow flows` is exactly this shape: a stable, documented contract (see README "Flow records").
 */
import type { PiiFinding } from '../assess/pii/types.js';
import type { NameVia } from '../decode/names/types.js';

export type FlowProto = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'sctp' | 'gre' | 'esp' | 'other';

export interface FlowName {
  /** Normalised host name (lower case, no trailing dot; escaped when suspicious). */
  name: string;
  via: NameVia;
  /** Frame (capture) or line (log) where the name was seen. */
  frame: number;
  /** DNS only: the CNAME chain from the queried name to the final owner of the address. */
  cnameChain?: string[];
  /** Unicode form of a punycode name. */
  unicode?: string;
  /** Why the name is not trustworthy as written (control characters, too long, ...). */
  suspicious?: string;
}

/** Where a flow was found: the input file and the first frame (1-based, as tshark counts) or log line. */
export interface FlowSource {
  file: string;
  firstFrame?: number;
  line?: number;
  /** Input format id (pcap, pcapng, zeek-conn, windows-firewall, ...). */
  format?: string;
}

export interface ServerCertificateInfo {
  /** Subject O (organisation), C (country) and CN of the leaf certificate; null when absent. */
  subjectOrg: string | null;
  subjectCountry: string | null;
  subjectCommonName: string | null;
  /** Issuer O of the leaf certificate (the CA), null when absent. */
  issuerOrg: string | null;
  /**
   * Frame (1-based) of the packet that completed the leaf certificate (the rest of the chain is not waited for),
   * or, from a log, the line of the TLS event.
   */
  frame: number;
}

export interface FlowRecord {
  proto: FlowProto;
  /** IP protocol number (6, 17, 1, 58, 47, ...). */
  ipProto: number;
  /** The initiator's address and port (port 0 where the protocol has none). */
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  /** ISO 8601 UTC with microseconds. */
  firstSeen: string;
  lastSeen: string;
  /** Out = client → server. Log records without counts carry null. */
  packetsOut: number | null;
  packetsIn: number | null;
  bytesOut: number | null;
  bytesIn: number | null;
  /** TCP handshake round-trip time in milliseconds (SYN → SYN-ACK plus SYN-ACK → ACK), or null. */
  rttMs: number | null;
  /** TCP flags seen over the flow, as letters in the order FSRPAUEC (e.g. "SAF"). Empty for other protocols. */
  tcpFlags: string;
  /** How the flow ended: "fin", "rst", "idle", "end-of-input", or a log's own action. */
  endReason: string;
  /** Tunnel depth: 0 for the outermost IP layer, 1 for the first encapsulated one, ... */
  tunnelDepth: number;
  names: FlowName[];
  /** TLS/QUIC ALPN offered by the client. */
  alpn?: string[];
  /** TLS versions offered (e.g. "1.3", "1.2"). */
  tlsVersions?: string[];
  /** True when the ClientHello carried encrypted_client_hello: the SNI is only the outer public name. */
  ech?: boolean;
  /**
   * The server certificate's subject and issuer, where the handshake shows it in clear (TLS 1.2 and older: the
   * Certificate message; TLS 1.3 encrypts it). The subject Organization names who runs the service.
   */
  serverCertificate?: ServerCertificateInfo;
  /** HTTP/1.x request line seen first (method and path without query). */
  http?: { method: string; path: string };
  /** Personal data seen in cleartext payload (HTTP request heads and bodies, DNS query names); masked. */
  pii?: PiiFinding[];
  /** From logs: the local program and user behind the flow, when the log knows them. */
  process?: { image?: string; pid?: number; user?: string };
  /** From logs: the firewall's decision (allow, drop, ...). */
  action?: string;
  /**
   * From logs that count only both directions together (Cisco ASA teardown "bytes"): the sum. bytesOut and
   * bytesIn are then null, because how much went out is not known.
   */
  bytesTotal?: number;
  source: FlowSource;
}
