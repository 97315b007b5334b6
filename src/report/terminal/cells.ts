/**
 * What a destination group shows in each part of the terminal table, as plain lines with a style, and a column's
 * parts wrapped to its width and painted. Every value from input goes through escapeTerminal before it is
 * wrapped, so an escape is never split from what it escapes into a raw control character.
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
} from '../format.js';
import type { DestinationGroup, Transfer } from '../model.js';
import type { ColumnSpec, PartId } from './columns.js';
import type { Paint } from './paint.js';
import { wrapText } from './wrap.js';

const SHORT_TRANSFER: Record<Transfer, string> = {
  none: 'local',
  eea: 'EEA',
  adequate: 'adequate',
  'adequate-if-certified': 'adequate if DPF',
  'third-country': 'third country',
  unknown: 'unknown',
};

type Style = 'plain' | 'dim' | 'risk';
interface Piece {
  text: string;
  style: Style;
}

const plain = (text: string): Piece => ({ text, style: 'plain' });
const dim = (text: string): Piece => ({ text, style: 'dim' });

/** A number and its unit never part at the end of a line. */
const keep = (text: string): string => text.replaceAll(' ', '\u00a0');

/**
 * `alone`: the part has a column of its own (a bare flow count), else it shares one (it says "flows");
 * `labelled`: it shares the destination's column, whose head does not say which bytes went out.
 */
function pieces(id: PartId, g: DestinationGroup, alone: boolean, labelled: boolean): Piece[] {
  switch (id) {
    case 'risk':
      return [{ text: g.risk, style: 'risk' }];
    case 'name': {
      const more = g.names.length - 1;
      // --baseline (src/compare/baseline.ts): only reports made with one carry the field.
      const mark = g.baseline === 'new' ? 'new: ' : '';
      const name = plain(`${mark}${t(g.names[0]?.name ?? g.ips[0] ?? g.id)}`);
      return more > 0 ? [name, dim(`+${more} more`)] : [name];
    }
    case 'country': {
      const label = g.scope === 'local' ? 'local network' : t(countryLabel(g.country));
      const marks = countryMarks(g).map((m) => (m === 'geo conflict' ? '⚠ geo conflict' : m));
      return [label, ...marks].map(plain);
    }
    case 'operator': {
      // The recipient (who receives the data) above its host (the network operator): never one for the other.
      if (g.scope !== 'public') return [plain('—')];
      // An unknown recipient is shown by its domain.
      const r = g.recipient;
      const who =
        r.name === null && r.domain !== null
          ? [plain(t(r.domain)), plain('(owner unknown)')]
          : [plain(t(recipientLabel(g)))];
      return [...who, dim(`host: ${t(operatorLabel(g))}`)];
    }
    case 'transfer':
      return [plain(SHORT_TRANSFER[g.transfer] ?? t(g.transfer))];
    case 'category':
      return [plain(t(categoryLabel(g)))];
    case 'personal':
      return [plain(t(personalDataLabel(g)))];
    case 'bytes': {
      const out = keep(formatBytes(g.out.bytes));
      const inb = keep(formatBytes(g.in.bytes));
      return [plain(labelled ? `out\u00a0${out}, in\u00a0${inb}` : `${out} / ${inb}`)];
    }
    case 'flows':
      return [plain(alone ? formatCount(g.flows) : keep(`${formatCount(g.flows)} flow${g.flows === 1 ? '' : 's'}`))];
  }
}

/** The cell of `column` for `g`: its parts one above the other, wrapped to `width` (cli-table3 width). */
export function cellText(column: ColumnSpec, g: DestinationGroup, width: number, paint: Paint): string {
  const room = width - 2;
  const alone = column.parts.length === 1;
  const labelled = column.parts.includes('name');
  const lines: string[] = [];
  for (const id of column.parts) {
    for (const piece of pieces(id, g, alone, labelled)) {
      for (const line of wrapText(piece.text, room)) {
        lines.push(piece.style === 'risk' ? paint.risk(g.risk, line) : piece.style === 'dim' ? paint.dim(line) : line);
      }
    }
  }
  return lines.join('\n');
}

/** A column head wrapped to its width and set in bold. */
export function headText(column: ColumnSpec, width: number, paint: Paint): string {
  return wrapText(column.head, width - 2)
    .map((line) => paint.bold(line))
    .join('\n');
}
