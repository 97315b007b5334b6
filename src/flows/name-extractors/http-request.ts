/**
 * A plaintext HTTP/1.x request head: the Host header and CONNECT authority name the flow; its path, query,
 * header values and the body bytes already held are searched for personal data when the run asks for it.
 */
import { detectPii } from '../../assess/pii/registry.js';
import { looksLikeHttpRequest, parseHttpRequestHead } from '../../decode/names/http.js';
import type { HttpRequestInfo } from '../../decode/names/types.js';
import type { FlowDetails } from '../flow-details.js';
import type { NamingContext, StreamNameExtractor } from './types.js';

/** Request body bytes looked at for personal data at most (only what the stream prefix already holds). */
export const MAX_BODY_EVIDENCE_BYTES = 16_384;

export const httpRequestExtractor: StreamNameExtractor<HttpRequestInfo> = {
  id: 'http-request',
  probe: looksLikeHttpRequest,
  parse: (stream) => parseHttpRequestHead(stream),
  incompleteUntilLineFeed: true,
  restartsStreamInScan: false,
  invalidAnomalyPrefix: null,
  tooLargeAnomaly: null,
  apply(ctx, flow, request, frame, bytes) {
    if (flow.http === undefined) flow.http = { method: request.method, path: request.path };
    if (ctx.pii !== null) httpEvidence(ctx, flow, request, frame, bytes);
    if (request.connectAuthority !== null)
      ctx.addName(flow, stripPort(request.connectAuthority), 'http-connect', frame);
    if (request.host !== null) ctx.addName(flow, stripPort(request.host), 'http-host', frame);
    // After CONNECT the tunnel carries the real conversation, usually TLS: look for its ClientHello.
    return request.connectAuthority !== null ? { mode: 'scan' } : { mode: 'more' };
  },
};

/** Personal data in a cleartext request: path, query, header values, and the body bytes already held. */
function httpEvidence(ctx: NamingContext, flow: FlowDetails, req: HttpRequestInfo, frame: number, bytes: Uint8Array) {
  const opts = ctx.pii ?? {};
  flow.addPii(detectPii(req.path, { field: 'http.path', frame }, opts));
  if (req.query !== null) flow.addPii(detectPii(req.query, { field: 'http.query', frame }, opts));
  for (const [name, value] of req.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-length' || lower === 'accept' || lower === 'connection') continue;
    flow.addPii(detectPii(value, { field: `http.header.${name}`, frame }, opts));
  }
  if (bytes.length > req.headLength) {
    const body = bytes.subarray(req.headLength, req.headLength + MAX_BODY_EVIDENCE_BYTES);
    flow.addPii(detectPii(Buffer.from(body).toString('latin1'), { field: 'http.body', frame }, opts));
  }
}

/** "host:443" → "host"; "[2001:db8::1]:8080" → "[2001:db8::1]"; a bare IPv6 literal is left alone. */
export function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    // An IPv6 literal keeps its brackets, as in the URI (RFC 3986 §3.2.2) and as tshark shows it.
    const end = authority.indexOf(']');
    return end > 0 ? authority.slice(0, end + 1) : authority;
  }
  const colon = authority.lastIndexOf(':');
  if (colon > 0 && authority.indexOf(':') === colon && /^\d+$/.test(authority.slice(colon + 1))) {
    return authority.slice(0, colon);
  }
  return authority;
}
