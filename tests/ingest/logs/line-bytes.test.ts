/**
 * The digit writers under store-ndjson.ts: numbers as `String(n)` (the 32-bit path, the path above it and the
 * rest), dotted quads and ISO times as the text writers spell them, across block boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../../src/core/byte-output.js';
import { IsoBytes, LineBytes, writeInt } from '../../../src/ingest/logs/line-bytes.js';
import { isoFromMicros } from '../../../src/ingest/logs/log-time.js';

/** Everything written, as text, once flushed. */
function collect(): { line: LineBytes; text: () => string } {
  const blocks: Buffer[] = [];
  const out = new ByteOutput((b) => {
    blocks.push(Buffer.from(b));
    return true;
  });
  const line = new LineBytes(out);
  return {
    line,
    text: () => {
      line.flush();
      out.flush();
      return Buffer.concat(blocks).toString('latin1');
    },
  };
}

const anyNumber = fc.oneof(
  fc.nat(),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e21, -1, 0.5),
  fc.double(),
);

describe('line bytes', () => {
  it('writeInt spells 0 .. 2^31-1 as String does', () => {
    const b = new Uint8Array(16);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n) => {
        const end = writeInt(b, 3, n);
        expect(Buffer.from(b.subarray(3, end)).toString('latin1')).toBe(String(n));
      }),
    );
    for (let n = 0; n < 100_000; n += 7) {
      const end = writeInt(b, 0, n);
      expect(Buffer.from(b.subarray(0, end)).toString('latin1')).toBe(String(n));
    }
  });

  it('number, ipv4 and put, many times over block boundaries, as the text writers spell them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyNumber,
            fc.integer({ min: 0, max: 0xffff_ffff }).map((v) => ({ v })),
          ),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        fc.nat({ max: 70_000 }),
        (items, pad) => {
          const { line, text } = collect();
          const filler = new Uint8Array(pad).fill(0x2e);
          line.put(filler);
          let want = '.'.repeat(pad);
          for (let round = 0; round < 40; round++) {
            for (const item of items) {
              if (typeof item === 'number') {
                line.number(item);
                want += Number.isFinite(item) ? String(item) : 'null';
              } else {
                line.ipv4(item.v);
                want += `"${item.v >>> 24}.${(item.v >>> 16) & 255}.${(item.v >>> 8) & 255}.${item.v & 255}"`;
              }
              line.byte(0x2c);
              want += ',';
            }
          }
          expect(text()).toBe(want);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('IsoBytes spells isoFromMicros quoted, from one day to the next and back', () => {
    const iso = new IsoBytes();
    const b = new Uint8Array(40);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) * 1000, max: Date.UTC(2100, 0, 1) * 1000 - 1 }), (t) => {
        iso.write(b, 5, t);
        expect(Buffer.from(b.subarray(5, 34)).toString('latin1')).toBe(`"${isoFromMicros(t)}"`);
      }),
      { numRuns: 2000 },
    );
  });
});
