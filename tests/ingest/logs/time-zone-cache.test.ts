/**
 * wallToUtcMs memoises offsets per wall hour (per minute around transitions): it must give exactly what the
 * uncached rule (offsetForWall) gives, at every DST edge, in zones whose transitions are not on the hour or not
 * a whole hour (Lord Howe: 30 min; Kathmandu 1986: +05:30 → +05:45; Monrovia 1972: -00:44:30 → UTC; Apia 2011: a skipped day), in
 * time order (as logs come) and in random order (cache hits from other hours and zones in between).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetForWall, wallToUtcMs, zoneOffsetMs } from '../../../src/ingest/logs/time-zone.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** UTC instants (ms) where `zone` changes offset between `fromYear` and `toYear`, found by day steps and bisection. */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  let t = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  let off = zoneOffsetMs(zone, t);
  while (t < end) {
    const next = t + DAY;
    const o = zoneOffsetMs(zone, next);
    if (o !== off) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffsetMs(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push(hi);
      off = o;
    }
    t = next;
  }
  return out;
}

/** Zones, each with the years whose transitions are swept. */
const CASES: [string, number, number][] = [
  ['Europe/Amsterdam', 2023, 2025],
  ['Africa/Monrovia', 1972, 1972],
  ['Pacific/Apia', 2011, 2011],
  ['America/New_York', 2024, 2024],
  ['Australia/Lord_Howe', 2023, 2024],
  ['Asia/Kathmandu', 1985, 1986],
];

/** Wall times (as if UTC) from 3 h before to 3 h after each transition's wall time, every `step` ms. */
function sweep(zone: string, from: number, to: number, step: number): number[] {
  const walls: number[] = [];
  for (const t of transitions(zone, from, to)) {
    const wall = t + zoneOffsetMs(zone, t);
    for (let w = wall - 3 * HOUR; w <= wall + 3 * HOUR; w += step) walls.push(w);
  }
  return walls;
}

describe('wallToUtcMs cache', () => {
  it('finds the transitions the sweep is about', () => {
    expect(transitions('Europe/Amsterdam', 2024, 2024).map((t) => new Date(t).toISOString())).toEqual([
      '2024-03-31T01:00:00.000Z',
      '2024-10-27T01:00:00.000Z',
    ]);
    expect(transitions('Australia/Lord_Howe', 2024, 2024)).toHaveLength(2);
    // Kathmandu moved to +05:45 at local midnight of 1986-01-01, still 1985 in UTC.
    expect(transitions('Asia/Kathmandu', 1985, 1986)).toHaveLength(1);
    // Liberia kept -00:44:30 until 1972: a transition whose gap does not end on a whole minute.
    const [monrovia] = transitions('Africa/Monrovia', 1972, 1972);
    expect(zoneOffsetMs('Africa/Monrovia', (monrovia ?? 0) - 1000)).toBe(-(44 * 60 + 30) * 1000);
    // Samoa skipped 2011-12-30 entirely (-10:00 → +14:00).
    expect(transitions('Pacific/Apia', 2011, 2011)).toHaveLength(3);
  });

  it.each(CASES)('equals the uncached rule through every %s transition of %i..%i, in time order', (zone, a, b) => {
    // 7 s 13 ms steps: every second-of-minute and many milliseconds get hit near each edge.
    for (const w of sweep(zone, a, b, 7013)) expect(wallToUtcMs(w, zone)).toBe(w - offsetForWall(w, zone));
  });

  it('equals the uncached rule in random order across zones', () => {
    const pools = CASES.map(([zone, a, b]) => ({ zone, walls: sweep(zone, a, b, 60_000) }));
    const pick = fc.record({
      pool: fc.nat(pools.length - 1),
      index: fc.nat(),
      ms: fc.integer({ min: -90_000, max: 90_000 }),
    });
    fc.assert(
      fc.property(fc.array(pick, { minLength: 1, maxLength: 40 }), (picks) => {
        for (const p of picks) {
          const pool = pools[p.pool];
          if (pool === undefined || pool.walls.length === 0) continue;
          const w = (pool.walls[p.index % pool.walls.length] ?? 0) + p.ms;
          expect(wallToUtcMs(w, pool.zone)).toBe(w - offsetForWall(w, pool.zone));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the documented DST rule at the Amsterdam edges after the hour is cached', () => {
    const w = (h: number, m: number) => Date.UTC(2024, 2, 31, h, m);
    // Warm the hours on both sides, then ask inside the gap.
    wallToUtcMs(w(1, 10), 'Europe/Amsterdam');
    wallToUtcMs(w(3, 10), 'Europe/Amsterdam');
    expect(new Date(wallToUtcMs(w(2, 30), 'Europe/Amsterdam')).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(new Date(wallToUtcMs(w(3, 0), 'Europe/Amsterdam')).toISOString()).toBe('2024-03-31T01:00:00.000Z');
    const f = (h: number, m: number) => Date.UTC(2024, 9, 27, h, m);
    expect(new Date(wallToUtcMs(f(2, 30), 'Europe/Amsterdam')).toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(new Date(wallToUtcMs(f(3, 0), 'Europe/Amsterdam')).toISOString()).toBe('2024-10-27T02:00:00.000Z');
  });
});
