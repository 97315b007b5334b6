/**
 * Where two outputs first differ, as a line number and the two lines: found by reading both files in step, a
 * chunk at a time, so outputs of any size are compared without holding them.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface FirstDifference {
  /** 1-based line of the first differing byte. */
  line: number;
  /** That line in each output (cut to an excerpt around the difference); null past the end of an output. */
  a: string | null;
  b: string | null;
}

/** Longest excerpt of a differing line that is printed. */
const EXCERPT = 240;
const CHUNK = 1 << 20;

/** The excerpt of a line shown around column `col`: long NDJSON lines are cut so the difference stays in view. */
export function excerpt(line: string, col: number): string {
  if (line.length <= EXCERPT) return line;
  const start = Math.max(0, Math.min(col - EXCERPT / 3, line.length - EXCERPT));
  const head = start > 0 ? '…' : '';
  const tail = start + EXCERPT < line.length ? '…' : '';
  return `${head}${line.slice(start, start + EXCERPT)}${tail}`;
}

/** First difference of two in-memory texts (stderr); null when equal. */
export function firstDifferenceOfTexts(a: string, b: string): FirstDifference | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const lineStart = a.lastIndexOf('\n', i - 1) + 1;
  const line = (a.slice(0, lineStart).match(/\n/g)?.length ?? 0) + 1;
  const lineOf = (t: string): string | null => {
    if (lineStart >= t.length) return null;
    const end = t.indexOf('\n', lineStart);
    return excerpt(t.slice(lineStart, end < 0 ? t.length : end), i - lineStart);
  };
  return { line, a: lineOf(a), b: lineOf(b) };
}

/** The line of `fd` that starts at byte `start` (up to its newline or a bounded read), as UTF-8. */
function readLineAt(fd: number, start: number): string | null {
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, start);
  if (n === 0) return null;
  const nl = buf.subarray(0, n).indexOf(0x0a);
  return buf.subarray(0, nl < 0 ? n : nl).toString('utf8');
}

/** First difference of two files; null when they are byte-identical. */
export function firstDifferenceOfFiles(pathA: string, pathB: string): FirstDifference | null {
  const fa = openSync(pathA, 'r');
  const fb = openSync(pathB, 'r');
  try {
    const ba = Buffer.alloc(CHUNK);
    const bb = Buffer.alloc(CHUNK);
    let pos = 0;
    let line = 1;
    let lineStart = 0;
    for (;;) {
      const na = readSync(fa, ba, 0, CHUNK, pos);
      const nb = readSync(fb, bb, 0, CHUNK, pos);
      const n = Math.min(na, nb);
      let i = 0;
      while (i < n && ba[i] === bb[i]) i++;
      // Count the lines of the equal part (up to the difference, or the whole chunk).
      for (let j = ba.indexOf(0x0a, 0); j >= 0 && j < i; j = ba.indexOf(0x0a, j + 1)) {
        line++;
        lineStart = pos + j + 1;
      }
      if (i < n || na !== nb) {
        const at = pos + i;
        const col = at - lineStart;
        const la = readLineAt(fa, lineStart);
        const lb = readLineAt(fb, lineStart);
        return { line, a: la === null ? null : excerpt(la, col), b: lb === null ? null : excerpt(lb, col) };
      }
      if (na === 0) return null;
      pos += n;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
