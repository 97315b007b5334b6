/**
 * The trend as one self-contained HTML page: inline CSS and inline SVG only, no script and no request of any
 * kind. The Content-Security-Policy allows exactly the one <style> by its SHA-256 hash (CSP Level 3 §8.4
 * hash-source), as the audit's HTML report does. Every value from a report goes through escapeHtml.
 */
import { escapeHtml as h } from '../report/escape.js';
import { countryLabel, formatBytes, formatPercent, formatTime, RISK_ORDER } from '../report/format.js';
import { cspHash } from '../report/html/html-renderer.js';
import type { Risk } from '../report/model.js';
import type { Trend, TrendPoint } from './trend.js';
import { destinationWhen, RISK_LETTER } from './trend-text.js';

const STYLES = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232a;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.note{color:#5b6570}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e3e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.risk{text-align:center;font-weight:600;width:22px;padding:4px 2px}
.r-high{background:#f8d7d3;color:#8c1d12}.r-medium{background:#fde8c4;color:#7a4a00}.r-low{background:#e1efd9;color:#2f5d18}.r-none{background:#eceff2;color:#46505a}.r-absent{color:#b0b7be}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#46505a}
.b-high{fill:#c0392b}.b-medium{fill:#e08e0b}.b-low{fill:#6a9f45}.b-none{fill:#a4acb4}
.axis{stroke:#9aa3ab;stroke-width:1}.line{fill:none;stroke:#2c6fbb;stroke-width:2}.dot{fill:#2c6fbb}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
i.b-high{background:#c0392b}i.b-medium{background:#e08e0b}i.b-low{background:#6a9f45}i.b-none{background:#a4acb4}
@media print{body{margin:0}}`;

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** Fixed decimals, so the same trend always gives the same bytes. */
const n1 = (x: number): string => x.toFixed(1);

export function trendContentSecurityPolicy(): string {
  return ["default-src 'none'", `style-src ${cspHash(STYLES)}`, "base-uri 'none'", "form-action 'none'"].join('; ');
}

function label(p: TrendPoint, i: number): string {
  return `#${i + 1} ${formatTime(p.generatedAt)} (${p.file})`;
}

function axes(maxLabel: string): string {
  const y0 = TOP + PLOT_H;
  return [
    `<line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${y0}"/>`,
    `<line class="axis" x1="${LEFT}" y1="${y0}" x2="${LEFT + PLOT_W}" y2="${y0}"/>`,
    `<text x="${LEFT - 4}" y="${TOP + 4}" text-anchor="end">${h(maxLabel)}</text>`,
    `<text x="${LEFT - 4}" y="${y0}" text-anchor="end">0</text>`,
  ].join('');
}

function xLabels(points: TrendPoint[], band: number): string {
  // Every label when there is room, else about ten, so they never overlap.
  const step = Math.max(1, Math.ceil(points.length / 10));
  return points
    .map((_, i) =>
      i % step === 0 || i === points.length - 1
        ? `<text x="${n1(LEFT + band * (i + 0.5))}" y="${HEIGHT - 10}" text-anchor="middle">#${i + 1}</text>`
        : '',
    )
    .join('');
}

/** Stacked bars: destination groups per risk level, one bar per report. */
export function riskBars(points: TrendPoint[]): string {
  const max = Math.max(1, ...points.map((p) => p.totalDestinations));
  const band = PLOT_W / Math.max(1, points.length);
  const bar = Math.max(2, band * 0.7);
  const bars = points.map((p, i) => {
    let y = TOP + PLOT_H;
    const x = LEFT + band * i + (band - bar) / 2;
    const parts = [...RISK_ORDER].reverse().map((risk: Risk) => {
      const height = (p.destinations[risk] / max) * PLOT_H;
      y -= height;
      if (p.destinations[risk] === 0) return '';
      return `<rect class="b-${risk}" x="${n1(x)}" y="${n1(y)}" width="${n1(bar)}" height="${n1(height)}"><title>${h(`${label(p, i)}: ${p.destinations[risk]} ${risk}`)}</title></rect>`;
    });
    return parts.join('');
  });
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Destinations by risk per report">${axes(String(max))}${bars.join('')}${xLabels(points, band)}</svg>`;
}

/** Line: share leaving the EEA per report (of bytes, or of flows where bytes are not all known), on a fixed 0–100% scale so reports compare at a glance. */
export function shareLine(points: TrendPoint[]): string {
  const band = PLOT_W / Math.max(1, points.length);
  const xy = points.map((p, i) => ({
    x: LEFT + band * (i + 0.5),
    y: TOP + PLOT_H * (1 - Math.min(1, Math.max(0, p.leavingEea.share))),
  }));
  const line =
    xy.length > 1 ? `<polyline class="line" points="${xy.map((c) => `${n1(c.x)},${n1(c.y)}`).join(' ')}"/>` : '';
  const dots = xy
    .map(
      (c, i) =>
        `<circle class="dot" cx="${n1(c.x)}" cy="${n1(c.y)}" r="3.5"><title>${h(`${label(points[i] as TrendPoint, i)}: ${leavingText(points[i] as TrendPoint)}`)}</title></circle>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Share leaving the EEA per report">${axes('100%')}${line}${dots}${xLabels(points, band)}</svg>`;
}

/** "41.0%", or "85.3% of flows" when the report's bytes are not all known. */
function leavingText(p: TrendPoint): string {
  return `${formatPercent(p.leavingEea.share)}${p.leavingEea.of === 'flows' ? ' of flows' : ''}`;
}

function reportTable(points: TrendPoint[]): string {
  const rows = points.map(
    (p, i) =>
      `<tr><td class="num">${i + 1}</td><td>${h(formatTime(p.generatedAt))}</td><td>${h(p.file)}</td>${RISK_ORDER.map((r) => `<td class="num">${p.destinations[r]}</td>`).join('')}<td class="num">${h(formatBytes(p.bytes))}</td><td class="num">${h(leavingText(p))}</td><td>${p.topCountries.map((c) => `${h(countryLabel(c.country))} ${h(formatBytes(c.bytes))}`).join('<br>') || '—'}</td></tr>`,
  );
  return `<table><thead><tr><th>#</th><th>Report time</th><th>File</th><th>High</th><th>Medium</th><th>Low</th><th>None</th><th>Bytes</th><th>Leaving EEA</th><th>Top countries</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function destinationTable(trend: Trend): string {
  if (trend.destinations.length === 0) return '<p class="note">No destinations in any report.</p>';
  const heads = trend.points.map((p, i) => `<th title="${h(label(p, i))}">${i + 1}</th>`).join('');
  const rows = trend.destinations.map((d) => {
    const cells = d.risks
      .map((r) => (r === null ? '<td class="risk r-absent">·</td>' : `<td class="risk r-${r}">${RISK_LETTER[r]}</td>`))
      .join('');
    return `<tr><td>${h(d.name)}</td><td>${h(countryLabel(d.country))}</td>${cells}<td>${h(destinationWhen(d))}</td></tr>`;
  });
  return `<table><thead><tr><th>Destination</th><th>Country</th>${heads}<th>When</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function renderTrendHtml(trend: Trend): string {
  const first = trend.points[0];
  const last = trend.points.at(-1);
  const span = `${formatTime(first?.generatedAt ?? null)} → ${formatTime(last?.generatedAt ?? null)}`;
  const legend = RISK_ORDER.map((r) => `<span><i class="b-${r}"></i>${r}</span>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${trendContentSecurityPolicy()}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`Transfer trend: ${trend.points.length} reports`)}</title>`,
    `<style>${STYLES}</style>`,
    '</head>',
    '<body>',
    `<h1>Transfer trend: ${trend.points.length} report(s)</h1>`,
    `<p class="note">${h(span)}. Reports in time order; destinations matched by their key across reports.</p>`,
    '<h2>Destinations by risk</h2>',
    `<p class="legend">${legend}</p>`,
    riskBars(trend.points),
    '<h2>Share leaving the EEA</h2>',
    '<p>Of bytes; of flows for a report whose input did not record bytes for every flow (marked "of flows").</p>',
    shareLine(trend.points),
    '<h2>Reports</h2>',
    reportTable(trend.points),
    `<h2>Destinations (${trend.destinations.length}): risk per report</h2>`,
    '<p class="note">H high, M medium, L low, N none, · absent.</p>',
    destinationTable(trend),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
