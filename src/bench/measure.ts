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

/**
 * The command run `runs` times: the fastest wall time (a busy host only ever slows a run down, so the minimum is
 * the least disturbed figure, as hyperfine's min) with the highest peak RSS seen (memory is judged
 * conservatively). A failed run is returned as it is.
 */
export async function measureBest(cmd: string, args: string[], runs: number): Promise<Measurement> {
  let best = await measure(cmd, args);
  let peak = best.peakRssMb;
  for (let i = 1; i < runs && best.exitCode === 0; i++) {
    const m = await measure(cmd, args);
    if (m.exitCode !== 0) return m;
    if (m.peakRssMb !== null) peak = Math.max(peak ?? 0, m.peakRssMb);
    if (m.seconds < best.seconds) best = m;
  }
  return { ...best, peakRssMb: peak };
}
