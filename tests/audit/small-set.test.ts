/** SmallSet: a bounded set of texts that is one string until its second value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SmallSet, smallAdd, smallSize, smallValues, sortTexts } from '../../src/audit/small-set.js';

function fill(values: string[], max: number): SmallSet {
  let set: SmallSet = null;
  for (const v of values) set = smallAdd(set, v, max);
  return set;
}

describe('SmallSet', () => {
  it('holds one value as the string itself, and a Set from the second distinct value on', () => {
    expect(fill([], 5)).toBeNull();
    expect(fill(['a', 'a'], 5)).toBe('a');
    const two = fill(['a', 'b', 'a'], 5);
    expect(two).toBeInstanceOf(Set);
    expect(smallValues(two)).toEqual(['a', 'b']);
  });

  it('keeps the first values up to the bound, in the order added, as a Set would', () => {
    for (const max of [0, 1, 2, 3, 10, Number.POSITIVE_INFINITY]) {
      const values = ['x', 'y', 'x', 'z', 'w', 'y', 'v'];
      const reference = new Set<string>();
      for (const v of values) if (reference.size < max) reference.add(v);
      const set = fill(values, max);
      expect(smallValues(set)).toEqual([...reference]);
      expect(smallSize(set)).toBe(reference.size);
    }
  });
});

describe('sortTexts', () => {
  it('sorts as Array#sort without a comparator does (UTF-16 code units), short and long lists', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('10.0.0.2', '10.0.0.10', 'É', 'e', '\u{1f600}', ''),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), (values) => {
        expect(sortTexts(values.slice())).toEqual(values.slice().sort());
      }),
      { numRuns: 500 },
    );
  });
});
