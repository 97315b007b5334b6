/** SmallSet: a bounded set of texts that is one string until its second value. */
import { describe, expect, it } from 'vitest';
import { type SmallSet, smallAdd, smallSize, smallValues } from '../../src/audit/small-set.js';

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
