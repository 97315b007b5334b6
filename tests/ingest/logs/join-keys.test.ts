/**
 * JoinKeys numbers keys exactly as a Map of strings did (equal keys equal ids, ids in order of first
 * appearance), held as code units in typed pages: the Map is the oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JoinKeys } from '../../../src/ingest/logs/join-keys.js';

function oracle(keys: string[]): number[] {
  const ids = new Map<string, number>();
  return keys.map((k) => {
    const id = ids.get(k) ?? ids.size;
    ids.set(k, id);
    return id;
  });
}

function numbered(keys: string[]): { ids: number[]; distinct: number } {
  const j = new JoinKeys();
  const entries = keys.map((k) => j.add(k));
  return { ids: entries.map((e) => j.id(e)), distinct: j.distinct };
}

describe('JoinKeys', () => {
  it('numbers keys as a Map of strings does, for any keys (lone surrogates and empty keys included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\ud800', '\udc00', '', 'zeek:C1')), {
          maxLength: 80,
        }),
        (keys) => {
          const { ids, distinct } = numbered(keys);
          expect(ids).toEqual(oracle(keys));
          expect(distinct).toBe(new Set(keys).size);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps keys apart that differ in one code unit only, over many arena and entry pages', () => {
    const keys: string[] = [];
    for (let i = 0; i < 60_000; i++) keys.push(`suricata:${1_000_000_000_000 + (i % 40_000)}`);
    keys.push('x'.repeat(1 << 21), `${'x'.repeat((1 << 21) - 1)}y`, 'x'.repeat(1 << 21));
    const { ids, distinct } = numbered(keys);
    expect(ids).toEqual(oracle(keys));
    expect(distinct).toBe(40_002);
  });

  it('renumbers after more keys are added', () => {
    const j = new JoinKeys();
    const a = j.add('a');
    expect(j.distinct).toBe(1);
    const b = j.add('b');
    const a2 = j.add('a');
    expect([j.id(a), j.id(b), j.id(a2), j.distinct]).toEqual([0, 1, 0, 2]);
  });
});
