import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  F_BYTES_OUT,
  F_LAST_TS,
  FlowColumns,
  HOT_F64,
  HOT_I32,
  I_META,
  I_NEXT,
  META_IN_USE,
} from '../../src/flows/flow-columns.js';
import { createEndpointWords, srcIsLow, word } from '../../src/flows/flow-key.js';

describe('FlowColumns', () => {
  it('keeps every microsecond timestamp and byte count exact', () => {
    const c = new FlowColumns(16);
    const slot = c.allocate();
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.double({ min: -1e15, max: 1e15, noNaN: true })),
        (v) => {
          c.f64[slot * HOT_F64 + F_LAST_TS] = v;
          c.f64[slot * HOT_F64 + F_BYTES_OUT] = v;
          expect(c.f64[slot * HOT_F64 + F_LAST_TS] === v).toBe(true);
          expect(c.f64[slot * HOT_F64 + F_BYTES_OUT] === v).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands out the lowest free slot, zeroed, and reuses released slots', () => {
    const c = new FlowColumns(16);
    const a = c.allocate();
    const b = c.allocate();
    expect([a, b]).toEqual([0, 1]);
    c.f64[a * HOT_F64 + F_BYTES_OUT] = 99;
    c.release(a);
    expect(c.inUse(a)).toBe(false);
    const again = c.allocate();
    expect(again).toBe(a);
    expect(c.f64[again * HOT_F64 + F_BYTES_OUT]).toBe(0);
    expect(c.i32[again * HOT_I32 + I_META]).toBe(META_IN_USE);
    expect(c.i32[again * HOT_I32 + I_NEXT]).toBe(-1);
  });

  it('grows when every slot is taken and keeps what the slots held', () => {
    const c = new FlowColumns(16);
    const slots: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = c.allocate();
      c.f64[s * HOT_F64 + F_BYTES_OUT] = i * 1000;
      c.firstFrame[s] = i + 1;
      slots.push(s);
    }
    expect(c.capacity).toBe(64);
    expect(new Set(slots).size).toBe(40);
    for (let i = 0; i < 40; i++) {
      const s = slots[i] ?? -1;
      expect(c.f64[s * HOT_F64 + F_BYTES_OUT]).toBe(i * 1000);
      expect(c.firstFrame[s]).toBe(i + 1);
      expect(c.inUse(s)).toBe(true);
    }
    expect(c.highWater).toBe(40);
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
