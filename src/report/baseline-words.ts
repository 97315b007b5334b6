/**
 * What changed since the baseline (`audit --baseline`, src/compare/baseline.ts), in words shared by the
 * Markdown and HTML reports (the CSV report asks hasBaseline too): how many groups are new and seen, which are
 * gone, and which earlier report they were compared with. A report made without a baseline has none of this,
 * and no renderer shows any of it.
 */
import { escapeMarkdown as m } from './escape.js';
import { countryLabel, formatCount, formatTime, RISK_ORDER } from './format.js';
import type { GoneGroup, ReportView, Risk } from './model.js';
import { someItem } from './report-list.js';

export interface BaselineCounts {
  file: string | null;
  generatedAt: string | null;
  new: number;
  seen: number;
  gone: number;
  /** New groups per risk, highest first; risks without a new group are left out. */
  newByRisk: { risk: Risk; count: number }[];
}

/**
 * Whether the report was made with --baseline. Any one of its three traces counts, so a mark is never dropped
 * silently; a report with none of them renders exactly as it did before --baseline existed.
 */
export function hasBaseline(report: ReportView): boolean {
  return (
    report.metadata.baseline !== undefined ||
    report.gone !== undefined ||
    someItem(report.destinations, (g) => g.baseline !== undefined)
  );
}

/** Null when the report was made without --baseline. */
export function baselineCounts(report: ReportView): BaselineCounts | null {
  if (!hasBaseline(report)) return null;
  // One walk: the destinations may be built as they are walked (report-list.ts).
  let seen = 0;
  const fresh = new Map<string, number>();
  for (const g of report.destinations) {
    if (g.baseline === 'seen') seen++;
    else if (g.baseline === 'new') fresh.set(g.risk, (fresh.get(g.risk) ?? 0) + 1);
  }
  const meta = report.metadata.baseline;
  return {
    file: meta?.file ?? null,
    generatedAt: meta?.generatedAt ?? null,
    new: [...fresh.values()].reduce((n, c) => n + c, 0),
    seen,
    gone: report.gone?.length ?? 0,
    newByRisk: RISK_ORDER.map((risk) => ({ risk, count: fresh.get(risk) ?? 0 })).filter((x) => x.count > 0),
  };
}

/** "2 new (1 high, 1 low), 5 seen, 2 gone": the tool's own words and numbers, nothing from input. */
export function countsLine(c: BaselineCounts): string {
  const byRisk = c.newByRisk.map((x) => `${formatCount(x.count)} ${x.risk}`).join(', ');
  return `${formatCount(c.new)} new${byRisk === '' ? '' : ` (${byRisk})`}, ${formatCount(c.seen)} seen, ${formatCount(c.gone)} gone`;
}

/** The gone group's best name (the key when it had none). */
export function goneName(g: GoneGroup): string {
  return g.names[0] ?? g.key;
}

/** The Markdown marker in front of a new group's name in the destinations table. */
export const NEW_MARK = '*new* ';

export function baselineSection(report: ReportView): string[] {
  const c = baselineCounts(report);
  if (c === null) return [];
  const against =
    c.file === null
      ? 'an earlier report'
      : `${m(c.file)}${c.generatedAt === null ? '' : ` (generated ${m(formatTime(c.generatedAt))})`}`;
  const out = [
    '## Since the baseline',
    '',
    `Compared with ${against}: ${countsLine(c)}.${c.new > 0 ? ` New destinations are marked ${NEW_MARK.trim()} in the table above.` : ''} ` +
      'Groups are matched by operator, name and country, so a name now served from another country is new.',
    '',
  ];
  const gone = report.gone ?? [];
  if (gone.length === 0) return [...out, 'No destination of the baseline is gone.'];
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  out.push(
    'Gone since the baseline (risk as rated then):',
    '',
    row(['Risk', 'Destination', 'Country', 'Operator']),
    row(['---', '---', '---', '---']),
  );
  for (const g of gone) {
    const more = g.names.length > 1 ? ` (+${g.names.length - 1} more)` : '';
    out.push(row([`**${m(g.risk)}**`, `${m(goneName(g))}${more}`, m(countryLabel(g.country)), m(g.operator ?? '—')]));
  }
  return out;
}
