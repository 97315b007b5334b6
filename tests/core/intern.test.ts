/**
 * The intern tables hand back a string they made before only when it is exactly the string of the bytes (or the
 * address) asked for: whatever the tables hold, the result equals building the string afresh.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internIpv4, internLatin1, MAX_INTERNED_BYTES } from '../../src/core/intern.js';

describe('internLatin1', () => {
  it('is the latin1 text of the bytes, over repeats, near-repeats and colliding slots', () => {
    // A small alphabet and short lengths make hits, misses and slot collisions all frequent.
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 24 }).map((b) => b.map((x) => x % 5));
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 200 }), fc.nat(8), (list, pad) => {
        for (const b of list) {
          const padded = new Uint8Array(pad + b.length + pad);
          padded.set(b, pad);
          expect(internLatin1(padded, pad, pad + b.length)).toBe(Buffer.from(b).toString('latin1'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('builds long and high-byte texts as they are', () => {
    const long = new Uint8Array(MAX_INTERNED_BYTES + 10).fill(0xe9);
    expect(internLatin1(long, 0, long.length)).toBe(Buffer.from(long).toString('latin1'));
    expect(internLatin1(new Uint8Array([0xff, 0x00, 0x80]), 0, 3)).toBe('\xff\x00\x80');
    expect(internLatin1(new Uint8Array(4), 2, 2)).toBe('');
  });
});

describe('internIpv4', () => {
  it('is the dotted quad of any 32-bit word, signed or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), { maxLength: 300 }), (words) => {
        for (const w of words) {
          const u = w >>> 0;
          expect(internIpv4(w)).toBe(`${u >>> 24}.${(u >>> 16) & 255}.${(u >>> 8) & 255}.${u & 255}`);
        }
      }),
    );
  });

  it('spells every length of text, 7 to 15 characters', () => {
    const texts = ['0.0.0.0', '1.2.3.45', '1.2.34.56', '1.23.45.67', '12.34.56.78', '123.45.67.89'];
    texts.push('123.145.67.89', '123.145.167.89', '255.255.255.255', '10.0.0.100', '100.64.0.1');
    for (const text of texts) {
      const w = text.split('.').reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
      expect(internIpv4(w)).toBe(text);
      expect(internIpv4(w | 0)).toBe(text);
    }
  });
});
