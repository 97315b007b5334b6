/**
 * ETW event timestamps to µs since the Unix epoch. The trace logfile header names the clock (ReservedFlags:
 * 1 QueryPerformanceCounter, 2 system time (FILETIME), 3 CPU cycles) and pairs its StartTime (FILETIME) with
 * the header event's own timestamp; an event's FILETIME is StartTime + (stamp - that) scaled to 100 ns, as
 * ETW consumers compute it.
 */

export const CLOCK_QPC = 1;
export const CLOCK_SYSTEM_TIME = 2;
export const CLOCK_CPU_CYCLES = 3;
/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
export const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/** The trace's clock, from the logfile header: converts event timestamps to µs since the Unix epoch. */
export interface EtlClock {
  clockType: number;
  startTime: bigint;
  startStamp: bigint;
  /** Ticks per second for QPC, MHz for CPU cycles. */
  frequency: bigint;
}

export function etlTimestampMicros(clock: EtlClock, stamp: bigint): number {
  let filetime: bigint;
  if (clock.clockType === CLOCK_SYSTEM_TIME) filetime = stamp;
  else if (clock.clockType === CLOCK_CPU_CYCLES)
    filetime = clock.startTime + ((stamp - clock.startStamp) * 10n) / clock.frequency;
  else filetime = clock.startTime + ((stamp - clock.startStamp) * 10_000_000n) / clock.frequency;
  return Number((filetime - FILETIME_UNIX_EPOCH) / 10n);
}

const TWO_32 = 4_294_967_296;
/** |stamp - start| below this (2^52) is exact as a double, with room for the sums below. */
const FAST_DELTA_HIGH_WORDS = 0x100000;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * etlTimestampMicros for every event of one trace, in doubles where that is exact and in BigInt where not (a
 * BigInt per packet was a tenth of an ETL read). filetime = start + trunc(delta * scale / frequency) with
 * delta = stamp - startStamp, then µs = trunc((filetime - epoch) / 10): the same integer arithmetic, split so
 * no intermediate passes 2^53.
 */
export class EtlTimestamps {
  readonly #clock: EtlClock;
  readonly #fast: boolean;
  readonly #startLo: number;
  readonly #startHi: number;
  readonly #scale: number;
  readonly #frequency: number;
  /** filetime(start) - epoch = #baseMicros * 10 + #baseRest. */
  readonly #baseMicros: number;
  readonly #baseRest: number;

  constructor(clock: EtlClock) {
    this.#clock = clock;
    const system = clock.clockType === CLOCK_SYSTEM_TIME;
    // System time stamps are FILETIMEs: the same formula with start stamp = start time, scale 1, frequency 1.
    const startStamp = system ? clock.startTime : clock.startStamp;
    const scale = system ? 1n : clock.clockType === CLOCK_CPU_CYCLES ? 10n : 10_000_000n;
    const frequency = system ? 1n : clock.frequency;
    const base = clock.startTime - FILETIME_UNIX_EPOCH;
    this.#startLo = Number(startStamp & 0xffffffffn);
    this.#startHi = Number((startStamp >> 32n) & 0xffffffffn);
    this.#scale = Number(scale);
    this.#frequency = Number(frequency);
    this.#baseMicros = Number(base / 10n);
    this.#baseRest = Number(base % 10n);
    // Doubles stay exact when frequency * scale fits (the remainder's product) and frequency >= scale (the
    // quotient's product is then at most delta).
    this.#fast =
      (clock.clockType === CLOCK_QPC ||
        clock.clockType === CLOCK_SYSTEM_TIME ||
        clock.clockType === CLOCK_CPU_CYCLES) &&
      frequency >= scale &&
      frequency * scale <= BigInt(MAX_SAFE) &&
      base >= 0n &&
      base / 10n < BigInt(MAX_SAFE) / 2n;
  }

  /** The event timestamp (u64, little-endian) at `view[off]` in µs since the Unix epoch. */
  at(view: DataView, off: number): number {
    if (this.#fast) {
      const lo = view.getUint32(off, true);
      const dh = view.getUint32(off + 4, true) - this.#startHi;
      if (dh > -FAST_DELTA_HIGH_WORDS && dh < FAST_DELTA_HIGH_WORDS) {
        const delta = dh * TWO_32 + (lo - this.#startLo);
        const a = delta < 0 ? -delta : delta;
        const f = this.#frequency;
        const scale = this.#scale;
        let scaled = a;
        // A 10 MHz QPC (pktmon's, on current Windows) ticks in FILETIME units already: no division.
        if (f !== scale) {
          const q = floorDiv(a, f);
          scaled = q * scale + floorDiv((a - q * f) * scale, f);
        }
        // BigInt division truncates toward zero: a negative delta gives minus the magnitude's quotient.
        const v = delta < 0 ? -scaled : scaled;
        const rest = v % 10;
        const m = this.#baseMicros + (v - rest) / 10;
        const s = this.#baseRest + rest;
        // filetime - epoch = 10 m + s with -9 <= s <= 18: positive when m >= 1, then truncation is floor.
        if (m >= 1 && m < MAX_SAFE) return m + Math.floor(s / 10);
      }
    }
    return etlTimestampMicros(this.#clock, view.getBigUint64(off, true));
  }
}

/** floor(a / b) for integers 0 <= a < 2^53, 0 < b < 2^53, corrected where the double quotient rounds. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}
