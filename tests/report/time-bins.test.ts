import { describe, expect, it } from 'vitest';
import { MAX_BINS, MAX_TICKS, MAX_WIDE_TICKS, stepLabel, timeBins } from '../../src/report/html/time-bins.js';
import { timeline } from '../../src/report/html/timeline.js';
import type { Report } from '../../src/report/model.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
const T0 = Date.parse('2026-11-02T12:54:03.400Z');

/** The fixture report with its flows moved to [T0, T0 + span]: the first destination at the start, the rest at the end. */
function reportSpanning(spanMs: number, groups = 3): Report {
  const r = reportFixture();
  r.destinations = r.destinations.slice(0, groups).map((g, i) => ({
    ...g,
    firstSeen: new Date(T0 + (i === 0 ? 0 : spanMs / 2)).toISOString(),
    lastSeen: new Date(T0 + (i === 0 ? spanMs / 3 : spanMs)).toISOString(),
  }));
  r.metadata.timeSpan = { first: new Date(T0).toISOString(), last: new Date(T0 + spanMs).toISOString() };
  return r;
}

const caption = (html: string): string => /Flows per ([^<(]+) \(UTC\)/.exec(html)?.[1] ?? '';
const tickLabels = (html: string): string[] =>
  [...html.matchAll(/<text class="axis" x="\d+" y="174" text-anchor="\w+">([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
const flowsDrawn = (html: string): number => [...html.matchAll(/<rect class="r-/g)].length;

describe('timeline bins and ticks fit the span', () => {
  const cases: [name: string, span: number, bin: string, tick: RegExp][] = [
    ['zero-length', 0, '1 s', /^\d\d:\d\d:\d\d$/],
    ['3 s', 3 * S, '1 s', /^12:54:0\d$/],
    ['26 s', 26 * S, '1 s', /^12:54:\d\d$|^12:55:\d\d$/],
    ['5 min', 5 * MIN, '10 s', /^\d\d:\d\d:\d0$/],
    ['1 h', H, '2 min', /^1[23]:\d0$/],
    ['8 h', 8 * H, '10 min', /^\d\d:\d0$/],
    ['3 days', 3 * D, '2 h', /^2026-11-0\d$/],
    ['26 h', 26 * H, '30 min', /^(2026-11-03 )?\d\d:00$/],
    ['90 days', 90 * D, '2 days', /^\d{4}-\d\d-\d\d$/],
    ['1 year', 365 * D, '7 days', /^\d{4}-\d\d-\d\d$/],
    ['4 years', 4 * 365 * D, '1 month', /^\d{4}-\d\d$/],
    ['20 years', 20 * 365 * D, '6 months', /^\d{4}-\d\d$/],
  ];
  for (const [name, span, bin, tick] of cases) {
    it(`${name}: bins of ${bin}, distinct ticks that read as ${tick}`, () => {
      const bins = timeBins(T0, T0 + span);
      expect(stepLabel(bins.step)).toBe(bin);
      const n = bins.edges.length - 1;
      expect(n).toBeLessThanOrEqual(MAX_BINS);
      if (span >= 20 * S * 2.5) expect(n).toBeGreaterThanOrEqual(20);
      expect(bins.edges[0]).toBeLessThanOrEqual(T0);
      expect(bins.edges[n]).toBeGreaterThan(T0 + span);
      const labels = bins.ticks.map((t) => t.label);
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(labels.length).toBeLessThanOrEqual(labels.some((l) => l.length > 10) ? MAX_WIDE_TICKS : MAX_TICKS);
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label).toMatch(tick);
      const html = timeline(reportSpanning(span));
      expect(caption(html)).toBe(bin);
      expect(html).not.toMatch(/Flows per 0 s/);
      expect(tickLabels(html)).toEqual(labels);
      expect(flowsDrawn(html)).toBeGreaterThan(0);
    });
  }

  it('the 26-second capture of issue #21: per 1 s, ticks to the second, not "0 s" and "12:54" five times', () => {
    const html = timeline(reportSpanning(26 * S));
    expect(html).toContain('Flows per 1 s (UTC), 2026-11-02 12:54:03 UTC to 2026-11-02 12:54:29 UTC');
    expect(tickLabels(html)).toEqual(['12:54:05', '12:54:10', '12:54:15', '12:54:20', '12:54:25', '12:54:30']);
  });

  it('a single flow: one bin of 1 s holding it, two distinct ticks', () => {
    const r = reportSpanning(0, 1);
    const first = r.destinations[0];
    if (first === undefined) throw new Error('fixture has no destinations');
    first.flows = 1;
    const html = timeline(r);
    expect(caption(html)).toBe('1 s');
    expect(tickLabels(html)).toEqual(['12:54:03', '12:54:04']);
    expect(flowsDrawn(html)).toBe(1);
    expect(html).toMatch(/<text class="axis" x="\d+" y="16" text-anchor="end">1<\/text>/);
  });

  it('an hour on the hour: 60 bins of 1 min, ticks every 10 min', () => {
    const from = Date.parse('2026-11-02T12:00:00Z');
    const bins = timeBins(from, from + H);
    expect(stepLabel(bins.step)).toBe('1 min');
    expect(bins.edges).toHaveLength(61);
    expect(bins.ticks.map((t) => t.label)).toEqual(['12:00', '12:10', '12:20', '12:30', '12:40', '12:50', '13:00']);
  });

  it('sub-day ticks name the date where it changes; bins are round UTC times, weeks start on Monday', () => {
    const labels = timeBins(Date.parse('2026-11-02T18:10:00Z'), Date.parse('2026-11-03T09:00:00Z')).ticks.map(
      (t) => t.label,
    );
    expect(labels.some((l) => l.startsWith('2026-11-03 '))).toBe(true);
    const week = timeBins(T0, T0 + 365 * D);
    expect(new Date(week.edges[0] ?? 0).getUTCDay()).toBe(1);
    const month = timeBins(T0, T0 + 4 * 365 * D);
    for (const e of month.edges) expect(new Date(e).toISOString()).toMatch(/-01T00:00:00\.000Z$/);
  });

  it('spreads each destination over its active period and keeps every flow', () => {
    const r = reportSpanning(H);
    const html = timeline(r);
    const heights = [...html.matchAll(/<rect class="r-\w+" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)];
    expect(heights.length).toBeGreaterThan(20);
    // Every destination is inside the span: nothing is drawn past the last tick.
    const xs = [...html.matchAll(/<rect class="r-\w+" x="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThan(920);
  });

  it('hostile times (years apart, unparseable) still give a bounded chart', () => {
    const bins = timeBins(Date.parse('0001-01-01T00:00:00Z'), Date.parse('9999-12-31T00:00:00Z'));
    expect(bins.edges.length - 1).toBeLessThanOrEqual(MAX_BINS);
    const r = reportSpanning(H);
    const g = r.destinations[1];
    if (g !== undefined) g.firstSeen = 'not a time';
    expect(timeline(r)).toContain('Flows per 2 min');
  });
});
