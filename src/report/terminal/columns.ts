/**
 * Column layout of the terminal table. Every width keeps every fact, Category and Personal data included (they
 * are what makes the table a personal-data audit): a narrower terminal stacks facts into fewer columns instead
 * of dropping any. From wide to narrow: nine columns; flows under the bytes; the transfer under the country;
 * the risk above the destination; then four columns, bytes and flows under the destination and the recipient
 * and host under the country. Widths are cli-table3 widths (content + 1 space padding each side); the table
 * adds one border per column + 1.
 */

/** One fact of a destination group; a column shows one or more, one above the other. */
export type PartId =
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
  parts: readonly PartId[];
  head: string;
  /** Narrowest useful width: the longest common word ("Microsoft", "telemetry", "medium") still fits. */
  min: number;
  /** Width at which a typical cell takes two or three lines. */
  want: number;
  align: 'left' | 'right';
}

const col = (parts: PartId[], head: string, min: number, want: number, align: 'left' | 'right' = 'left') => ({
  parts,
  head,
  min,
  want,
  align,
});

const RISK = col(['risk'], 'Risk', 8, 8);
const NAME = col(['name'], 'Destination', 16, 26);
const COUNTRY = col(['country'], 'Country', 12, 18);
const OPERATOR = col(['operator'], 'Recipient / host (HQ)', 13, 24);
const TRANSFER = col(['transfer'], 'Transfer', 11, 15);
const CATEGORY = col(['category'], 'Category / vendor', 12, 22);
const PERSONAL = col(['personal'], 'Personal data', 12, 24);
const BYTES = col(['bytes'], 'Out / in', 11, 12, 'right');
const FLOWS = col(['flows'], 'Flows', 7, 7, 'right');
const BYTES_FLOWS = col(['bytes', 'flows'], 'Out / in, flows', 11, 12, 'right');
const COUNTRY_TRANSFER = col(['country', 'transfer'], 'Country / transfer', 12, 18);
const RISK_NAME = col(['risk', 'name'], 'Risk / destination', 16, 26);

/** The layouts, widest first; the renderer takes the first that fits comfortably. */
export const LAYOUTS: readonly (readonly ColumnSpec[])[] = [
  [RISK, NAME, COUNTRY, OPERATOR, TRANSFER, CATEGORY, PERSONAL, BYTES, FLOWS],
  [RISK, NAME, COUNTRY, OPERATOR, TRANSFER, CATEGORY, PERSONAL, BYTES_FLOWS],
  [RISK, NAME, COUNTRY_TRANSFER, OPERATOR, CATEGORY, PERSONAL, BYTES_FLOWS],
  [RISK_NAME, COUNTRY_TRANSFER, OPERATOR, CATEGORY, PERSONAL, BYTES_FLOWS],
  [
    col(['risk', 'name', 'bytes', 'flows'], 'Risk / destination', 14, 26),
    col(['country', 'transfer', 'operator'], 'Country / recipient', 15, 26),
    col(['category'], 'Category / vendor', 12, 20),
    col(['personal'], 'Personal data', 14, 24),
  ],
];

/**
 * Room each column of a layout should have beyond its minimum before that layout is chosen over a more
 * compact one: at the bare minimum, nine narrow columns wrap every cell into a tower (issue #21 found 120
 * columns cramped that way).
 */
const SLACK = 5;
/** Parts whose columns grow past their wanted width when there is room, by up to ROOM cells. */
const ROOMY: readonly PartId[] = ['name', 'operator', 'category', 'personal'];
const ROOM = 12;
/** No column is made narrower than this when even the most compact layout does not fit. */
const FLOOR = 5;

export interface Layout {
  columns: readonly ColumnSpec[];
  widths: number[];
}

const frame = (n: number): number => n + 1;
const sum = (ns: number[]): number => ns.reduce((a, b) => a + b, 0);

function chooseLayout(total: number): readonly ColumnSpec[] {
  const need = (cols: readonly ColumnSpec[], slack: number): number =>
    sum(cols.map((c) => c.min + slack)) + frame(cols.length);
  const last = LAYOUTS[LAYOUTS.length - 1] ?? [];
  return LAYOUTS.find((cols) => need(cols, SLACK) <= total) ?? LAYOUTS.find((cols) => need(cols, 0) <= total) ?? last;
}

/**
 * The layout for a terminal `total` columns wide: columns grow from their minimum towards the width they want,
 * every column a little before any a lot, then the columns of long texts grow further. Below the most compact
 * layout's minimum, the widest columns shrink (to FLOOR at most) so the table still fits.
 */
export function fitColumns(total: number): Layout {
  const columns = chooseLayout(total);
  const widths = columns.map((c) => c.min);
  let spare = total - sum(widths) - frame(columns.length);
  while (spare < 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= FLOOR) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    spare++;
  }
  const grow = (target: (c: ColumnSpec) => number): void => {
    for (let grew = true; spare > 0 && grew; ) {
      grew = false;
      for (const [i, c] of columns.entries()) {
        if (spare > 0 && (widths[i] ?? 0) < target(c)) {
          widths[i] = (widths[i] ?? 0) + 1;
          spare--;
          grew = true;
        }
      }
    }
  };
  grow((c) => c.want);
  // On a wide terminal the long texts (names, personal data, recipients, categories) take fewer lines.
  grow((c) => (c.parts.some((p) => ROOMY.includes(p)) ? c.want + ROOM : 0));
  return { columns, widths };
}
