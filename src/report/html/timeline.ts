/**
 * Flows over time per risk (stacked columns, inline SVG). The model has per-group first/last seen times and a
 * flow count, not per-flow times, so each group's flows are spread evenly over its active period: the chart
 * shows when each kind of traffic was active, which the caption says.
 */
import { escapeHtml as h } from '../escape.js';
import { formatCount, formatDuration, formatTime, RISK_ORDER } from '../format.js';
import type { Report, Risk } from '../model.js';

const WIDTH = 920;
const HEIGHT = 180;
const LEFT = 48;
const BOTTOM = 24;
const BUCKETS = 60;

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
  return [first, Math.max(last, first + 1000)];
}

function axisLabel(t: number, days: boolean): string {
  const iso = new Date(t).toISOString();
  return days ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

export function timeline(report: Report): string {
  const range = span(report);
  if (range === null || report.destinations.length === 0) return '<p class="note">No timed flows.</p>';
  const [t0, t1] = range;
  const width = (t1 - t0) / BUCKETS;
  const stacks: Record<Risk, number[]> = { high: [], medium: [], low: [], none: [] };
  for (const r of RISK_ORDER) stacks[r] = new Array<number>(BUCKETS).fill(0);
  for (const g of report.destinations) {
    const a = Math.max(t0, Date.parse(g.firstSeen) || t0);
    const b = Math.min(t1, Math.max(a, Date.parse(g.lastSeen) || a));
    const active = Math.max(b - a, 1);
    for (let i = Math.floor((a - t0) / width); i < BUCKETS && t0 + i * width <= b; i++) {
      const lo = Math.max(a, t0 + i * width);
      const hi = Math.min(b, t0 + (i + 1) * width);
      const share = b === a ? 1 : Math.max(0, hi - lo) / active;
      const col = stacks[g.risk] ?? stacks.none;
      col[i] = (col[i] ?? 0) + g.flows * share;
      if (b === a) break;
    }
  }
  const totals = Array.from({ length: BUCKETS }, (_, i) => RISK_ORDER.reduce((n, r) => n + (stacks[r][i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - BOTTOM - 8;
  const colW = plotW / BUCKETS;
  const rects: string[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    let y = 8 + plotH;
    for (const r of RISK_ORDER) {
      const v = stacks[r][i] ?? 0;
      if (v <= 0) continue;
      const hgt = Math.max(0.5, (v / max) * plotH);
      y -= hgt;
      const x = Math.round((LEFT + i * colW + 0.5) * 10) / 10;
      rects.push(
        `<rect class="r-${r}" x="${x}" y="${Math.round(y * 10) / 10}" width="${Math.round((colW - 1) * 10) / 10}" height="${Math.round(hgt * 10) / 10}"/>`,
      );
    }
  }
  const days = t1 - t0 > 24 * 3600_000;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const x = Math.round(LEFT + f * plotW);
    const anchor = f === 0 ? 'start' : f === 1 ? 'end' : 'middle';
    return `<text class="axis" x="${x}" y="${HEIGHT - 6}" text-anchor="${anchor}">${h(axisLabel(t0 + f * (t1 - t0), days))}</text>`;
  });
  const legend = RISK_ORDER.map((r) => `<li><span class="swatch r-${r}"></span>${r}</li>`).join('');
  return [
    '<figure class="timeline">',
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Flows over time by risk" xmlns="http://www.w3.org/2000/svg">`,
    `<line class="axis-line" x1="${LEFT}" y1="${8 + plotH}" x2="${WIDTH - 8}" y2="${8 + plotH}"/>`,
    `<text class="axis" x="${LEFT - 6}" y="16" text-anchor="end">${h(formatCount(Math.round(max)))}</text>`,
    `<text class="axis" x="${LEFT - 6}" y="${8 + plotH}" text-anchor="end">0</text>`,
    ...rects,
    ...ticks,
    '</svg>',
    `<figcaption><ul class="legend">${legend}</ul><p class="note">Flows per ${h(formatDuration(width))} (UTC), ${h(formatTime(new Date(t0).toISOString()))} to ${h(formatTime(new Date(t1).toISOString()))}. Each destination's flows are spread evenly between its first and last flow.</p></figcaption>`,
    '</figure>',
  ].join('\n');
}
