/**
 * The character-walking IPv6 parser and addressAt must read every text exactly as the split/array parser they
 * replaced did: that parser is kept below as the oracle and both are run over generated near-addresses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressAt, normalizeAddress, parseProto } from '../../../src/ingest/logs/log-address.js';

/** The parser before the character walk (split, map, spread; its digit loops written as regexes): the oracle. */
function oracle(raw: string): string | null {
  let s = raw;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (!s.includes(':')) return ipv4(s);
  const pct = s.indexOf('%');
  const g = groups(pct >= 0 ? s.slice(0, pct) : s);
  if (g === null) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const a = g[6] ?? 0;
    const b = g[7] ?? 0;
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
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
  return bestAt < 0 ? hex(0, 8) : `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

function ipv4(s: string): string | null {
  const parts = s.split('.');
  if (s.length < 7 || s.length > 15 || parts.length !== 4) return null;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255) ? s : null;
}

function groups(s: string): number[] | null {
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
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
      out.push(Number.parseInt(p, 16));
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

/** Near-addresses: pieces of real ones, joined and cut at random. */
const token = fc.constantFrom(
  '0',
  '1',
  '00',
  'ffff',
  'FFFF',
  '0db8',
  '12345',
  'g',
  ':',
  '::',
  ':::',
  '.',
  '192.0.2.1',
  '01.002.3.4',
  '256.1.1.1',
  '1.2.3',
  '%eth0',
  '%',
  '[',
  ']',
  ' ',
  '-',
  '\u00e9',
);
const nearAddress = fc.oneof(
  fc.array(token, { maxLength: 14 }).map((t) => t.join('')),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
    .map((g) => g.map((x) => x.toString(16)).join(':')),
  fc
    .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }), fc.nat(8), fc.nat(8))
    .map(([g, a, b]) => {
      const t = g.map(String).join(':');
      return `${t.slice(0, a * 2)}::${t.slice(Math.min(a * 2 + b * 2, t.length))}`;
    }),
  fc.ipV6(),
  fc.ipV4(),
  fc.ipV4Extended(),
);

describe('log addresses', () => {
  it('known forms', () => {
    expect(normalizeAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeAddress('[::ffff:192.0.2.1]')).toBe('192.0.2.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
    expect(normalizeAddress('1.2.3.4::')).toBe('102:304::');
    expect(normalizeAddress('::1.2.3.4.5')).toBeNull();
    expect(normalizeAddress('1::2::3')).toBeNull();
    expect(normalizeAddress('01.002.3.4')).toBe('01.002.3.4');
  });

  it('normalizeAddress reads every near-address as the split parser did', () => {
    fc.assert(
      fc.property(nearAddress, (s) => {
        expect(normalizeAddress(s)).toBe(oracle(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('addressAt(text, s, e) is normalizeAddress of that part of the line', () => {
    fc.assert(
      fc.property(nearAddress, fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), (s, before, after) => {
        const line = `${before}${s}${after}`;
        expect(addressAt(line, before.length, before.length + s.length)).toBe(oracle(s));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('parseProto on hostile text', () => {
  it('finds no protocol in the names of Object.prototype properties', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'CONSTRUCTOR']) {
      expect(parseProto(raw), raw).toBeNull();
    }
    expect(parseProto('TCP')).toEqual({ proto: 'tcp', ipProto: 6 });
  });
});
