/**
 * Flows over time per risk (stacked columns, inline SVG). The model has per-group first/last seen times and a
 * flow count, not per-flow times, so each group's flows are spread evenly over its active period: the chart
 * shows when each kind of traffic was active, which the caption says. Bins and ticks fit the span
 * (time-bins.ts): seconds for a short capture, days or months for a year of logs.
 */
import { escapeHtml as h } from '../escape.js';
import { formatCount, formatTime, RISK_ORDER } from '../format.js';
import type { Report, Risk } from '../model.js';
import { stepLabel, timeBins } from './time-bins.js';

const WIDTH = 920;
const HEIGHT = 180;
const LEFT = 48;
const BOTTOM = 24;

function span(report: Report): [number, number] | null {
  const ts = report.metadata.timeSpan;
  let first = ts === null ? Number.NaN : Date.parse(ts.first);
  let last = ts === null ? Number.NaN : Date.parse(ts.last);
  for (const g of report.destinations) {
    const a = Date.parse(g.firstSeen);
    const b = Date.parse(g.lastSeen);
    if (!Number.isNaN(a) && !(a >= first)) first = a;
    if (!Number.isNaN(b) && !(b <= last)) last = b;
  }
  if (Number.isNaN(first) || Number.isNaN(last) || last < first) return null;
  return [first, last];
}

export function timeline(report: Report): string {
  const range = span(report);
  if (range === null || report.destinations.length === 0) return '<p class="note">No timed flows.</p>';
  const [t0, t1] = range;
  const { step, edges, ticks } = timeBins(t0, t1);
  const bins = edges.length - 1;
  const start = edges[0] ?? t0;
  const end = edges[bins] ?? t1;
  const stacks: Record<Risk, number[]> = { high: [], medium: [], low: [], none: [] };
  for (const r of RISK_ORDER) stacks[r] = new Array<number>(bins).fill(0);
  for (const g of report.destinations) {
    const a = Math.min(t1, Math.max(t0, Date.parse(g.firstSeen) || t0));
    const b = Math.min(t1, Math.max(a, Date.parse(g.lastSeen) || a));
    const col = stacks[g.risk] ?? stacks.none;
    for (let i = 0; i < bins; i++) {
      const lo = edges[i] ?? 0;
      const hi = edges[i + 1] ?? 0;
      if (b === a) {
        // One instant: every flow in the bin that holds it (the last bin holds its end too).
        if (a >= lo && (a < hi || i === bins - 1)) col[i] = (col[i] ?? 0) + g.flows;
        continue;
      }
      const share = Math.max(0, Math.min(b, hi) - Math.max(a, lo)) / (b - a);
      if (share > 0) col[i] = (col[i] ?? 0) + g.flows * share;
    }
  }
  const totals = Array.from({ length: bins }, (_, i) => RISK_ORDER.reduce((n, r) => n + (stacks[r][i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - BOTTOM - 8;
  const xOf = (t: number): number => LEFT + ((t - start) / (end - start)) * plotW;
  const round = (n: number): number => Math.round(n * 10) / 10;
  const rects: string[] = [];
  for (let i = 0; i < bins; i++) {
    let y = 8 + plotH;
    const x = xOf(edges[i] ?? start);
    const w = Math.max(0.5, xOf(edges[i + 1] ?? end) - x - 1);
    for (const r of RISK_ORDER) {
      const v = stacks[r][i] ?? 0;
      if (v <= 0) continue;
      const hgt = Math.max(0.5, (v / max) * plotH);
      y -= hgt;
      rects.push(
        `<rect class="r-${r}" x="${round(x + 0.5)}" y="${round(y)}" width="${round(w)}" height="${round(hgt)}"/>`,
      );
    }
  }
  const tickMarks = ticks.map(({ t, label }) => {
    const x = Math.round(xOf(t));
    const anchor = x - LEFT < 40 ? 'start' : LEFT + plotW - x < 40 ? 'end' : 'middle';
    return `<text class="axis" x="${x}" y="${HEIGHT - 6}" text-anchor="${anchor}">${h(label)}</text>`;
  });
  const legend = RISK_ORDER.map((r) => `<li><span class="swatch r-${r}"></span>${r}</li>`).join('');
  return [
    '<figure class="timeline">',
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Flows over time by risk" xmlns="http://www.w3.org/2000/svg">`,
    `<line class="axis-line" x1="${LEFT}" y1="${8 + plotH}" x2="${WIDTH - 8}" y2="${8 + plotH}"/>`,
    `<text class="axis" x="${LEFT - 6}" y="16" text-anchor="end">${h(formatCount(Math.round(max)))}</text>`,
    `<text class="axis" x="${LEFT - 6}" y="${8 + plotH}" text-anchor="end">0</text>`,
    ...rects,
    ...tickMarks,
    '</svg>',
    `<figcaption><ul class="legend">${legend}</ul><p class="note">Flows per ${h(stepLabel(step))} (UTC), ${h(formatTime(new Date(t0).toISOString()))} to ${h(formatTime(new Date(t1).toISOString()))}. Each destination's flows are spread evenly between its first and last flow.</p></figcaption>`,
    '</figure>',
  ].join('\n');
}
