/**
 * The sampled laps read the clock for about one run in SAMPLE_EVERY and count each timed run for SAMPLE_EVERY
 * runs: over many runs of known steps the estimates are close to the time spent in each.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LONG_LAP_MS, SAMPLE_EVERY, SampledLaps } from '../../src/core/sampled-laps.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A clock that moves only when told. */
function fakeClock(): { now: () => number; reads: () => number; advance: (ms: number) => void } {
  let t = 1000;
  let reads = 0;
  return {
    now: () => {
      reads++;
      return t;
    },
    reads: () => reads,
    advance: (ms) => {
      t += ms;
    },
  };
}

describe('SampledLaps', () => {
  it('estimates each step over many runs from a sample, reading the clock for about one run in SAMPLE_EVERY', () => {
    const clock = fakeClock();
    vi.spyOn(performance, 'now').mockImplementation(clock.now);
    const laps = new SampledLaps(2);
    const runs = 200_000;
    for (let i = 0; i < runs; i++) {
      laps.start();
      clock.advance(0.002);
      laps.lap(0);
      clock.advance(0.001);
      laps.lap(1);
      // Between runs: not counted.
      clock.advance(0.05);
    }
    // 0.002 ms and 0.001 ms a run: 400 ms and 200 ms in all.
    expect(laps.ms(0)).toBeGreaterThan(400 * 0.9);
    expect(laps.ms(0)).toBeLessThan(400 * 1.1);
    expect(laps.ms(1)).toBeCloseTo(laps.ms(0) / 2, 6);
    expect(laps.totalMs()).toBeCloseTo(laps.ms(0) + laps.ms(1), 6);
    // Three reads per timed run: about 3 × runs / SAMPLE_EVERY.
    const timed = clock.reads() / 3;
    expect(timed).toBeGreaterThan((runs / SAMPLE_EVERY) * 0.9);
    expect(timed).toBeLessThan((runs / SAMPLE_EVERY) * 1.1);
  });

  it('counts a lap longer than LONG_LAP_MS once (a pause that fell into the step), not SAMPLE_EVERY times', () => {
    const clock = fakeClock();
    vi.spyOn(performance, 'now').mockImplementation(clock.now);
    const laps = new SampledLaps(1);
    let timed = 0;
    for (let i = 0; i < 10_000; i++) {
      const before = clock.reads();
      laps.start();
      clock.advance(0.001);
      if (clock.reads() > before) {
        timed++;
        // The first timed run pauses for 20 ms.
        if (timed === 1) clock.advance(20 + LONG_LAP_MS);
      }
      laps.lap(0);
    }
    expect(timed).toBeGreaterThan(0);
    // 20 ms once, plus 0.001 ms × SAMPLE_EVERY per other timed run.
    expect(laps.ms(0)).toBeCloseTo(20 + LONG_LAP_MS + 0.001 + (timed - 1) * 0.001 * SAMPLE_EVERY, 6);
  });

  it('starts at zero and ignores a lap without a timed start', () => {
    const laps = new SampledLaps(1);
    expect(laps.ms(0)).toBe(0);
    laps.lap(0);
    expect(laps.totalMs()).toBe(0);
    expect(laps.ms(5)).toBe(0);
  });
});
