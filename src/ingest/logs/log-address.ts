/**
 * Addresses and protocols as logs write them, normalised to the forms captures produce: dotted-quad IPv4 and
 * RFC 5952 IPv6 (lower case, longest zero run compressed), IPv4-mapped IPv6 unwrapped to IPv4.
 */
import type { FlowProto } from '../../flows/flow-record.js';

function ipv4(s: string): string | null {
  if (s.length < 7 || s.length > 15) return null;
  let parts = 0;
  let v = -1;
  let len = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (v < 0 || v > 255) return null;
      parts++;
      v = -1;
      len = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++len > 3) return null;
    v = (v < 0 ? 0 : v * 10) + (c - 48);
  }
  return parts === 4 ? s : null;
}

/** The 8 groups of the last ipv6Groups call (reused: one parse per address, no arrays). */
const groups = new Int32Array(8);
/** Groups after '::', collected before they are moved to the end of `groups`. */
const tailGroups = new Int32Array(8);

/**
 * Dotted quad text[s, e) (ipv4's rules: 4 parts of 1..3 digits, each <= 255) as its 32-bit value, or -1.
 * Written for the last piece of an IPv6 address ("::ffff:192.0.2.1", RFC 4291 §2.2 form 3).
 */
function dottedAt(text: string, s: number, e: number): number {
  if (e - s < 7 || e - s > 15) return -1;
  let v = 0;
  let octet = -1;
  let len = 0;
  let parts = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (octet < 0 || octet > 255) return -1;
      v = v * 256 + octet;
      parts++;
      octet = -1;
      len = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++len > 3) return -1;
    octet = (octet < 0 ? 0 : octet * 10) + (c - 48);
  }
  return parts === 4 ? v : -1;
}

/**
 * The ':'-separated groups of text[s, e) (no '::' inside) into `out` from index 0: 1..4 hex digits each, the
 * last one may be a dotted quad (two groups). Returns how many groups were written, or -1. An empty range
 * has none (the side of a '::' that is empty).
 */
function partGroups(text: string, s: number, e: number, out: Int32Array): number {
  if (s === e) return 0;
  let n = 0;
  let start = s;
  let dot = false;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 58;
    if (c !== 58) {
      if (c === 46) dot = true;
      continue;
    }
    // A piece text[start, i): the last one (i === e) may be dotted.
    if (i === e && dot) {
      const v = dottedAt(text, start, e);
      if (v < 0 || n > 6) return -1;
      out[n++] = Math.floor(v / 65536);
      out[n++] = v & 0xffff;
      return n;
    }
    const len = i - start;
    if (len < 1 || len > 4 || n > 7) return -1;
    let v = 0;
    for (let k = start; k < i; k++) {
      const h = text.charCodeAt(k);
      const lower = h | 0x20;
      if (h >= 48 && h <= 57) v = v * 16 + (h - 48);
      else if (lower >= 97 && lower <= 102) v = v * 16 + (lower - 87);
      else return -1;
    }
    out[n++] = v;
    start = i + 1;
  }
  return n;
}

/**
 * Parses IPv6 text[s, e) (RFC 4291 §2.2 text forms, no zone) into `groups`; false when it is not one. A
 * character walk: the address column of a log is read once per line.
 */
function ipv6Groups(text: string, s: number, e: number): boolean {
  if (e - s < 2 || e - s > 45) return false;
  const dbl = text.indexOf('::', s);
  const hasDbl = dbl >= 0 && dbl + 2 <= e;
  if (hasDbl) {
    const again = text.indexOf('::', dbl + 1);
    if (again >= 0 && again + 2 <= e) return false;
  }
  if (!hasDbl) return partGroups(text, s, e, groups) === 8;
  const head = partGroups(text, s, dbl, groups);
  if (head < 0) return false;
  const tail = partGroups(text, dbl + 2, e, tailGroups);
  if (tail < 0 || head + tail > 7) return false;
  groups.fill(0, head, 8 - tail);
  for (let k = 0; k < tail; k++) groups[8 - tail + k] = tailGroups[k] ?? 0;
  return true;
}

