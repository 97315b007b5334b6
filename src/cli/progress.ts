/**
 * Reading progress on a terminal: one stderr line — bytes read of the total when the size is known, rate, ETA —
 * redrawn at most every MIN_REDRAW_MS and erased at the end, so it never mixes with the output or the summary.
 * Off (counting only) when stderr is not a TTY, with --quiet, or when CI is set (CI logs keep every \r redraw).
 * The clock and the writer are injected so tests drive it without a terminal or real time.
 */

import type { UnreadableInputError } from '../core/errors.js';
import { onInterrupt } from '../core/interrupt.js';
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
  /** Error lines (an input skipped), written whatever `enabled` says: stderr. */
  warn?: (text: string) => void;
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
  /** Lines read from log inputs; null when no log was read. */
  totalLines: number | null = null;
  /** Inputs skipped because they could not be opened: the run ends with code 2. */
  readonly skippedInputs: string[] = [];
  private readonly started: number;
  private file = '';
  private size: number | null = null;
  private index = 0;
  private count = 0;
  private fileBytes = 0;
  private fileStarted = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  /** Unregisters the erase a signal runs while the line is shown (core/interrupt.ts); null when none is. */
  private forget: (() => void) | null = null;

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

  lines(lines: number): void {
    this.totalLines = (this.totalLines ?? 0) + lines;
  }

  /** Says at once which input is skipped and why, on a line of its own (the progress line goes on below it). */
  unreadable(error: UnreadableInputError): void {
    this.skippedInputs.push(error.file ?? '');
    this.end();
    this.options.warn?.(`outflow: ${escapeTerminal(error.message)} (skipped)\n`);
  }

  /** Erases the line (if one is shown); call before anything else goes to stderr. */
  end(): void {
    if (this.drawn) this.options.write(ERASE);
    this.drawn = false;
    this.forget?.();
    this.forget = null;
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
    // Ctrl-C must not leave a half line for the shell prompt to be drawn after.
    this.forget ??= onInterrupt(() => this.end());
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
    warn: (text) => void stream.write(text),
    now: () => performance.now(),
    // A pty may report 0 columns (script, some CI runners): treat as unknown.
    columns: stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80,
  });
}

/**
 * "2 input(s), 1234 packets, 3000 lines, 12.3 MB, 56 flows, 3 skipped in 1.20 s (10.3 MB/s)": the closing line
 * of a run. Packets are said when a capture was read, lines when a log was (null: none was), both for mixed
 * inputs; the bytes are the decompressed bytes read, and the rate is theirs over the whole run.
 */
export function runLine(r: {
  inputs: number;
  packets: number | null;
  lines: number | null;
  flows: number;
  /** Omitted by a caller that lists what it skipped on lines of its own. */
  skipped?: number;
  bytes: number;
  seconds: number;
}): string {
  const mb = r.bytes / 1e6;
  const rate = r.seconds > 0 ? `${megabytes(mb / r.seconds)} MB/s` : '- MB/s';
  const read = [
    `${r.inputs} input(s)`,
    ...(r.packets !== null ? [`${r.packets} packets`] : []),
    ...(r.lines !== null ? [`${r.lines} lines`] : []),
    `${megabytes(mb)} MB`,
    `${r.flows} flows`,
    ...(r.skipped !== undefined ? [`${r.skipped} skipped`] : []),
  ];
  return `${read.join(', ')} in ${r.seconds.toFixed(2)} s (${rate})`;
}

/** Three significant digits or so: a small log must not read as "0 MB/s". */
function megabytes(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
