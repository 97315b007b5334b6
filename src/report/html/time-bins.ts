/**
 * Bins and axis ticks for the activity timeline, from a capture of seconds to logs of years. The bin width
 * comes from a ladder of round widths (1 s … 30 s, 1 min … 30 min, 1 h … 12 h, 1, 2, 7 and 14 days, then
 * calendar months): the narrowest that makes at most MAX_BINS bins, so a span gets ~20–60 bins (fewer only
 * when the span is shorter than 20 s). Bins start on round UTC times (weeks on Mondays, months on the 1st), and
 * tick labels are as fine as the bins (12:54:05 for seconds, 12:54 for minutes and hours, dates for days,
 * months for months), so no two ticks read alike. Everything is UTC, as the rest of the report.
 */

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO 8601). */
const MONDAY = 4 * D;

/** A bin width: a fixed number of milliseconds, or calendar months (which differ in length). */
export type Step = { ms: number; months?: never } | { months: number; ms?: never };

const LADDER: readonly Step[] = [
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ ms: n * S })),
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ ms: n * MIN })),
  ...[1, 2, 3, 6, 12].map((n) => ({ ms: n * H })),
  ...[1, 2, 7, 14].map((n) => ({ ms: n * D })),
  ...[1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200].map((n) => ({ months: n })),
];

export const MAX_BINS = 60;
/** At most this many tick labels under the axis (they must not run into each other). */
export const MAX_TICKS = 7;
export const MAX_WIDE_TICKS = 5;
const TICK_MULTIPLES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

const monthIndex = (t: number): number => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthStart = (index: number): number => Date.UTC(Math.floor(index / 12), index % 12, 1);

/** The start of the step-aligned period that holds `t`. */
function floorTo(t: number, step: Step): number {
  if (step.months !== undefined) return monthStart(Math.floor(monthIndex(t) / step.months) * step.months);
  const origin = step.ms % (7 * D) === 0 ? MONDAY : 0;
  return Math.floor((t - origin) / step.ms) * step.ms + origin;
}

function next(t: number, step: Step): number {
  return step.months !== undefined ? monthStart(monthIndex(t) + step.months) : t + step.ms;
}

/**
 * Bin edges from the period holding `first` to the first edge at or past `last` (the last bin holds its end),
 * at least one bin; null as soon as there are more than `max` bins.
 */
function edgesFor(first: number, last: number, step: Step, max: number): number[] | null {
  const edges = [floorTo(first, step)];
  for (let e = edges[0] ?? first; e < last || edges.length < 2; ) {
    e = next(e, step);
    edges.push(e);
    if (edges.length > max + 1) return null;
  }
  return edges;
}

/** "1 s", "15 min", "2 h", "1 day", "7 days", "1 month", "3 months". */
export function stepLabel(step: Step): string {
  if (step.months !== undefined) return `${step.months} month${step.months === 1 ? '' : 's'}`;
  if (step.ms < MIN) return `${step.ms / S} s`;
  if (step.ms < H) return `${step.ms / MIN} min`;
  if (step.ms < D) return `${step.ms / H} h`;
  return `${step.ms / D} day${step.ms === D ? '' : 's'}`;
}

export interface Tick {
  t: number;
  label: string;
}

export interface Bins {
  step: Step;
  /** n + 1 edges of n bins, in ms since the epoch; bin i is [edges[i], edges[i+1]). */
  edges: number[];
  ticks: Tick[];
}

/**
 * Tick labels as fine as the bins. Sub-day ticks show the clock, with the date where it changes from the tick
 * before, or on every tick when the clock alone would read the same twice (12:00 on two days); ticks that are
 * all at midnight show only the date.
 */
function tickLabels(times: number[], step: Step): string[] {
  const iso = times.map((t) => new Date(t).toISOString());
  if (step.months !== undefined) return iso.map((s) => s.slice(0, 7));
  if (step.ms >= D) return iso.map((s) => s.slice(0, 10));
  const clock = (s: string): string => (step.ms < MIN ? s.slice(11, 19) : s.slice(11, 16));
  const clocks = iso.map(clock);
  const dated = new Set(clocks).size < clocks.length;
  // Ticks all at midnight on different days: the dates say it all.
  if (dated && clocks.every((c) => /^00:00(:00)?$/.test(c))) return iso.map((s) => s.slice(0, 10));
  return iso.map((s, i) => {
    const day = s.slice(0, 10);
    return dated || (i > 0 && day !== iso[i - 1]?.slice(0, 10)) ? `${day} ${clocks[i]}` : (clocks[i] ?? '');
  });
}

const multipleOf = (tick: Step, bin: Step): boolean =>
  bin.months !== undefined
    ? tick.months !== undefined && tick.months % bin.months === 0
    : tick.ms !== undefined && tick.ms % bin.ms === 0;

/**
 * Ticks on bin edges at round times: the first step of the ladder that is a multiple of the bin width and
 * leaves at most MAX_TICKS ticks (5 s, 15 min, 6 h, 14 days…), else the first multiple of the bin width that does;
 * labels with a date and a time are twice as wide, so they get at most MAX_WIDE_TICKS.
 */
function ticksFor(edges: number[], step: Step): Tick[] {
  const scaled = TICK_MULTIPLES.map(
    (m): Step => (step.months !== undefined ? { months: step.months * m } : { ms: step.ms * m }),
  );
  const fits = (labels: string[]): boolean =>
    labels.length >= 2 && labels.length <= (labels.some((l) => l.length > 10) ? MAX_WIDE_TICKS : MAX_TICKS);
  for (const tickStep of [...LADDER.filter((l) => multipleOf(l, step)), ...scaled]) {
    const times = edges.filter((e) => floorTo(e, tickStep) === e);
    if (times.length > MAX_TICKS) continue;
    const labels = tickLabels(times, step);
    if (fits(labels)) return times.map((t, i) => ({ t, label: labels[i] ?? '' }));
  }
  const ends = [edges[0] ?? 0, edges[edges.length - 1] ?? 0];
  const labels = tickLabels(ends, step);
  return ends.map((t, i) => ({ t, label: labels[i] ?? '' }));
}

/** Bins and ticks for flows from `first` to `last` (ms since the epoch; equal for one instant). */
export function timeBins(first: number, last: number): Bins {
  const end = Math.max(first, last);
  for (const step of LADDER) {
    const edges = edgesFor(first, end, step, MAX_BINS);
    if (edges !== null) return { step, edges, ticks: ticksFor(edges, step) };
  }
  // Beyond 6,000 years (hostile timestamps; no real log spans this): bins of whole centuries.
  const centuries = Math.ceil((monthIndex(end) - monthIndex(first) + 1) / MAX_BINS / 1200);
  const step: Step = { months: 1200 * Math.max(1, centuries) };
  const edges = edgesFor(first, end, step, MAX_BINS + 1) ?? [first, end];
  return { step, edges, ticks: ticksFor(edges, step) };
}
