import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/core/calendar-date.js';

describe('isIsoDate', () => {
  it('accepts calendar dates and refuses days that do not exist', () => {
    expect(isIsoDate('2023-07-10')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(isIsoDate(' 2026-04-01')).toBe(false);
    expect(isIsoDate('2026-04-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20260401)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('agrees with Date on every day from 1900 to 2200', () => {
    const day = 86_400_000;
    const from = Date.UTC(1900, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 109_572 }), (n) => {
        const text = new Date(from + n * day).toISOString().slice(0, 10);
        expect(isIsoDate(text)).toBe(true);
      }),
    );
  });
});
