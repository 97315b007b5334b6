/**
 * The terminal report: a one-line verdict, the summary, a table of destination groups (riskiest and biggest
 * first) fitted to the terminal width, the reasons for high risk, skipped input and data sources. Every value
 * from input goes through escapeTerminal, so no capture can move the cursor or recolour the screen.
 */

import { formatCount, inRendererOrder } from '../format.js';
import type { DestinationGroup, ReportView } from '../model.js';
import type { RenderContext } from '../registry.js';
import { drawBoxTable } from './box-table.js';
import { cellText, headText } from './cells.js';
import { fitColumns } from './columns.js';
import { makePaint, type Paint } from './paint.js';
import { databaseDateLine, reasonLines, skippedLine, sourcesLine, summaryLines, verdictLine } from './summary-lines.js';

/**
 * Rows the terminal table shows at most, highest risk first. A log of a large estate can have 100k
 * destinations: unreadable on a terminal (and, when cli-table3 drew the table, minutes of layout and a stack
 * overflow past ~120k rows). The rest is counted below the table; the file formats (-o report.csv/.html/.json)
 * always list every destination.
 */
export const TERMINAL_MAX_ROWS = 500;

function destinationTable(groups: DestinationGroup[], columns: number, paint: Paint): string {
  const { columns: cols, widths } = fitColumns(columns);
  return drawBoxTable({
    widths,
    aligns: cols.map((c) => c.align),
    head: cols.map((c, i) => headText(c, widths[i] ?? c.min, paint)),
    rows: groups.map((g) => cols.map((c, i) => cellText(c, g, widths[i] ?? c.min, paint))),
  });
}

export function renderTable(report: ReportView, ctx: RenderContext): string {
  const paint = makePaint(ctx.color);
  const total = report.destinations.length;
  const blocks: string[] = [verdictLine(report, paint), summaryLines(report, paint).join('\n')];
  // Only the rows shown are built (the destinations may be built as they are walked: report-list.ts).
  const shown: DestinationGroup[] = [];
  for (const g of inRendererOrder(report.destinations)) {
    if (shown.length >= TERMINAL_MAX_ROWS) break;
    shown.push(g);
  }
  blocks.push(total === 0 ? 'No destinations.' : destinationTable(shown, ctx.columns, paint));
  if (total > shown.length) {
    const rest = total - shown.length;
    const lowest = shown.at(-1)?.risk ?? 'none';
    blocks.push(
      `… and ${formatCount(rest)} more destinations (risk ${lowest} or lower) not shown here; -o report.csv, .html or .json lists them all.`,
    );
  }
  const reasons = reasonLines(report, paint);
  if (reasons.length > 0) blocks.push(reasons.join('\n'));
  const skipped = skippedLine(report);
  if (skipped !== null) blocks.push(skipped);
  blocks.push(paint.dim(sourcesLine(report)));
  const dates = databaseDateLine(report);
  if (dates !== null) blocks.push(dates);
  return `${blocks.join('\n\n')}\n`;
}
