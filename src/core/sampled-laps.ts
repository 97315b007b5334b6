/**
 * Time spent in the steps of a routine that runs once per flow, estimated from a sample of its runs.
 *
 * Reading the clock costs about as much as a step: `performance.now()` around the enrichment in the grouper and
 * around the grouper in the audit (four reads a flow) was ~1 s of a 7 s audit of a 1,000,000-line log (issue
 * #20). So one run in SAMPLE_EVERY, picked by a fixed pseudo-random sequence (a regular stride could fall in step
 * with a pattern of the input), is timed, lap by lap, and counts for SAMPLE_EVERY runs. Over thousands of runs
 * the estimate is close; over a handful it can be far off (such a run spends its time elsewhere anyway).
 *
 * A lap longer than LONG_LAP_MS counts once, not SAMPLE_EVERY times: it is a pause that fell into the step (the
 * garbage collector's, ~1-50 ms), not the step's own cost, and multiplied it made the estimates of two runs of
 * the same audit differ by 0.6 s. Such pauses then count mostly with the reading, where most of them happen.
 */

/** One run in this many is timed (a power of two). */
export const SAMPLE_EVERY = 32;
/** A lap longer than this counts once (see above): no step of a flow takes a millisecond. */
export const LONG_LAP_MS = 1;

export class SampledLaps {
  readonly #ms: Float64Array;
  /** xorshift32 state: the same sequence in every run of the program, so it times the same flows each time. */
  #state = 0x9e3779b9;
  /** The clock at the last mark of the run being timed, or -1 while the current run is not sampled. */
  #last = -1;

  /** `laps`: the number of steps, numbered from 0. */
  constructor(laps: number) {
    this.#ms = new Float64Array(laps);
  }

  /** Estimated milliseconds spent in step `lap` over every run. */
  ms(lap: number): number {
    return this.#ms[lap] ?? 0;
  }

  /** Estimated milliseconds spent in all steps over every run. */
  totalMs(): number {
    let sum = 0;
    for (const ms of this.#ms) sum += ms;
    return sum;
  }

  /** Starts a run: reads the clock for about one run in SAMPLE_EVERY. */
  start(): void {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x;
    this.#last = (x & (SAMPLE_EVERY - 1)) === 0 ? performance.now() : -1;
  }

  /** Ends step `lap` of the run started last (the next step starts here). */
  lap(lap: number): void {
    if (this.#last < 0) return;
    const now = performance.now();
    const ms = now - this.#last;
    this.#ms[lap] = (this.#ms[lap] ?? 0) + (ms > LONG_LAP_MS ? ms : ms * SAMPLE_EVERY);
    this.#last = now;
  }
}
