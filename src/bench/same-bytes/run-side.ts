/**
 * Runs one build's CLI once and fingerprints what it printed: stdout is hashed as it streams (a bench capture's
 * output is tens of MB, and two runs at a time must not hold it), or written to a file when a difference is being
 * located. A run past its time limit is killed (by its own pid) and reported as such, never waited for.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';

export interface SideRun {
  /** Absolute path of the build's bin/outflow.js. */
  bin: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** When set, stdout is also written here (to find the first differing line). */
  stdoutFile?: string;
}

export interface SideResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Spawn failure (no such file, ...): the run has no output to compare. */
  error: string | null;
  stdoutSha256: string;
  stdoutBytes: number;
  /** stderr with run times masked (see normaliseStderr); its first STDERR_KEEP bytes. */
  stderr: string;
  seconds: number;
}

/** stderr beyond this is dropped: it is a summary and notes, never the output itself. */
const STDERR_KEEP = 256 * 1024;

/**
 * stderr with what differs between two runs of the same code masked: the closing summary's seconds and MB/s
 * ("... flows in 0.26 s (12 MB/s)") and --timings figures. Everything else on stderr (counts, skips, warnings)
 * is compared.
 */
export function normaliseStderr(text: string): string {
  return text
    .replace(/ in \d+(?:\.\d+)? s \(\d+(?:\.\d+)? MB\/s\)/g, ' in # s (# MB/s)')
    .replace(/(outflow: timings: .*)/g, (line) => line.replace(/\d+(?:\.\d+)? s/g, '# s'));
}

export function runSide(run: SideRun): Promise<SideResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    let stdoutBytes = 0;
    // Kept as bytes and decoded once: chunk borders differ between runs and may split a UTF-8 character.
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    let timedOut = false;
    let settled = false;
    let error: string | null = null;
    const file = run.stdoutFile === undefined ? null : createWriteStream(run.stdoutFile);
    const fileClosed = new Promise<void>((r) => {
      if (file === null) r();
      else file.on('close', () => r()).on('error', () => r());
    });
    const child = spawn(process.execPath, [run.bin, ...run.args], {
      cwd: run.cwd,
      env: run.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, run.timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      hash.update(d);
      stdoutBytes += d.length;
    });
    // pipe() keeps the child's pace to the disk's (backpressure) and ends the file with stdout.
    if (file !== null) child.stdout.pipe(file);
    child.stderr.on('data', (d: Buffer) => {
      if (stderrBytes < STDERR_KEEP) stderr.push(d);
      stderrBytes += d.length;
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const done = (): void =>
        resolve({
          exitCode: code,
          signal,
          timedOut,
          error,
          stdoutSha256: hash.digest('hex'),
          stdoutBytes,
          stderr: normaliseStderr(Buffer.concat(stderr).subarray(0, STDERR_KEEP).toString('utf8')),
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        });
      void fileClosed.then(done);
    };
    child.on('error', (e) => {
      error = e.message;
      // A process that never started sends no 'close'.
      if (child.pid === undefined) finish(null, null);
    });
    child.on('close', finish);
  });
}

/** sha256 of a file, streamed. Null when the file is missing (the command did not write it). */
export function hashFile(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('error', () => resolve(null))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
