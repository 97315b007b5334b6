/**
 * One flow as every later stage sees it, whether it came from a capture or a log. The NDJSON output of
 * `outflow flows` is exactly this shape: a stable, documented contract (docs/inputs.md "Flow records").
 */
import type { PiiFinding } from '../assess/pii/types.js';
import type { NameVia } from '../decode/names/types.js';
import type { ContentFinding, PayloadStatus } from './payload-seam.js';

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
  /** HAR input: the entry (0-based index in log.entries) the flow was built from. */
  entry?: number;
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

/** What reading a flow's content gave (runs with keys, and `outflow requests`): see src/payload/. */
export interface FlowContent {
  /** decrypted, plaintext (no encryption to remove), or why the content could not be read. */
  status: PayloadStatus;
  /** Words for a status other than decrypted/plaintext ("no key for client random 3a4b…"). */
  reason?: string;
  /** Application bytes read per direction: decrypted TLS application data, QUIC STREAM data, or plaintext. */
  bytesOut: number;
  bytesIn: number;
  /** HTTP requests read from the content. */
  requests: number;
  /** Personal data and identifiers found in those requests (bounded; masked unless --show-values). */
  findings: ContentFinding[];
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
  /**
   * Runs with keys (--keylog, pcapng Decryption Secrets Blocks): application bytes decrypted per direction (TLS
   * application data, QUIC STREAM frame data), 0 when none. Absent in runs without keys.
   */
  decrypted?: { bytesOut: number; bytesIn: number };
  /** Runs with keys: what reading the flow's content gave (status, requests, findings). */
  content?: FlowContent;
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
