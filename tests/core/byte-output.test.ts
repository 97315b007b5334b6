import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../src/core/byte-output.js';

function collect(write: (out: ByteOutput) => void): { text: string; blocks: number } {
  const blocks: Buffer[] = [];
  const out = new ByteOutput((b) => blocks.push(Buffer.from(b)));
  write(out);
  out.flush();
  return { text: Buffer.concat(blocks).toString('utf8'), blocks: blocks.length };
}

describe('ByteOutput', () => {
  it('fills a block again only when emit answers that it kept nothing of it', () => {
    for (const done of [true, false, undefined]) {
      const memory: ArrayBufferLike[] = [];
      const texts: string[] = [];
      const out = new ByteOutput((b) => {
        memory.push(b.buffer);
        texts.push(Buffer.from(b).toString('latin1'));
        return done;
      });
      for (const t of ['a', 'bc', 'def']) {
        out.ascii(t);
        out.flush();
      }
      expect(texts).toEqual(['a', 'bc', 'def']);
      // Reused: the first block's memory comes back for the third (the second was filled while the first was out).
      expect(memory[2] === memory[0]).toBe(done === true);
      expect(memory[1] === memory[0]).toBe(false);
    }
  });

  it('spells numbers as String(n) does, and NaN and infinities as null', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.double(), fc.integer({ min: -1e9, max: 0 })),
        (n) => {
          const want = Number.isFinite(n) ? String(n) : 'null';
          expect(collect((o) => o.number(n)).text).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
    for (const n of [0, -0, 9, 10, 99, 100, 2 ** 53, 2 ** 53 + 2, 1e21, 0.1, -1.5]) {
      expect(collect((o) => o.number(n)).text).toBe(String(n));
    }
  });

  it('writes JSON strings byte for byte as JSON.stringify, whatever they hold', () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"', '\\', '\u2028', '\ud800', 'a\udc00b', '\x7f', '\x00', 'é', '💥'),
    );
    fc.assert(
      fc.property(hostile, (s) => {
        expect(collect((o) => o.jsonString(s)).text).toBe(JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands on blocks it never touches again, and keeps text across block ends', () => {
    const blocks: Buffer[] = [];
    const copies: string[] = [];
    const out = new ByteOutput((b) => {
      blocks.push(b as Buffer);
      copies.push(Buffer.from(b).toString('utf8'));
    });
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = `line ${i} é ${'x'.repeat(i % 50)}\n`;
      parts.push(s);
      out.utf8(s);
      out.number(i);
      parts.push(String(i));
    }
    out.ascii('y'.repeat(200_000));
    parts.push('y'.repeat(200_000));
    out.flush();
    expect(blocks.length).toBeGreaterThan(3);
    // Every block still holds what it held when handed on.
    expect(blocks.map((b) => b.toString('utf8'))).toEqual(copies);
    expect(copies.join('')).toBe(parts.join(''));
  });
});
