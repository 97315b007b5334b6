/**
 * The contracts between the payload stages (issue #17): keys → decryption (TLS over reassembled TCP streams,
 * QUIC datagrams) → HTTP messages (HTTP/1.x, HTTP/2, HTTP/3; HAR entries arrive here already whole) → content
 * inspection (personal data by field). The flow table reaches all of this through one seam, `PayloadTap`
 * (payload/payload-tap.ts), and only when a run has keys or asks for requests; without it nothing here runs.
 */
// The words a flow record uses for content (status, findings) belong to the flow record's contract, so the flow
// table does not depend on this folder; they are re-exported here for the payload code.
export type { ContentFinding, PayloadStatus } from '../flows/payload-seam.js';

/** Client → server ("out") or server → client ("in"), as FlowRecord's bytesOut / bytesIn. */
export type Direction = 'out' | 'in';

/** NSS key log labels (SSLKEYLOGFILE): TLS 1.2 master secret and the TLS 1.3 / QUIC traffic secrets. */
export type SecretLabel =
  | 'CLIENT_RANDOM'
  | 'CLIENT_EARLY_TRAFFIC_SECRET'
  | 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'
  | 'SERVER_HANDSHAKE_TRAFFIC_SECRET'
  | 'CLIENT_TRAFFIC_SECRET_0'
  | 'SERVER_TRAFFIC_SECRET_0'
  | 'EXPORTER_SECRET';

/** Secrets of one TLS/QUIC connection, looked up by its ClientHello.random. */
export interface SecretLookup {
  /** The secret for this ClientHello.random (32 bytes) and label, or undefined. */
  secret(clientRandom: Uint8Array, label: SecretLabel): Uint8Array | undefined;
  /** True when any secret is known at all (cheap check before per-flow work). */
  readonly size: number;
}

/** One header as sent (name as on the wire for HTTP/1, lower case for HTTP/2 and /3). */
export interface HttpHeader {
  name: string;
  value: string;
}

/** One HTTP request with its response where it was seen, from any source (decrypted stream, plaintext, HAR). */
export interface HttpExchange {
  httpVersion: '1.0' | '1.1' | '2' | '3';
  method: string;
  /** HTTP/1 Host header or HTTP/2-3 :authority, as sent (port kept); null when absent. */
  host: string | null;
  /** Request target with its query, as sent ("/v1/collect?uid=..."); "*" or an absolute URI kept as is. */
  path: string;
  /** HTTP/2-3 :scheme, else null. */
  scheme: string | null;
  requestHeaders: HttpHeader[];
  /** The request body after Content-Encoding was removed, at most MAX_INSPECTED_BODY_BYTES; empty when none. */
  requestBody: Uint8Array;
  /** Request body bytes as sent on the wire (before decoding), counted even past the kept prefix. */
  requestBodyBytes: number;
  /** Response status, null when no response was seen. */
  status: number | null;
  responseHeaders: HttpHeader[];
  /** Response body bytes on the wire (before decoding). */
  responseBodyBytes: number;
  /** Response Content-Type (or the request's when there is no response), null when absent. */
  contentType: string | null;
  /** Frame (1-based) of the packet that carried the start of the request, or null (HAR). */
  frame: number | null;
  /** HTTP/2 or HTTP/3 stream id, else null. */
  streamId: number | null;
  /** What went wrong while reading this exchange: "body-truncated", "decompression-limit", "bad-gzip", ... */
  notes: string[];
}

/** Limits that bound memory for hostile or huge payloads (stated in docs/payload.md "Limits"). */
export const MAX_INSPECTED_BODY_BYTES = 1 << 20; // 1 MiB of decoded body kept per request for inspection
export const MAX_DECOMPRESSED_BYTES = 8 << 20; // 8 MiB decompressed at most per body (zip bombs stop here)
export const MAX_HEADER_BLOCK_BYTES = 256 << 10; // 256 KiB per header block (HTTP/1 head, HPACK/QPACK block)
export const MAX_FLOW_PLAINTEXT_BYTES = 64 << 20; // 64 MiB of plaintext read per flow; the rest is counted only
