/**
 * Reading progress on a terminal: one stderr line — bytes read of the total when the size is known, rate, ETA —
 * redrawn at most every MIN_REDRAW_MS and erased at the end, so it never mixes with the output or the summary.
 * Off (counting only) when stderr is not a TTY, with --quiet, or when CI is set (CI logs keep every \r redraw).
 * The clock and the writer are injected so tests drive it without a terminal or real time.
 */

import type { InputProgress } from '../pipeline/read-inputs.js';
import { escapeTerminal } from '../report/escape.js';
import { formatBytes, formatDuration } from '../report/format.js';

/** About five redraws a second: smooth enough to read, cheap enough not to matter. */
export const MIN_REDRAW_MS = 200;
/** Carriage return + erase line (ECMA-48 §8.3.41 EL, parameter 0: to the end of the line). */
const ERASE = '\r\x1b[K';

export interface ProgressOptions {
  /** Draw the line; when false the object only counts bytes (for the closing summary). */
  enabled: boolean;
  write: (text: string) => void;
  /** Milliseconds, monotonic. */
  now: () => number;
  columns?: number;
}

export function progressWanted(
  stream: { isTTY?: boolean },
  quiet: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const ci = env.CI;
  return stream.isTTY === true && !quiet && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export class ReadProgress implements InputProgress {
  /** Bytes read over all inputs. */
  totalBytes = 0;
  private readonly started: number;
  private file = '';
  private size: number | null = null;
  private index = 0;
  private count = 0;
  private fileBytes = 0;
  private fileStarted = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.started = options.now();
  }

  begin(file: string, size: number | null, index: number, count: number): void {
    this.file = file;
    this.size = size;
    this.index = index;
    this.count = count;
    this.fileBytes = 0;
    this.fileStarted = this.options.now();
    this.lastDraw = Number.NEGATIVE_INFINITY;
    this.maybeDraw();
  }

  advance(bytes: number): void {
    this.fileBytes += bytes;
    this.totalBytes += bytes;
    this.maybeDraw();
  }

  /** Erases the line (if one is shown); call before anything else goes to stderr. */
  end(): void {
    if (this.drawn) this.options.write(ERASE);
    this.drawn = false;
  }

  /** Seconds since the object was made. */
  elapsedSeconds(): number {
    return (this.options.now() - this.started) / 1000;
  }

  /** The text of the line as it would be drawn now (without the erase prefix). */
  line(): string {
    const now = this.options.now();
    const seconds = (now - this.fileStarted) / 1000;
    const rate = seconds > 0 ? this.fileBytes / seconds : 0;
    const parts = [
      `outflow: reading ${this.count > 1 ? `[${this.index + 1}/${this.count}] ` : ''}${escapeTerminal(this.file)}`,
    ];
    if (this.size !== null && this.size > 0) {
      const share = Math.min(1, this.fileBytes / this.size);
      parts.push(`${formatBytes(this.fileBytes)} of ${formatBytes(this.size)} (${Math.floor(share * 100)}%)`);
    } else parts.push(formatBytes(this.fileBytes));
    if (rate > 0) parts.push(`${formatBytes(rate)}/s`);
    if (this.size !== null && rate > 0 && this.fileBytes < this.size) {
      parts.push(`ETA ${formatDuration(((this.size - this.fileBytes) / rate) * 1000)}`);
    }
    const text = parts.join('  ');
    const max = Math.max(20, (this.options.columns ?? 80) - 1);
    // Never wrap: a wrapped line cannot be erased with one \r.
    return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
  }

  private maybeDraw(): void {
    if (!this.options.enabled) return;
    const now = this.options.now();
    if (now - this.lastDraw < MIN_REDRAW_MS) return;
    this.lastDraw = now;
    this.options.write(`${ERASE}${this.line()}`);
    this.drawn = true;
  }
}

/** The progress for a command writing its status to `stream` (stderr). */
export function createReadProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  quiet: boolean,
): ReadProgress {
  return new ReadProgress({
    enabled: progressWanted(stream, quiet),
    write: (text) => void stream.write(text),
    now: () => performance.now(),
    // A pty may report 0 columns (script, some CI runners): treat as unknown.
    columns: stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80,
  });
}

/** "2 input(s), 1,234 packets, 56 flows, 3 skipped in 1.20 s (45 MB/s)": the closing line of a run. */
export function runLine(r: {
  inputs: number;
  packets: number;
  flows: number;
  skipped: number;
  bytes: number;
  seconds: number;
}): string {
  const rate = r.seconds > 0 ? (r.bytes / 1e6 / r.seconds).toFixed(0) : '-';
  return `${r.inputs} input(s), ${r.packets} packets, ${r.flows} flows, ${r.skipped} skipped in ${r.seconds.toFixed(2)} s (${rate} MB/s)`;
}
