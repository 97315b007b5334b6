/**
 * HTTP/1.x message heads (RFC 9112 §2-§5): the start line and the header field lines, read leniently the way
 * browsers and servers do (bare LF line ends, obs-fold continuation lines, stray lines without a colon skipped).
 * Text is latin1 so every octet survives; names stay as on the wire.
 */
import type { HttpHeader } from '../types.js';
import { latin1 } from './exchange.js';

export interface RequestLine {
  method: string;
  target: string;
  version: '1.0' | '1.1';
}

export interface StatusLine {
  status: number;
  version: '1.0' | '1.1';
}

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]+(\S+)[ \t]+HTTP\/1\.(\d)[ \t]*$/;
const STATUS_LINE = /^HTTP\/1\.(\d)[ \t]+(\d{3})(?:[ \t].*)?$/;

export function parseRequestLine(line: string): RequestLine | null {
  const m = REQUEST_LINE.exec(line);
  if (!m?.[1] || !m[2]) return null;
  return { method: m[1], target: m[2], version: m[3] === '0' ? '1.0' : '1.1' };
}

export function parseStatusLine(line: string): StatusLine | null {
  const m = STATUS_LINE.exec(line);
  if (!m?.[2]) return null;
  return { status: Number(m[2]), version: m[1] === '0' ? '1.0' : '1.1' };
}

/** Splits a head (start line included, final empty line optional) into its lines. */
export function headLines(head: Uint8Array): string[] {
  const lines = latin1(head).split('\n');
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Header field lines (no start line) into headers; obs-fold lines continue the previous value. */
export function parseFieldLines(lines: readonly string[]): HttpHeader[] {
  const headers: HttpHeader[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const last = headers[headers.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      last.value = joinFolded(last.value, trimOws(line));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon), value: trimOws(line.slice(colon + 1)) });
  }
  return headers;
}

function joinFolded(value: string, more: string): string {
  return value === '' ? more : `${value} ${more}`;
}

/** OWS is SP and HTAB only (RFC 9110 §5.6.3); String.trim would also eat latin1 NBSP. */
function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
  return s.slice(a, b);
}

/**
 * Content-Length (RFC 9112 §6.3): one value, or a list of identical values; undefined when absent, null when
 * invalid (the message length is then unknowable).
 */
export function contentLength(headers: readonly HttpHeader[]): number | null | undefined {
  let found: number | undefined;
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'content-length') continue;
    for (const part of h.value.split(',')) {
      const v = part.trim();
      if (!/^\d{1,15}$/.test(v)) return null;
      const n = Number(v);
      if (found !== undefined && found !== n) return null;
      found = n;
    }
  }
  return found;
}

/** Transfer-Encoding codings, lower case, in order; empty when absent. */
export function transferCodings(headers: readonly HttpHeader[]): string[] {
  const codings: string[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'transfer-encoding') continue;
    for (const part of h.value.split(',')) {
      const c = part.trim().toLowerCase();
      if (c !== '') codings.push(c);
    }
  }
  return codings;
}
