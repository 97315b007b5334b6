/**
 * One HTTP request as `outflow requests` writes it: the documented, stable NDJSON contract (docs/payload.md "Request
 * records"). Built from an HttpExchange and where it was read: a flow of a capture (frame) or a HAR entry.
 */
import { maskValue } from '../assess/pii/text.js';
import type { ContentFinding, HttpExchange } from './types.js';

export interface RequestRecord {
  /** tcp (HTTP/1.x, HTTP/2), udp (HTTP/3 over QUIC), or har (read from a HAR file). */
  proto: 'tcp' | 'udp' | 'har';
  /** How the content was read: decrypted TLS, decrypted QUIC, plaintext, or a HAR entry. */
  transport: 'tls' | 'quic' | 'plaintext' | 'har';
  /** The client's address and port; null for HAR entries (a HAR file does not say). */
  client: string | null;
  clientPort: number | null;
  /** The server's address (HAR: serverIPAddress, null when the file does not give it) and port. */
  server: string | null;
  serverPort: number | null;
  httpVersion: HttpExchange['httpVersion'];
  method: string;
  /** Host header or :authority as sent, null when absent. */
  host: string | null;
  /** Request target; query values masked unless --show-values. */
  path: string;
  /** Response status, null when no response was seen. */
  status: number | null;
  /** Request and response body bytes as sent (before Content-Encoding was removed). */
  requestBytes: number;
  responseBytes: number;
  contentType: string | null;
  /** Personal data and identifiers found in the request, with their field paths. */
  findings: ContentFinding[];
  /** What went wrong while reading the request ("body-truncated", "decompression-limit", ...), when anything did. */
  notes?: string[];
  /** Where the request was read: a capture's frame (1-based, as tshark counts) or a HAR file's entry (0-based). */
  source: { file: string; frame: number | null } | { file: string; entry: number };
}

export interface RequestOrigin {
  proto: RequestRecord['proto'];
  transport: RequestRecord['transport'];
  client: string | null;
  clientPort: number | null;
  server: string | null;
  serverPort: number | null;
  source: RequestRecord['source'];
}

export function toRequestRecord(
  exchange: HttpExchange,
  origin: RequestOrigin,
  findings: ContentFinding[],
  showValues: boolean,
): RequestRecord {
  const record: RequestRecord = {
    proto: origin.proto,
    transport: origin.transport,
    client: origin.client,
    clientPort: origin.clientPort,
    server: origin.server,
    serverPort: origin.serverPort,
    httpVersion: exchange.httpVersion,
    method: exchange.method,
    host: exchange.host,
    path: showValues ? exchange.path : maskQueryValues(exchange.path),
    status: exchange.status,
    requestBytes: exchange.requestBodyBytes,
    responseBytes: exchange.responseBodyBytes,
    contentType: exchange.contentType,
    findings,
    source: origin.source,
  };
  if (exchange.notes.length > 0) record.notes = exchange.notes;
  return record;
}

/** "/c?uid=jan@x.nl&v=1" → "/c?uid=j***l&v=1": every query value masked, names kept (they say what was sent). */
export function maskQueryValues(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const hash = path.indexOf('#', q);
  const query = path.slice(q + 1, hash < 0 ? undefined : hash);
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || eq === pair.length - 1) return pair;
      return `${pair.slice(0, eq + 1)}${maskValue(safeDecode(pair.slice(eq + 1)))}`;
    })
    .join('&');
  return `${path.slice(0, q + 1)}${masked}${hash < 0 ? '' : path.slice(hash)}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
