/**
 * Plaintext HTTP/1.x request heads (RFC 9112 §2-§5): the request line and the header fields up to the empty
 * line. Bare LF line ends are tolerated (RFC 9112 §2.2). Every string returned is escaped with escapeField:
 * control characters, backslashes and non-ASCII bytes appear as \xNN, never raw.
 */
import { escapeField } from './safe-name.js';
import type { HttpRequestInfo, ParseOutcome } from './types.js';

/** Bytes of a request head read at most before giving up. */
export const MAX_HTTP_HEAD_BYTES = 16_384;
/** Header fields kept at most (Host is still looked for beyond this). */
export const MAX_HTTP_HEADERS = 100;
/** Longest method name we recognise ("UPDATEREDIRECTREF"). */
const MAX_METHOD_LENGTH = 17;

/**
 * Methods recognised: RFC 9110 §9, PATCH (RFC 5789), WebDAV and its extensions (RFC 4918, 3253, 3648, 3744,
 * 4437, 4791, 5323, 5842), SSDP/GENA over HTTPU and the Exchange WebDAV "B*" ones — the set tshark's HTTP
 * dissector accepts. An unknown token is not taken for HTTP, which keeps binary protocols out.
 */
// biome-ignore format: one line per family of methods reads better than one per method
export const HTTP_METHODS: ReadonlySet<string> = new Set([
  'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH',
  'REPORT', 'CHECKIN', 'CHECKOUT', 'UNCHECKOUT', 'MKWORKSPACE', 'UPDATE', 'LABEL', 'MERGE', 'MKACTIVITY',
  'VERSION-CONTROL', 'BASELINE-CONTROL', 'ORDERPATCH', 'ACL', 'MKCALENDAR', 'BIND', 'UNBIND', 'REBIND',
  'MKREDIRECTREF', 'UPDATEREDIRECTREF', 'LINK', 'UNLINK',
  'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'M-SEARCH', 'POLL',
  'BCOPY', 'BDELETE', 'BMOVE', 'BPROPFIND', 'BPROPPATCH',
]);

/** Cheap probe: the bytes start with "METHOD " for a known method, or are a prefix of one (wait for more). */
export function looksLikeHttpRequest(first: Uint8Array): boolean {
  if (first.length === 0) return false;
  let token = '';
  for (let i = 0; i < first.length && i <= MAX_METHOD_LENGTH; i++) {
    const b = first[i] ?? 0;
    if (b === 0x20) return token.length > 0 && HTTP_METHODS.has(token);
    if (!isMethodByte(b)) return false;
    token += String.fromCharCode(b);
  }
  return token.length <= MAX_METHOD_LENGTH && isMethodPrefix(token);
}

export function parseHttpRequestHead(buf: Uint8Array, maxHead = MAX_HTTP_HEAD_BYTES): ParseOutcome<HttpRequestInfo> {
  const limit = Math.min(buf.length, maxHead);
  const lines: [number, number][] = [];
  let lineStart = 0;
  let headLength = -1;
  for (let i = 0; i < limit; i++) {
    if (buf[i] !== 0x0a) continue;
    const lineEnd = i > lineStart && buf[i - 1] === 0x0d ? i - 1 : i;
    if (lineEnd === lineStart && lines.length > 0) {
      headLength = i + 1;
      break;
    }
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
    if (lineEnd !== lineStart) {
      const line: [number, number] = [lineStart, lineEnd];
      if (lines.length === 0 && !requestLineOk(buf, line)) return { kind: 'invalid', reason: 'bad-request-line' };
      lines.push(line);
    }
    lineStart = i + 1;
  }
  if (headLength < 0) {
    if (lines.length === 0 && !looksLikeHttpRequest(buf.subarray(lineStart, limit))) {
      return { kind: 'invalid', reason: 'not-http' };
    }
    return limit >= maxHead ? { kind: 'invalid', reason: 'head-too-large' } : { kind: 'incomplete', needed: 0 };
  }
  const [first, ...rest] = lines;
  if (first === undefined) return { kind: 'invalid', reason: 'bad-request-line' };
  const line = latin1(buf, first[0], first[1]);
  const [method = '', target = '', version = ''] = line.split(' ');
  const info: HttpRequestInfo = {
    method,
    path: '',
    query: null,
    host: null,
    connectAuthority: null,
    version: escapeField(version),
    headers: [],
    headLength,
  };
  readHeaders(buf, rest, info);
  readTarget(target, info);
  return { kind: 'done', value: info };
}

/** METHOD SP request-target SP HTTP/1.x (RFC 9112 §3); HTTP/2's "PRI * HTTP/2.0" preface is not HTTP/1. */
function requestLineOk(buf: Uint8Array, line: [number, number]): boolean {
  const parts = latin1(buf, line[0], line[1]).split(' ');
  if (parts.length !== 3) return false;
  const [method = '', target = '', version = ''] = parts;
  return HTTP_METHODS.has(method) && target.length > 0 && /^HTTP\/1\.\d$/.test(version);
}

function readHeaders(buf: Uint8Array, lines: [number, number][], info: HttpRequestInfo): void {
  let last: [string, string] | undefined;
  for (const [s, e] of lines) {
    const text = latin1(buf, s, e);
    // RFC 9112 §5.2: obsolete line folding continues the previous value; replaced by a space.
    if ((text.startsWith(' ') || text.startsWith('\t')) && last !== undefined) {
      last[1] = `${last[1]} ${escapeField(text.trim())}`;
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    const name = escapeField(text.slice(0, colon));
    const value = escapeField(text.slice(colon + 1).trim());
    // RFC 9112 §3.2: a request with several Host fields is invalid; the first one is kept.
    if (info.host === null && name.toLowerCase() === 'host') info.host = value;
    if (info.headers.length < MAX_HTTP_HEADERS) {
      last = [name, value];
      info.headers.push(last);
    } else {
      last = undefined;
    }
  }
}

/**
 * RFC 9112 §3.2: origin-form "/path?query", absolute-form "http://host:port/path?query" (to proxies: the URL's
 * authority names the server when no Host was sent), authority-form "host:port" (CONNECT) and asterisk-form.
 */
function readTarget(target: string, info: HttpRequestInfo): void {
  if (info.method === 'CONNECT') {
    info.connectAuthority = escapeField(target);
    info.path = info.connectAuthority;
    return;
  }
  let rest = target;
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(target);
  if (abs !== null) {
    // RFC 3986 §3.2: drop any userinfo ("user:pass@") before the host.
    const authority = (abs[1] ?? '').replace(/^.*@/, '');
    if (info.host === null && authority.length > 0) info.host = escapeField(authority);
    rest = target.slice(abs[0].length);
    if (!rest.startsWith('/') && !rest.startsWith('*')) rest = `/${rest}`;
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  info.path = escapeField(q >= 0 ? rest.slice(0, q) : rest);
  info.query = q >= 0 ? escapeField(rest.slice(q + 1)) : null;
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

function isMethodByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || b === 0x2d || b === 0x5f;
}

function isMethodPrefix(token: string): boolean {
  for (const m of HTTP_METHODS) if (m.startsWith(token)) return true;
  return false;
}
