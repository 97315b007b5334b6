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

function hexGroup(g: string): number {
  if (g.length < 1 || g.length > 4) return -1;
  const v = Number.parseInt(g, 16);
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return -1;
  }
  return v;
}

function ipv6Groups(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] ?? '';
      if (i === pieces.length - 1 && p.includes('.')) {
        if (ipv4(p) === null) return null;
        const o = p.split('.').map(Number);
        out.push(((o[0] ?? 0) << 8) | (o[1] ?? 0), ((o[2] ?? 0) << 8) | (o[3] ?? 0));
        continue;
      }
      const v = hexGroup(p);
      if (v < 0) return null;
      out.push(v);
    }
    return out;
  };
  if (dbl < 0) {
    const g = parse(s);
    return g !== null && g.length === 8 ? g : null;
  }
  const head = parse(s.slice(0, dbl));
  const tail = parse(s.slice(dbl + 2));
  if (head === null || tail === null || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function formatIpv6(g: number[]): string {
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
  const hex = (a: number, b: number) =>
    g
      .slice(a, b)
      .map((x) => x.toString(16))
      .join(':');
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
  const g = ipv6Groups(pct >= 0 ? text.slice(0, pct) : text);
  if (g === null) return null;
  // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) is an IPv4 peer as far as flows are concerned.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const a = g[6] ?? 0;
    const b = g[7] ?? 0;
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return formatIpv6(g);
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

const BY_NAME: Record<string, [FlowProto, number]> = {
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
};

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
