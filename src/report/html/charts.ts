/**
 * Horizontal bar charts (inline SVG) of bytes by country, operator and category, or of flows when the input did
 * not record every flow's bytes (bars of the few measured flows would rank the wrong destinations).
 */
import { escapeHtml as h } from '../escape.js';
import { countryLabel, formatBytes, formatCount } from '../format.js';
import type { Report, Totals } from '../model.js';
import { bytesKnown } from '../summary-words.js';

const TOP = 8;
const ROW = 24;
const WIDTH = 340;
const LABEL = 128;
const VALUE = 52;

interface Bar {
  label: string;
  /** Bytes, or flows (see volumeCharts). */
  value: number;
  detail: string;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Top bars plus one "other" bar, so the chart never grows unbounded. */
function topBars(bars: Bar[]): Bar[] {
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  if (sorted.length <= TOP + 1) return sorted;
  const rest = sorted.slice(TOP);
  return [
    ...sorted.slice(0, TOP),
    { label: `${rest.length} others`, value: rest.reduce((n, b) => n + b.value, 0), detail: `${rest.length} others` },
  ];
}

export function barChart(title: string, input: Bar[], format: (n: number) => string = formatBytes): string {
  const bars = topBars(input);
  if (bars.length === 0)
    return `<figure class="chart"><figcaption>${h(title)}</figcaption><p class="note">No data.</p></figure>`;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  const span = WIDTH - LABEL - VALUE;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 2;
    const w = Math.max(1, Math.round((b.value / max) * span * 10) / 10);
    return [
      `<g><title>${h(`${b.detail}: ${format(b.value)}`)}</title>`,
      `<text class="bar-label" x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${h(truncate(b.label, 22))}</text>`,
      `<rect class="bar" x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="2"/>`,
      `<text class="bar-value" x="${LABEL + w + 6}" y="${y + 15}">${h(format(b.value))}</text></g>`,
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
  const byFlows = bytesKnown(s) !== 'all';
  const size = (t: Totals): number => (byFlows ? t.flows : t.bytes);
  const format = byFlows ? (n: number) => `${formatCount(n)} flow${n === 1 ? '' : 's'}` : formatBytes;
  const measure = byFlows ? 'Flows' : 'Bytes';
  const country = s.byCountry.map((c) => ({
    label: c.country === null ? 'local / unknown' : countryLabel(c.country),
    value: size(c),
    detail: countryLabel(c.country),
  }));
  const operator = s.byOperator.map((o) => {
    const name = o.operator ?? 'unknown operator';
    const label = o.hqCountry === null ? name : `${name} (${o.hqCountry})`;
    return { label, value: size(o), detail: label };
  });
  const category = s.byCategory.map((c) => ({
    label: c.category ?? 'uncategorised',
    value: size(c),
    detail: c.category ?? 'uncategorised',
  }));
  return [
    '<div class="charts">',
    barChart(`${measure} by server country`, country, format),
    barChart(`${measure} by operator (headquarters)`, operator, format),
    barChart(`${measure} by category`, category, format),
    '</div>',
  ].join('\n');
}
