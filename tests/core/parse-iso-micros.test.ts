/** parseIsoMicros: the inverse of isoMicros on exactly the texts isoMicros writes, NaN on every other text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoMicros } from '../../src/core/parse-iso-micros.js';
import { isoMicros } from '../../src/flows/flow-to-record.js';

/** The microseconds a double holds exactly (years 1685 to 2255). */
const MIN = Number.MIN_SAFE_INTEGER;
const MAX = Number.MAX_SAFE_INTEGER;

describe('parseIsoMicros', () => {
  it('gives back every time in microseconds that a double holds exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (t) => {
        expect(parseIsoMicros(isoMicros(t))).toBe(t);
      }),
      { numRuns: 5000 },
    );
    for (const t of [0, 1, 999_999, 1_000_000, 951_782_400_000_000, 1_711_843_201_000_000, MIN, MAX])
      expect(parseIsoMicros(isoMicros(t))).toBe(t);
  });

  it('accepts a text only when isoMicros spells its result back to it', () => {
    const digit = fc.constantFrom(...'0123456789');
    const near = fc
      .tuple(fc.array(digit, { minLength: 20, maxLength: 20 }), fc.constantFrom('-', ':', 'T', '.', 'Z', ' '))
      .map(([d, sep]) => {
        const s = d.join('');
        return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}.${s.slice(14, 20)}${sep === 'Z' ? 'Z' : sep}`;
      });
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ maxLength: 30 })), (text) => {
        const t = parseIsoMicros(text);
        if (!Number.isNaN(t)) expect(isoMicros(t)).toBe(text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses out-of-range fields and other shapes', () => {
    for (const text of [
      '2024-02-30T00:00:00.000000Z',
      '2023-02-29T00:00:00.000000Z',
      '2024-13-01T00:00:00.000000Z',
      '2024-00-01T00:00:00.000000Z',
      '2024-01-00T00:00:00.000000Z',
      '2024-01-01T24:00:00.000000Z',
      '2024-01-01T23:60:00.000000Z',
      '2024-01-01T23:59:60.000000Z',
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.0000000Z',
      '+10000-01-01T00:00:00.000000Z',
      '2024-01-01 00:00:00.000000Z',
      '2024-01-01T00:00:00.00000aZ',
      '2024-01-01T00:00:00.000000z',
      '',
    ])
      expect(parseIsoMicros(text), text).toBeNaN();
    expect(parseIsoMicros('2024-02-29T23:59:59.999999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59) * 1000 + 999_999);
    // Years whose microseconds a double cannot hold exactly are not numbers here (the audit keeps their text).
    expect(parseIsoMicros('0000-01-01T00:00:00.000000Z')).toBeNaN();
    expect(parseIsoMicros('9999-12-31T23:59:59.999999Z')).toBeNaN();
  });
});
