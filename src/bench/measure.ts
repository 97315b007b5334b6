/**
 * Runs one command to completion and measures it as a user would: wall time and peak resident memory of the
 * whole process (VmHWM from /proc, polled while it runs — the high-water mark only grows, so the last reading
 * before exit is the peak).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface Measurement {
  command: string;
  seconds: number;
  peakRssMb: number | null;
  exitCode: number | null;
  stdoutBytes: number;
  stderrTail: string;
}

export async function measure(cmd: string, args: string[]): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdoutBytes = 0;
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdoutBytes += d.length;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-2000);
  });
  let peakKb: number | null = null;
  const poll = setInterval(() => {
    if (child.pid === undefined) return;
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((status) => {
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        if (m?.[1] !== undefined) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
      })
      .catch(() => {});
  }, 20);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(poll);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    command: [cmd, ...args].join(' '),
    seconds,
    peakRssMb: peakKb === null ? null : peakKb / 1024,
    exitCode,
    stdoutBytes,
    stderrTail: stderr,
  };
}