/** RFC 5952 §4 text of `groups`: lower-case hex without leading zeros, the first longest run of 2+ zeros as '::'. */
function formatIpv6(g: Int32Array): string {
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (a: number, b: number) => {
    let out = '';
    for (let k = a; k < b; k++) out += k === a ? (g[k] ?? 0).toString(16) : `:${(g[k] ?? 0).toString(16)}`;
    return out;
  };
  if (bestAt < 0) return hex(0, 8);
  return `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

/** IPv6 texts remembered with their canonical form (logs repeat addresses; parsing one costs ~1 µs). */
const V6_CACHE_MAX = 4096;
const v6Cache = new Map<string, string | null>();

/** Canonical address text, or null when `raw` is not an IP address. Accepts [v6], zone ids (%eth0 dropped). */
export function normalizeAddress(raw: string): string | null {
  let s = raw;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes(':')) {
    if (s.length > 64) return normalizeIpv6(s);
    const hit = v6Cache.get(s);
    if (hit !== undefined) return hit;
    const v = normalizeIpv6(s);
    // Bounded: cleared when full (keys are substrings that keep their line alive).
    if (v6Cache.size >= V6_CACHE_MAX) v6Cache.clear();
    v6Cache.set(s, v);
    return v;
  }
  return ipv4(s);
}

function normalizeIpv6(text: string): string | null {
  const pct = text.indexOf('%');
  if (!ipv6Groups(text, 0, pct >= 0 ? pct : text.length)) return null;
  const g = groups;
  // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) is an IPv4 peer as far as flows are concerned.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const a = g[6] ?? 0;
    const b = g[7] ?? 0;
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return formatIpv6(g);
}

/**
 * `normalizeAddress(text.slice(s, e))` for an address column of a line: a plain dotted quad is checked in
 * place and only then cut out (most log addresses are; IPv6 and bracketed forms take normalizeAddress).
 */
export function addressAt(text: string, s: number, e: number): string | null {
  if (e - s >= 7 && e - s <= 15) {
    const c = text.charCodeAt(s);
    if (c >= 48 && c <= 57 && dottedAt(text, s, e) >= 0) return text.slice(s, e);
  }
  return normalizeAddress(text.slice(s, e));
}

/** A port as text ('443', '-', '') → number, 0 when absent, -1 when present but invalid. */
export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === '-') return 0;
  if (raw.length > 5) return -1;
  let v = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v <= 65535 ? v : -1;
}

/** Null prototype: the key is a log's text, and "constructor" or "__proto__" must not find Object's. */
const BY_NAME: Record<string, [FlowProto, number]> = Object.assign(
  Object.create(null) as Record<string, [FlowProto, number]>,
  {
    tcp: ['tcp', 6],
    udp: ['udp', 17],
    icmp: ['icmp', 1],
    icmpv6: ['icmpv6', 58],
    'ipv6-icmp': ['icmpv6', 58],
    icmp6: ['icmpv6', 58],
    sctp: ['sctp', 132],
    gre: ['gre', 47],
    esp: ['esp', 50],
    igmp: ['other', 2],
    ipip: ['other', 4],
    ipv6: ['other', 41],
    ah: ['other', 51],
    ospf: ['other', 89],
    pim: ['other', 103],
    vrrp: ['other', 112],
    l2tp: ['other', 115],
  },
);

const BY_NUMBER: Record<number, FlowProto> = {
  6: 'tcp',
  17: 'udp',
  1: 'icmp',
  58: 'icmpv6',
  132: 'sctp',
  47: 'gre',
  50: 'esp',
};

/** Protocol name or IANA number as logs write it → FlowRecord proto and number; null when unknown. */
export function parseProto(raw: string): { proto: FlowProto; ipProto: number } | null {
  const lower = raw.toLowerCase();
  const named = BY_NAME[lower];
  if (named !== undefined) return { proto: named[0], ipProto: named[1] };
  const n = parsePort(raw);
  if (n < 0 || raw === '' || raw === '-' || n > 255) return null;
  return { proto: BY_NUMBER[n] ?? 'other', ipProto: n };
}
