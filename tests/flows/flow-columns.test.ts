import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEndpointWords, srcIsLow, word } from '../../src/flows/flow-key.js';
import { FlowState } from '../../src/flows/flow-state.js';

describe('FlowState.lastTs (stored as seconds + microseconds)', () => {
  it('gives back exactly the timestamp it was set to', () => {
    const f = new FlowState();
    for (const ts of [0, 1, 999_999, 1_000_000, 1_793_606_400_123_456, 4_294_967_295_999_999, -1, 1.5]) {
      f.lastTs = ts;
      expect(f.lastTs).toBe(ts);
    }
  });

  it('round-trips any integer or fractional microsecond time', () => {
    const f = new FlowState();
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 2 ** 52 }), fc.double({ min: -1e15, max: 1e15, noNaN: true })),
        (ts) => {
          f.lastTs = ts;
          // === rather than Object.is: -0 reads back as 0 (the same instant).
          expect(f.lastTs === ts).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps both parts small integers for whole-microsecond times before 2038', () => {
    const f = new FlowState();
    f.lastTs = 1_793_606_400_123_456;
    expect(f.lastSec).toBe(1_793_606_400);
    expect(f.lastUs).toBe(123_456);
  });
});

describe('flow-key words', () => {
  it('reads addresses as signed 32-bit words', () => {
    expect(word(Uint8Array.of(0xc0, 0xa8, 0x00, 0x01), 0)).toBe(0xc0a80001 | 0);
    expect(word(Uint8Array.of(10, 0, 0, 1), 0)).toBe(0x0a000001);
  });

  it('orders endpoints by their unsigned address bytes', () => {
    const w = createEndpointWords();
    w.s0 = word(Uint8Array.of(10, 0, 0, 1), 0);
    w.d0 = word(Uint8Array.of(192, 168, 0, 1), 0);
    expect(srcIsLow(w)).toBe(true);
    [w.s0, w.d0] = [w.d0, w.s0];
    expect(srcIsLow(w)).toBe(false);
  });
});
