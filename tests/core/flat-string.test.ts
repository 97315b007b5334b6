/** flatString gives back the same text, whatever it holds (lone surrogates, controls, quotes, non-Latin). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatString } from '../../src/core/flat-string.js';

describe('flatString', () => {
  it('is the same text, code unit for code unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const rope = `${a} and ${b}: ${a}${b}`;
        expect(flatString(rope)).toBe(rope);
      }),
      { numRuns: 300 },
    );
    for (const s of ['', '"', '\\', '\u0000\u001f', '\ud800', '\udfff x \ud83d\ude00', 'Ünïcödé €'])
      expect(flatString(s)).toBe(s);
  });
});
