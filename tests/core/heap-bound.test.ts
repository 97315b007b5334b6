/** HeapBound: a full collection each time the heap grew by a step over the live heap, the step growing with it. */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectNow, HeapBound } from '../../src/core/heap-bound.js';

const MB = 1024 * 1024;

function fake(start: number): { used: { bytes: number }; collected: number[]; bound: HeapBound } {
  const used = { bytes: start };
  const collected: number[] = [];
  const bound = new HeapBound({
    usedBytes: () => used.bytes,
    collect: () => {
      collected.push(used.bytes);
      // What a collection leaves: the live part (here: a third of what was in use).
      used.bytes = Math.round(used.bytes / 3);
    },
  });
  return { used, collected, bound };
}

describe('HeapBound', () => {
  it('collects once the heap grew 24 MB over the live heap, and measures the live heap again after', () => {
    const { used, collected, bound } = fake(30 * MB);
    bound.check();
    used.bytes = 53 * MB;
    bound.check();
    expect(collected).toEqual([]);
    used.bytes = 55 * MB;
    bound.check();
    expect(collected).toEqual([55 * MB]);
    expect(bound.collections).toBe(1);
    // Live is now ~18 MB: the next step is again 24 MB over it.
    used.bytes = Math.round((55 * MB) / 3) + 23 * MB;
    bound.check();
    expect(bound.collections).toBe(1);
    used.bytes = Math.round((55 * MB) / 3) + 25 * MB;
    bound.check();
    expect(bound.collections).toBe(2);
  });

  it('grows the step with the live heap (3/4 of it), so many live flows are not collected over and over', () => {
    const { used, bound } = fake(400 * MB);
    bound.check();
    used.bytes = 400 * MB + 299 * MB;
    bound.check();
    expect(bound.collections).toBe(0);
    used.bytes = 400 * MB + 301 * MB;
    bound.check();
    expect(bound.collections).toBe(1);
  });

  it('does nothing without a collector', () => {
    let asked = 0;
    const bound = new HeapBound({ collect: null, usedBytes: () => ++asked * 100 * MB });
    bound.check();
    bound.check();
    expect(asked).toBe(0);
    expect(bound.collections).toBe(0);
  });

  it("reaches V8's own full collection on this Node", () => {
    let used = 0;
    const bound = new HeapBound({ usedBytes: () => used });
    bound.check();
    used = 100 * MB;
    expect(() => bound.check()).not.toThrow();
    expect(bound.collections).toBe(1);
  });

  it('collectNow runs a full collection: garbage made before it is gone after it', () => {
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `g${i}` }));
    const before = getHeapStatistics().used_heap_size;
    expect(garbage.length).toBe(200_000);
    garbage = null;
    expect(collectNow()).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before - 5 * MB);
  });
});
