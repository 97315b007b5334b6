import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrMatcher, parseNetwork } from '../../../src/enrich/addresses/cidr-matcher.js';
import { CloudRanges } from '../../../src/enrich/geo/cloud-ranges.js';
import { CLOUD_TABLE_FILE } from '../../../src/tools/cloud-ranges-import/import.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** The address of 32-bit words, plus delta (wrapping at the ends of the address space). */
function bytesOf(words: readonly number[], delta: number): Uint8Array {
  const w = [...words];
  for (let i = w.length - 1; i >= 0; i--) {
    const v = (w[i] ?? 0) + delta;
    w[i] = (v + 2 ** 32) % 2 ** 32;
    if (v >= 0 && v < 2 ** 32) break;
  }
  const out = new Uint8Array(w.length * 4);
  for (const [i, x] of w.entries()) out.set([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255], i * 4);
  return out;
}

/**
 * The shipped table carries the longest-prefix match flattened at import (flatten.ts). Its answers are checked
 * against a longest-prefix trie over the table's own prefixes: at every interval's bounds and their neighbours,
 * and at random addresses inside and around the published prefixes.
 */
describe('the shipped cloud range table', () => {
  const text = readFileSync(join(root, CLOUD_TABLE_FILE), 'utf8');
  const json = JSON.parse(text) as { ranges: (string | number)[]; v4: number[]; v6: number[] };
  const ranges = CloudRanges.fromJson(text);
  const trie = new CidrMatcher<string>();
  const prefixes: string[] = [];
  for (let i = 0; i < json.ranges.length; i += 2) {
    const prefix = json.ranges[i] as string;
    prefixes.push(prefix);
    trie.add(prefix, prefix);
  }
  const same = (bytes: Uint8Array): void => {
    const got = ranges.lookupBytes(bytes)?.prefix ?? null;
    const want = trie.matchBytes(bytes)?.item ?? null;
    if (got !== want) expect({ address: [...bytes], got }).toEqual({ address: [...bytes], got: want });
  };

  it('reads every range and interval', () => {
    expect(ranges.skipped).toBe(0);
    expect(ranges.size).toBe(prefixes.length);
  });

  it('answers like a longest-prefix trie at every interval boundary', () => {
    for (const [flat, words] of [
      [json.v4, 1],
      [json.v6, 4],
    ] as const) {
      expect(flat.length % (words + 1)).toBe(0);
      // Each interval's first address, and the last address of the one before.
      for (let k = 0; k < flat.length; k += words + 1) {
        for (const delta of [-1, 0, 1]) same(bytesOf(flat.slice(k, k + words), delta));
      }
    }
  });

  it('answers like a longest-prefix trie at random addresses (property)', () => {
    const anywhere = fc.uint8Array({ minLength: 4, maxLength: 4 });
    // Near a published prefix: its first address with random low bits, IPv4 and IPv6.
    const near = fc
      .tuple(fc.constantFrom(...prefixes), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(40))
      .map(([prefix, noise, bits]) => {
        const bytes = Uint8Array.from(parseNetwork(prefix)?.bytes ?? []);
        const from = Math.max(0, bytes.length * 8 - bits);
        for (let i = from; i < bytes.length * 8; i++) {
          const bit = 0x80 >> (i & 7);
          bytes[i >> 3] = ((bytes[i >> 3] ?? 0) & ~bit) | ((noise[i >> 3] ?? 0) & bit);
        }
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(anywhere, near), (bytes) => same(bytes)),
      { numRuns: 5000 },
    );
  });
});
