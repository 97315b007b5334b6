/**
 * What the name extractors find. Parsers are pure functions over bytes; the flow table decides when to call
 * them (only on the first bytes of flows that need it).
 */

/** How a flow's name was learnt, most trustworthy first in a flow's `names`. */
export type NameVia = 'sni' | 'quic-sni' | 'http-connect' | 'http-host' | 'dns';

/** A hostname made safe to pass on: normalised, or escaped and flagged when it is not a plausible name. */
export interface SafeName {
  /** Lower case, no trailing dot; non-printable or non-ASCII bytes escaped as \xNN; at most 253 bytes kept. */
  name: string;
  /** Unicode form when `name` holds valid punycode (xn--) labels; absent otherwise. */
  unicode?: string;
  /** Set when the raw name had control characters, spaces, invalid bytes or was over 253 bytes. */
  suspicious?: string;
}

/** The parts of a TLS ClientHello an audit needs (RFC 8446 §4.1.2). */
export interface ClientHelloInfo {
  /** legacy_version from the handshake body (0x0303 for TLS 1.2 and 1.3). */
  legacyVersion: number;
  /** server_name (type host_name) from the SNI extension, raw as sent; null when absent. */
  serverName: string | null;
  /** ALPN protocol names offered, in order. */
  alpn: string[];
  /** supported_versions offered (e.g. 0x0304), in order; empty when the extension is absent. */
  supportedVersions: number[];
  /** True when an encrypted_client_hello (0xfe0d) extension is present: the SNI is then the outer public name. */
  ech: boolean;
}

/** Result of feeding bytes to an incremental parser. */
export type ParseOutcome<T> =
  | { kind: 'done'; value: T }
  /** More bytes are needed; `needed` is the total length required when known, else 0. */
  | { kind: 'incomplete'; needed: number }
  /** Not this protocol, or malformed: a stable reason for the anomaly counters. */
  | { kind: 'invalid'; reason: string };

/** One resource record from a DNS answer section that names an address or another name. */
export interface DnsRecord {
  /** Owner name, normalised. */
  name: string;
  /** 1 A, 28 AAAA, 5 CNAME, others kept only for counting. */
  type: number;
  ttl: number;
  /** A/AAAA: the address in canonical text form; CNAME: the target name (normalised). */
  data: string;
}

export interface DnsQuestion {
  name: string;
  type: number;
}

export interface DnsMessage {
  id: number;
  isResponse: boolean;
  rcode: number;
  /** Question names (normalised). */
  questions: DnsQuestion[];
  /** Answer-section records of type A, AAAA and CNAME (others skipped). */
  answers: DnsRecord[];
}

/** A plaintext HTTP/1.x request head. */
export interface HttpRequestInfo {
  method: string;
  /** Request target without the query string (unless asked for), escaped when not printable. */
  path: string;
  /** Raw query string (without '?'), or null: payload evidence for the PII detectors, never output by default. */
  query: string | null;
  /** Host header value (port kept as sent), or null. */
  host: string | null;
  /** CONNECT authority (host:port), or null when the method is not CONNECT. */
  connectAuthority: string | null;
  /** HTTP version string as sent, e.g. "HTTP/1.1". */
  version: string;
  /** Header names and values in order (bounded count), for payload evidence. */
  headers: [string, string][];
  /** Offset where the head ends (after CRLFCRLF) in the buffer given. */
  headLength: number;
}
