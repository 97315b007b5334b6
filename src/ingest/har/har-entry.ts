/**
 * One HAR entry (HAR 1.2, log.entries[i]) as an HttpExchange. HAR writers differ (Chrome, Firefox, Safari,
 * Charles, Insomnia, mitmproxy): fields may be missing, empty or -1, so every field is read defensively and an
 * entry is refused only when it names no request we can place (no object, no method, no absolute http(s)/ws(s)
 * URL). WebSocket and event-stream entries are requests like the others.
 */
import {
  type HttpExchange,
  type HttpHeader,
  MAX_HEADER_BLOCK_BYTES,
  MAX_INSPECTED_BODY_BYTES,
} from '../../payload/types.js';
import { harHttpVersion } from './http-version.js';

export interface HarEntryRecord {
  exchange: HttpExchange;
  /** 0-based index in log.entries. */
  entry: number;
  /** The server address as the HAR gives it, without IPv6 brackets; null when absent. */
  serverIPAddress: string | null;
  /** Connection id (Chrome: the socket id), as text; null when absent. */
  connection: string | null;
  startedDateTime: string | null;
  url: string;
  pageref: string | null;
}

/** What the scanner cut from this entry: the raw length of request.postData.text when it was cut. */
export interface EntryCuts {
  postDataRawBytes: number | null;
}

export type EntryMapping = { record: HarEntryRecord } | { reason: string };

const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
/** Headers kept per side; a HAR with more is damaged or hostile. */
export const MAX_HAR_HEADERS = 512;

