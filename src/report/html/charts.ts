/** Horizontal bar charts (inline SVG) of bytes by country, operator and category. */
import { escapeHtml as h } from '../escape.js';
import { countryLabel, formatBytes } from '../format.js';
import type { Report } from '../model.js';

const TOP = 8;
const ROW = 24;
const WIDTH = 340;
const LABEL = 128;
const VALUE = 52;

interface Bar {
  label: string;
  bytes: number;
  detail: string;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Top bars plus one "other" bar, so the chart never grows unbounded. */
function topBars(bars: Bar[]): Bar[] {
  const sorted = [...bars].sort((a, b) => b.bytes - a.bytes);
  if (sorted.length <= TOP + 1) return sorted;
  const rest = sorted.slice(TOP);
  return [
    ...sorted.slice(0, TOP),
    { label: `${rest.length} others`, bytes: rest.reduce((n, b) => n + b.bytes, 0), detail: `${rest.length} others` },
  ];
}

export function barChart(title: string, input: Bar[]): string {
  const bars = topBars(input);
  if (bars.length === 0)
    return `<figure class="chart"><figcaption>${h(title)}</figcaption><p class="note">No data.</p></figure>`;
  const max = Math.max(1, ...bars.map((b) => b.bytes));
  const height = bars.length * ROW + 4;
  const span = WIDTH - LABEL - VALUE;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 2;
    const w = Math.max(1, Math.round((b.bytes / max) * span * 10) / 10);
    return [
      `<g><title>${h(`${b.detail}: ${formatBytes(b.bytes)}`)}</title>`,
      `<text class="bar-label" x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${h(truncate(b.label, 22))}</text>`,
      `<rect class="bar" x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="2"/>`,
      `<text class="bar-value" x="${LABEL + w + 6}" y="${y + 15}">${h(formatBytes(b.bytes))}</text></g>`,
    ].join('');
  });
  return [
    `<figure class="chart"><figcaption>${h(title)}</figcaption>`,
    `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg">`,
    ...rows,
    '</svg></figure>',
  ].join('\n');
}

export function volumeCharts(report: Report): string {
  const s = report.summary;
  const country = s.byCountry.map((c) => ({
    label: c.country === null ? 'local / unknown' : countryLabel(c.country),
    bytes: c.bytes,
    detail: countryLabel(c.country),
  }));
  const operator = s.byOperator.map((o) => {
    const name = o.operator ?? 'unknown operator';
    const label = o.hqCountry === null ? name : `${name} (${o.hqCountry})`;
    return { label, bytes: o.bytes, detail: label };
  });
  const category = s.byCategory.map((c) => ({
    label: c.category ?? 'uncategorised',
    bytes: c.bytes,
    detail: c.category ?? 'uncategorised',
  }));
  return [
    '<div class="charts">',
    barChart('Bytes by server country', country),
    barChart('Bytes by operator (headquarters)', operator),
    barChart('Bytes by category', category),
    '</div>',
  ].join('\n');
}
