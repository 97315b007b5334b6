/**
 * sortDestinations orders groups by sort strings and the engine's string sort; the order must be exactly the
 * comparator's (risk rank, volume descending, key in code-unit order, then the order given), whatever the keys
 * and volumes (including those the strings cannot carry, which take the comparator path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortDestinations } from '../../src/audit/build-report.js';
import type { DestinationGroup, Risk } from '../../src/report/model.js';

const RISKS: Risk[] = ['high', 'medium', 'low', 'none'];

function group(key: string, risk: Risk, out: number | null, inBytes: number | null): DestinationGroup {
  return { key, risk, out: { packets: null, bytes: out }, in: { packets: null, bytes: inBytes } } as DestinationGroup;
}

function comparatorSorted(groups: DestinationGroup[]): string[] {
  const vol = (d: DestinationGroup) => (d.out.bytes ?? 0) + (d.in.bytes ?? 0);
  return groups
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        RISKS.indexOf(a.d.risk) - RISKS.indexOf(b.d.risk) ||
        vol(b.d) - vol(a.d) ||
        (a.d.key < b.d.key ? -1 : a.d.key > b.d.key ? 1 : 0) ||
        a.i - b.i,
    )
    .map(({ d, i }) => `${d.key}#${i}`);
}

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', 'b', 'A', '|', '-', '.', 'é', '😀', '\u0000', '\u0001', '~'), maxLength: 5 }),
);
const bytes = fc.oneof(
  fc.constant(null),
  fc.nat(5),
  fc.nat(),
  fc.constantFrom(999_999_999_999_999, 10 ** 15, 2 ** 53 - 1, 0.5),
);
const groups = fc.array(fc.tuple(key, fc.constantFrom(...RISKS), bytes, bytes), { maxLength: 40 });

describe('sortDestinations', () => {
  it("gives the comparator's order and numbers the groups in it", () => {
    fc.assert(
      fc.property(groups, (spec) => {
        const list = spec.map(([k, r, o, i]) => group(k, r, o, i));
        const tagged = list.map((d, i) => ({ d, tag: `${d.key}#${i}` }));
        const expected = comparatorSorted(list);
        const tagOf = new Map(tagged.map((t) => [t.d, t.tag]));
        sortDestinations(list);
        expect(list.map((d) => tagOf.get(d))).toEqual(expected);
        expect(list.map((d) => d.id)).toEqual(list.map((_, i) => `d${i + 1}`));
      }),
      { numRuns: 2000 },
    );
  });
});