export function mapHarEntry(value: unknown, entry: number, cuts: EntryCuts): EntryMapping {
  if (!isRecord(value)) return { reason: 'entry is not an object' };
  const request = value.request;
  if (!isRecord(request)) return { reason: 'entry has no request' };
  const rawUrl = request.url;
  if (typeof rawUrl !== 'string' || rawUrl === '') return { reason: 'request has no url' };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { reason: 'request.url is not an absolute URL' };
  }
  if (!SCHEMES.has(url.protocol)) {
    return { reason: `URL scheme "${url.protocol.slice(0, 32)}" is not http(s) or ws(s)` };
  }
  const method = request.method;
  if (typeof method !== 'string' || method.trim() === '') return { reason: 'request has no method' };

  const notes: string[] = [];
  const response = isRecord(value.response) ? value.response : {};
  let httpVersion = harHttpVersion(request.httpVersion) ?? harHttpVersion(response.httpVersion);
  if (httpVersion === null) {
    httpVersion = '1.1';
    notes.push('http-version-unknown');
  }
  const lowerCase = httpVersion === '2' || httpVersion === '3';
  const requestHeaders = readHeaders(request.headers, notes);
  mergeCookies(requestHeaders, request.cookies, lowerCase);
  const postData = isRecord(request.postData) ? request.postData : null;
  const body = requestBody(postData, cuts.postDataRawBytes, notes);
  const postMime = postData !== null && typeof postData.mimeType === 'string' ? postData.mimeType.trim() : '';
  // The inspector decodes the body by its Content-Type; HAR keeps it in postData.mimeType even when a writer
  // dropped the header (Firefox for some HTTP/2 requests).
  if (postMime !== '' && headerValue(requestHeaders, 'content-type') === null) {
    requestHeaders.push({ name: lowerCase ? 'content-type' : 'Content-Type', value: postMime });
  }
  const status = readStatus(response.status);
  const responseHeaders = readHeaders(response.headers, notes);
  const exchange: HttpExchange = {
    httpVersion,
    method: method.trim(),
    host: hostWithPort(url, rawUrl),
    path: `${url.pathname}${url.search}`,
    scheme: url.protocol.slice(0, -1),
    requestHeaders,
    requestBody: body.bytes,
    requestBodyBytes: requestBodyBytes(request.bodySize, body.fullBytes),
    status,
    responseHeaders,
    responseBodyBytes: responseBodyBytes(response),
    contentType: contentType(response, responseHeaders, status === null ? requestHeaders : null),
    frame: null,
    streamId: null,
    notes,
  };
  return {
    record: {
      exchange,
      entry,
      serverIPAddress: serverAddress(value.serverIPAddress),
      connection: typeof value.connection === 'number' ? String(value.connection) : nonEmpty(value.connection),
      startedDateTime: nonEmpty(value.startedDateTime),
      url: rawUrl,
      pageref: nonEmpty(value.pageref),
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function nonNegative(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? Math.min(Math.trunc(v), Number.MAX_SAFE_INTEGER)
    : null;
}

/** Name/value pairs; pseudo-headers (":authority") stay, as HTTP/2 writers record them. */
function readHeaders(list: unknown, notes: string[]): HttpHeader[] {
  const out: HttpHeader[] = [];
  if (!Array.isArray(list)) return out;
  let bytes = 0;
  for (const h of list) {
    if (!isRecord(h) || typeof h.name !== 'string') continue;
    const value = typeof h.value === 'string' ? h.value : typeof h.value === 'number' ? String(h.value) : '';
    bytes += h.name.length + value.length;
    if (out.length >= MAX_HAR_HEADERS || bytes > MAX_HEADER_BLOCK_BYTES) {
      if (!notes.includes('headers-truncated')) notes.push('headers-truncated');
      break;
    }
    out.push({ name: h.name, value });
  }
  return out;
}

function headerValue(headers: HttpHeader[], lowerName: string): string | null {
  for (const h of headers) if (h.name.toLowerCase() === lowerName) return h.value;
  return null;
}

/**
 * request.cookies and the Cookie header usually say the same; some writers fill only one. Cookies missing from
 * the header are added to it (or to a new one), so the inspector reads every cookie from Cookie headers.
 */
function mergeCookies(headers: HttpHeader[], cookies: unknown, lowerCase: boolean): void {
  if (!Array.isArray(cookies) || cookies.length === 0) return;
  const present = new Set<string>();
  let first: HttpHeader | null = null;
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    first ??= h;
    for (const pair of h.value.split(';')) {
      const eq = pair.indexOf('=');
      present.add((eq < 0 ? pair : pair.slice(0, eq)).trim());
    }
  }
  const missing: string[] = [];
  for (const c of cookies.slice(0, MAX_HAR_HEADERS)) {
    if (!isRecord(c) || typeof c.name !== 'string' || c.name === '' || present.has(c.name)) continue;
    present.add(c.name);
    missing.push(`${c.name}=${typeof c.value === 'string' ? c.value : ''}`);
  }
  if (missing.length === 0) return;
  const extra = missing.join('; ');
  if (first !== null) first.value = first.value.trim() === '' ? extra : `${first.value}; ${extra}`;
  else headers.push({ name: lowerCase ? 'cookie' : 'Cookie', value: extra });
}

interface Body {
  bytes: Uint8Array;
  /** Decoded body length, estimated from the raw length when the scanner cut the text; null without body. */
  fullBytes: number | null;
}

/** postData.text (base64 when `encoding` says so), else postData.params as a form body; capped for inspection. */
function requestBody(postData: Record<string, unknown> | null, cutRaw: number | null, notes: string[]): Body {
  if (postData === null) return { bytes: new Uint8Array(0), fullBytes: null };
  const base64 = typeof postData.encoding === 'string' && postData.encoding.toLowerCase() === 'base64';
  let bytes: Uint8Array;
  if (typeof postData.text === 'string' && (postData.text !== '' || !Array.isArray(postData.params))) {
    bytes = plain(base64 ? Buffer.from(postData.text, 'base64') : Buffer.from(postData.text, 'utf8'));
  } else if (Array.isArray(postData.params)) {
    bytes = plain(Buffer.from(formBody(postData.params), 'utf8'));
  } else return { bytes: new Uint8Array(0), fullBytes: null };
  let fullBytes = bytes.length;
  if (cutRaw !== null) {
    notes.push('body-truncated');
    fullBytes = base64 ? Math.floor((cutRaw * 3) / 4) : cutRaw;
  }
  if (bytes.length > MAX_INSPECTED_BODY_BYTES) {
    bytes = bytes.subarray(0, MAX_INSPECTED_BODY_BYTES);
    if (!notes.includes('body-truncated')) notes.push('body-truncated');
  }
  return { bytes, fullBytes };
}

/** A plain Uint8Array view, as the other exchange sources give (Buffer is a subclass with other equality). */
function plain(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function formBody(params: unknown[]): string {
  const parts: string[] = [];
  for (const p of params.slice(0, MAX_HAR_HEADERS)) {
    if (!isRecord(p) || typeof p.name !== 'string') continue;
    const value = typeof p.value === 'string' ? p.value : '';
    parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/** request.bodySize when the writer knew it; a 0 beside a non-empty text is a writer's default, not a size. */
function requestBodyBytes(bodySize: unknown, textBytes: number | null): number {
  const declared = nonNegative(bodySize);
  if (declared !== null && !(declared === 0 && (textBytes ?? 0) > 0)) return declared;
  return textBytes ?? 0;
}

function responseBodyBytes(response: Record<string, unknown>): number {
  const content = isRecord(response.content) ? response.content : {};
  return nonNegative(response.bodySize) ?? nonNegative(content.size) ?? 0;
}

/** 0 is how writers say "no response" (blocked, aborted, still pending). */
function readStatus(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 999 ? v : null;
}

function contentType(
  response: Record<string, unknown>,
  responseHeaders: HttpHeader[],
  requestHeaders: HttpHeader[] | null,
): string | null {
  const content = isRecord(response.content) ? response.content : {};
  const mime = typeof content.mimeType === 'string' ? content.mimeType.trim() : '';
  if (mime !== '') return mime;
  return (
    headerValue(responseHeaders, 'content-type') ??
    (requestHeaders ? headerValue(requestHeaders, 'content-type') : null)
  );
}

/** The URL's host (lower case, IDN as punycode) with the port the URL spelt, even a default one. */
function hostWithPort(url: URL, raw: string): string {
  if (url.port !== '') return url.host;
  const port = explicitPort(raw);
  return port === null ? url.host : `${url.host}:${port}`;
}

function explicitPort(raw: string): string | null {
  const m = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\\]*)/.exec(raw);
  if (m === null) return null;
  const authority = (m[1] ?? '').slice((m[1] ?? '').lastIndexOf('@') + 1);
  const port = (authority.startsWith('[') ? /\]:(\d{1,5})$/ : /:(\d{1,5})$/).exec(authority);
  return port === null ? null : String(Number(port[1]));
}

/** Chrome writes IPv6 server addresses in brackets ("[2a00:1450::1]"); the address is what the rest needs. */
function serverAddress(v: unknown): string | null {
  const s = nonEmpty(v);
  if (s === null) return null;
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}
