/**
 * The trend for a terminal or a .txt file: one row per report, then one row per destination with a letter per
 * report (H M L N for the risk, · where absent). Every input-derived value goes through escapeTerminal.
 */
import { escapeTerminal as t } from '../report/escape.js';
import { countryLabel, formatBytes, formatPercent, formatTime } from '../report/format.js';
import type { Risk } from '../report/model.js';
import type { DestinationTrend, Trend } from './trend.js';

export const RISK_LETTER: Record<Risk, string> = { high: 'H', medium: 'M', low: 'L', none: 'N' };
/** Destinations listed in the text output; the HTML page lists them all. */
const TEXT_DESTINATIONS = 60;

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - [...s].length));
  return right ? fill + s : s + fill;
}

function table(rows: string[][], rightAligned: Set<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...c].length);
  }
  return rows.map((row) =>
    row
      .map((c, i) => pad(c, widths[i] ?? 0, rightAligned.has(i)))
      .join('  ')
      .trimEnd(),
  );
}

export function destinationWhen(d: DestinationTrend): string {
  const first = d.firstSeen === 0 ? 'in #1' : `new in #${d.firstSeen + 1}`;
  return d.goneFrom === null ? first : `${first}, gone from #${d.goneFrom + 1}`;
}

export function renderTrendText(trend: Trend): string {
  const { points } = trend;
  const first = points[0];
  const last = points.at(-1);
  const lines: string[] = [
    `outflow trend: ${points.length} report(s), ${formatTime(first?.generatedAt ?? null)} → ${formatTime(last?.generatedAt ?? null)}`,
    '',
  ];
  const header = ['#', 'Report time', 'File', 'High', 'Medium', 'Low', 'None', 'Bytes', 'Leaving EEA', 'Top countries'];
  const rows = points.map((p, i) => [
    String(i + 1),
    formatTime(p.generatedAt),
    t(p.file),
    String(p.destinations.high),
    String(p.destinations.medium),
    String(p.destinations.low),
    String(p.destinations.none),
    formatBytes(p.bytes),
    `${formatPercent(p.leavingEea.share)}${p.leavingEea.of === 'flows' ? ' of flows' : ''}`,
    p.topCountries.map((c) => `${t(c.country ?? '??')} ${formatBytes(c.bytes)}`).join(', ') || '—',
  ]);
  lines.push(...table([header, ...rows], new Set([0, 3, 4, 5, 6, 7, 8])));
  lines.push(
    '',
    `Destinations (${trend.destinations.length}), risk per report: H high, M medium, L low, N none, · absent`,
  );
  const shown = trend.destinations.slice(0, TEXT_DESTINATIONS);
  const destRows = shown.map((d) => [
    t(d.name),
    t(countryLabel(d.country)),
    d.risks.map((r) => (r === null ? '·' : RISK_LETTER[r])).join(''),
    destinationWhen(d),
  ]);
  lines.push(...table([['Destination', 'Country', 'Risk', 'When'], ...destRows], new Set()).map((l) => `  ${l}`));
  if (trend.destinations.length > shown.length) {
    lines.push(`  ... and ${trend.destinations.length - shown.length} more (see -f html)`);
  }
  return `${lines.join('\n')}\n`;
}
