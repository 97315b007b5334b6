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
