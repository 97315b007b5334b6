import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines } from '../../src/report/html/pieces.js';

describe('joinLines', () => {
  it('gives pieces whose concatenation is the parts joined by newlines, a part itself being pieces or a string', () => {
    const part = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const whole = parts.map((p) => (typeof p === 'string' ? p : p.join(''))).join('\n');
        expect(joinLines(parts).join('')).toBe(whole);
      }),
    );
  });

  it('takes a part of more pieces than a call can have arguments', () => {
    const many = Array.from({ length: 300_000 }, () => 'x');
    expect(joinLines(['a', many]).length).toBe(300_002);
  });
});
