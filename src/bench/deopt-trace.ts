/**
 * Deoptimisations of a run, from V8's --trace-deopt-verbose (issue #18: `npm run bench` shows them next to the
 * timings, so a change that makes the hot path bail out shows). Node 20 prints, per deoptimisation:
 *
 *   [bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x… <JSFunction account (sfi = 0x…)>, …
 *               ;;; deoptimize at <file:///…/dist/flows/flow-table.js:120:18> inlined at <file:///…:88:9>
 *     reading input frame account => … (the frame, many lines)
 *   [bailout end. took 0.4 ms]
 *
 * One "[bailout (kind:" per deoptimisation is counted (not its sub-lines, nor "[bailout end", nor the
 * "[marking dependent code …" notes, which V8 prints from another thread, sometimes into the middle of a line —
 * so the text is scanned for tokens, not split into lines). Lazy deoptimisations carry no position: they are
 * placed by their function's name, where an eager one of the same function gave its file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders of src/ (dist/) that make up the hot path of `outflow flows`. */
export const HOT_DIRS = ['flows', 'decode', 'ingest'] as const;

export interface DeoptSummary {
  total: number;
  /** Deoptimisations whose code lies in HOT_DIRS (any frame of the position, inlined ones too). */
  hot: number;
  /** Count per kind: deopt-eager, deopt-lazy, deopt-soft. */
  byKind: Record<string, number>;
  /** Count per file (the optimised function's file; "(unplaced) NAME" when unknown), most first. */
  byFile: [string, number][];
}

interface Deopt {
  kind: string;
  fn: string;
  /** Script URLs of the position, innermost first (empty when V8 printed none). */
  urls: string[];
}

const TOKEN =
  /\[bailout \(kind: ([\w-]+)(?:[^\n[]*?deoptimizing 0x[0-9a-f]+ <JSFunction ([^\s(>]*))?|;;; deoptimize at ((?:<[^>\n]+>(?: inlined at )?)+)/g;

/** `file:///x/dist/flows/flow-table.js:120:18` → `file:///x/dist/flows/flow-table.js` */
function scriptOf(position: string): string {
  return position.replace(/:\d+:\d+$/, '');
}

/** A script URL shortened for printing: the path under dist/ or src/, or the node: builtin. */
export function shortScript(url: string): string {
  const m = /\/(?:dist|src)\/(.+)$/.exec(url);
  return m?.[1] ?? url.replace(/^file:\/\//, '');
}

export function isHotScript(url: string): boolean {
  return HOT_DIRS.some((d) => url.includes(`/dist/${d}/`) || url.includes(`/src/${d}/`));
}

export function parseDeopts(trace: string): Deopt[] {
  const deopts: Deopt[] = [];
  for (const m of trace.matchAll(TOKEN)) {
    if (m[1] !== undefined) deopts.push({ kind: m[1], fn: m[2] ?? '', urls: [] });
    else if (m[3] !== undefined) {
      const last = deopts[deopts.length - 1];
      // A position belongs to the bailout just before it; one already placed keeps its first.
      if (last !== undefined && last.urls.length === 0)
        last.urls = [...m[3].matchAll(/<([^>]+)>/g)].map((p) => scriptOf(p[1] ?? ''));
    }
  }
  return deopts;
}

export function summariseDeopts(trace: string): DeoptSummary {
  const deopts = parseDeopts(trace);
  // The outermost frame of a position is the optimised function itself: its file, by name, places lazy ones.
  const fileOfFn = new Map<string, string>();
  for (const d of deopts) {
    const outer = d.urls[d.urls.length - 1];
    if (outer !== undefined && d.fn !== '') fileOfFn.set(d.fn, outer);
  }
  const byKind: Record<string, number> = {};
  const byFile = new Map<string, number>();
  let hot = 0;
  for (const d of deopts) {
    byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
    const known = fileOfFn.get(d.fn);
    const urls = d.urls.length > 0 ? d.urls : known === undefined ? [] : [known];
    if (urls.some(isHotScript)) hot++;
    const outer = urls[urls.length - 1];
    const key = outer === undefined ? `(unplaced) ${d.fn || '(anonymous)'}` : shortScript(outer);
    byFile.set(key, (byFile.get(key) ?? 0) + 1);
  }
  return { total: deopts.length, hot, byKind, byFile: [...byFile].sort((a, b) => b[1] - a[1]) };
}

/** The bench's line: `deopts: N (of which in flows/ decode/ ingest/: M)` and where the most were. */
export function deoptLine(s: DeoptSummary, top = 4): string {
  const where = s.byFile
    .slice(0, top)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
  const kinds = Object.entries(s.byKind)
    .map(([k, n]) => `${k.replace(/^deopt-/, '')} ${n}`)
    .join(', ');
  return `deopts: ${s.total} (of which in ${HOT_DIRS.map((d) => `${d}/`).join(' ')}: ${s.hot})${s.total > 0 ? `; ${kinds}; most in ${where}` : ''}`;
}

/**
 * Runs `node --trace-deopt-verbose SCRIPT ARGS` once, stdout to a pipe (drained, as the timed runs do). V8's trace
 * goes to a file of its own (--redirect-code-traces-to) so it cannot mix with the program's output.
 */
export async function traceDeopts(
  script: string,
  args: readonly string[],
): Promise<{ summary: DeoptSummary; exitCode: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-deopt-'));
  const file = join(dir, 'trace.txt');
  try {
    const child = spawn(
      process.execPath,
      ['--trace-deopt-verbose', '--redirect-code-traces', `--redirect-code-traces-to=${file}`, script, ...args],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    child.stdout.resume();
    const exitCode = await new Promise<number | null>((resolve) => {
      child.on('close', (code) => resolve(code));
      child.on('error', () => resolve(null));
    });
    let trace = '';
    try {
      trace = readFileSync(file, 'latin1');
    } catch {
      // No file: V8 printed nothing (no deoptimisation at all).
    }
    return { summary: summariseDeopts(trace), exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
