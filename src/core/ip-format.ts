/**
 * IP address text: formatting straight from packet bytes and parsing user/log input.
 *
 * IPv6 text follows RFC 5952 §4 (lower case, leading zeros dropped, the longest run of two or more zero groups
 * compressed to "::", the first such run on a tie, a single zero group never compressed) and §5 for addresses
 * with an embedded IPv4 address, the way tshark prints them (it calls the C library's inet_ntop): IPv4-mapped
 * ::ffff:0:0/96 as ::ffff:1.2.3.4, and the deprecated IPv4-compatible form (96 zero bits, then a third group
 * that is not zero) as ::1.2.3.4, while ::1 and ::102 stay hexadecimal.
 */

import { internIpv4 } from './intern.js';

/** Dotted IPv4 text of the 4 bytes at `off` (the same address text comes back from a small table: intern.ts). */
export function formatIPv4(buf: Uint8Array, off: number): string {
  return internIpv4(
    ((buf[off] ?? 0) << 24) | ((buf[off + 1] ?? 0) << 16) | ((buf[off + 2] ?? 0) << 8) | (buf[off + 3] ?? 0),
  );
}

export function formatIPv6(buf: Uint8Array, off: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((buf[off + 2 * i] ?? 0) << 8) | (buf[off + 2 * i + 1] ?? 0));
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0) {
    if (groups[5] === 0xffff) return `::ffff:${formatIPv4(buf, off + 12)}`;
    if (groups[5] === 0 && groups[6] !== 0) return `::${formatIPv4(buf, off + 12)}`;
  }
  // Longest run of zero groups (length >= 2), first one on a tie (§4.2.3).
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && groups[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      const len = i - runStart;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
      runStart = -1;
    }
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

export function formatAddress(buf: Uint8Array, off: number, version: 4 | 6): string {
  return version === 4 ? formatIPv4(buf, off) : formatIPv6(buf, off);
}

/** Parses dotted-quad IPv4 or any RFC 4291 §2.2 IPv6 text (with optional embedded IPv4); null when invalid. */
export function parseIp(text: string): Uint8Array | null {
  const t = text.trim();
  if (t.includes(':')) return parseIPv6(t);
  return parseIPv4(t);
}

/**
 * Strict dotted-quad IPv4: four decimal octets, 0-255, no leading zeros (they mean octal to some parsers, so the
 * text is ambiguous and refused), no sign, no spaces. A charCode loop, not split + regex per octet: this runs once
 * per new address in the audit and was a tenth of the enrichment time (profiled).
 */
export function parseIPv4(text: string): Uint8Array | null {
  const n = text.length;
  // Shortest "0.0.0.0", longest "255.255.255.255".
  if (n < 7 || n > 15) return null;
  const out = new Uint8Array(4);
  let octet = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      // "." (or the end): closes an octet, which must have 1-3 digits and no leading zero.
      if (digits === 0 || octet > 3) return null;
      out[octet++] = value;
      value = 0;
      digits = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return null;
    if (digits > 0 && value === 0) return null;
    value = value * 10 + d;
    if (++digits > 3 || value > 255) return null;
  }
  return octet === 4 ? out : null;
}

export function parseIPv6(text: string): Uint8Array | null {
  let t = text;
  // A zone index (fe80::1%eth0) names an interface, not part of the address.
  const pct = t.indexOf('%');
  if (pct >= 0) t = t.slice(0, pct);
  if (t.length === 0 || t.length > 45) return null;
  const out = new Uint8Array(16);
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '', true);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) {
    if (head.length !== 16) return null;
    out.set(head, 0);
    return out;
  }
  if (head.length + tail.length > 14) return null;
  out.set(head, 0);
  out.set(tail, 16 - tail.length);
  return out;
}

/** Parses "a:b:c" (possibly ending in a dotted quad) into bytes; "" gives no bytes. */
function parseGroups(text: string, allowV4: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const bytes: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (allowV4 && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIPv4(p);
      if (v4 === null) return null;
      bytes.push(...v4);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
    const v = Number.parseInt(p, 16);
    bytes.push(v >> 8, v & 0xff);
  }
  return bytes;
}
