/**
 * The terminal report: a one-line verdict, the summary, a table of destination groups (riskiest and biggest
 * first) fitted to the terminal width, the reasons for high risk, skipped input and data sources. Every value
 * from input goes through escapeTerminal, so no capture can move the cursor or recolour the screen.
 */

import { escapeTerminal as t } from '../escape.js';
import {
  categoryLabel,
  countryLabel,
  countryMarks,
  formatBytes,
  formatCount,
  operatorLabel,
  personalDataLabel,
  recipientLabel,
  sortGroups,
} from '../format.js';
import type { DestinationGroup, Report, Transfer } from '../model.js';
import type { RenderContext } from '../registry.js';
import { cliTable } from './cli-table.js';
import { type ColumnId, fitColumns, wrapHostName } from './columns.js';
import { makePaint, type Paint } from './paint.js';
import { databaseDateLine, reasonLines, skippedLine, sourcesLine, summaryLines, verdictLine } from './summary-lines.js';

const SHORT_TRANSFER: Record<Transfer, string> = {
  none: 'local',
  eea: 'EEA',
  adequate: 'adequate',
  'adequate-if-certified': 'adequate if DPF',
  'third-country': 'third country',
  unknown: 'unknown',
};

function cell(id: ColumnId, g: DestinationGroup, width: number, paint: Paint): string {
  switch (id) {
    case 'risk':
      return paint.risk(g.risk, g.risk);
    case 'name': {
      const more = g.names.length - 1;
      // --baseline (src/compare/baseline.ts): only reports made with one carry the field.
      const mark = g.baseline === 'new' ? 'new: ' : '';
      const name = wrapHostName(`${mark}${t(g.names[0]?.name ?? g.ips[0] ?? g.id)}`, width - 2);
      return more > 0 ? `${name}\n${paint.dim(`+${more} more`)}` : name;
    }
    case 'country': {
      const label = g.scope === 'local' ? 'local network' : t(countryLabel(g.country));
      const marks = countryMarks(g).map((m) => (m === 'geo conflict' ? '⚠ geo conflict' : m));
      return [label, ...marks].join('\n');
    }
    case 'operator': {
      // The recipient (who receives the data) above its host (the network operator): never one for the other.
      if (g.scope !== 'public') return '—';
      // An unknown recipient is shown by its domain, wrapped at dots like the destination names.
      const r = g.recipient;
      const who =
        r.name === null && r.domain !== null
          ? `${wrapHostName(t(r.domain), width - 2)}\n(owner unknown)`
          : t(recipientLabel(g));
      return `${who}\n${paint.dim(`host: ${t(operatorLabel(g))}`)}`;
    }
    case 'transfer':
      return SHORT_TRANSFER[g.transfer] ?? t(g.transfer);
    case 'category':
      return t(categoryLabel(g));
    case 'personal':
      return t(personalDataLabel(g));
    case 'bytes':
      return `${formatBytes(g.out.bytes)} /\n${formatBytes(g.in.bytes)}`;
    case 'flows':
      return formatCount(g.flows);
  }
}

/**
 * Rows the terminal table shows at most, highest risk first. A log of a large estate can have 100k
 * destinations: unreadable on a terminal, minutes of cli-table3 layout, and past ~120k rows its toString()
 * overflows the stack (it spreads all rows into one call). The rest is counted below the table; the file
 * formats (-o report.csv/.html/.json) always list every destination.
 */
export const TERMINAL_MAX_ROWS = 500;

function destinationTable(groups: DestinationGroup[], columns: number, paint: Paint): string {
  const layout = fitColumns(Math.max(columns, 40));
  const table = new (cliTable())({
    head: layout.columns.map((c) => paint.bold(c.head)),
    colWidths: layout.widths,
    colAligns: layout.columns.map((c) => c.align),
    wordWrap: true,
    // cli-table3 colours heads and borders itself through global state unless told not to.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const g of groups) {
    table.push(
      layout.columns.map((c, i) => ({
        content: cell(c.id, g, layout.widths[i] ?? c.min, paint),
        // Host names are pre-wrapped at dots; word wrapping would cut them with an ellipsis instead.
        wrapOnWordBoundary: c.id !== 'name',
      })),
    );
  }
  return table.toString();
}

export function renderTable(report: Report, ctx: RenderContext): string {
  const paint = makePaint(ctx.color);
  const groups = sortGroups(report.destinations);
  const blocks: string[] = [verdictLine(report, paint), summaryLines(report, paint).join('\n')];
  const shown = groups.slice(0, TERMINAL_MAX_ROWS);
  blocks.push(groups.length === 0 ? 'No destinations.' : destinationTable(shown, ctx.columns, paint));
  if (groups.length > shown.length) {
    const rest = groups.length - shown.length;
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
