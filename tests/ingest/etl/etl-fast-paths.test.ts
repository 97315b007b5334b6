/**
 * The ETL reader's fast paths against the plain way of computing the same thing: the LZXPRESS decoder against
 * the byte-at-a-time reference, event timestamps in doubles against the BigInt formula, and the appearance
 * filter's typed-array tables against a Set of string keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_CPU_CYCLES,
  CLOCK_QPC,
  CLOCK_SYSTEM_TIME,
  type EtlClock,
  EtlTimestamps,
  etlTimestampMicros,
} from '../../../src/ingest/etl/etl-clock.js';
import { GENERATION_ENTRIES, RECENT_IDS, SeenPackets } from '../../../src/ingest/etl/etl-seen.js';
import { xpressDecompress } from '../../../src/ingest/etl/lzxpress.js';
import { xpressCompress } from '../../../src/writer/etl-writer.js';
import { referenceXpressDecompress } from './xpress-reference.js';

function bothDecoders(src: Uint8Array, from: number, to: number, cap: number): void {
  const fast = new Uint8Array(cap);
  const slow = new Uint8Array(cap);
  const r = xpressDecompress(src, from, to, fast);
  expect(r).toEqual(referenceXpressDecompress(src, from, to, slow));
  expect(Buffer.from(fast.subarray(0, r.length))).toEqual(Buffer.from(slow.subarray(0, r.length)));
}

/** Data with literal runs, short and long matches, and overlapping repeats of short patterns. */
const compressible = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 24 }),
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 120 }))
        .map(([unit, n]) => Buffer.concat(Array.from({ length: n }, () => Buffer.from(unit)))),
    ),
    { maxLength: 12 },
  )
  .map((parts) => {
    const head = Buffer.concat(parts);
    return Buffer.concat([head, head.subarray(0, Math.floor(head.length / 2)), head]);
  });

describe('LZXPRESS: the fast decoder equals the byte-at-a-time one', () => {
  it('on whole streams, into exact, short and roomy outputs', () => {
    fc.assert(
      fc.property(compressible, (input) => {
        const packed = xpressCompress(input);
        for (const cap of [input.length, Math.floor(input.length / 3), input.length + 100]) {
          bothDecoders(packed, 0, packed.length, cap);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('on streams cut anywhere and on garbage', () => {
    fc.assert(
      fc.property(compressible, fc.double({ min: 0, max: 1, noNaN: true }), (input, at) => {
        const packed = xpressCompress(input);
        bothDecoders(packed, 0, Math.floor(packed.length * at), input.length);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(5000), (garbage, cap) => {
        bothDecoders(garbage, 0, garbage.length, cap);
      }),
      { numRuns: 300 },
    );
  });

  it('copies long overlapping matches (runs of one byte and of short patterns)', () => {
    for (const unit of ['a', 'ab', 'abc', 'abcdefg']) {
      const input = Buffer.from(`x${unit.repeat(5000)}y`);
      const packed = xpressCompress(input);
      const out = new Uint8Array(input.length);
      expect(xpressDecompress(packed, 0, packed.length, out)).toEqual({ ok: true, length: input.length });
      expect(Buffer.from(out)).toEqual(input);
    }
  });
});

describe('ETL timestamps: doubles give what the BigInt formula gives', () => {
  const stampOf = (v: bigint): DataView => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, v, true);
    return view;
  };
  const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
  const clock = fc.record({
    clockType: fc.constantFrom(CLOCK_QPC, CLOCK_SYSTEM_TIME, CLOCK_CPU_CYCLES),
    // FILETIMEs from before 1970 to past 2100 and beyond.
    startTime: fc.oneof(fc.bigInt({ min: 0n, max: 1n << 60n }), fc.constant(133_625_998_000_000_000n)),
    startStamp: fc.oneof(u64, fc.bigInt({ min: 0n, max: 1n << 45n })),
    frequency: fc.oneof(
      fc.constantFrom(10_000_000n, 3_579_545n, 2_600n, 1n, 2_600_000_000n, 1_000_000_000n),
      fc.bigInt({ min: 1n, max: 1n << 40n }),
    ),
  });

  it('for random clocks and stamps near and far from the start', () => {
    fc.assert(
      fc.property(clock, fc.bigInt({ min: -(1n << 54n), max: 1n << 54n }), u64, (c: EtlClock, delta, far) => {
        const t = new EtlTimestamps(c);
        const base = c.clockType === CLOCK_SYSTEM_TIME ? c.startTime : c.startStamp;
        for (const stamp of [base + delta, far, base, base + 1n, base - 1n]) {
          if (stamp < 0n || stamp >= 1n << 64n) continue;
          expect(t.at(stampOf(stamp), 0)).toBe(etlTimestampMicros(c, stamp));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('for a pktmon trace clock (10 MHz QPC), second by second', () => {
    const c: EtlClock = {
      clockType: CLOCK_QPC,
      startTime: 133_625_999_070_000_000n,
      startStamp: 2_499_891_395_239n,
      frequency: 10_000_000n,
    };
    const t = new EtlTimestamps(c);
    for (let s = -5n; s < 100_000n; s += 997n) {
      const stamp = c.startStamp + s * 10_000_003n;
      expect(t.at(stampOf(stamp), 0)).toBe(etlTimestampMicros(c, stamp));
    }
  });
});

describe('pktmon appearance filter', () => {
  it('answers as a Set of (group id, packet number) would, within what it remembers', () => {
    const key = fc.record({
      // Ids whose low 16 bits differ: none pushes another out of the direct-mapped table.
      lo: fc.oneof(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0xffff0000 + 51, max: 0xffff0000 + 100 }),
        fc.constant(0xffffffff),
      ),
      hi: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.nat({ max: 0xffffffff })),
      num: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 0xffff })),
    });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), (keys) => {
        const seen = new SeenPackets();
        const model = new Set<string>();
        for (const { lo, hi, num } of keys) {
          const k = `${lo}:${hi}:${num}`;
          expect(seen.seenBefore(lo, hi, num)).toBe(model.has(k));
          model.add(k);
        }
      }),
    );
  });

  it('remembers a rising pktmon counter for RECENT_IDS ids, other keys for a generation', () => {
    const seen = new SeenPackets();
    const first = 0x105a26;
    let repeats = 0;
    for (let i = 0; i < RECENT_IDS; i++) if (seen.seenBefore(first + i, 0, 1)) repeats++;
    for (let i = 0; i < 2 * GENERATION_ENTRIES; i++) if (seen.seenBefore(i, 7, 2)) repeats++;
    expect(repeats).toBe(0);
    expect(seen.seenBefore(first, 0, 1)).toBe(true);
    expect(seen.seenBefore(first + RECENT_IDS - 1, 0, 1)).toBe(true);
    expect(seen.seenBefore(first + RECENT_IDS, 0, 1)).toBe(false);
    // The id RECENT_IDS later took the first one's slot: the first is forgotten.
    expect(seen.seenBefore(first, 0, 1)).toBe(false);
    expect(seen.seenBefore(GENERATION_ENTRIES, 7, 2)).toBe(true);
    expect(seen.seenBefore(2 * GENERATION_ENTRIES - 1, 7, 2)).toBe(true);
  });
});
