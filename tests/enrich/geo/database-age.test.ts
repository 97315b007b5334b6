import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDateMs, daysFromSpan, daysSinceBuild } from '../../../src/enrich/geo/database-age.js';

const ms = (iso: string): number => Date.parse(iso);

describe('database age', () => {
  it('reads YYYY-MM-DD build dates and refuses anything else', () => {
    expect(buildDateMs('2026-06-01')).toBe(ms('2026-06-01T00:00:00Z'));
    expect(buildDateMs('')).toBeNull();
    expect(buildDateMs('unknown')).toBeNull();
    expect(buildDateMs('2026-02-30')).toBeNull();
    expect(buildDateMs('2026-06-01T00:00:00Z')).toBeNull();
  });

  it('counts whole days since the build, negative for a build after the moment', () => {
    expect(daysSinceBuild('2026-06-01', ms('2026-06-01T23:59:59Z'))).toBe(0);
    expect(daysSinceBuild('2026-06-01', ms('2026-07-31T00:00:00Z'))).toBe(60);
    expect(daysSinceBuild('2026-06-01', ms('2026-05-31T12:00:00Z'))).toBe(-1);
    expect(daysSinceBuild('nope', 0)).toBeNull();
  });

  it('measures from a time span: before it, within it (0), after it', () => {
    const first = ms('2026-11-02T07:31:00Z');
    const last = ms('2026-11-02T15:20:00Z');
    expect(daysFromSpan('2026-06-01', first, last)).toBe(154);
    expect(daysFromSpan('2026-11-02', first, last)).toBe(154 - 154);
    expect(daysFromSpan('2027-01-02', first, last)).toBe(-60);
    expect(daysFromSpan('garbage', first, last)).toBeNull();
  });

  it('is 0 for every build day inside the span, and never 0 outside it', () => {
    const day = 86_400_000;
    const base = ms('2020-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: -100, max: 2100 }),
        (start, length, build) => {
          const first = base + start * day;
          const last = first + length * day;
          const date = new Date(base + build * day).toISOString().slice(0, 10);
          const gap = daysFromSpan(date, first, last);
          if (build >= start && build <= start + length) expect(gap).toBe(0);
          else if (build < start) expect(gap).toBe(start - build);
          else expect(gap).toBe(-(build - start - length));
        },
      ),
    );
  });
});
