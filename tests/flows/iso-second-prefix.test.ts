/** isoSecondPrefix spells a second as Date's toISOString does, from a day cache and arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMicros, isoSecondPrefix } from '../../src/flows/flow-to-record.js';

function byDate(second: number): string | null {
  const date = new Date(second * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 19);
}

const LIMIT = 8.64e12;

describe('isoSecondPrefix', () => {
  it('equals the Date spelling for every second, at the ends of the Date range and beyond', () => {
    const seconds = fc.oneof(
      fc.integer({ min: -LIMIT - 100_000, max: LIMIT + 100_000 }),
      fc.integer({ min: -100_000, max: 4_200_000_000 }),
      fc.integer({ min: -LIMIT - 90_000, max: -LIMIT + 90_000 }),
      fc.integer({ min: LIMIT - 90_000, max: LIMIT + 90_000 }),
      fc.double({ noNaN: false }),
    );
    fc.assert(
      fc.property(seconds, (s) => {
        expect(isoSecondPrefix(s)).toBe(byDate(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of [0, -1, 86_399, 86_400, LIMIT, LIMIT + 1, -LIMIT, -LIMIT - 1, 253_402_300_799, 253_402_300_800])
      expect(isoSecondPrefix(s), String(s)).toBe(byDate(s));
  });

  it('keeps isoMicros exact', () => {
    expect(isoMicros(1_711_843_201_123_456)).toBe('2024-03-31T00:00:01.123456Z');
    expect(isoMicros(-1)).toBe('1969-12-31T23:59:59.999999Z');
  });
});
