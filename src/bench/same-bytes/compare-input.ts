/**
 * One input through every command on both builds, one run at a time (baseline first): exit code, stdout, stderr
 * (run times masked) and written files compared by hash. A difference is located by running that command again on
 * both builds into files; if the rerun is identical the first difference was not reproducible, which says so.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec } from './commands.js';
import { type FirstDifference, firstDifferenceOfFiles, firstDifferenceOfTexts } from './first-diff.js';
import { hashFile, runSide, type SideResult } from './run-side.js';

export interface Sides {
  /** bin/outflow.js of the baseline checkout. */
  baseline: string;
  /** bin/outflow.js of the build under test. */
  current: string;
}

export interface CompareContext {
  sides: Sides;
  env: NodeJS.ProcessEnv;
  /** An empty folder both builds run in (no outflow.config.* is picked up from the caller's directory). */
  cwd: string;
  /** A folder of its own for this input's files (removed afterwards). */
  scratch: string;
  timeoutMs: number;
  compareStderr: boolean;
}

export type Status = 'OK' | 'DIFF' | 'FAIL';

export interface CommandOutcome {
  label: string;
  status: Status;
  /** What differs or failed, one entry per finding; empty when OK. */
  findings: string[];
  seconds: { baseline: number; current: number };
}

function describeDifference(what: string, d: FirstDifference | null): string {
  if (d === null) return `${what}: differs (not reproduced on a second run: nondeterministic output?)`;
  const show = (s: string | null): string => (s === null ? '(end of output)' : JSON.stringify(s));
  return `${what}: first difference at line ${d.line}\n      baseline: ${show(d.a)}\n      current:  ${show(d.b)}`;
}

function failure(name: string, r: SideResult, timeoutMs: number): string | null {
  if (r.timedOut) return `${name} timed out after ${(timeoutMs / 1000).toFixed(0)} s`;
  if (r.error !== null) return `${name} did not run: ${r.error}`;
  if (r.signal !== null) return `${name} killed by ${r.signal}`;
  return null;
}

async function hashOutputs(dir: string, files: readonly string[]): Promise<(string | null)[]> {
  return Promise.all(files.map((f) => hashFile(join(dir, f))));
}

async function compareCommand(cmd: CommandSpec, ctx: CompareContext): Promise<CommandOutcome> {
  const dirA = join(ctx.scratch, 'baseline');
  const dirB = join(ctx.scratch, 'current');
  for (const d of [dirA, dirB]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  const run = (bin: string, outDir: string, stdoutFile?: string): Promise<SideResult> =>
    runSide({
      bin,
      args: cmd.args(outDir),
      cwd: ctx.cwd,
      env: ctx.env,
      timeoutMs: ctx.timeoutMs,
      ...(stdoutFile === undefined ? {} : { stdoutFile }),
    });
  const a = await run(ctx.sides.baseline, dirA);
  const b = await run(ctx.sides.current, dirB);
  const seconds = { baseline: a.seconds, current: b.seconds };
  const failed = [failure('baseline', a, ctx.timeoutMs), failure('current', b, ctx.timeoutMs)].filter(
    (f): f is string => f !== null,
  );
  if (failed.length > 0) return { label: cmd.label, status: 'FAIL', findings: failed, seconds };

  const findings: string[] = [];
  if (a.exitCode !== b.exitCode) findings.push(`exit code: baseline ${a.exitCode}, current ${b.exitCode}`);
  if (a.stdoutSha256 !== b.stdoutSha256) {
    const fa = join(ctx.scratch, 'baseline.stdout');
    const fb = join(ctx.scratch, 'current.stdout');
    await run(ctx.sides.baseline, dirA, fa);
    await run(ctx.sides.current, dirB, fb);
    const sizes = `stdout (${a.stdoutBytes} vs ${b.stdoutBytes} bytes)`;
    findings.push(describeDifference(sizes, firstDifferenceOfFiles(fa, fb)));
  }
  // Each side writes its files into its own folder, and says so on stderr: the folder is masked.
  const errA = a.stderr.split(dirA).join('<out>');
  const errB = b.stderr.split(dirB).join('<out>');
  if (ctx.compareStderr && errA !== errB) {
    findings.push(describeDifference('stderr', firstDifferenceOfTexts(errA, errB)));
  }
  const [ha, hb] = [await hashOutputs(dirA, cmd.outputs), await hashOutputs(dirB, cmd.outputs)];
  cmd.outputs.forEach((file, i) => {
    const x = ha[i] ?? null;
    const y = hb[i] ?? null;
    if (x === y && x !== null) return;
    if (x === null || y === null) {
      findings.push(`${file}: ${x === null ? 'baseline' : 'current'} did not write it`);
      return;
    }
    findings.push(describeDifference(file, firstDifferenceOfFiles(join(dirA, file), join(dirB, file))));
  });
  return { label: cmd.label, status: findings.length === 0 ? 'OK' : 'DIFF', findings, seconds };
}

export async function compareInput(commands: readonly CommandSpec[], ctx: CompareContext): Promise<CommandOutcome[]> {
  mkdirSync(ctx.scratch, { recursive: true });
  try {
    const out: CommandOutcome[] = [];
    for (const cmd of commands) out.push(await compareCommand(cmd, ctx));
    return out;
  } finally {
    rmSync(ctx.scratch, { recursive: true, force: true });
  }
}
