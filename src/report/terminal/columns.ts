/**
 * Column layout of the terminal table: which columns survive on a narrow terminal and how wide each one is.
 * Widths are cli-table3 widths (content + 1 space padding each side); the table adds one border per column + 1.
 */

export type ColumnId =
  | 'risk'
  | 'name'
  | 'country'
  | 'operator'
  | 'transfer'
  | 'category'
  | 'personal'
  | 'bytes'
  | 'flows';

export interface ColumnSpec {
  id: ColumnId;
  head: string;
  min: number;
  ideal: number;
  /** 0 = never dropped; higher numbers are dropped first when the terminal is narrow. */
  drop: number;
  align: 'left' | 'right';
}

/** In display order. */
export const COLUMN_SPECS: readonly ColumnSpec[] = [
  { id: 'risk', head: 'Risk', min: 8, ideal: 8, drop: 0, align: 'left' },
  { id: 'name', head: 'Destination', min: 18, ideal: 34, drop: 0, align: 'left' },
  { id: 'country', head: 'Country', min: 12, ideal: 22, drop: 2, align: 'left' },
  { id: 'operator', head: 'Recipient / host (HQ)', min: 12, ideal: 28, drop: 3, align: 'left' },
  { id: 'transfer', head: 'Transfer', min: 11, ideal: 17, drop: 1, align: 'left' },
  { id: 'category', head: 'Category / vendor', min: 11, ideal: 22, drop: 5, align: 'left' },
  { id: 'personal', head: 'Personal data', min: 11, ideal: 22, drop: 4, align: 'left' },
  { id: 'bytes', head: 'Out / in', min: 12, ideal: 12, drop: 0, align: 'right' },
  { id: 'flows', head: 'Flows', min: 7, ideal: 7, drop: 6, align: 'right' },
];

export interface Layout {
  columns: ColumnSpec[];
  widths: number[];
}

/**
 * Drops the least important columns until the minimum widths fit in `total` terminal columns, then grows
 * columns towards their ideal width in order of importance; what is left goes to the destination name.
 */
export function fitColumns(total: number, specs: readonly ColumnSpec[] = COLUMN_SPECS): Layout {
  const kept = [...specs];
  const frame = (n: number): number => n + 1;
  const sumMin = (cols: ColumnSpec[]): number => cols.reduce((n, c) => n + c.min, 0) + frame(cols.length);
  while (sumMin(kept) > total) {
    let worst = -1;
    for (let i = 0; i < kept.length; i++) {
      const c = kept[i];
      if (c !== undefined && c.drop > 0 && (worst < 0 || c.drop > (kept[worst]?.drop ?? 0))) worst = i;
    }
    if (worst < 0) break;
    kept.splice(worst, 1);
  }
  const widths = kept.map((c) => c.min);
  let spare = Math.max(0, total - sumMin(kept));
  // Round-robin, most important first: every column grows a little before any grows a lot.
  const order = kept.map((c, i) => ({ c, i })).sort((a, b) => a.c.drop - b.c.drop);
  for (let grew = true; spare > 0 && grew; ) {
    grew = false;
    for (const { c, i } of order) {
      if (spare > 0 && (widths[i] ?? 0) < c.ideal) {
        widths[i] = (widths[i] ?? 0) + 1;
        spare--;
        grew = true;
      }
    }
  }
  const nameIndex = kept.findIndex((c) => c.id === 'name');
  if (nameIndex >= 0 && spare > 0) widths[nameIndex] = (widths[nameIndex] ?? 0) + Math.min(spare, 30);
  return { columns: kept, widths };
}

/** Breaks a host name after dots so each line fits `width`; a label longer than the width is cut hard. */
export function wrapHostName(name: string, width: number): string {
  if (width < 4 || name.length <= width) return name;
  const lines: string[] = [];
  let line = '';
  for (const part of name.split(/(?<=\.)/)) {
    let rest = part;
    while (rest.length > 0) {
      const room = width - line.length;
      if (rest.length <= room) {
        line += rest;
        rest = '';
      } else if (line.length > 0) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.join('\n');
}
