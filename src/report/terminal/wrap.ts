/**
 * Display width and line wrapping for terminal cells. The table is drawn by cli-table3, which cuts any line
 * longer than its column with "…"; every cell is wrapped here first, so nothing is cut: words move to the next
 * line, and a word longer than the column (a host name, "windows-profile-path") breaks after a dot, slash,
 * comma or underscore, then after a hyphen, and only when it has none of those, at the column edge.
 */
import { stripVTControlCharacters } from 'node:util';

/**
 * Terminal cells of one code point as cli-table3 counts them (string-width 4, is-fullwidth-code-point): 0 for
 * control characters and combining diacritics, 2 for East Asian wide and fullwidth characters and emoji, else
 * 1. Counting as cli-table3 does means a wrapped line is never one it cuts with "…".
 */
function codePointCells(cp: number, ch: string): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp <= 0x36f)) return 0;
  if (cp < 0x1100) return 1;
  const wide =
    cp <= 0x115f ||
    cp === 0x2329 ||
    cp === 0x232a ||
    (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
    (cp >= 0x3250 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0xa4c6) ||
    (cp >= 0xa960 && cp <= 0xa97c) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6b) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1b000 && cp <= 0x1b001) ||
    (cp >= 0x1f200 && cp <= 0x1f251) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    /\p{Emoji_Presentation}/u.test(ch);
  return wide ? 2 : 1;
}

/** Columns a string takes on a terminal, colour codes not counted. */
export function displayWidth(text: string): number {
  // Printable ASCII (nearly every cell): one cell a character, and no escape to strip.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let n = 0;
  for (const ch of stripVTControlCharacters(text)) n += codePointCells(ch.codePointAt(0) ?? 0, ch);
  return n;
}

/** Cuts `text` into pieces of at most `width` cells (at least one code point each, so it always ends). */
function hardCut(text: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of text) {
    const w = codePointCells(ch.codePointAt(0) ?? 0, ch);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** One line of plain text (no colour codes) as lines of at most `width` cells. */
function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const lines: string[] = [];
  let current = '';
  const put = (piece: string, space: boolean): void => {
    const joined = current === '' ? piece : `${current}${space ? ' ' : ''}${piece}`;
    if (displayWidth(joined) <= width) {
      current = joined;
      return;
    }
    if (current !== '') lines.push(current);
    const cut = hardCut(piece, width);
    current = cut.pop() ?? '';
    lines.push(...cut);
  };
  for (const word of line.split(' ').filter((w) => w !== '')) {
    const spaced = current !== '';
    if (displayWidth(word) <= width) {
      put(word, spaced);
      continue;
    }
    // A word wider than the column: its pieces after . / , _ fill lines like words, without spaces; a piece
    // still too wide breaks after its hyphens ("telemetry." over "pdfsuite-update.com", not "pdfsuite-").
    const pieces = word
      .split(/(?<=[./,_])/)
      .flatMap((piece) => (displayWidth(piece) <= width ? [piece] : piece.split(/(?<=-)/)));
    pieces.forEach((piece, i) => {
      put(piece, i === 0 && spaced);
    });
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Text (lines separated by \n, no colour codes) wrapped to `width` cells per line. A no-break space (U+00A0)
 * keeps a number with its unit ("6.69 kB") and is written as a plain space.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((line) => wrapLine(line, w).map((l) => l.replaceAll('\u00a0', ' ')));
}
