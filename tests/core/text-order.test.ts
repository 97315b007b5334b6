import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { compareText } from '../../src/core/text-order.js';

describe('compareText', () => {
  it('orders by UTF-16 code units, not by a locale collation', () => {
    // A collator ignores the hyphen at first and puts "ab" first, and folds case; code units do neither.
    expect(['ab', 'a-c', 'B', 'a', 'é', 'z'].sort(compareText)).toEqual(['B', 'a', 'a-c', 'ab', 'z', 'é']);
    expect(compareText('x', 'x')).toBe(0);
  });

  it('gives skipped-input reasons in the same order on every machine', () => {
    const a = new Anomalies();
    for (const reason of ['ab', 'a-c', 'Z']) a.add(reason);
    expect(a.entries().map((e) => e.reason)).toEqual(['Z', 'a-c', 'ab']);
  });
});
