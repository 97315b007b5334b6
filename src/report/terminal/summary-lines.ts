/** The text around the terminal table: verdict, summary, reasons, skipped input, data sources and their age. */
import { databaseDateGaps } from '../../enrich/geo/database-age.js';
import { escapeTerminal as t } from '../escape.js';
import {
  countryLabel,
  formatBytes,
  formatCount,
  formatPercent,
  formatTime,
  inRendererOrder,
  nameWithMore,
  RISK_ORDER,
} from '../format.js';
import type { ReportView } from '../model.js';
import { bytesKnown, bytesUnknownSentence, leavingSentence, totalsText, volumeText } from '../summary-words.js';
import type { Paint } from './paint.js';

const TOP = 3;

export function verdictLine(report: ReportView, paint: Paint): string {
  const risk = report.summary.highestRisk;
  const label = risk === 'none' ? 'NO RISK FOUND' : `${risk.toUpperCase()} RISK`;
  return `${paint.risk(risk, paint.bold(label))}  ${t(report.summary.verdict)}`;
}

export function summaryLines(report: ReportView, paint: Paint): string[] {
  const s = report.summary;
  const span = report.metadata.timeSpan;
  const known = bytesKnown(s);
  const clients = `${formatCount(s.clients)} client${s.clients === 1 ? '' : 's'}`;
  const flows = `${formatCount(s.flows)} flow${s.flows === 1 ? '' : 's'}`;
  const destinations = `${formatCount(s.destinations)} destination${s.destinations === 1 ? '' : 's'}`;
  // With every flow's bytes known the line is what it always was; otherwise bytes are only stated as far as
  // the input recorded them, and what leaves the EEA is counted by destinations and flows on a line of its own.
  const lines =
    known === 'all'
      ? [
          `${flows} · ${formatBytes(s.bytes)} · ${destinations} · ` +
            `${clients} · ${formatPercent(s.bytesLeavingEeaShare)} of bytes leave the EEA`,
        ]
      : [
          `${flows} · ${destinations} · ${clients} · bytes: ${volumeText(s)}`,
          `Leaving the EEA: ${leavingSentence(s)}; ${bytesUnknownSentence(s) ?? ''}`,
        ];
  if (span !== null) lines.push(paint.dim(`${t(formatTime(span.first))} – ${t(formatTime(span.last))}`));
  const risks = RISK_ORDER.map((r) => {
    const x = s.byRisk[r];
    const size = known === 'all' ? formatBytes(x.bytes) : `${formatCount(x.flows)} flow${x.flows === 1 ? '' : 's'}`;
    return `${paint.risk(r, `${r} ${formatCount(x.destinations)}`)} (${size})`;
  });
  lines.push(`By risk: ${risks.join(' · ')}`);
  // Local destinations have no country either: a null country is local traffic or an unknown location.
  const countries = s.byCountry
    .slice(0, TOP)
    .map((c) => `${c.country === null ? 'local / unknown' : t(countryLabel(c.country))} ${totalsText(s, c)}`);
  if (countries.length > 0) lines.push(`Top countries: ${countries.join(' · ')}`);
  const operators = s.byOperator.slice(0, TOP).map((o) => {
    const hq = o.hqCountry === null ? '' : ` (${t(o.hqCountry)})`;
    return `${t(o.operator ?? 'unknown operator')}${hq} ${totalsText(s, o)}`;
  });
  if (operators.length > 0) lines.push(`Top operators: ${operators.join(' · ')}`);
  return lines;
}

/** Why the high-risk groups are high risk: at most 10 groups, 3 reasons each. */
export function reasonLines(report: ReportView, paint: Paint): string[] {
  // The renderers' order puts every high-risk group first: the walk stops at the first that is not.
  const lines = [paint.bold('Why high risk:')];
  let high = 0;
  for (const g of inRendererOrder(report.destinations)) {
    if (g.risk !== 'high') break;
    if (high++ >= 10) continue;
    lines.push(`  ${paint.risk('high', t(nameWithMore(g)))}`);
    for (const r of g.reasons.slice(0, 3)) lines.push(`    - ${t(r)}`);
  }
  if (high === 0) return [];
  if (high > 10) lines.push(`  … and ${high - 10} more (see the full report)`);
  return lines;
}

export function skippedLine(report: ReportView): string | null {
  if (report.skipped.length === 0) return null;
  const total = report.skipped.reduce((n, e) => n + e.count, 0);
  const parts = report.skipped.map((e) => `${t(e.reason)} ${formatCount(e.count)}`);
  return `Skipped ${formatCount(total)} records: ${parts.join(', ')}`;
}

export function sourcesLine(report: ReportView): string {
  const dbs = report.metadata.databases.map((d) => {
    const date = d.buildDate === null ? '' : `, ${t(d.buildDate)}`;
    return `${t(d.attribution)} (${t(d.licence)}${date})`;
  });
  const c = report.metadata.catalog;
  dbs.push(`outflow catalog ${t(c.version)} (${t(c.updated)}, ${formatCount(c.rules)} rules)`);
  return `Data: ${dbs.join('; ')}`;
}

/**
 * A warning when a GeoIP database was built more than 60 days before or after the traffic (the report's
 * limitations say it at length): every country in the table rests on it.
 */
export function databaseDateLine(report: ReportView): string | null {
  const span = report.metadata.timeSpan;
  if (span === null) return null;
  const firstMs = Date.parse(span.first);
  const lastMs = Date.parse(span.last);
  if (Number.isNaN(firstMs) || Number.isNaN(lastMs)) return null;
  const gaps = databaseDateGaps(report.metadata.databases, firstMs, lastMs);
  if (gaps.length === 0) return null;
  const parts = gaps.map(({ file, days }) =>
    days === null
      ? `${t(file)} has no build date`
      : `${t(file)} was built ${Math.abs(days)} days ${days > 0 ? 'before' : 'after'} the traffic`,
  );
  return `Warning: ${parts.join('; ')}: addresses may have changed country or network in between (newer data: npm run geoip:update, or --geoip-dir).`;
}
