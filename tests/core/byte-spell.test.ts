import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  putAscii,
  putBytes,
  putInt,
  putNumber,
  putOctet,
  putPadded,
  putPair,
  putQuotedIpv4,
  putWhole,
} from '../../src/core/byte-spell.js';
import { formatIPv4 } from '../../src/core/ip-format.js';

/**
 * What `put` spells at a position inside a larger buffer, and whether it touched nothing around it but the
 * `slack` bytes past its end it may scribble on (putOctet, putQuotedIpv4).
 */
function spelt(put: (b: Uint8Array, p: number) => number, slack = 0): string {
  const b = new Uint8Array(96).fill(0xee);
  const end = put(b, 7);
  for (let i = 0; i < 7; i++) expect(b[i]).toBe(0xee);
  for (let i = end + slack; i < b.length; i++) expect(b[i]).toBe(0xee);
  return Buffer.from(b.subarray(7, end)).toString('latin1');
}

describe('byte-spell', () => {
  it('spells whole numbers and all numbers as String(n) does (JSON: null for NaN and the infinities)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(spelt((b, p) => putWhole(b, p, n))).toBe(String(n));
      }),
      { numRuns: 2000 },
    );
    for (const n of [0, 9, 10, 99, 100, 999, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 1e10 - 1, 1e10, 2 ** 53 - 1]) {
      expect(spelt((b, p) => putWhole(b, p, n))).toBe(String(n));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n) => {
        expect(spelt((b, p) => putInt(b, p, n))).toBe(String(n));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -1e12, max: 1e15 })), (n) => {
        expect(spelt((b, p) => putNumber(b, p, n))).toBe(Number.isFinite(n) ? String(n) : 'null');
      }),
      { numRuns: 2000 },
    );
  });

  it('pads to a width, spells octets and quoted IPv4 words as the address texts are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(spelt((b, p) => putPadded(b, p, n, 6))).toBe(String(n).padStart(6, '0'));
      }),
    );
    for (let v = 0; v < 256; v++) expect(spelt((b, p) => putOctet(b, p, v), 2)).toBe(String(v));
    for (let n = 0; n < 100; n++) expect(spelt((b, p) => putPair(b, p, n))).toBe(String(n).padStart(2, '0'));
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (w) => {
        const bytes = new Uint8Array([w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
        expect(spelt((b, p) => putQuotedIpv4(b, p, w), 2)).toBe(JSON.stringify(formatIPv4(bytes, 0)));
      }),
    );
  });

  it('copies bytes and ASCII text as they are', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
        (bytes, text) => {
          expect(spelt((b, p) => putBytes(b, p, bytes))).toBe(Buffer.from(bytes).toString('latin1'));
          expect(spelt((b, p) => putAscii(b, p, text))).toBe(text);
        },
      ),
    );
  });
});
