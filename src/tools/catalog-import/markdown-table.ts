/**
 * Pipe tables out of a Markdown page (GitHub-flavoured: a header row, a `---|---` delimiter row, body rows; outer
 * pipes optional), each body row with the nearest heading above it. Enough for the Microsoft Docs endpoint pages;
 * no Markdown library is needed for that. Pipes inside backticks or escaped as `\|` do not split a cell.
 */

export interface MarkdownTableRow {
  /** The nearest `#`..`######` heading above the table ('' when none). */
  heading: string;
  /** The table's header cells, trimmed. */
  header: string[];
  /** The row's cells, trimmed; as many as the header (missing cells are ''). */
  cells: string[];
  /** 1-based line number in the page. */
  line: number;
}

export interface MarkdownTables {
  rows: MarkdownTableRow[];
  /** Body rows with more cells than the header (extra cells dropped). */
  ragged: number;
}

const MAX_LINES = 200_000;
const MAX_LINE_CHARS = 100_000;
const DELIMITER_CELL = /^:?-+:?$/;

/** Splits one table line into trimmed cells. */
export function splitTableRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      cell += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

function isDelimiterRow(line: string): boolean {
  if (!line.includes('-') || !line.includes('|')) return false;
  const cells = splitTableRow(line);
  return cells.length > 0 && cells.every((c) => DELIMITER_CELL.test(c));
}

export function parseMarkdownTables(text: string): MarkdownTables {
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  const out: MarkdownTables = { rows: [], ragged: 0 };
  let heading = '';
  let header: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').slice(0, MAX_LINE_CHARS);
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h !== null) {
      heading = h[1] ?? '';
      header = null;
      continue;
    }
    if (!line.includes('|')) {
      header = null;
      continue;
    }
    const next = lines[i + 1];
    if (header === null) {
      if (next !== undefined && isDelimiterRow(next.slice(0, MAX_LINE_CHARS))) {
        header = splitTableRow(line);
        i++;
      }
      continue;
    }
    const cells = splitTableRow(line);
    if (cells.length > header.length) out.ragged++;
    const fitted = header.map((_, k) => cells[k] ?? '');
    out.rows.push({ heading, header, cells: fitted, line: i + 1 });
  }
  return out;
}
