/**
 * Draws the destination table: box borders around cells that arrive wrapped to their column (cells.ts), in the
 * layout cli-table3 draws (one space of padding, a rule between rows). Drawing it here rather than through
 * cli-table3 matters for the big tables: cli-table3 measures every line of every cell several times with a
 * regular expression it rebuilds on each call, which took seconds for 500 rows, and more the narrower the
 * terminal (the taller the rows); this draws each line once.
 */
import { displayWidth } from './wrap.js';

export interface BoxTable {
  /** Column widths including one space of padding each side. */
  widths: readonly number[];
  aligns: readonly ('left' | 'right')[];
  head: readonly string[];
  /** Cell texts, lines separated by \n, each line at most its column's width - 2 cells (colour codes aside). */
  rows: readonly (readonly string[])[];
}

function rule(widths: readonly number[], left: string, cross: string, right: string): string {
  return `${left}${widths.map((w) => '─'.repeat(w)).join(cross)}${right}`;
}

function drawRow(cells: readonly string[], widths: readonly number[], aligns: BoxTable['aligns']): string[] {
  const split = widths.map((_, i) => (cells[i] ?? '').split('\n'));
  const height = Math.max(1, ...split.map((lines) => lines.length));
  const out: string[] = [];
  for (let y = 0; y < height; y++) {
    const parts = widths.map((w, i) => {
      const text = split[i]?.[y] ?? '';
      const gap = ' '.repeat(Math.max(0, w - 2 - displayWidth(text)));
      return aligns[i] === 'right' ? ` ${gap}${text} ` : ` ${text}${gap} `;
    });
    out.push(`│${parts.join('│')}│`);
  }
  return out;
}

export function drawBoxTable(table: BoxTable): string {
  const { widths, aligns } = table;
  const lines = [rule(widths, '┌', '┬', '┐'), ...drawRow(table.head, widths, aligns)];
  for (const row of table.rows) lines.push(rule(widths, '├', '┼', '┤'), ...drawRow(row, widths, aligns));
  lines.push(rule(widths, '└', '┴', '┘'));
  return lines.join('\n');
}
