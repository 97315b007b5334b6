/** Narrow typed columns must give back every value exactly, widening in place when one does not fit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getNum, newIds, newPorts, PAGE, putId, putNum, putPort } from '../../../src/ingest/logs/store-columns.js';

describe('store columns', () => {
  it('numbers: absent, 32-bit integers, then anything (negative, fractions, -0, huge, 2^32-1) read back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(PAGE - 1),
            fc.oneof(fc.nat(), fc.constantFrom(Number.NaN, -0, -1, 0.5, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 4294967294)),
          ),
          { maxLength: 60 },
        ),
        (writes) => {
          let col = null as ReturnType<typeof putNum>;
          const expected = new Map<number, number>();
          for (const [slot, v] of writes) {
            col = putNum(col, slot, v);
            expected.set(slot, v);
          }
          for (const [slot, v] of expected) expect(Object.is(getNum(col, slot), v)).toBe(true);
          let unwritten = PAGE - 1;
          while (expected.has(unwritten)) unwritten--;
          expect(getNum(col, unwritten)).toBeNaN();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ids widen from 16 to 32 bits keeping what was written', () => {
    let col = newIds();
    col = putId(col, 0, 7);
    col = putId(col, 1, 65_535);
    col = putId(col, 2, 65_536);
    col = putId(col, PAGE - 1, 2 ** 31 - 1);
    expect([col[0], col[1], col[2], col[PAGE - 1]]).toEqual([7, 65_535, 65_536, 2 ** 31 - 1]);
    expect(col).toBeInstanceOf(Int32Array);
  });

  it('ports read back what an Int32Array column held (the layout before 16-bit ports), widening when needed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(PAGE - 1),
            fc.oneof(
              fc.nat({ max: 65_535 }),
              fc.constantFrom(-1, -0, 65_536, 1.5, Number.NaN, 2 ** 31, -(2 ** 31) - 1, 1e10),
            ),
          ),
          { maxLength: 60 },
        ),
        (writes) => {
          let col = newPorts();
          const before = new Int32Array(PAGE);
          for (const [slot, v] of writes) {
            col = putPort(col, slot, v);
            before[slot] = v;
          }
          let differs = -1;
          for (let k = 0; k < PAGE && differs < 0; k++) if (col[k] !== before[k]) differs = k;
          expect(differs).toBe(-1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
