import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { each, joinLines } from '../../src/report/html/pieces.js';

describe('joinLines', () => {
  it('gives pieces whose concatenation is the parts joined by newlines, a part itself being pieces or a string', () => {
    const part = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const whole = parts.map((p) => (typeof p === 'string' ? p : p.join(''))).join('\n');
        expect([...joinLines(parts)].join('')).toBe(whole);
      }),
    );
  });

  it('makes nothing before it is asked for', () => {
    let made = 0;
    const part = each(['a', 'b', 'c'], (x) => {
      made++;
      return x;
    });
    const pieces = joinLines(['head', part]);
    expect(made).toBe(0);
    expect([...pieces]).toEqual(['head', '\n', 'a', 'b', 'c']);
    expect(made).toBe(3);
  });
});
